// `weishang simulate fission`: a voucher campaign projected day by day
// (growth::Simulate), as a table or, with --json, as the same JSON that
// POST /admin/v1/growth/simulations answers.
#include <charconv>
#include <cstdio>
#include <string>

#include "api/json/growth_json.h"
#include "cli/commands.h"
#include "core/money.h"
#include "modules/growth/growth_errors.h"
#include "modules/growth/simulation.h"

namespace weishang::cli {
namespace {

// "0.5,0.3,0.2" as weights; an empty list for anything unreadable.
std::vector<double> ParseDelay(const std::string& text) {
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    double w = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), w);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) return {};
    out.push_back(w);
    start = comma + 1;
  }
  return out;
}

growth::SimulationInput InputOf(const SimulateOptions& o) {
  growth::SimulationInput in;
  in.plan.seeds = o.seeds;
  in.plan.vouchers = o.vouchers;
  in.plan.days = o.days;
  if (o.budget_fen >= 0) in.plan.budget = o.budget_fen;
  in.plan.cost_per_redemption = o.cost_per_redemption_fen;
  in.rates.redemption = o.redemption;
  in.rates.conversion = o.conversion;
  in.rates.delay = ParseDelay(o.delay);
  in.runs = o.runs;
  in.seed = o.seed;
  return in;
}

void PrintTable(const growth::SimulationInput& in, const growth::Projection& p) {
  std::printf(
      "fission projection: %lld seeds x %lld vouchers, redemption %.3g, conversion %.3g, %d days,"
      " %d runs, seed %llu\n",
      static_cast<long long>(in.plan.seeds), static_cast<long long>(in.plan.vouchers),
      in.rates.redemption, in.rates.conversion, in.plan.days, in.runs,
      static_cast<unsigned long long>(in.seed));
  std::printf("budget %s yuan, %s yuan per redemption\n\n",
              in.plan.budget ? FormatYuan(*in.plan.budget).c_str() : "unlimited",
              FormatYuan(in.plan.cost_per_redemption).c_str());
  std::printf("%4s %10s %6s %6s %10s %10s %8s %8s %14s %8s\n", "day", "new mean", "p10", "p90",
              "expected", "total mean", "p10", "p90", "cost mean yuan", "budget");
  for (const auto& d : p.days) {
    std::printf(
        "%4d %10.2f %6lld %6lld %10.2f %10.2f %8lld %8lld %14s %7.0f%%\n", d.day,
        d.new_customers.mean, static_cast<long long>(d.new_customers.p10),
        static_cast<long long>(d.new_customers.p90), d.expected_new_customers, d.customers.mean,
        static_cast<long long>(d.customers.p10), static_cast<long long>(d.customers.p90),
        FormatYuan(static_cast<Fen>(d.cost.mean + 0.5)).c_str(), 100.0 * d.budget_exhausted_share);
  }
  const auto& t = p.total_new_customers;
  std::printf("\nnew customers: mean %.2f (p10 %lld, p50 %lld, p90 %lld); cost: mean %s yuan\n",
              t.mean, static_cast<long long>(t.p10), static_cast<long long>(t.p50),
              static_cast<long long>(t.p90),
              FormatYuan(static_cast<Fen>(p.total_cost.mean + 0.5)).c_str());
  if (p.budget_exhausted_day) {
    const auto& b = *p.budget_exhausted_day;
    std::printf("budget ran out in %lld of %d runs: day %lld (p10 %lld, p90 %lld)\n",
                static_cast<long long>(p.runs_budget_exhausted), in.runs,
                static_cast<long long>(b.p50), static_cast<long long>(b.p10),
                static_cast<long long>(b.p90));
  } else if (in.plan.budget) {
    std::printf("the budget lasted in every run\n");
  }
  if (p.capped) std::printf("some runs reached 1,000,000,000 customers and were capped\n");
}

}  // namespace

int RunSimulateFission(const SimulateOptions& options) {
  growth::SimulationInput in = InputOf(options);
  if (in.rates.delay.empty()) {
    return Report(Invalid(growth::errors::kInvalidSimulation,
                          "--delay must be comma-separated weights, e.g. 0.5,0.3,0.2"));
  }
  auto projection = growth::Simulate(in);
  if (!projection) return Report(projection.error());
  if (options.json) {
    std::printf("%s\n", ToJson(api::EncodeSimulation(in, *projection)).c_str());
  } else {
    PrintTable(in, *projection);
  }
  return 0;
}

}  // namespace weishang::cli
