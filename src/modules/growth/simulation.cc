#include "modules/growth/simulation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "modules/growth/growth_errors.h"

namespace weishang::growth {
namespace {

Error Bad(const std::string& field, const std::string& range) {
  return Invalid(errors::kInvalidSimulation, field + " must be " + range);
}

bool Rate(double v) { return std::isfinite(v) && v >= 0 && v <= 1; }

// Uniform in [0, 1) from the top 53 bits of one draw.
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// A standard normal deviate (Box–Muller, one of the pair).
double Normal(std::mt19937_64& rng) {
  double u1 = 1.0 - Uniform(rng);  // (0, 1]
  double u2 = Uniform(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Below this mean, binomial draws are exact (inversion); above it, the
// normal approximation (continuity-corrected by rounding) is within a
// fraction of a person of the exact law's spread, and costs O(1).
constexpr double kExactMean = 30.0;

// The number of successes of `n` independent trials of probability `p`.
std::int64_t Binomial(std::mt19937_64& rng, std::int64_t n, double p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - Binomial(rng, n, 1.0 - p);
  double mean = static_cast<double>(n) * p;
  if (mean < kExactMean) {
    // Inversion: walk the probabilities P(0), P(1), … until the draw is used
    // up. P(0) = (1-p)^n >= e^(-42) here, far from underflow.
    double q = 1.0 - p;
    double ratio = p / q;
    double f = std::exp(static_cast<double>(n) * std::log(q));
    double u = Uniform(rng);
    std::int64_t k = 0;
    while (u > f && k < n) {
      u -= f;
      f *= ratio * static_cast<double>(n - k) / static_cast<double>(k + 1);
      ++k;
    }
    return k;
  }
  double sd = std::sqrt(mean * (1.0 - p));
  double x = std::round(mean + sd * Normal(rng));
  return std::clamp<std::int64_t>(static_cast<std::int64_t>(x), 0, n);
}

// The delay weights as conditional probabilities: of the redemptions not yet
// placed on an earlier day, the share placed k days later.
std::vector<double> ConditionalDelays(const std::vector<double>& weights) {
  std::vector<double> out(weights.size(), 0.0);
  double rest = 0;
  for (double w : weights) rest += w;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    out[k] = rest > 0 ? std::clamp(weights[k] / rest, 0.0, 1.0) : 0.0;
    rest -= weights[k];
  }
  out.back() = 1.0;  // whatever is left goes on the last day
  return out;
}

// One run's figures, day 1..days (index 0 unused).
struct Run {
  std::vector<std::int64_t> new_customers, customers, redemptions, cost;
  std::optional<int> budget_exhausted_day;
  bool capped = false;
};

class Runner {
 public:
  Runner(const SimulationInput& in, std::mt19937_64& rng)
      : in_(in), rng_(rng), delays_(ConditionalDelays(in.rates.delay)) {}

  Run Once() {
    const Plan& plan = in_.plan;
    const int days = plan.days;
    Run run;
    run.new_customers.assign(days + 1, 0);
    run.customers.assign(days + 1, 0);
    run.redemptions.assign(days + 1, 0);
    run.cost.assign(days + 1, 0);
    pending_.assign(days + 1, 0);
    std::optional<Fen> left = plan.budget;
    bool limited = left && plan.cost_per_redemption > 0;
    if (limited && *left < plan.cost_per_redemption) run.budget_exhausted_day = 0;
    PassOn(0, plan.seeds * plan.vouchers);
    std::int64_t customers = 0;
    Fen spent = 0;
    for (int day = 1; day <= days; ++day) {
      std::int64_t redeemed = pending_[day];
      if (limited) redeemed = std::min(redeemed, *left / plan.cost_per_redemption);
      Fen cost = redeemed * plan.cost_per_redemption;
      spent += cost;
      if (left) *left -= cost;
      std::int64_t paid = Binomial(rng_, redeemed, in_.rates.conversion);
      if (customers + paid > kMaxCustomersPerRun) {
        paid = kMaxCustomersPerRun - customers;
        run.capped = true;
      }
      customers += paid;
      run.new_customers[day] = paid;
      run.customers[day] = customers;
      run.redemptions[day] = redeemed;
      run.cost[day] = spent;
      if (limited && !run.budget_exhausted_day && *left < plan.cost_per_redemption) {
        run.budget_exhausted_day = day;
      }
      PassOn(day, paid * plan.vouchers);
    }
    return run;
  }

 private:
  // `vouchers` passed on on `day`: the redeemed ones are placed on the days
  // they will be redeemed (those past the last day are dropped).
  void PassOn(int day, std::int64_t vouchers) {
    std::int64_t rest = Binomial(rng_, vouchers, in_.rates.redemption);
    for (std::size_t k = 0; k < delays_.size() && rest > 0; ++k) {
      std::int64_t now = Binomial(rng_, rest, delays_[k]);
      rest -= now;
      std::size_t at = static_cast<std::size_t>(day) + k + 1;
      if (at < pending_.size()) pending_[at] += now;
    }
  }

  const SimulationInput& in_;
  std::mt19937_64& rng_;
  std::vector<double> delays_;
  std::vector<std::int64_t> pending_;
};

// Mean and nearest-rank percentiles of `values` (sorted here).
Band BandOf(std::vector<std::int64_t>& values) {
  Band b;
  if (values.empty()) return b;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (auto v : values) sum += static_cast<double>(v);
  b.mean = sum / static_cast<double>(values.size());
  auto at = [&values](double p) {
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
  };
  b.p10 = at(0.1);
  b.p50 = at(0.5);
  b.p90 = at(0.9);
  return b;
}

}  // namespace

Result<void> Validate(const SimulationInput& in) {
  const Plan& p = in.plan;
  const Rates& r = in.rates;
  if (p.seeds < 1 || p.seeds > kMaxSeeds) return Fail(Bad("seeds", "1 to 1000000"));
  if (p.vouchers < 1 || p.vouchers > kMaxVouchers) return Fail(Bad("vouchers", "1 to 100"));
  if (p.days < 1 || p.days > kMaxDays) return Fail(Bad("days", "1 to 365"));
  if (p.budget && (*p.budget < 0 || *p.budget > kMaxFen)) {
    return Fail(Bad("budget_fen", "0 to " + std::to_string(kMaxFen)));
  }
  if (p.cost_per_redemption < 0 || p.cost_per_redemption > kMaxCostPerRedemption) {
    return Fail(Bad("cost_per_redemption_fen", "0 to " + std::to_string(kMaxCostPerRedemption)));
  }
  if (!Rate(r.redemption)) return Fail(Bad("redemption", "a rate from 0 to 1"));
  if (!Rate(r.conversion)) return Fail(Bad("conversion", "a rate from 0 to 1"));
  double total = 0;
  bool weights_ok = !r.delay.empty() && r.delay.size() <= kMaxDelayDays;
  for (double w : r.delay) {
    weights_ok = weights_ok && std::isfinite(w) && w >= 0;
    total += w;
  }
  if (!weights_ok || !(total > 0)) {
    return Fail(Bad("delay", "1 to 30 weights (days 1, 2, …), none negative, not all 0"));
  }
  if (in.runs < 1 || in.runs > kMaxRuns) return Fail(Bad("runs", "1 to 10000"));
  std::int64_t draws =
      static_cast<std::int64_t>(in.runs) * p.days * (static_cast<std::int64_t>(r.delay.size()) + 2);
  if (draws > kMaxSimulationDraws) {
    return Fail(Invalid(errors::kSimulationTooLarge,
                        "runs × days × (delay days + 2) must be at most 3000000 (" +
                            std::to_string(draws) + " asked)"));
  }
  return {};
}

Result<Projection> Simulate(const SimulationInput& in) {
  if (auto ok = Validate(in); !ok) return Fail(ok.error());
  std::mt19937_64 rng(in.seed);
  Runner runner(in, rng);
  const int days = in.plan.days;
  // by_day[d][run] for each figure, so each day's band is one sort.
  auto grid = [&] {
    return std::vector<std::vector<std::int64_t>>(days + 1, std::vector<std::int64_t>(in.runs));
  };
  auto fresh = grid(), total = grid(), redeemed = grid(), cost = grid();
  std::vector<std::optional<int>> exhausted(in.runs);
  Projection out;
  for (int i = 0; i < in.runs; ++i) {
    Run run = runner.Once();
    for (int d = 1; d <= days; ++d) {
      fresh[d][i] = run.new_customers[d];
      total[d][i] = run.customers[d];
      redeemed[d][i] = run.redemptions[d];
      cost[d][i] = run.cost[d];
    }
    exhausted[i] = run.budget_exhausted_day;
    out.capped = out.capped || run.capped;
  }
  std::vector<double> expected = ExpectedNewCustomers(in.plan, in.rates);
  for (int d = 1; d <= days; ++d) {
    DayProjection day;
    day.day = d;
    day.new_customers = BandOf(fresh[d]);
    day.customers = BandOf(total[d]);
    day.redemptions = BandOf(redeemed[d]);
    day.cost = BandOf(cost[d]);
    auto ran_out = std::count_if(exhausted.begin(), exhausted.end(),
                                 [d](const std::optional<int>& e) { return e && *e <= d; });
    day.budget_exhausted_share = static_cast<double>(ran_out) / in.runs;
    day.expected_new_customers = expected[d - 1];
    out.days.push_back(day);
  }
  out.total_new_customers = out.days.back().customers;
  out.total_cost = out.days.back().cost;
  std::vector<std::int64_t> exhausted_days;
  for (const auto& e : exhausted) {
    if (e) exhausted_days.push_back(*e);
  }
  out.runs_budget_exhausted = static_cast<std::int64_t>(exhausted_days.size());
  if (!exhausted_days.empty()) out.budget_exhausted_day = BandOf(exhausted_days);
  return out;
}

std::vector<double> ExpectedNewCustomers(const Plan& plan, const Rates& rates) {
  double total = 0;
  for (double w : rates.delay) total += w;
  std::vector<double> vouchers(plan.days + 1, 0.0);
  std::vector<double> fresh(plan.days, 0.0);
  vouchers[0] = static_cast<double>(plan.vouchers) * static_cast<double>(plan.seeds);
  for (int t = 1; t <= plan.days; ++t) {
    double redeemed = 0;
    for (std::size_t k = 1; k <= rates.delay.size() && static_cast<int>(k) <= t; ++k) {
      double share = total > 0 ? rates.delay[k - 1] / total : 0.0;
      redeemed += rates.redemption * share * vouchers[t - k];
    }
    fresh[t - 1] = rates.conversion * redeemed;
    vouchers[t] = static_cast<double>(plan.vouchers) * fresh[t - 1];
  }
  return fresh;
}

}  // namespace weishang::growth
