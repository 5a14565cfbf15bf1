// The payment module on a real database (both engines): refunds come from
// the payments that still hold money, callbacks are verified and applied
// once, the sandbox can be switched off, and money moves record events.
#include "modules/payment/payment.h"

#include <gtest/gtest.h>

#include "testing/temp_db.h"

namespace weishang::payment {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{11};
constexpr OrderId kOrder{5001};

class PaymentTest : public ::testing::Test {
 protected:
  template <class Fn>
  auto Write(Fn&& fn) {
    return db_.Write([&](Tx& tx) { return fn(tx); });
  }

  // A sandbox payment of `amount` for kOrder, confirmed by a signed callback.
  Payment PaidBySandbox(Fen amount) {
    auto p = Write([&](Tx& tx) { return payments_.CreateSandbox(tx, kShop, kOrder, amount); });
    EXPECT_TRUE(p) << p.error().message;
    auto applied = Write([&](Tx& tx) -> Result<std::pair<Payment, bool>> {
      auto secret = payments_.SandboxSecret(tx, kShop);
      if (!secret) return Fail(secret.error());
      std::string body = R"({"payment_id":")" + EncodeId(p->id) + R"(","amount":)" +
                         std::to_string(amount) + R"(,"status":"succeeded","ref":"wx"})";
      return payments_.ApplySandboxCallback(tx, kShop, body, SignSandbox(*secret, body));
    });
    EXPECT_TRUE(applied) << applied.error().message;
    return applied->first;
  }

  Payment PaidByTransfer(Fen amount) {
    auto p = Write([&](Tx& tx) {
      return payments_.ConfirmManual(tx, kShop, kOrder, amount, "transfer", "bank", StaffId(7));
    });
    EXPECT_TRUE(p) << p.error().message;
    return *p;
  }

  std::int64_t Events(const std::string& kind) {
    auto n = db_.Read([&](Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne("SELECT COUNT(*) FROM events_outbox WHERE kind = ?", {kind});
      if (!row) return Fail(row.error());
      return (*row)->Int(0);
    });
    return n ? *n : -1;
  }

  TempDb db_;
  FakeClock clock_{1'800'000'000'000};
  IdGenerator ids_{3};
  PaymentService payments_{clock_, ids_};
};

TEST_F(PaymentTest, ARefundComesFromThePaymentsThatStillHoldMoneyOldestFirst) {
  Payment sandbox = PaidBySandbox(3000);
  Payment transfer = PaidByTransfer(3000);
  // The sandbox payment was already sent back whole (a late duplicate).
  ASSERT_TRUE(
      Write([&](Tx& tx) { return payments_.RefundPayment(tx, kShop, sandbox.id, 3000, "late"); }));
  auto refunds =
      Write([&](Tx& tx) { return payments_.RefundOrder(tx, kShop, kOrder, 1000, "afs"); });
  ASSERT_TRUE(refunds) << refunds.error().message;
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ((*refunds)[0].payment_id, transfer.id);
}

TEST_F(PaymentTest, ARefundLargerThanOnePaymentIsSplitAcrossThem) {
  Payment first = PaidBySandbox(2000);
  Payment second = PaidByTransfer(3000);
  auto refunds =
      Write([&](Tx& tx) { return payments_.RefundOrder(tx, kShop, kOrder, 4500, "afs"); });
  ASSERT_TRUE(refunds) << refunds.error().message;
  ASSERT_EQ(refunds->size(), 2u);
  EXPECT_EQ((*refunds)[0].payment_id, first.id);
  EXPECT_EQ((*refunds)[0].amount, 2000);
  EXPECT_EQ((*refunds)[1].payment_id, second.id);
  EXPECT_EQ((*refunds)[1].amount, 2500);
  EXPECT_EQ(Events("payment.refunded"), 2);
}

TEST_F(PaymentTest, MoreThanThePaymentsHoldIsRefusedAndNothingIsRefunded) {
  PaidBySandbox(2000);
  auto refused =
      Write([&](Tx& tx) { return payments_.RefundOrder(tx, kShop, kOrder, 2001, "afs"); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "payment.refund_exceeds_payment");
  auto list = db_.Read([&](Tx& tx) { return payments_.ListForOrder(tx, kShop, kOrder); });
  ASSERT_TRUE(list);
  EXPECT_EQ((*list)[0].refunded, 0);
}

TEST_F(PaymentTest, ACallbackIsVerifiedAndAppliedOnce) {
  auto p = Write([&](Tx& tx) { return payments_.CreateSandbox(tx, kShop, kOrder, 990); });
  ASSERT_TRUE(p);
  std::string body =
      R"({"payment_id":")" + EncodeId(p->id) + R"(","amount":990,"status":"succeeded","ref":"wx"})";
  auto forged =
      Write([&](Tx& tx) { return payments_.ApplySandboxCallback(tx, kShop, body, "00"); });
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, "payment.bad_signature");
  auto apply = [&] {
    return Write([&](Tx& tx) -> Result<std::pair<Payment, bool>> {
      auto secret = payments_.SandboxSecret(tx, kShop);
      if (!secret) return Fail(secret.error());
      return payments_.ApplySandboxCallback(tx, kShop, body, SignSandbox(*secret, body));
    });
  };
  auto first = apply();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->second);
  auto repeat = apply();
  ASSERT_TRUE(repeat);
  EXPECT_FALSE(repeat->second);
  EXPECT_EQ(Events("payment.succeeded"), 1);
}

TEST_F(PaymentTest, WithTheSandboxOffNoSandboxPaymentStarts) {
  payments_.set_sandbox_enabled(false);
  auto p = Write([&](Tx& tx) { return payments_.CreateSandbox(tx, kShop, kOrder, 990); });
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "payment.provider_disabled");
}

}  // namespace
}  // namespace weishang::payment
