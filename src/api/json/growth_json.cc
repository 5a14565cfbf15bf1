#include "api/json/growth_json.h"

#include <cmath>

namespace weishang::api {
namespace {

// A JSON number as a double, or a rejection naming the field.
std::optional<double> Number(JsonReader& r, const json::object& body, std::string_view key,
                             bool required) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) r.Reject(key, "is required");
    return std::nullopt;
  }
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  r.Reject(key, "must be a number");
  return std::nullopt;
}

// Means to 3 decimals: a projection is read, not summed.
double Rounded(double v) { return std::round(v * 1000.0) / 1000.0; }

json::object EncodeBand(const growth::Band& b) {
  return json::object{{"mean", Rounded(b.mean)}, {"p10", b.p10}, {"p50", b.p50}, {"p90", b.p90}};
}

json::array EncodeDelay(const std::vector<double>& delay) {
  json::array out;
  for (double w : delay) out.push_back(w);
  return out;
}

}  // namespace

Result<growth::SimulationInput> DecodeSimulation(const json::object& body) {
  growth::SimulationInput in;
  JsonReader r(body);
  constexpr std::int64_t kWide = 1'000'000'000'000;  // ranges: growth::Validate
  in.plan.seeds = r.OptInt("seeds", -kWide, kWide).value_or(in.plan.seeds);
  in.plan.vouchers = r.OptInt("vouchers", -kWide, kWide).value_or(in.plan.vouchers);
  in.plan.days = static_cast<int>(r.OptInt("days", -1'000'000, 1'000'000).value_or(in.plan.days));
  in.runs = static_cast<int>(r.OptInt("runs", -1'000'000, 1'000'000).value_or(in.runs));
  in.seed = static_cast<std::uint64_t>(
      r.OptInt("seed", 0, INT64_MAX).value_or(static_cast<std::int64_t>(in.seed)));
  in.plan.cost_per_redemption =
      r.OptInt("cost_per_redemption_fen", INT64_MIN, INT64_MAX).value_or(0);
  in.plan.budget = r.OptInt("budget_fen", INT64_MIN, INT64_MAX);
  in.rates.redemption = Number(r, body, "redemption", true).value_or(0);
  in.rates.conversion = Number(r, body, "conversion", true).value_or(0);
  if (r.Has("delay")) {
    const json::array& delay = r.Array("delay", true, growth::kMaxDelayDays);
    in.rates.delay.clear();
    for (const auto& w : delay) {
      if (w.is_number()) {
        in.rates.delay.push_back(w.to_number<double>());
      } else {
        r.Reject("delay", "must hold numbers (weights of days 1, 2, 3 …)");
      }
    }
  }
  if (auto bad = r.Error()) return Fail(*bad);
  if (auto ok = growth::Validate(in); !ok) return Fail(ok.error());
  return in;
}

json::object EncodeSimulation(const growth::SimulationInput& in, const growth::Projection& p) {
  json::array days;
  for (const auto& d : p.days) {
    days.push_back(json::object{{"day", d.day},
                                {"new_customers", EncodeBand(d.new_customers)},
                                {"customers", EncodeBand(d.customers)},
                                {"redemptions", EncodeBand(d.redemptions)},
                                {"cost_fen", EncodeBand(d.cost)},
                                {"budget_exhausted_share", Rounded(d.budget_exhausted_share)},
                                {"expected_new_customers", Rounded(d.expected_new_customers)}});
  }
  json::object input{
      {"seeds", in.plan.seeds},
      {"vouchers", in.plan.vouchers},
      {"days", in.plan.days},
      {"budget_fen", in.plan.budget ? json::value(*in.plan.budget) : json::value(nullptr)},
      {"cost_per_redemption_fen", in.plan.cost_per_redemption},
      {"redemption", in.rates.redemption},
      {"conversion", in.rates.conversion},
      {"delay", EncodeDelay(in.rates.delay)},
      {"runs", in.runs},
      {"seed", in.seed}};
  return json::object{{"input", std::move(input)},
                      {"days", std::move(days)},
                      {"total_new_customers", EncodeBand(p.total_new_customers)},
                      {"total_cost_fen", EncodeBand(p.total_cost)},
                      {"runs_budget_exhausted", p.runs_budget_exhausted},
                      {"budget_exhausted_day",
                       p.budget_exhausted_day ? json::value(EncodeBand(*p.budget_exhausted_day))
                                              : json::value(nullptr)},
                      {"capped", p.capped}};
}

}  // namespace weishang::api
