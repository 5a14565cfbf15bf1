#include "modules/growth/acquisition.h"

#include <gtest/gtest.h>

namespace weishang::growth {
namespace {

constexpr Timestamp kStart = 1'700'000'000'000;

TEST(RoundedDivideTest, RoundsHalfUp) {
  EXPECT_EQ(RoundedDivide(1000, 3), 333);  // 333.33
  EXPECT_EQ(RoundedDivide(1000, 6), 167);  // 166.67
  EXPECT_EQ(RoundedDivide(5, 2), 3);       // 2.5
  EXPECT_EQ(RoundedDivide(0, 7), 0);
}

TEST(SourceNumbersTest, CostPerNewCustomerAndPaybackByHand) {
  // 10 yuan spent; three new customers pay 3, 4, 2 and 5 yuan over five
  // days: the revenue reaches the cost with the 5-yuan order, 5 days in.
  Source s{.key = "package_insert",
           .started_at = kStart,
           .cost = 1000,
           .payments = {{CustomerId(3), kStart + 5 * kDay, 500},
                        {CustomerId(1), kStart + 2 * kHour, 300},
                        {CustomerId(1), kStart + 3 * kDay, 200},
                        {CustomerId(2), kStart + kDay + 1, 400}}};
  SourceNumbers n = NumbersOf(s);
  EXPECT_EQ(n.key, "package_insert");
  EXPECT_EQ(n.cost, 1000);
  EXPECT_EQ(n.new_customers, 3);
  EXPECT_EQ(n.revenue, 1400);
  EXPECT_EQ(n.cost_per_new_customer, 333);
  EXPECT_EQ(n.payback_days, 5);
}

TEST(SourceNumbersTest, APartDayCountsAsAWholeDay) {
  // 300 + 400 = 700 covers 6 yuan one day and one millisecond in: day 2.
  Source s{.key = "soft_article",
           .started_at = kStart,
           .cost = 600,
           .payments = {{CustomerId(1), kStart + 2 * kHour, 300},
                        {CustomerId(2), kStart + kDay + 1, 400}}};
  EXPECT_EQ(NumbersOf(s).payback_days, 2);
  EXPECT_EQ(NumbersOf(s).cost_per_new_customer, 300);
}

TEST(SourceNumbersTest, NotYetPaidBackHasNoPaybackDay) {
  Source s{.key = "event",
           .started_at = kStart,
           .cost = 5000,
           .payments = {{CustomerId(1), kStart + kDay, 4999}}};
  SourceNumbers n = NumbersOf(s);
  EXPECT_FALSE(n.payback_days.has_value());
  EXPECT_EQ(n.cost_per_new_customer, 5000);
}

TEST(SourceNumbersTest, NoNewCustomersHasNoCostPerCustomer) {
  Source s{.key = "offline_store", .started_at = kStart, .cost = 800, .payments = {}};
  SourceNumbers n = NumbersOf(s);
  EXPECT_EQ(n.new_customers, 0);
  EXPECT_FALSE(n.cost_per_new_customer.has_value());
  EXPECT_FALSE(n.payback_days.has_value());
}

TEST(SourceNumbersTest, AFreeSourceIsPaidBackAtOnce) {
  Source s{.key = "referral",
           .started_at = kStart,
           .cost = 0,
           .payments = {{CustomerId(1), kStart + kDay, 100}}};
  SourceNumbers n = NumbersOf(s);
  EXPECT_EQ(n.payback_days, 0);
  EXPECT_EQ(n.cost_per_new_customer, 0);
}

}  // namespace
}  // namespace weishang::growth
