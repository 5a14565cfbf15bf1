// Fan votes (C2B, 粉丝投票): the merchant posts candidate styles with
// pictures; signed-in customers vote, one vote per customer per candidate
// (the ballot's primary key; a repeat changes nothing, there is no
// withdrawal); each candidate's count moves with its ballots in the same
// unit. The winners become pre-sale products (workflows/presale): a
// candidate records the product and the pre-sale it became, once.
//
// Customers, products and pre-sales are ids here. Writes take the caller's
// Tx. Stateless apart from its references; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::votes {

using storage::Tx;

inline constexpr std::size_t kMinCandidates = 2;
inline constexpr std::size_t kMaxCandidates = 20;
inline constexpr std::size_t kMaxImages = 5;
inline constexpr std::size_t kMaxTitleChars = 60;
inline constexpr std::size_t kMaxDescriptionChars = 500;
inline constexpr std::size_t kMaxUrlBytes = 500;

enum class Status { kOpen, kClosed };
inline constexpr EnumText<Status> kStatusText[] = {{Status::kOpen, "open"},
                                                   {Status::kClosed, "closed"}};

struct CandidateInput {
  std::string title;
  std::string description;
  std::vector<std::string> image_urls;  // 1..5 http(s) addresses
};

struct VoteInput {
  std::string title;
  std::string description;
  std::optional<Timestamp> ends_at;  // none: until closed
  std::vector<CandidateInput> candidates;
};

struct Candidate {
  VoteCandidateId id;
  VoteId vote_id;
  int position = 0;
  std::string title;
  std::string description;
  std::vector<std::string> image_urls;
  std::int64_t votes = 0;
  std::optional<ProductId> product_id;
  std::optional<PresaleId> presale_id;
};

struct Vote {
  VoteId id;
  MerchantId merchant_id;
  std::string title;
  std::string description;
  std::optional<Timestamp> ends_at;
  Status status = Status::kOpen;
  Timestamp created_at = 0;
  std::vector<Candidate> candidates;  // in their order
  bool Taking(Timestamp now) const {
    return status == Status::kOpen && (!ends_at || now < *ends_at);
  }
  const Candidate* Find(VoteCandidateId c) const {
    for (const auto& x : candidates) {
      if (x.id == c) return &x;
    }
    return nullptr;
  }
  std::int64_t TotalVotes() const {
    std::int64_t n = 0;
    for (const auto& c : candidates) n += c.votes;
    return n;
  }
};

class VoteService {
 public:
  VoteService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // votes.invalid_field (422): title 1..60 characters, description up to
  // 500, ends_at in the future, 2..20 candidates each with a title of 1..60
  // characters, a description up to 500 and 1..5 http(s) picture addresses.
  Result<Vote> Create(Tx& tx, MerchantId merchant, const VoteInput& in);
  // votes.not_found (404). With its candidates.
  Result<Vote> Get(Tx& tx, MerchantId merchant, VoteId id);
  Result<std::vector<Vote>> List(Tx& tx, MerchantId merchant, VoteId after, int limit);
  // open -> closed (no more votes). A repeat answers the vote.
  Result<Vote> Close(Tx& tx, MerchantId merchant, VoteId id);

  // The customer's vote for `candidate`, once: false for a repeat (nothing
  // changes). votes.candidate_not_found (404), votes.closed (409).
  Result<bool> Cast(Tx& tx, const Vote& v, VoteCandidateId candidate, CustomerId customer);
  // The candidates the customer voted for in `vote`.
  Result<std::vector<VoteCandidateId>> BallotsOf(Tx& tx, MerchantId merchant, VoteId vote,
                                                 CustomerId customer);
  // Everyone who voted for `candidate`, oldest first, at most `limit`.
  Result<std::vector<CustomerId>> Voters(Tx& tx, MerchantId merchant, VoteCandidateId candidate,
                                         int limit);
  // The candidate became `product` sold by `presale`, once:
  // votes.already_converted (409) when it had a pre-sale.
  Result<void> MarkConverted(Tx& tx, MerchantId merchant, VoteCandidateId candidate,
                             ProductId product, PresaleId presale);

 private:
  Result<void> LoadCandidates(Tx& tx, MerchantId merchant, std::vector<Vote>& votes);
  Result<std::vector<Vote>> Select(Tx& tx, MerchantId merchant, const std::string& where,
                                   std::vector<storage::Param> params);

  const Clock& clock_;
  IdGenerator& ids_;
};

// The schema (schema/*.sql), for cli/registry.cc.
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::votes
