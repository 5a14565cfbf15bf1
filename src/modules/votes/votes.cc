// Votes, their candidates and ballots.
#include "modules/votes/votes.h"

#include <map>

#include "core/utf8.h"
#include "modules/votes/votes_errors.h"

namespace weishang::votes {
namespace {

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

bool Url(const std::string& u) {
  return !u.empty() && u.size() <= kMaxUrlBytes && u.find('\n') == std::string::npos &&
         (u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0 || u.rfind("/", 0) == 0);
}

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size() && !s.empty()) {
    std::size_t nl = s.find('\n', at);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

Result<void> Check(const VoteInput& in, Timestamp now) {
  std::size_t title = CountUtf8Chars(in.title);
  if (title == 0 || title > kMaxTitleChars) return Fail(Bad("the title is 1 to 60 characters"));
  if (CountUtf8Chars(in.description) > kMaxDescriptionChars) {
    return Fail(Bad("the description is up to 500 characters"));
  }
  if (in.ends_at && *in.ends_at <= now) return Fail(Bad("ends_at is in the future"));
  if (in.candidates.size() < kMinCandidates || in.candidates.size() > kMaxCandidates) {
    return Fail(Bad("a vote has 2 to 20 candidates"));
  }
  for (const auto& c : in.candidates) {
    std::size_t t = CountUtf8Chars(c.title);
    if (t == 0 || t > kMaxTitleChars) return Fail(Bad("a candidate's title is 1 to 60 characters"));
    if (CountUtf8Chars(c.description) > kMaxDescriptionChars) {
      return Fail(Bad("a candidate's description is up to 500 characters"));
    }
    if (c.image_urls.empty() || c.image_urls.size() > kMaxImages) {
      return Fail(Bad("a candidate has 1 to 5 pictures"));
    }
    for (const auto& u : c.image_urls) {
      if (!Url(u)) return Fail(Bad("a picture is an http(s) address of up to 500 bytes"));
    }
  }
  return {};
}

Vote FromRow(const storage::Row& r, MerchantId merchant) {
  Vote v;
  v.id = r.IdAt(0);
  v.merchant_id = merchant;
  v.title = r.Str(1);
  v.description = r.Str(2);
  v.ends_at = r.OptInt(3);
  v.status = FromText(kStatusText, r.Str(4)).value_or(Status::kClosed);
  v.created_at = r.Int(5);
  return v;
}

}  // namespace

Result<Vote> VoteService::Create(Tx& tx, MerchantId merchant, const VoteInput& in) {
  Timestamp now = clock_.Now();
  if (auto ok = Check(in, now); !ok) return Fail(ok.error());
  Vote v;
  v.id = ids_.Next<VoteId>();
  v.merchant_id = merchant;
  v.title = in.title;
  v.description = in.description;
  v.ends_at = in.ends_at;
  v.created_at = now;
  auto ok = tx.Exec(
      "INSERT INTO votes_vote (id, merchant_id, title, description, ends_at, status, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
      {v.id, merchant, v.title, v.description, v.ends_at, now, now});
  if (!ok) return Fail(ok.error());
  int position = 0;
  for (const auto& c : in.candidates) {
    Candidate out;
    out.id = ids_.Next<VoteCandidateId>();
    out.vote_id = v.id;
    out.position = ++position;
    out.title = c.title;
    out.description = c.description;
    out.image_urls = c.image_urls;
    auto row = tx.Exec(
        "INSERT INTO votes_candidate (id, merchant_id, vote_id, position, title, description,"
        " image_urls, votes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        {out.id, merchant, v.id, out.position, out.title, out.description,
         JoinLines(out.image_urls), now});
    if (!row) return Fail(row.error());
    v.candidates.push_back(std::move(out));
  }
  return v;
}

Result<void> VoteService::LoadCandidates(Tx& tx, MerchantId merchant, std::vector<Vote>& votes) {
  if (votes.empty()) return {};
  std::map<Id, Vote*> by_id;
  std::string in;
  std::vector<storage::Param> params{merchant};
  for (auto& v : votes) {
    by_id[v.id.value()] = &v;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(v.id);
  }
  auto rows = tx.Query(
      "SELECT id, vote_id, position, title, description, image_urls, votes, product_id,"
      " presale_id FROM votes_candidate WHERE merchant_id = ? AND vote_id IN (" +
          in + ") ORDER BY vote_id, position",
      storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    Candidate c;
    c.id = r.IdAt(0);
    c.vote_id = r.IdAt(1);
    c.position = static_cast<int>(r.Int(2));
    c.title = r.Str(3);
    c.description = r.Str(4);
    c.image_urls = SplitLines(r.Str(5));
    c.votes = r.Int(6);
    if (auto p = r.OptInt(7)) c.product_id = ProductId(*p);
    if (auto p = r.OptInt(8)) c.presale_id = PresaleId(*p);
    by_id[r.Int(1)]->candidates.push_back(std::move(c));
  }
  return {};
}

