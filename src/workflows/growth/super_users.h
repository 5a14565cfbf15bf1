// Super users across modules: the customers module's referral edges (each
// customer's referrer_id, following merges to the record kept) ranked by the
// growth module's arithmetic, and the customers on one page of the ranking.
// Ranking only: nothing here rewards anyone for the people they brought
// (src/modules/growth/README.md, ../shared/COMPLIANCE.md G1).
#pragma once

#include <cstdint>
#include <vector>

#include "modules/customers/customers.h"
#include "modules/growth/fission.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The referral forest of a merchant as growth::Members: every customer who
// was referred (referrer resolved through merges) and every referrer. A
// referrer who was not referred is a root with no revenue of its own loaded
// (their record has it). Reads the whole forest in pages of 10,000 rows.
Result<std::vector<growth::Member>> ReferralForest(storage::Tx& tx, Modules& m,
                                                   MerchantId merchant);

struct SuperUser {
  std::int64_t rank = 0;  // 1 for the first
  growth::Contribution contribution;
  customers::Customer customer;  // the record kept
};

struct SuperUserPage {
  std::vector<SuperUser> items;
  std::int64_t total = 0;  // customers ranked (every one who brought a paying customer)
};

// Ranks the merchant's super users by `by` and returns `limit` of them from
// position `offset` (0-based), each with their customer record. The ranking
// is computed on each call from one read snapshot.
Result<SuperUserPage> ListSuperUsers(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     growth::RankBy by, std::int64_t offset, int limit);

}  // namespace weishang::workflows
