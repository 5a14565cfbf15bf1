#include "modules/outreach/budget.h"

#include <algorithm>
#include <chrono>

namespace weishang::outreach {
namespace {

std::chrono::year_month MonthOf(std::int64_t day) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  return ymd.year() / ymd.month();
}

}  // namespace

int DaysInMonth(std::int64_t day) {
  auto ym = MonthOf(day);
  return static_cast<int>(static_cast<unsigned>((ym / std::chrono::last).day()));
}

BudgetVerdict CheckBudget(const Policy& policy, const std::vector<std::int64_t>& promo_days,
                          std::int64_t today) {
  auto month = MonthOf(today);
  int cap = policy.monthly_cap > 0 ? policy.monthly_cap : DaysInMonth(today);
  int in_month = 0;
  std::int64_t last = INT64_MIN;
  for (std::int64_t d : promo_days) {
    if (d > today) continue;
    last = std::max(last, d);
    if (MonthOf(d) == month) ++in_month;
  }
  if (policy.gap_days > 0 && last != INT64_MIN && today - last < policy.gap_days) {
    return BudgetVerdict::kTooSoon;
  }
  if (in_month >= cap) return BudgetVerdict::kMonthFull;
  return BudgetVerdict::kAllowed;
}

bool InQuietHours(const Policy& policy, int minute) {
  int start = policy.quiet_start, end = policy.quiet_end;
  if (start == end) return false;
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end;  // wraps midnight
}

Timestamp DeferPastQuietHours(const Policy& policy, Timestamp t, Timestamp utc_offset) {
  Timestamp local = t + utc_offset;
  int minute = static_cast<int>((local % kDay) / kMinute);
  if (!InQuietHours(policy, minute)) return t;
  Timestamp day_start = local - local % kDay;  // shop midnight, in local terms
  Timestamp end = day_start + policy.quiet_end * kMinute;
  if (end <= local) end += kDay;  // the quiet hours end tomorrow morning
  return end - utc_offset;
}

}  // namespace weishang::outreach
