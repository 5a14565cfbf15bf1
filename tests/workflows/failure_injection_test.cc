// Checkout's and a refund's units of work fail at each of their statements in
// turn: whatever step fails, nothing of the unit remains (no order, no stock
// taken, no coupon used, no idempotency record, no event; no money, stock or
// status moved by a half refund), and once nothing fails the unit completes.
#include <map>

#include "testing/failing_tx.h"
#include "testing/shop_fixture.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::workflows {
namespace {

using testing::FailingTx;
using testing::kStart;
using testing::ShopFixture;

// Row counts and sums that any partial write would change.
using Snapshot = std::map<std::string, std::int64_t>;

class FailureInjectionTest : public ShopFixture {
 protected:
  Snapshot Take() {
    static const char* kProbes[][2] = {
        {"orders", "SELECT COUNT(*) FROM order_order"},
        {"order lines", "SELECT COUNT(*) FROM order_line"},
        {"order trail", "SELECT COUNT(*) FROM order_event"},
        {"order statuses", "SELECT COALESCE(SUM(LENGTH(status)), 0) FROM order_order"},
        {"refunded on orders", "SELECT COALESCE(SUM(refunded_total), 0) FROM order_order"},
        {"refunded on lines", "SELECT COALESCE(SUM(refunded_amount), 0) FROM order_line"},
        {"stock", "SELECT COALESCE(SUM(available), 0) FROM inventory_stock"},
        {"coupon uses", "SELECT COUNT(*) FROM pricing_coupon_use"},
        {"idempotency records", "SELECT COUNT(*) FROM idempotency_record"},
        {"refunded on payments", "SELECT COALESCE(SUM(refunded), 0) FROM payment_payment"},
        {"refunds", "SELECT COUNT(*) FROM payment_refund"},
        {"after-sales refunded",
         "SELECT COUNT(*) FROM aftersales_request WHERE status = 'refunded'"},
        {"events", "SELECT COUNT(*) FROM events_outbox"},
    };
    Snapshot s;
    auto ok = db().Read([&](storage::Tx& tx) -> Result<void> {
      for (const auto& [name, sql] : kProbes) {
        auto row = tx.QueryOne(sql);
        if (!row) return Fail(row.error());
        s[name] = (*row)->Int(0);
      }
      return {};
    });
    EXPECT_TRUE(ok) << ok.error().message;
    return s;
  }

  // Runs `unit` with its 1st, 2nd, ... statement failing until it succeeds;
  // after each failure the database must read exactly as before. Returns how
  // many statements the successful run took.
  template <class Unit>
  int FailEachStepInTurn(const Unit& unit) {
    Snapshot before = Take();
    for (int fail_at = 1; fail_at < 200; ++fail_at) {
      bool injected = false;
      auto r = db().Write([&](storage::Tx& tx) -> Result<void> {
        FailingTx failing(tx, fail_at);
        auto done = unit(failing);
        injected = failing.injected();
        if (!done) return Fail(done.error());
        return {};
      });
      if (r) {
        EXPECT_FALSE(injected);
        EXPECT_NE(Take(), before) << "the unit changed nothing";
        return fail_at - 1;
      }
      EXPECT_EQ(r.error().code, "test.injected") << r.error().message;
      EXPECT_EQ(Take(), before) << "statement " << fail_at << " failed and left a partial write";
    }
    ADD_FAILURE() << "the unit never succeeded";
    return -1;
  }
};

TEST_F(FailureInjectionTest, CheckoutLeavesNothingWhicheverStepFails) {
  SkuId duck = MakeSku("咸鸭", 3900, 10);
  SkuId tea = MakeSku("老茶", 12900, 3);
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    pricing::Coupon c;
    c.code = "NEW10";
    c.kind = pricing::CouponKind::kFixed;
    c.amount_off = 1000;
    c.valid_from = kStart - kDay;
    c.valid_until = kStart + kDay;
    c.total_quantity = 5;
    return m_.promotions.CreateCoupon(tx, merchant_, c, "新客");
  }));
  auto prepared = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return PrepareOrder(tx, m_, Request({{duck, 2}, {tea, 1}}, "NEW10"), clock_.Now());
  });
  ASSERT_TRUE(prepared) << prepared.error().message;
  int steps = FailEachStepInTurn([&](storage::Tx& tx) {
    return CommitCheckout(tx, m_, *prepared, "key-fi", "hash", clock_.Now());
  });
  EXPECT_GE(steps, 5) << "stock, order, lines, trail, coupon, record, event";
  EXPECT_EQ(Stock(duck), 8);
  EXPECT_EQ(Stock(tea), 2);
}

TEST_F(FailureInjectionTest, ARefundLeavesNothingWhicheverStepFails) {
  SkuId soap = MakeSku("手工皂", 2900, 10);
  auto o = Place(Request({{soap, 2}}));
  ASSERT_TRUE(o) << o.error().message;
  PaySandbox(*o);
  AftersalesRequestInput in{merchant_, o->token, aftersales::Kind::kRefundOnly, "拍错了", "", {}};
  auto asked =
      storage::WriteValue(db(), [&](storage::Tx& tx) { return RequestAftersales(tx, m_, in); });
  ASSERT_TRUE(asked) << asked.error().message;
  identity::Principal owner{merchant_, staff_, identity::Role::kOwner, "店主"};
  FailEachStepInTurn([&](storage::Tx& tx) { return ApproveAftersales(tx, m_, owner, asked->id); });
  order::Order after = Load(o->id);
  EXPECT_EQ(after.refunded_total, after.totals.total);
  EXPECT_EQ(after.status, order::Status::kCancelled);
  EXPECT_EQ(Stock(soap), 10);
}

}  // namespace
}  // namespace weishang::workflows
