// The contact budget and quiet hours as pure rules: the 3-day gap, the
// month's cap (as many as the month has days, across campaigns), month
// lengths, and quiet hours wrapping midnight.
#include "modules/outreach/budget.h"

#include <gtest/gtest.h>

#include <chrono>

namespace weishang::outreach {
namespace {

using namespace std::chrono;

std::int64_t Day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

constexpr Timestamp kOffset = 8 * kHour;  // the shop's UTC+8
// The UTC instant of a shop-time wall clock.
Timestamp ShopTime(int y, unsigned m, unsigned d, int hh, int mm) {
  return Day(y, m, d) * kDay + hh * kHour + mm * kMinute - kOffset;
}

TEST(BudgetTest, OnePromotionPerThreeDays) {
  Policy p;
  std::int64_t d = Day(2026, 3, 10);
  EXPECT_EQ(CheckBudget(p, {}, d), BudgetVerdict::kAllowed);
  EXPECT_EQ(CheckBudget(p, {d}, d), BudgetVerdict::kTooSoon);
  EXPECT_EQ(CheckBudget(p, {d}, d + 1), BudgetVerdict::kTooSoon);
  EXPECT_EQ(CheckBudget(p, {d}, d + 2), BudgetVerdict::kTooSoon);
  EXPECT_EQ(CheckBudget(p, {d}, d + 3), BudgetVerdict::kAllowed);
  // The latest counts, whatever the order the ledger gave them in.
  EXPECT_EQ(CheckBudget(p, {d + 2, d - 5}, d + 4), BudgetVerdict::kTooSoon);
  // A contact "after" today (a clock moved back) does not count.
  EXPECT_EQ(CheckBudget(p, {d + 1}, d), BudgetVerdict::kAllowed);
}

TEST(BudgetTest, TheGapCrossesTheEndOfAMonth) {
  Policy p;
  EXPECT_EQ(CheckBudget(p, {Day(2026, 1, 31)}, Day(2026, 2, 1)), BudgetVerdict::kTooSoon);
  EXPECT_EQ(CheckBudget(p, {Day(2026, 1, 31)}, Day(2026, 2, 3)), BudgetVerdict::kAllowed);
}

TEST(BudgetTest, MonthsHaveTheirOwnLength) {
  EXPECT_EQ(DaysInMonth(Day(2026, 2, 14)), 28);
  EXPECT_EQ(DaysInMonth(Day(2024, 2, 1)), 29);
  EXPECT_EQ(DaysInMonth(Day(2100, 2, 1)), 28);  // not a leap year
  EXPECT_EQ(DaysInMonth(Day(2026, 4, 30)), 30);
  EXPECT_EQ(DaysInMonth(Day(2026, 12, 31)), 31);
}

TEST(BudgetTest, TheMonthsCapIsItsNumberOfDaysAcrossCampaigns) {
  Policy p;
  p.gap_days = 0;  // only the month rule
  std::vector<std::int64_t> feb;
  for (int i = 0; i < 27; ++i) feb.push_back(Day(2026, 2, 1));  // 27 campaigns
  EXPECT_EQ(CheckBudget(p, feb, Day(2026, 2, 28)), BudgetVerdict::kAllowed);
  feb.push_back(Day(2026, 2, 2));
  EXPECT_EQ(CheckBudget(p, feb, Day(2026, 2, 28)), BudgetVerdict::kMonthFull);  // 28 in February
  // The same 28 in March (31 days) leave room for three more.
  std::vector<std::int64_t> mar(28, Day(2026, 3, 1));
  EXPECT_EQ(CheckBudget(p, mar, Day(2026, 3, 20)), BudgetVerdict::kAllowed);
  mar.insert(mar.end(), 3, Day(2026, 3, 2));
  EXPECT_EQ(CheckBudget(p, mar, Day(2026, 3, 20)), BudgetVerdict::kMonthFull);
  // Last month's contacts do not count toward this one.
  EXPECT_EQ(CheckBudget(p, feb, Day(2026, 3, 1)), BudgetVerdict::kAllowed);
}

TEST(BudgetTest, AMerchantsCapAndGapAreTheirs) {
  Policy p;
  p.gap_days = 1;
  p.monthly_cap = 2;
  std::int64_t d = Day(2026, 5, 10);
  EXPECT_EQ(CheckBudget(p, {d - 1}, d), BudgetVerdict::kAllowed);
  EXPECT_EQ(CheckBudget(p, {d - 2, d - 1}, d), BudgetVerdict::kMonthFull);
  EXPECT_EQ(CheckBudget(p, {d}, d), BudgetVerdict::kTooSoon);
}

TEST(QuietHoursTest, DefaultsAreNineInTheEveningToNineInTheMorning) {
  Policy p;
  EXPECT_FALSE(InQuietHours(p, 20 * 60 + 59));
  EXPECT_TRUE(InQuietHours(p, 21 * 60));
  EXPECT_TRUE(InQuietHours(p, 0));
  EXPECT_TRUE(InQuietHours(p, 8 * 60 + 59));
  EXPECT_FALSE(InQuietHours(p, 9 * 60));
  Policy none;
  none.quiet_start = none.quiet_end = 0;
  for (int m : {0, 600, 1439}) EXPECT_FALSE(InQuietHours(none, m));
  Policy lunch;  // not wrapping midnight
  lunch.quiet_start = 12 * 60;
  lunch.quiet_end = 14 * 60;
  EXPECT_TRUE(InQuietHours(lunch, 13 * 60));
  EXPECT_FALSE(InQuietHours(lunch, 14 * 60));
  EXPECT_FALSE(InQuietHours(lunch, 23 * 60));
}

TEST(QuietHoursTest, AMessageAskedForInThemGoesAtTheirEnd) {
  Policy p;
  Timestamp noon = ShopTime(2026, 3, 10, 12, 0);
  EXPECT_EQ(DeferPastQuietHours(p, noon, kOffset), noon);
  // 22:30 -> 09:00 the next morning; 03:00 -> 09:00 the same morning.
  EXPECT_EQ(DeferPastQuietHours(p, ShopTime(2026, 3, 10, 22, 30), kOffset),
            ShopTime(2026, 3, 11, 9, 0));
  EXPECT_EQ(DeferPastQuietHours(p, ShopTime(2026, 3, 11, 3, 0), kOffset),
            ShopTime(2026, 3, 11, 9, 0));
  // Across the end of a month.
  EXPECT_EQ(DeferPastQuietHours(p, ShopTime(2026, 2, 28, 23, 0), kOffset),
            ShopTime(2026, 3, 1, 9, 0));
}

}  // namespace
}  // namespace weishang::outreach
