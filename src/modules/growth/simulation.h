// A voucher campaign projected day by day (Monte Carlo): seed customers each
// pass N vouchers on; each voucher is redeemed with the redemption rate some
// days later (the delay distribution); a redeemer pays with the conversion
// rate and then passes N vouchers on in turn. Every redemption costs the
// merchant the voucher's benefit; once the budget cannot pay for one more,
// no voucher is redeemed any longer. Pure computation; no I/O; thread-safe.
//
// Reproducible: the one source of randomness is std::mt19937_64 (its output
// sequence is fixed by the C++ standard) seeded with `seed`, and the
// distributions are this file's own code (std:: distributions differ
// between standard libraries). The same input gives the same projection.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/money.h"

namespace weishang::growth {

// The rates a projection runs on: given by hand, or (later) measured on a
// campaign's real redemptions and conversions by a workflow.
struct Rates {
  double redemption = 0;  // share of vouchers passed on that are redeemed, 0..1
  double conversion = 0;  // share of redeemers who pay their first order, 0..1
  // Of the redeemed vouchers, the weights of redemption 1, 2, 3 … days after
  // the voucher was passed on (normalised; 1 to kMaxDelayDays entries).
  std::vector<double> delay = {0.5, 0.3, 0.2};
};

// The campaign as planned.
struct Plan {
  std::int64_t seeds = 30;    // paying customers who receive vouchers on day 0
  std::int64_t vouchers = 3;  // vouchers each paying customer passes on
  int days = 14;              // days projected, 1..kMaxDays
  std::optional<Fen> budget;  // none: no limit
  Fen cost_per_redemption = 0;
};

struct SimulationInput {
  Plan plan;
  Rates rates;
  int runs = 1000;  // Monte Carlo runs, 1..kMaxRuns
  std::uint64_t seed = 42;
};

// Limits, so that a request cannot burn the machine's CPU.
inline constexpr std::int64_t kMaxSeeds = 1'000'000;
inline constexpr std::int64_t kMaxVouchers = 100;
inline constexpr int kMaxDays = 365;
inline constexpr int kMaxRuns = 10'000;
inline constexpr int kMaxDelayDays = 30;
// The work of a projection: runs × days × (delay days + 2) binomial draws
// (about 0.1 µs each); at most this many keeps a request near 0.3 s of one core.
inline constexpr std::int64_t kMaxSimulationDraws = 3'000'000;
// 10,000 yuan: a voucher's benefit; with kMaxCustomersPerRun it keeps every
// run's cost within int64.
inline constexpr Fen kMaxCostPerRedemption = 1'000'000;
// A run stops counting new customers here (a population, not a shop): the
// projection says it was capped.
inline constexpr std::int64_t kMaxCustomersPerRun = 1'000'000'000;

// A figure over the runs: its mean and its 10th, 50th and 90th percentiles
// (nearest rank).
struct Band {
  double mean = 0;
  std::int64_t p10 = 0, p50 = 0, p90 = 0;
};

struct DayProjection {
  int day = 0;  // 1..days
  Band new_customers;
  Band customers;  // cumulative new customers (seeds not counted)
  Band redemptions;
  Band cost;  // cumulative, fen
  // Share of runs whose budget had run out by the end of this day.
  double budget_exhausted_share = 0;
  // The expectation of new customers this day without a budget (closed form).
  double expected_new_customers = 0;
};

struct Projection {
  std::vector<DayProjection> days;
  Band total_new_customers;
  Band total_cost;
  // Runs whose budget ran out within the days, and on which day (0: it could
  // not pay for one redemption); none when no run's did.
  std::int64_t runs_budget_exhausted = 0;
  std::optional<Band> budget_exhausted_day;
  bool capped = false;  // some run reached kMaxCustomersPerRun
};

// growth.invalid_simulation (422) naming the field and its range, or
// growth.simulation_too_large (422) when runs × days × (delay days + 2) >
// kMaxSimulationDraws.
Result<void> Validate(const SimulationInput& in);

// Runs the projection (after Validate, with its errors).
Result<Projection> Simulate(const SimulationInput& in);

// The expected new customers of days 1..days without a budget: vouchers of
// day t are V(t) = vouchers × new(t) (V(0) = vouchers × seeds), and
// new(t) = conversion × redemption × Σ_k delay_k × V(t − k).
std::vector<double> ExpectedNewCustomers(const Plan& plan, const Rates& rates);

}  // namespace weishang::growth
