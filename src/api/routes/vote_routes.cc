// Fan votes (C2B): decode, call workflows/presale/presale_flows.h or the
// votes module, encode.
//   console (write: kPromotionWrite; read: kRead)
//     POST /admin/v1/votes
//     GET  /admin/v1/votes
//     GET  /admin/v1/votes/{id}            with candidates and their counts
//     POST /admin/v1/votes/{id}/close      no more votes
//     POST /admin/v1/votes/{id}/winners    winners -> products and pre-sales, in one step
//   store (reading: anyone; voting: a signed-in customer, wsc_)
//     GET  /store/v1/{shop}/votes/{id}
//     POST /store/v1/{shop}/votes/{id}/ballots   one vote per customer per candidate
#include "api/routes/vote_routes.h"

#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/support.h"
#include "modules/presale/presale_errors.h"
#include "modules/votes/votes_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = votes::errors;

json::object EncodeVote(const votes::Vote& v, Timestamp now,
                        const std::vector<VoteCandidateId>* mine = nullptr) {
  json::array candidates;
  for (const auto& c : v.candidates) {
    json::array images;
    for (const auto& u : c.image_urls) images.push_back(json::value(u));
    json::object co{
        {"id", EncodeId(c.id)},
        {"title", c.title},
        {"description", c.description},
        {"image_urls", std::move(images)},
        {"votes", c.votes},
        {"product_id", c.product_id ? json::value(EncodeId(*c.product_id)) : json::value()},
        {"presale_id", c.presale_id ? json::value(EncodeId(*c.presale_id)) : json::value()}};
    if (mine) co["voted"] = std::find(mine->begin(), mine->end(), c.id) != mine->end();
    candidates.push_back(std::move(co));
  }
  std::string state = TextOf(votes::kStatusText, v.status).data();
  if (v.status == votes::Status::kOpen && !v.Taking(now)) state = "ended";
  return json::object{{"id", EncodeId(v.id)},
                      {"title", v.title},
                      {"description", v.description},
                      {"ends_at", TimeOrNull(v.ends_at)},
                      {"status", state},
                      {"total_votes", v.TotalVotes()},
                      {"candidates", std::move(candidates)},
                      {"created_at", TimeOrNull(v.created_at)}};
}

void ReadTime(JsonReader& r, const char* key, Timestamp* out) {
  std::string text = r.Str(key, {.max_len = 40});
  if (!text.empty() && !ParseIso8601(text, out)) r.Reject(key, "must be an ISO-8601 time");
}
void ReadOptTime(JsonReader& r, const char* key, std::optional<Timestamp>* out) {
  auto text = r.OptStr(key, 40);
  if (!text || text->empty()) return;
  Timestamp t = 0;
  if (!ParseIso8601(*text, &t)) {
    r.Reject(key, "must be an ISO-8601 time");
    return;
  }
  *out = t;
}

Reply CreateVote(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  votes::VoteInput in;
  in.title = r.Str("title", {.max_len = 400});
  in.description = r.Str("description", {.required = false, .max_len = 4000});
  ReadOptTime(r, "ends_at", &in.ends_at);
  const auto& list = r.Array("candidates", true, 50);
  for (std::size_t i = 0; i < list.size() && !r.Error(); ++i) {
    if (!list[i].is_object()) {
      r.Reject("candidates", "must be a list of {title, description, image_urls}");
      break;
    }
    JsonReader cr(list[i].as_object(), "candidates[" + std::to_string(i) + "]");
    votes::CandidateInput c;
    c.title = cr.Str("title", {.max_len = 400});
    c.description = cr.Str("description", {.required = false, .max_len = 4000});
    c.image_urls = cr.StrList("image_urls", 10, 2000);
    if (cr.Error()) return ErrorResponse(*cr.Error());
    in.candidates.push_back(std::move(c));
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "votes.create", [&s, &w, m, in](Tx& tx) -> Result<json::value> {
    auto v = workflows::CreateVote(tx, s.modules, w, m, in, true);
    if (!v) return Fail(v.error());
    return EncodeVote(*v, s.modules.clock.Now());
  });
}

Reply ListVotes(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<VoteId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.votes.List(tx, who->merchant_id, *after, page->limit);
    if (!list) return Fail(list.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& v : *list) items.push_back(EncodeVote(v, now));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value()}};
  });
}

Reply GetVote(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<VoteId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto v = w.votes.Get(tx, who->merchant_id, *id);
    if (!v) return Fail(v.error());
    return EncodeVote(*v, s.modules.clock.Now());
  });
}

Reply CloseVote(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  return RecordStep<votes::Vote, VoteId>(
      s, req, Permission::kPromotionWrite, errors::kNotFound,
      [&w](const identity::Principal& who, VoteId id, JsonReader&) -> RecordUnit<votes::Vote> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.votes.Close(tx, m, id); };
      },
      [&s](const votes::Vote& v) -> json::value { return EncodeVote(v, s.modules.clock.Now()); });
}

