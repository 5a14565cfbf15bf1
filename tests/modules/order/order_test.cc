// The order module on a real database (both engines): transitions move only
// from the state they expect, each records its domain event in the same
// unit, refunds never exceed what a line paid, and tokens find only their order.
#include "modules/order/order.h"

#include <gtest/gtest.h>

#include "modules/order/order_events.h"
#include "testing/temp_db.h"

namespace weishang::order {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{41};

class OrderTest : public ::testing::Test {
 protected:
  Order Place() {
    NewOrder in;
    in.merchant_id = kShop;
    in.buyer = {"陈静", "13900003333", "广东", "新会区 2 号", ""};
    in.totals = {5800, 0, 0, 0, 0, 5800};
    in.pay_deadline = clock_.Now() + 30 * kMinute;
    Line l;
    l.sku_id = SkuId(9001);
    l.product_id = ProductId(9000);
    l.title = "新会陈皮";
    l.unit_price = 2900;
    l.quantity = 2;
    l.payable = 5800;
    in.lines.push_back(l);
    auto o = db_.Write([&](Tx& tx) { return orders_.Create(tx, in); });
    EXPECT_TRUE(o) << o.error().message;
    return *o;
  }

  std::vector<std::string> EventKinds() {
    std::vector<std::string> out;
    auto ok = db_.db().Read([&](Tx& tx) -> Result<void> {
      auto rows = tx.Query("SELECT kind FROM events_outbox ORDER BY seq");
      if (!rows) return Fail(rows.error());
      for (const auto& r : *rows) out.push_back(r.Str(0));
      return {};
    });
    EXPECT_TRUE(ok);
    return out;
  }

  TempDb db_;
  FakeClock clock_{1'800'000'000'000};
  IdGenerator ids_{4};
  OrderService orders_{clock_, ids_};
};

TEST_F(OrderTest, EachTransitionRecordsItsEventInTheSameUnit) {
  Order o = Place();
  ASSERT_TRUE(
      db_.Write([&](Tx& tx) { return orders_.MarkPaid(tx, kShop, o.id, "manual", "stf_1"); }));
  ASSERT_TRUE(
      db_.Write([&](Tx& tx) { return orders_.Ship(tx, kShop, o.id, "顺丰", "SF1", 10, "stf_1"); }));
  ASSERT_TRUE(
      db_.Write([&](Tx& tx) { return orders_.ConfirmReceipt(tx, kShop, o.id, 7, "buyer"); }));
  ASSERT_TRUE(db_.Write([&](Tx& tx) { return orders_.Complete(tx, kShop, o.id, "system"); }));
  EXPECT_EQ(EventKinds(), (std::vector<std::string>{"order.placed", "order.paid", "order.shipped",
                                                    "order.received", "order.completed"}));
}

TEST_F(OrderTest, ATransitionFromTheWrongStateChangesNothingAndRecordsNothing) {
  Order o = Place();
  auto shipped =
      db_.Write([&](Tx& tx) { return orders_.Ship(tx, kShop, o.id, "顺丰", "SF1", 10, "stf_1"); });
  ASSERT_FALSE(shipped);
  EXPECT_EQ(shipped.error().code, "order.not_shippable");
  ASSERT_TRUE(
      db_.Write([&](Tx& tx) { return orders_.MarkPaid(tx, kShop, o.id, "manual", "stf_1"); }));
  auto twice =
      db_.Write([&](Tx& tx) { return orders_.MarkPaid(tx, kShop, o.id, "sandbox", "system"); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "order.not_awaiting_payment");
  auto cancel = db_.Write([&](Tx& tx) { return orders_.Cancel(tx, kShop, o.id, "缺货", "stf_1"); });
  ASSERT_FALSE(cancel);
  EXPECT_EQ(cancel.error().code, "order.not_cancellable");
  EXPECT_EQ(EventKinds(), (std::vector<std::string>{"order.placed", "order.paid"}));
}

TEST_F(OrderTest, ACancellationSaysWhyInItsEvent) {
  Order o = Place();
  ASSERT_TRUE(db_.Write(
      [&](Tx& tx) { return orders_.Cancel(tx, kShop, o.id, "payment timeout", "system"); }));
  auto payload = db_.Read([](Tx& tx) -> Result<std::string> {
    auto row = tx.QueryOne("SELECT payload FROM events_outbox WHERE kind = 'order.cancelled'");
    if (!row) return Fail(row.error());
    if (!*row) return Fail(NotFound("test.none", "no event"));
    return (*row)->Str(0);
  });
  ASSERT_TRUE(payload);
  EXPECT_NE(payload->find(R"("reason":"payment timeout")"), std::string::npos) << *payload;
  EXPECT_NE(payload->find(R"("status":"cancelled")"), std::string::npos) << *payload;
}

TEST_F(OrderTest, RefundsOfALineNeverExceedWhatItPaid) {
  Order o = Place();
  ASSERT_TRUE(
      db_.Write([&](Tx& tx) { return orders_.MarkPaid(tx, kShop, o.id, "manual", "stf_1"); }));
  ASSERT_TRUE(db_.Write(
      [&](Tx& tx) { return orders_.RecordRefund(tx, kShop, o.id, 1, 1, 2900, "stf_1"); }));
  auto over =
      db_.Write([&](Tx& tx) { return orders_.RecordRefund(tx, kShop, o.id, 1, 1, 2901, "stf_1"); });
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "order.refund_exceeds_paid");
}

TEST_F(OrderTest, ATokenFindsOnlyItsOwnOrderInItsOwnShop) {
  Order o = Place();
  EXPECT_TRUE(db_.Read([&](Tx& tx) { return orders_.GetByToken(tx, kShop, o.token); }));
  EXPECT_FALSE(db_.Read(
      [&](Tx& tx) { return orders_.GetByToken(tx, MerchantId(kShop.value() + 1), o.token); }));
  std::string forged = o.token.substr(0, o.token.size() - 1) + (o.token.back() == 'a' ? "b" : "a");
  EXPECT_FALSE(db_.Read([&](Tx& tx) { return orders_.GetByToken(tx, kShop, forged); }));
}

}  // namespace
}  // namespace weishang::order
