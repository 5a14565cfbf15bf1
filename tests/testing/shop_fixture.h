// A shop with products, ready for workflow tests: a real SQLite database,
// a fake clock, every module service, and helpers to make products, place
// orders and pay for them.
#pragma once

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/ids.h"
#include "modules/payment/payment.h"
#include "testing/temp_db.h"
#include "workflows/checkout/checkout.h"
#include "workflows/modules.h"
#include "workflows/orders/order_flows.h"

namespace weishang::testing {

inline constexpr Timestamp kStart = 1'795'000'000'000;  // 2026-11-18

class ShopFixture : public ::testing::Test {
 protected:
  ShopFixture() : clock_(kStart), ids_(1), m_(clock_, ids_) { InitCrypto(); }

  void SetUp() override {
    auto token = storage::WriteValue(db(), [&](storage::Tx& tx) {
      identity::SignUpInput in{"shop-a", "Shop A", "owner@a", "Owner", "x"};
      return m_.identity.SignUp(tx, in);
    });
    ASSERT_TRUE(token) << token.error().message;
    merchant_ = token->principal.merchant_id;
    staff_ = token->principal.staff_id;
  }

  storage::Database& db() { return temp_.db(); }

  // A product on sale with one SKU of `price` fen and `stock` units; returns the SKU id.
  SkuId MakeSku(const std::string& title, Fen price, std::int64_t stock,
                MerchantId merchant = MerchantId()) {
    MerchantId m = merchant.valid() ? merchant : merchant_;
    auto sku = storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<SkuId> {
      catalog::ProductInput in;
      in.title = title;
      in.skus.push_back(catalog::SkuInput{{}, price, std::nullopt, std::nullopt});
      auto p = m_.catalog.CreateProduct(tx, m, in);
      if (!p) return Fail(p.error());
      auto on = m_.catalog.ChangeStatus(tx, m, p->id, catalog::ProductAction::kPublish);
      if (!on) return Fail(on.error());
      SkuId sku_id = p->skus.front().id;
      if (auto ok = m_.inventory.SetAvailable(tx, m, sku_id, stock); !ok) return Fail(ok.error());
      return sku_id;
    });
    EXPECT_TRUE(sku) << sku.error().message;
    return *sku;
  }

  workflows::PlaceOrderRequest Request(std::vector<workflows::LineRequest> lines,
                                       std::string coupon = "", std::string phone = "13800000001") {
    workflows::PlaceOrderRequest req;
    req.quote.merchant_id = merchant_;
    req.quote.lines = std::move(lines);
    req.quote.coupon_code = std::move(coupon);
    req.buyer = order::Buyer{"买家", phone, "湖南", "长沙市岳麓区 1 号", ""};
    return req;
  }

  Result<order::Order> Place(const workflows::PlaceOrderRequest& req) {
    auto prepared = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return workflows::PrepareOrder(tx, m_, req, clock_.Now()); });
    if (!prepared) return Fail(prepared.error());
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return workflows::CommitOrder(tx, m_, *prepared); });
  }

  // Pays an order through the sandbox provider, with a correctly signed
  // callback; `payer` names the paying account when given.
  void PaySandbox(const order::Order& o, const std::string& payer = "") {
    auto pay = storage::WriteValue(db(), [&](storage::Tx& tx) {
      return workflows::StartSandboxPayment(tx, m_, merchant_, o.token);
    });
    ASSERT_TRUE(pay) << pay.error().message;
    auto paid = storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<payment::Payment> {
      auto secret = m_.payments.SandboxSecret(tx, merchant_);
      if (!secret) return Fail(secret.error());
      std::string body = CallbackBody(pay->id, pay->amount, payer);
      return workflows::HandleSandboxCallback(tx, m_, merchant_, body,
                                              payment::SignSandbox(*secret, body));
    });
    ASSERT_TRUE(paid) << paid.error().message;
  }

  static std::string CallbackBody(PaymentId payment_id, Fen amount, const std::string& payer = "") {
    return "{\"payment_id\":\"" + EncodeId(payment_id) + "\",\"amount\":" + std::to_string(amount) +
           ",\"status\":\"succeeded\",\"ref\":\"t\"" +
           (payer.empty() ? std::string() : ",\"payer\":\"" + payer + "\"") + "}";
  }

  std::int64_t Stock(SkuId sku) {
    auto a = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.inventory.Available(tx, merchant_, {sku}); });
    return a ? a->at(sku) : -1;
  }

  order::Order Load(OrderId order_id) {
    auto o = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.orders.Get(tx, merchant_, order_id); });
    EXPECT_TRUE(o);
    return *o;
  }

  TempDb temp_;
  FakeClock clock_;
  IdGenerator ids_;
  workflows::Modules m_;
  MerchantId merchant_;
  StaffId staff_;
};

}  // namespace weishang::testing
