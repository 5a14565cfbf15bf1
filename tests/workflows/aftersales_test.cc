#include "testing/shop_fixture.h"
#include "workflows/aftersales/aftersales_flows.h"
#include "workflows/jobs/scheduler.h"

namespace weishang::workflows {
namespace {

using testing::ShopFixture;

class AftersalesTest : public ShopFixture {
 protected:
  // An order of `qty` units, paid, shipped and received.
  order::Order Received(SkuId sku, std::int64_t qty) {
    auto o = Place(Request({{sku, qty}}));
    EXPECT_TRUE(o);
    PaySandbox(*o);
    auto done = storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<order::Order> {
      auto shipped = ShipOrder(tx, m_, merchant_, o->id, "顺丰", "SF100200300", "stf");
      if (!shipped) return shipped;
      return ConfirmReceipt(tx, m_, merchant_, o->id, "buyer");
    });
    EXPECT_TRUE(done) << done.error().message;
    order::Order out = *done;
    out.token = o->token;
    return out;
  }

  Result<aftersales::Request> Ask(const order::Order& o, aftersales::Kind kind,
                                  std::vector<AftersalesLineRequest> lines = {}) {
    AftersalesRequestInput in{merchant_, o.token, kind, "不想要了", "", std::move(lines)};
    return storage::WriteValue(db(),
                               [&](storage::Tx& tx) { return RequestAftersales(tx, m_, in); });
  }

  identity::Principal Owner() const { return {merchant_, staff_, identity::Role::kOwner, "店主"}; }
  identity::Principal As(identity::Role role) const { return {merchant_, staff_, role, ""}; }

  template <class Fn>
  Result<aftersales::Request> Do(Fn fn) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) { return fn(tx); });
  }
};

TEST_F(AftersalesTest, ProportionalRefundsOfEveryUnitAddUpToWhatTheLinePaid) {
  for (Fen payable : {1000LL, 999LL, 7LL, 123457LL}) {
    Fen sum = 0;
    for (int i = 0; i < 3; ++i) sum += ProportionalRefund(payable, 3, i, 1);
    EXPECT_EQ(sum, payable);
    EXPECT_EQ(ProportionalRefund(payable, 3, 0, 2) + ProportionalRefund(payable, 3, 2, 1), payable);
  }
}

TEST_F(AftersalesTest, NoReasonReturnRestoresStockAndRefundsThroughTheProvider) {
  SkuId mask = MakeSku("面膜 10片", 4990, 10);
  order::Order o = Received(mask, 3);
  EXPECT_EQ(Stock(mask), 7);
  auto asked = Ask(o, aftersales::Kind::kNoReasonReturn, {{1, 2}});
  ASSERT_TRUE(asked) << asked.error().message;
  Fen due = asked->refund_amount;
  EXPECT_EQ(due, ProportionalRefund(o.lines[0].payable, 3, 0, 2));
  ASSERT_TRUE(Do([&](auto& tx) { return ApproveAftersales(tx, m_, Owner(), asked->id); }));
  ASSERT_TRUE(Do([&](auto& tx) {
    return ShipBack(tx, m_, merchant_, o.token, asked->id, "中通", "ZT123456");
  }));
  auto got = Do([&](auto& tx) { return ReceiveReturn(tx, m_, merchant_, asked->id, staff_); });
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->status, aftersales::Status::kRefunded);
  EXPECT_EQ(Stock(mask), 9);
  order::Order after = Load(o.id);
  EXPECT_EQ(after.refunded_total, due);
  EXPECT_EQ(after.lines[0].refunded_quantity, 2);
  // The third unit can still be returned; a fourth cannot.
  auto too_many = Ask(o, aftersales::Kind::kNoReasonReturn, {{1, 2}});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, "aftersales.quantity_exceeded");
}

TEST_F(AftersalesTest, NoReasonReturnClosesSevenDaysAfterReceipt) {
  SkuId mask = MakeSku("面膜", 4990, 10);
  order::Order o = Received(mask, 1);
  clock_.Advance(8 * kDay);
  auto late = Ask(o, aftersales::Kind::kNoReasonReturn);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "aftersales.window_closed");
}

TEST_F(AftersalesTest, RefundOnlyBeforeShippingRefundsPostageAndClosesTheOrder) {
  SkuId duck = MakeSku("咸鸭", 3900, 10);
  auto o = Place(Request({{duck, 1}}));
  ASSERT_TRUE(o);
  PaySandbox(*o);
  auto asked = Ask(*o, aftersales::Kind::kRefundOnly);
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(asked->refund_postage, 1000);
  auto done = Do([&](auto& tx) { return ApproveAftersales(tx, m_, Owner(), asked->id); });
  ASSERT_TRUE(done) << done.error().message;
  order::Order closed = Load(o->id);
  EXPECT_EQ(closed.status, order::Status::kCancelled);
  EXPECT_EQ(closed.refunded_total, closed.totals.total);
  EXPECT_EQ(Stock(duck), 10);
}

