#include "modules/growth/simulation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "modules/growth/growth_errors.h"

namespace weishang::growth {
namespace {

// The articles' example: 30 seed customers, 3 vouchers each.
SimulationInput Example() {
  SimulationInput in;
  in.plan = {
      .seeds = 30, .vouchers = 3, .days = 14, .budget = 200'000, .cost_per_redemption = 1'000};
  in.rates = {.redemption = 0.4, .conversion = 0.6, .delay = {0.5, 0.3, 0.2}};
  in.runs = 500;
  in.seed = 42;
  return in;
}

bool SameBand(const Band& a, const Band& b) {
  return a.mean == b.mean && a.p10 == b.p10 && a.p50 == b.p50 && a.p90 == b.p90;
}

bool SameProjection(const Projection& a, const Projection& b) {
  if (a.days.size() != b.days.size()) return false;
  for (std::size_t i = 0; i < a.days.size(); ++i) {
    const auto& x = a.days[i];
    const auto& y = b.days[i];
    if (!SameBand(x.new_customers, y.new_customers) || !SameBand(x.customers, y.customers) ||
        !SameBand(x.redemptions, y.redemptions) || !SameBand(x.cost, y.cost) ||
        x.budget_exhausted_share != y.budget_exhausted_share) {
      return false;
    }
  }
  return a.runs_budget_exhausted == b.runs_budget_exhausted;
}

TEST(SimulationTest, TheSameSeedGivesTheSameNumbers) {
  auto a = Simulate(Example());
  auto b = Simulate(Example());
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(SameProjection(*a, *b));
  EXPECT_GT(a->total_new_customers.mean, 0);
}

TEST(SimulationTest, AnotherSeedGivesOtherNumbers) {
  auto in = Example();
  auto a = Simulate(in);
  in.seed = 43;
  auto b = Simulate(in);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(SameProjection(*a, *b));
}

// The first values of std::mt19937_64 with the default seed are fixed by the
// standard (the 10000th is 9981545732273789042); the projection rests on it.
TEST(SimulationTest, TheGeneratorIsTheStandardOne) {
  std::mt19937_64 rng;
  rng.discard(9999);
  EXPECT_EQ(rng(), 9981545732273789042ULL);
}

TEST(SimulationTest, NoRedemptionMeansNoNewCustomersAndNoCost) {
  auto in = Example();
  in.rates.redemption = 0;
  auto p = Simulate(in);
  ASSERT_TRUE(p);
  for (const auto& d : p->days) {
    EXPECT_EQ(d.new_customers.mean, 0);
    EXPECT_EQ(d.new_customers.p90, 0);
    EXPECT_EQ(d.cost.p90, 0);
    EXPECT_EQ(d.expected_new_customers, 0);
  }
  EXPECT_EQ(p->runs_budget_exhausted, 0);
  EXPECT_FALSE(p->budget_exhausted_day.has_value());
}

TEST(SimulationTest, TheBudgetCapsTheCostOfEveryRun) {
  auto in = Example();
  in.plan.budget = 25'500;  // 25 redemptions and a half
  in.runs = 1;              // one run: its band is its own figures
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    in.seed = seed;
    auto p = Simulate(in);
    ASSERT_TRUE(p);
    for (const auto& d : p->days) EXPECT_LE(d.cost.p90, 25'000) << "seed " << seed;
    EXPECT_EQ(p->runs_budget_exhausted, 1) << "seed " << seed;
    EXPECT_EQ(p->total_cost.mean, 25'000) << "seed " << seed;
  }
}

TEST(SimulationTest, TheDayTheBudgetRunsOutWhenEveryoneRedeemsAndPays) {
  // Certain rates make the run exact: 10 seeds' 10 vouchers all come due on
  // day 1; the budget pays for 2 of them (250 fen at 100 each), leaving 50.
  SimulationInput in;
  in.plan = {.seeds = 10, .vouchers = 1, .days = 4, .budget = 250, .cost_per_redemption = 100};
  in.rates = {.redemption = 1, .conversion = 1, .delay = {1}};
  in.runs = 3;
  auto p = Simulate(in);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->days[0].redemptions.p50, 2);
  EXPECT_EQ(p->days[0].new_customers.mean, 2);
  EXPECT_EQ(p->days[0].cost.p10, 200);
  EXPECT_EQ(p->days[0].budget_exhausted_share, 1.0);
  EXPECT_EQ(p->days[1].new_customers.mean, 0);
  EXPECT_EQ(p->total_new_customers.p90, 2);
  EXPECT_EQ(p->runs_budget_exhausted, 3);
  ASSERT_TRUE(p->budget_exhausted_day.has_value());
  EXPECT_EQ(p->budget_exhausted_day->p50, 1);
  // Without the budget, 10 new customers a day.
  in.plan.budget.reset();
  auto free = Simulate(in);
  ASSERT_TRUE(free);
  for (const auto& d : free->days) EXPECT_EQ(d.new_customers.mean, 10);
  EXPECT_EQ(free->total_cost.p50, 4'000);
  EXPECT_EQ(free->runs_budget_exhausted, 0);
}

TEST(SimulationTest, TheClosedFormExpectationByHand) {
  // A one-day delay: day d has 30 × (3 × 0.4 × 0.6)^d = 30 × 0.72^d.
  Plan plan{.seeds = 30, .vouchers = 3, .days = 5};
  Rates rates{.redemption = 0.4, .conversion = 0.6, .delay = {1}};
  auto e = ExpectedNewCustomers(plan, rates);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_NEAR(e[0], 21.6, 1e-9);
  EXPECT_NEAR(e[1], 15.552, 1e-9);
  EXPECT_NEAR(e[4], 30 * std::pow(0.72, 5), 1e-9);
  // Half the vouchers a day later, half two days later: day 1 has
  // 0.24 × 0.5 × 90 = 10.8; day 2 0.24 × (0.5 × 32.4 + 0.5 × 90) = 14.688.
  rates.delay = {1, 1};
  e = ExpectedNewCustomers(plan, rates);
  EXPECT_NEAR(e[0], 10.8, 1e-9);
  EXPECT_NEAR(e[1], 14.688, 1e-9);
}

TEST(SimulationTest, TheMeanMatchesTheClosedForm) {
  SimulationInput in;
  in.plan = {.seeds = 30, .vouchers = 3, .days = 6};
  in.rates = {.redemption = 0.4, .conversion = 0.6, .delay = {1}};
  in.runs = 10'000;
  in.seed = 7;
  auto p = Simulate(in);
  ASSERT_TRUE(p);
  for (const auto& d : p->days) {
    double expected = 30 * std::pow(0.72, d.day);
    EXPECT_NEAR(d.new_customers.mean, expected, 0.03 * expected + 0.1) << "day " << d.day;
    EXPECT_DOUBLE_EQ(d.expected_new_customers, expected);
    EXPECT_LE(d.new_customers.p10, d.new_customers.p50);
    EXPECT_LE(d.new_customers.p50, d.new_customers.p90);
  }
  // The same with a spread-out delay against its own recursion.
  in.rates.delay = {0.5, 0.3, 0.2};
  in.rates.redemption = 0.7;  // K = 3 × 0.7 × 0.6 = 1.26: growing
  p = Simulate(in);
  ASSERT_TRUE(p);
  for (const auto& d : p->days) {
    EXPECT_NEAR(d.new_customers.mean, d.expected_new_customers,
                0.03 * d.expected_new_customers + 0.1)
        << "day " << d.day;
  }
}

TEST(SimulationTest, InputsOutsideTheirRangesAreRefused) {
  auto code = [](SimulationInput in) {
    auto ok = Validate(in);
    return ok ? std::string() : ok.error().code;
  };
  EXPECT_EQ(code(Example()), "");
  auto in = Example();
  in.runs = 0;
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.rates.conversion = 1.5;
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.rates.redemption = std::nan("");
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.rates.delay = {0, 0};
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.plan.days = 366;
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.plan.budget = -1;
  EXPECT_EQ(code(in), errors::kInvalidSimulation);
  in = Example();
  in.runs = 10'000;
  in.plan.days = 101;
  EXPECT_EQ(code(in), errors::kSimulationTooLarge);
  EXPECT_FALSE(Simulate(in).has_value());
  // The work counts the delay's days: 10,000 runs of 10 days take 500,000
  // draws with 3 delay days, 3,200,000 with 30.
  in.plan.days = 10;
  EXPECT_EQ(code(in), "");
  in.rates.delay.assign(30, 1.0);
  EXPECT_EQ(code(in), errors::kSimulationTooLarge);
}

TEST(SimulationTest, AnExplodingCampaignIsCappedNotOverflowed) {
  SimulationInput in;
  in.plan = {.seeds = 1'000'000, .vouchers = 100, .days = 30, .cost_per_redemption = 1'000'000};
  in.rates = {.redemption = 1, .conversion = 1, .delay = {1}};
  in.runs = 2;
  auto p = Simulate(in);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->capped);
  EXPECT_EQ(p->total_new_customers.p90, kMaxCustomersPerRun);
  EXPECT_GT(p->total_cost.p90, 0);
}

}  // namespace
}  // namespace weishang::growth