Reply ConvertWinners(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<VoteId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::ConvertRequest in;
  in.staff = who->staff_id;
  in.per_customer_limit = static_cast<int>(
      r.Int("per_customer_limit", {.required = false, .min = 0, .max = 1000, .fallback = 5}));
  ReadTime(r, "interest_starts_at", &in.interest_starts_at);
  ReadTime(r, "order_starts_at", &in.order_starts_at);
  ReadTime(r, "order_ends_at", &in.order_ends_at);
  ReadOptTime(r, "balance_starts_at", &in.balance_starts_at);
  ReadOptTime(r, "balance_ends_at", &in.balance_ends_at);
  ReadTime(r, "ship_at", &in.ship_at);
  const auto& list = r.Array("winners", true, 20);
  for (std::size_t i = 0; i < list.size() && !r.Error(); ++i) {
    if (!list[i].is_object()) {
      r.Reject("winners", "must be a list of {candidate_id, price, deposit, quantity}");
      break;
    }
    JsonReader wr(list[i].as_object(), "winners[" + std::to_string(i) + "]");
    workflows::WinnerRequest win;
    std::string cid = wr.Str("candidate_id", {.max_len = 40});
    win.price = wr.Int("price", {.min = 0, .max = 100'000'000});
    win.deposit = wr.OptInt("deposit", 0, 100'000'000);
    win.quantity = wr.OptInt("quantity", 0, 100'000'000);
    if (wr.Error()) return ErrorResponse(*wr.Error());
    auto c = DecodeId<VoteCandidateId>(cid);
    if (!c) {
      return ErrorResponse(NotFound(errors::kCandidateNotFound, "no candidate '" + cid + "'"));
    }
    win.candidate = *c;
    in.winners.push_back(win);
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  VoteId vote = *id;
  return IdempotentWrite(s, req, m, "votes.winners." + EncodeId(vote),
                         [&s, &w, m, vote, in](Tx& tx) -> Result<json::value> {
                           auto done = workflows::ConvertWinners(tx, s.modules, w, m, vote, in);
                           if (!done) return Fail(done.error());
                           json::array items;
                           for (const auto& c : *done) {
                             items.push_back(json::object{{"candidate_id", EncodeId(c.candidate)},
                                                          {"product_id", EncodeId(c.product_id)},
                                                          {"presale_id", EncodeId(c.sale.id)},
                                                          {"voters_credited", c.voters_credited}});
                           }
                           return json::object{{"items", std::move(items)}};
                         });
}

// --- store ---

Reply StoreVote(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  std::optional<CustomerId> viewer;
  if (*me) viewer = (*me)->customer.id;
  auto id = PathId<VoteId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto v = w.votes.Get(tx, *shop, *id);
    if (!v) return Fail(v.error());
    std::vector<VoteCandidateId> mine;
    if (viewer) {
      auto b = w.votes.BallotsOf(tx, *shop, *id, *viewer);
      if (!b) return Fail(b.error());
      mine = std::move(*b);
    }
    return EncodeVote(*v, s.modules.clock.Now(), &mine);
  });
}

Reply CastBallot(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto id = PathId<VoteId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string cid = r.Str("candidate_id", {.max_len = 40});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto candidate = DecodeId<VoteCandidateId>(cid);
  if (!candidate) {
    return ErrorResponse(NotFound(errors::kCandidateNotFound, "no candidate '" + cid + "'"));
  }
  MerchantId shop = me->shop;
  CustomerId customer = me->customer.id;
  VoteId vote = *id;
  VoteCandidateId c = *candidate;
  struct Cast {
    votes::Vote vote;
    bool added = false;
    std::vector<VoteCandidateId> mine;
  };
  return WriteThen<Cast>(
      s,
      [&w, shop, vote, c, customer](Tx& tx) -> Result<Cast> {
        auto v = w.votes.Get(tx, shop, vote);
        if (!v) return Fail(v.error());
        auto added = w.votes.Cast(tx, *v, c, customer);
        if (!added) return Fail(added.error());
        auto after = w.votes.Get(tx, shop, vote);
        if (!after) return Fail(after.error());
        auto mine = w.votes.BallotsOf(tx, shop, vote, customer);
        if (!mine) return Fail(mine.error());
        return Cast{std::move(*after), *added, std::move(*mine)};
      },
      [&s](const Cast& out) -> json::value {
        return json::object{{"added", out.added},
                            {"vote", EncodeVote(out.vote, s.modules.clock.Now(), &out.mine)}};
      });
}

}  // namespace

void AddVoteRoutes(Router& r, Services& s, workflows::PresaleWiring& w) {
  auto add = [&](Method m, const char* pattern,
                 Reply (*fn)(Services&, workflows::PresaleWiring&, HttpRequest&)) {
    r.Add(m, pattern, [&s, &w, fn](HttpRequest& q) { return fn(s, w, q); });
  };
  add(Method::kPost, "/admin/v1/votes", CreateVote);
  add(Method::kGet, "/admin/v1/votes", ListVotes);
  add(Method::kGet, "/admin/v1/votes/{id}", GetVote);
  add(Method::kPost, "/admin/v1/votes/{id}/close", CloseVote);
  add(Method::kPost, "/admin/v1/votes/{id}/winners", ConvertWinners);
  add(Method::kGet, "/store/v1/{shop}/votes/{id}", StoreVote);
  add(Method::kPost, "/store/v1/{shop}/votes/{id}/ballots", CastBallot);
}

}  // namespace weishang::api
