#include "modules/growth/fission.h"

#include <gtest/gtest.h>

namespace weishang::growth {
namespace {

CustomerId C(Id n) { return CustomerId(n); }

Member M(Id id, std::optional<Id> referrer, bool paid, Fen revenue,
         std::optional<std::int64_t> invitations = std::nullopt) {
  Member m;
  m.id = C(id);
  if (referrer) m.referrer = C(*referrer);
  if (paid) m.first_paid_at = 1000 * id;
  m.revenue = revenue;
  m.invitations = invitations;
  return m;
}

// Two seeds, A (1) and B (2), and three generations, computed by hand:
//   A → C (3, paid), D (4, paid), E (5, never paid)     A sent 3 invitations
//   B → F (6, paid)                                     B sent 2
//   C → G (7, paid), H (8, never paid)                  C 2, D 1, E 0, F 1
//   F → I (9, paid)
//   E → J (10, paid)   (E's invitations count as 0 above: J came by a link)
std::vector<Member> Tree() {
  return {M(1, {}, true, 10'000, 3), M(2, {}, true, 20'000, 2), M(3, 1, true, 5'000, 2),
          M(4, 1, true, 3'000, 1),   M(5, 1, false, 0, 0),      M(6, 2, true, 4'000, 1),
          M(7, 3, true, 2'000),      M(8, 3, false, 0, 0),      M(9, 6, true, 1'000, 0),
          M(10, 5, true, 6'000, 0)};
}

TEST(GenerationsTest, CountsEachDepthAndItsKFactorByHand) {
  auto g = Generations(Tree());
  ASSERT_EQ(g.size(), 3u);
  // Generation 0: the seeds, 5 invitations, 3 paying friends in generation 1.
  EXPECT_EQ(g[0].members, 2);
  EXPECT_EQ(g[0].customers, 2);
  EXPECT_EQ(g[0].revenue, 30'000);
  EXPECT_EQ(g[0].invitations, 5);
  EXPECT_DOUBLE_EQ(*g[0].invitations_per_customer, 2.5);
  EXPECT_DOUBLE_EQ(*g[0].conversion, 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(*g[0].k_factor, 1.5);  // 2.5 invitations × 0.6 conversion
  // Generation 1: C, D, E, F; E never paid, so 3 customers; 2+1+0+1 = 4
  // invitations; generation 2 has G, I and J paying.
  EXPECT_EQ(g[1].members, 4);
  EXPECT_EQ(g[1].customers, 3);
  EXPECT_EQ(g[1].revenue, 12'000);
  EXPECT_EQ(g[1].invitations, 4);
  EXPECT_DOUBLE_EQ(*g[1].invitations_per_customer, 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(*g[1].conversion, 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(*g[1].k_factor, 1.0);
  // Generation 2: G's invitations are unknown, so the generation's are; no
  // generation 3, so K is 0.
  EXPECT_EQ(g[2].members, 4);
  EXPECT_EQ(g[2].customers, 3);
  EXPECT_FALSE(g[2].invitations.has_value());
  EXPECT_FALSE(g[2].invitations_per_customer.has_value());
  EXPECT_FALSE(g[2].conversion.has_value());
  EXPECT_DOUBLE_EQ(*g[2].k_factor, 0.0);
}

TEST(GenerationsTest, WithoutInvitationsKIsNewCustomersOverCustomers) {
  // 4 seeds bring 6 members of whom 5 pay: K = 5 / 4.
  std::vector<Member> m{M(1, {}, true, 0), M(2, {}, true, 0), M(3, {}, false, 0), M(4, {}, true, 0),
                        M(5, 1, true, 0),  M(6, 1, true, 0),  M(7, 2, true, 0),   M(8, 2, false, 0),
                        M(9, 3, true, 0),  M(10, 3, true, 0)};
  auto g = Generations(m);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].customers, 4);  // every seed counts, paid or not
  EXPECT_EQ(g[1].members, 6);
  EXPECT_EQ(g[1].customers, 5);
  EXPECT_FALSE(g[0].invitations.has_value());
  EXPECT_DOUBLE_EQ(*g[0].k_factor, 1.25);
}

TEST(GenerationsTest, ACycleIsBrokenAtItsSmallestIdAndOutsidersAreRoots) {
  // 5 → 3 → 5 (a loop a merge can leave), 7 referred by 5, 9 referred by
  // someone not loaded (88), 4 by themselves.
  std::vector<Member> m{M(5, 3, true, 0), M(3, 5, true, 0), M(7, 5, true, 0), M(9, 88, true, 0),
                        M(4, 4, true, 0)};
  auto g = Generations(m);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].members, 3);  // 3 (the cycle's smallest), 9 and 4
  EXPECT_EQ(g[1].members, 1);  // 5
  EXPECT_EQ(g[2].members, 1);  // 7
  auto ranked = RankSuperUsers(m, RankBy::kCustomers);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].id, C(3));
  EXPECT_EQ(ranked[0].direct_referred, 1);
  EXPECT_EQ(ranked[0].indirect_referred, 1);
}

TEST(GenerationsTest, AnEmptyForestHasNoGenerations) {
  EXPECT_TRUE(Generations({}).empty());
  EXPECT_TRUE(RankSuperUsers({}, RankBy::kRevenue).empty());
}

TEST(SuperUsersTest, CountDirectAndIndirectPayingReferralsAndTheirRevenue) {
  auto ranked = RankSuperUsers(Tree(), RankBy::kCustomers);
  // A: C, D direct (E never paid); G and J (through E) indirect.
  // B: F direct, I indirect. C: G. E: J (E never paid, still ranked). F: I.
  ASSERT_EQ(ranked.size(), 5u);
  EXPECT_EQ(ranked[0].id, C(1));
  EXPECT_EQ(ranked[0].direct_referred, 2);
  EXPECT_EQ(ranked[0].indirect_referred, 2);
  EXPECT_EQ(ranked[0].revenue_brought, 5'000 + 3'000 + 0 + 2'000 + 0 + 6'000);
  EXPECT_EQ(ranked[0].own_revenue, 10'000);
  EXPECT_EQ(ranked[0].generations_below, 2);
  EXPECT_EQ(ranked[1].id, C(2));
  EXPECT_EQ(ranked[1].direct_referred, 1);
  EXPECT_EQ(ranked[1].indirect_referred, 1);
  EXPECT_EQ(ranked[1].revenue_brought, 5'000);
  // One customer each: E's J (6,000) before C's G and H (2,000) before F's I (1,000).
  EXPECT_EQ(ranked[2].id, C(5));
  EXPECT_EQ(ranked[2].depth, 1);
  EXPECT_EQ(ranked[2].revenue_brought, 6'000);
  EXPECT_EQ(ranked[3].id, C(3));
  EXPECT_EQ(ranked[4].id, C(6));
}

TEST(SuperUsersTest, RankedByRevenueTheOrderFollowsTheMoney) {
  auto ranked = RankSuperUsers(Tree(), RankBy::kRevenue);
  ASSERT_EQ(ranked.size(), 5u);
  EXPECT_EQ(ranked[0].id, C(1));  // 16,000
  EXPECT_EQ(ranked[1].id, C(5));  // 6,000
  EXPECT_EQ(ranked[2].id, C(2));  // 5,000
  EXPECT_EQ(ranked[3].id, C(3));  // 2,000
  EXPECT_EQ(ranked[4].id, C(6));  // 1,000
}

}  // namespace
}  // namespace weishang::growth
