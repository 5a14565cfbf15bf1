#include "modules/growth/acquisition.h"

#include <algorithm>
#include <unordered_set>

namespace weishang::growth {

Fen RoundedDivide(Fen numerator, std::int64_t denominator) {
  return (numerator + denominator / 2) / denominator;
}

std::optional<std::int64_t> PaybackDays(Fen cost,
                                        const std::map<std::int64_t, Fen>& revenue_by_day) {
  if (cost <= 0) return 0;
  Fen covered = 0;
  for (const auto& [day, revenue] : revenue_by_day) {
    covered += revenue;
    if (covered >= cost) return std::max<std::int64_t>(0, day);
  }
  return std::nullopt;
}

SourceNumbers NumbersOf(const Source& source) {
  SourceNumbers out;
  out.key = source.key;
  out.cost = source.cost;
  std::unordered_set<CustomerId> customers;
  for (const Payment& p : source.payments) {
    customers.insert(p.customer);
    out.revenue += p.amount;
  }
  out.new_customers = static_cast<std::int64_t>(customers.size());
  if (out.new_customers > 0)
    out.cost_per_new_customer = RoundedDivide(source.cost, out.new_customers);
  if (source.cost <= 0) {
    out.payback_days = 0;
    return out;
  }
  // Revenue in time order until it reaches the cost.
  std::vector<Payment> in_time = source.payments;
  std::stable_sort(in_time.begin(), in_time.end(),
                   [](const Payment& a, const Payment& b) { return a.paid_at < b.paid_at; });
  Fen covered = 0;
  for (const Payment& p : in_time) {
    covered += p.amount;
    if (covered < source.cost) continue;
    Timestamp elapsed = std::max<Timestamp>(0, p.paid_at - source.started_at);
    out.payback_days = (elapsed + kDay - 1) / kDay;
    break;
  }
  return out;
}

}  // namespace weishang::growth