TEST_F(AftersalesTest, RefusedRequestKeepsItsReasonAndMovesNoMoney) {
  SkuId duck = MakeSku("咸鸭", 3900, 10);
  order::Order o = Received(duck, 1);
  auto asked = Ask(o, aftersales::Kind::kQualityReturn);
  ASSERT_TRUE(asked);
  auto no_reason = Do([&](auto& tx) { return RefuseAftersales(tx, m_, Owner(), asked->id, ""); });
  ASSERT_FALSE(no_reason);
  auto refused =
      Do([&](auto& tx) { return RefuseAftersales(tx, m_, Owner(), asked->id, "包装完好"); });
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->refuse_reason, "包装完好");
  EXPECT_EQ(Load(o.id).refunded_total, 0);
}

TEST_F(AftersalesTest, ReceivableSettlesOnlyAfterTheWindowAndNotWhileARequestIsOpen) {
  SkuId duck = MakeSku("咸鸭", 3900, 10);
  order::Order o = Received(duck, 1);
  Scheduler jobs(db(), m_, clock_, OrderJobs());
  clock_.Advance(6 * kDay);
  jobs.RunOnce();
  EXPECT_EQ(Load(o.id).status, order::Status::kReceived);
  auto asked = Ask(o, aftersales::Kind::kQualityReturn);
  ASSERT_TRUE(asked);
  clock_.Advance(2 * kDay);
  jobs.RunOnce();
  EXPECT_EQ(Load(o.id).status, order::Status::kReceived);  // held by the open request
  ASSERT_TRUE(Do([&](auto& tx) { return RefuseAftersales(tx, m_, Owner(), asked->id, "no"); }));
  clock_.Advance(2 * kDay);
  jobs.RunOnce();
  EXPECT_EQ(Load(o.id).status, order::Status::kCompleted);
}

TEST_F(AftersalesTest, ShippedOrdersAreReceivedAutomatically) {
  SkuId duck = MakeSku("咸鸭", 3900, 10);
  auto o = Place(Request({{duck, 1}}));
  ASSERT_TRUE(o);
  PaySandbox(*o);
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return ShipOrder(tx, m_, merchant_, o->id, "顺丰", "SF1", "stf");
  }));
  clock_.Advance(11 * kDay);
  Scheduler(db(), m_, clock_, OrderJobs()).RunOnce();
  EXPECT_EQ(Load(o->id).status, order::Status::kReceived);
}

}  // namespace
}  // namespace weishang::workflows

namespace weishang::workflows {
namespace {

// Refunds move money: approving one needs the money permission; exchanges
// and refusals stay with after-sales staff (docs/api.md, roles.h).
TEST_F(AftersalesTest, OnlyTheMoneyPermissionApprovesARefund) {
  SkuId sku = MakeSku("手工皂", 2900, 10);
  auto o = Place(Request({{sku, 1}}));
  ASSERT_TRUE(o);
  PaySandbox(*o);
  auto asked = Ask(*o, aftersales::Kind::kRefundOnly);
  ASSERT_TRUE(asked) << asked.error().message;
  auto by_staff = Do(
      [&](auto& tx) { return ApproveAftersales(tx, m_, As(identity::Role::kStaff), asked->id); });
  ASSERT_FALSE(by_staff);
  EXPECT_EQ(by_staff.error().code, "identity.forbidden");
  EXPECT_EQ(Load(o->id).refunded_total, 0);
  auto by_finance = Do(
      [&](auto& tx) { return ApproveAftersales(tx, m_, As(identity::Role::kFinance), asked->id); });
  ASSERT_TRUE(by_finance) << by_finance.error().message;
  EXPECT_EQ(by_finance->status, aftersales::Status::kRefunded);
}

TEST_F(AftersalesTest, StaffMayApproveAnExchangeAndRefuseARefund) {
  SkuId sku = MakeSku("羊毛袜", 3900, 10);
  auto o = Received(sku, 2);
  auto swap = Ask(o, aftersales::Kind::kExchange, {{1, 1}});
  ASSERT_TRUE(swap) << swap.error().message;
  EXPECT_TRUE(Do(
      [&](auto& tx) { return ApproveAftersales(tx, m_, As(identity::Role::kStaff), swap->id); }));
  auto back = Ask(o, aftersales::Kind::kNoReasonReturn, {{1, 1}});
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_FALSE(Do(
      [&](auto& tx) { return ApproveAftersales(tx, m_, As(identity::Role::kStaff), back->id); }));
  EXPECT_TRUE(Do([&](auto& tx) {
    return RefuseAftersales(tx, m_, As(identity::Role::kStaff), back->id, "已穿过");
  }));
}

}  // namespace
}  // namespace weishang::workflows
