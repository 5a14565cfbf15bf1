// The dashboard's read function on a real database and a fake clock: days
// are Beijing days (an order paid at 23:30 and one at 00:30 fall on two
// days), money counts on the day it moved (a refund today of an order paid
// yesterday lowers today's takings), and what waits for the shop is counted.
#include "queries/dashboard.h"

#include "queries/shop_time.h"
#include "testing/shop_fixture.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::queries {
namespace {

using testing::ShopFixture;

// 2026-11-21 00:00 Beijing time is 2026-11-20 16:00 UTC.
constexpr Timestamp kNov21Beijing = 1'795'190'400'000;

class DashboardTest : public ShopFixture {
 protected:
  Dashboard Read() {
    auto d = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return ReadDashboard(tx, {m_.orders, m_.payments, m_.aftersales}, merchant_, clock_.Now());
    });
    EXPECT_TRUE(d) << d.error().message;
    return *d;
  }

  // An order of one unit of `sku`, paid now through the sandbox.
  order::Order PaidOrder(SkuId sku) {
    auto o = Place(Request({{sku, 1}}));
    EXPECT_TRUE(o) << o.error().message;
    PaySandbox(*o);
    return *o;
  }
};

TEST_F(DashboardTest, DaysAreBeijingDaysNotUtcDays) {
  ASSERT_EQ(FormatShopDay(ShopDay(kNov21Beijing)), "2026-11-21");
  ASSERT_EQ(FormatShopTime(kNov21Beijing), "2026-11-21 00:00:00");
  SkuId sku = MakeSku("剁椒鱼头酱", 1490, 10);
  clock_.Set(kNov21Beijing - 30 * kMinute);  // 23:30 on the 20th, Beijing; 15:30 UTC
  PaidOrder(sku);
  clock_.Set(kNov21Beijing + 30 * kMinute);  // 00:30 on the 21st; still the 20th in UTC
  PaidOrder(sku);
  PaidOrder(sku);
  clock_.Set(kNov21Beijing + 23 * kHour);  // 23:00 on the 21st, the 22nd in UTC
  Dashboard d = Read();
  EXPECT_EQ(FormatShopDay(d.today), "2026-11-21");
  ASSERT_EQ(d.days.size(), 30u);
  EXPECT_EQ(d.days.back().day, d.today);
  EXPECT_EQ(d.days.back().orders, 2);
  EXPECT_EQ(d.days.back().paid, 2 * 1490 + 2 * 1000) << "goods and the flat postage";
  EXPECT_EQ(d.days[28].orders, 1) << "yesterday, by Beijing time";
  EXPECT_EQ(d.period.orders, 3);
  EXPECT_EQ(d.period.paid, 3 * (1490 + 1000));
  EXPECT_EQ(d.orders_to_ship, 3);
}

TEST_F(DashboardTest, ThePeriodIsTodayAndTheTwentyNineDaysBefore) {
  SkuId sku = MakeSku("湘味礼盒", 16800, 10);
  clock_.Set(kNov21Beijing - 29 * kDay);  // the first day of the period, at midnight
  PaidOrder(sku);
  clock_.Set(kNov21Beijing - 29 * kDay - 1);  // a millisecond before it
  PaidOrder(sku);
  clock_.Set(kNov21Beijing + 12 * kHour);
  Dashboard d = Read();
  EXPECT_EQ(FormatShopDay(d.days.front().day), "2026-10-23");
  EXPECT_EQ(d.days.front().orders, 1);
  EXPECT_EQ(d.period.orders, 1);
  EXPECT_EQ(d.period.paid, 16800) << "free postage above the threshold";
  for (std::size_t i = 1; i < d.days.size(); ++i) {
    EXPECT_EQ(d.days[i].day, d.days[i - 1].day + 1) << "every day present, in order";
    EXPECT_EQ(d.days[i].orders, 0);
  }
}

TEST_F(DashboardTest, ARefundCountsOnTheDayItWasMadeAndRequestsWaitForTheShop) {
  SkuId sku = MakeSku("面膜", 4990, 10);
  clock_.Set(kNov21Beijing - 12 * kHour);  // noon on the 20th
  order::Order o = PaidOrder(sku);
  clock_.Set(kNov21Beijing + 10 * kHour);  // 10:00 on the 21st
  auto asked = storage::WriteValue(db(), [&](storage::Tx& tx) {
    workflows::AftersalesRequestInput in{merchant_,  o.token, aftersales::Kind::kRefundOnly,
                                         "不想要了", "",      {}};
    return workflows::RequestAftersales(tx, m_, in);
  });
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(Read().aftersales_requested, 1);
  EXPECT_EQ(Read().aftersales_to_handle(), 1);
  identity::Principal owner{merchant_, staff_, identity::Role::kOwner, "店主"};
  auto refunded = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return workflows::ApproveAftersales(tx, m_, owner, asked->id);
  });
  ASSERT_TRUE(refunded) << refunded.error().message;
  Dashboard d = Read();
  EXPECT_EQ(d.aftersales_to_handle(), 0);
  EXPECT_EQ(d.days.back().orders, 0);
  EXPECT_EQ(d.days.back().paid, 0);
  EXPECT_EQ(d.days.back().refunded, refunded->refund_amount + refunded->refund_postage);
  EXPECT_EQ(d.days.back().revenue(), -d.days.back().refunded);
  EXPECT_EQ(d.days[28].orders, 1);
  EXPECT_EQ(d.period.revenue(), 0) << "refunded in full before shipping";
  EXPECT_EQ(d.orders_to_ship, 0) << "the order closed with its refund";
}

TEST_F(DashboardTest, AnotherShopsOrdersAreNotCounted) {
  SkuId sku = MakeSku("鸭脖", 1990, 10);
  PaidOrder(sku);
  auto other = storage::WriteValue(db(), [&](storage::Tx& tx) {
    identity::SignUpInput in{"shop-b", "Shop B", "owner@b", "Owner", "x"};
    return m_.identity.SignUp(tx, in);
  });
  ASSERT_TRUE(other);
  auto d = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return ReadDashboard(tx, {m_.orders, m_.payments, m_.aftersales}, other->principal.merchant_id,
                         clock_.Now());
  });
  ASSERT_TRUE(d);
  EXPECT_EQ(d->period.orders, 0);
  EXPECT_EQ(d->period.paid, 0);
  EXPECT_EQ(d->orders_to_ship, 0);
}

}  // namespace
}  // namespace weishang::queries