Result<std::vector<Vote>> VoteService::Select(Tx& tx, MerchantId merchant, const std::string& where,
                                              std::vector<storage::Param> params) {
  auto rows = tx.Query(
      "SELECT id, title, description, ends_at, status, created_at FROM votes_vote WHERE " + where,
      storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Vote> out;
  for (const auto& r : *rows) out.push_back(FromRow(r, merchant));
  if (auto ok = LoadCandidates(tx, merchant, out); !ok) return Fail(ok.error());
  return out;
}

Result<Vote> VoteService::Get(Tx& tx, MerchantId merchant, VoteId id) {
  auto list = Select(tx, merchant, "id = ? AND merchant_id = ?", {id, merchant});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kNotFound, "no such vote"));
  return std::move(list->front());
}

Result<std::vector<Vote>> VoteService::List(Tx& tx, MerchantId merchant, VoteId after, int limit) {
  std::string where = "merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (after.valid()) {
    where += " AND id < ?";
    params.emplace_back(after);
  }
  where += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(limit);
  return Select(tx, merchant, where, std::move(params));
}

Result<Vote> VoteService::Close(Tx& tx, MerchantId merchant, VoteId id) {
  auto v = Get(tx, merchant, id);
  if (!v) return v;
  if (v->status == Status::kClosed) return v;
  auto ok = tx.Exec(
      "UPDATE votes_vote SET status = 'closed', updated_at = ? WHERE id = ? AND merchant_id = ?",
      {clock_.Now(), id, merchant});
  if (!ok) return Fail(ok.error());
  v->status = Status::kClosed;
  return v;
}

Result<bool> VoteService::Cast(Tx& tx, const Vote& v, VoteCandidateId candidate,
                               CustomerId customer) {
  if (v.Find(candidate) == nullptr) {
    return Fail(NotFound(errors::kCandidateNotFound, "no such candidate in this vote"));
  }
  Timestamp now = clock_.Now();
  if (!v.Taking(now)) return Fail(Conflict(errors::kClosed, "this vote is closed"));
  auto added = tx.Exec(
      "INSERT INTO votes_ballot (merchant_id, vote_id, candidate_id, customer_id, created_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (candidate_id, customer_id) DO NOTHING",
      {v.merchant_id, v.id, candidate, customer, now});
  if (!added) return Fail(added.error());
  if (*added == 0) return false;
  auto counted =
      tx.Exec("UPDATE votes_candidate SET votes = votes + 1 WHERE id = ? AND merchant_id = ?",
              {candidate, v.merchant_id});
  if (!counted) return Fail(counted.error());
  return true;
}

Result<std::vector<VoteCandidateId>> VoteService::BallotsOf(Tx& tx, MerchantId merchant,
                                                            VoteId vote, CustomerId customer) {
  auto rows = tx.Query(
      "SELECT candidate_id FROM votes_ballot WHERE merchant_id = ? AND vote_id = ? AND"
      " customer_id = ? ORDER BY candidate_id",
      {merchant, vote, customer});
  if (!rows) return Fail(rows.error());
  std::vector<VoteCandidateId> out;
  for (const auto& r : *rows) out.push_back(r.IdAt(0));
  return out;
}

Result<std::vector<CustomerId>> VoteService::Voters(Tx& tx, MerchantId merchant,
                                                    VoteCandidateId candidate, int limit) {
  auto rows = tx.Query(
      "SELECT customer_id FROM votes_ballot WHERE merchant_id = ? AND candidate_id = ? ORDER BY"
      " created_at, customer_id LIMIT ?",
      {merchant, candidate, limit});
  if (!rows) return Fail(rows.error());
  std::vector<CustomerId> out;
  for (const auto& r : *rows) out.push_back(r.IdAt(0));
  return out;
}

Result<void> VoteService::MarkConverted(Tx& tx, MerchantId merchant, VoteCandidateId candidate,
                                        ProductId product, PresaleId presale) {
  auto ok = tx.Exec(
      "UPDATE votes_candidate SET product_id = ?, presale_id = ? WHERE id = ? AND merchant_id = ?"
      " AND presale_id IS NULL",
      {product, presale, candidate, merchant});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) {
    return Fail(Conflict(errors::kAlreadyConverted, "this candidate is a pre-sale already"));
  }
  return {};
}

}  // namespace weishang::votes
