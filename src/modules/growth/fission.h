// The referral forest (裂变树): who brought whom, as the arithmetic of
// fission sees it. Pure functions over members the caller loaded (the
// customers module's referrer_id edges, a voucher campaign's tree); no I/O,
// no state; thread-safe.
//
// Ratios (K-factor, conversion) are doubles: they are shown, never charged.
// Money stays integer fen.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"

namespace weishang::growth {

// One person of the forest.
struct Member {
  CustomerId id;
  // Who brought them; none (or someone not among the members, or themselves)
  // makes them a root: generation 0.
  std::optional<CustomerId> referrer;
  // Their first paid order; none: they never paid (not converted).
  std::optional<Timestamp> first_paid_at;
  Fen revenue = 0;  // what they paid, less refunds
  // Invitations they sent (vouchers passed on, links shared), when known.
  std::optional<std::int64_t> invitations;
};

// Generation g of a forest: the members at depth g from their root.
struct Generation {
  int depth = 0;
  std::int64_t members = 0;  // everyone at this depth (signed up)
  // Customers: at depth 0 every member (the seeds); from depth 1 on, the
  // members who paid (converted).
  std::int64_t customers = 0;
  Fen revenue = 0;  // of this generation's members
  // Invitations sent by this generation; none when any member's are unknown.
  std::optional<std::int64_t> invitations;
  // invitations / customers, when the invitations are known and customers > 0.
  std::optional<double> invitations_per_customer;
  // Customers of generation g+1 / invitations of generation g (their
  // conversion), when the invitations are known and not 0.
  std::optional<double> conversion;
  // Customers of generation g+1 / customers of generation g: invitations per
  // customer × their conversion when invitations are known, the same ratio
  // counted directly otherwise. None when this generation has no customers.
  std::optional<double> k_factor;
};

// The forest's generations, depth 0 first, up to the deepest member. A cycle
// of referrers (which a merge can leave) is broken at its smallest id, which
// becomes a root. Members with the same id: the first counts.
std::vector<Generation> Generations(const std::vector<Member>& members);

// What one member brought, through their referral subtree.
struct Contribution {
  CustomerId id;
  int depth = 0;                       // their own generation
  std::int64_t direct_referred = 0;    // members they referred who paid
  std::int64_t indirect_referred = 0;  // deeper members of their subtree who paid
  Fen revenue_brought = 0;             // revenue of their whole subtree, not their own
  Fen own_revenue = 0;
  int generations_below = 0;  // depth of their subtree (1: only direct referrals)
};

enum class RankBy { kCustomers, kRevenue };

// Super users: the members whose subtree holds at least one paying member,
// ranked by `by` (customers: direct + indirect referred, then revenue
// brought; revenue: revenue brought, then customers), ties by id ascending.
// A referred member counts once they paid; members who never paid still pass
// on what those they referred brought.
std::vector<Contribution> RankSuperUsers(const std::vector<Member>& members, RankBy by);

}  // namespace weishang::growth
