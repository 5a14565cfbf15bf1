// The buyer's checkout as the store's screens use it: the coupons to choose
// from, each priced as checkout would price it; the order lines naming the
// after-sales services bought with them; and the sandbox gateway declining
// a payment, after which the order still waits and paying again works.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

class StoreCheckoutRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("buy-a");
    // 鸭脖 at 19.90 with every service but exchange; coupons for over 30 and over 100.
    auto p = h_.Post("/admin/v1/products", R"({"title":"鸭脖","aftersales":{"exchange":false},
        "spec_options":[{"name":"规格","values":["小份"]}],
        "skus":[{"spec_values":["小份"],"price":1990,"stock":50}]})",
                     owner_, "prd-1");
    ASSERT_EQ(p.status, 201) << p.body;
    json::value product = AppHarness::Json(p);
    std::string id(product.at("id").as_string());
    sku_ = std::string(product.at("skus").at(0).at("id").as_string());
    ASSERT_EQ(
        h_.Post("/admin/v1/products/" + id + "/status", R"({"action":"publish"})", owner_).status,
        200);
    Coupon("SMALL", 300, 3000, "cpn-1");
    Coupon("BIG", 2000, 10000, "cpn-2");
  }

  void Coupon(const std::string& code, int off, int min_spend, const std::string& key) {
    auto c =
        h_.Post("/admin/v1/coupons",
                R"({"code":")" + code + R"(","name":")" + code + R"(","kind":"fixed",
        "amount_off":)" +
                    std::to_string(off) + R"(,"min_spend":)" + std::to_string(min_spend) +
                    R"(,"valid_from":"2024-01-01T00:00:00Z","valid_until":"2099-01-01T00:00:00Z"})",
                owner_, key);
    ASSERT_EQ(c.status, 201) << c.body;
  }

  std::string Lines(int quantity) {
    return R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":)" + std::to_string(quantity) + "}]";
  }

  json::value Checkout(int quantity, const std::string& key) {
    auto r = h_.Post("/store/v1/buy-a/checkout",
                     Lines(quantity) + R"(,"coupon_code":"SMALL","buyer":{"name":"李娜",
        "phone":"13800138001","region":"湖南","address":"长沙市岳麓区 8 号"}})",
                     "", key);
    EXPECT_EQ(r.status, 201) << r.body;
    return AppHarness::Json(r);
  }

  AppHarness h_;
  std::string owner_;
  std::string sku_;
};

const json::value& ByCode(const json::value& items, const std::string& code) {
  for (const auto& c : items.as_array()) {
    if (c.at("code") == code.c_str()) return c;
  }
  throw std::runtime_error("no coupon " + code);
}

TEST_F(StoreCheckoutRoutesTest, TheCouponsToChooseFromSayWhichApplyAndWhatTheySave) {
  auto r = h_.Post("/store/v1/buy-a/quote/coupons", Lines(2) + R"(,"region":"湖南"})");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value items = AppHarness::Json(r).at("items");
  ASSERT_EQ(items.as_array().size(), 2u);
  const json::value& small = ByCode(items, "SMALL");
  EXPECT_EQ(small.at("applicable"), true);
  EXPECT_EQ(small.at("coupon_discount"), 300);
  EXPECT_TRUE(small.at("reason").is_null());
  // The same total the quote with that coupon gives.
  auto quote =
      h_.Post("/store/v1/buy-a/quote", Lines(2) + R"(,"region":"湖南","coupon_code":"SMALL"})");
  EXPECT_EQ(small.at("total"), AppHarness::Json(quote).at("total"));
  const json::value& big = ByCode(items, "BIG");
  EXPECT_EQ(big.at("applicable"), false);
  EXPECT_EQ(big.at("coupon_discount"), 0);
  EXPECT_TRUE(big.at("total").is_null());
  EXPECT_EQ(big.at("reason").at("code"), "pricing.coupon_min_spend_not_met");
  EXPECT_EQ(big.at("min_spend"), 10000);
}

TEST_F(StoreCheckoutRoutesTest, ArchivedCouponsAndCouponsUsedUpByTheBuyerAreNotOffered) {
  auto list = AppHarness::Json(h_.Get("/admin/v1/coupons", owner_)).at("items");
  for (const auto& c : list.as_array()) {
    if (c.at("code") == "BIG") {
      std::string id(c.at("id").as_string());
      ASSERT_EQ(h_.Post("/admin/v1/coupons/" + id + "/archive", "", owner_).status, 200);
    }
  }
  auto r = h_.Post("/store/v1/buy-a/quote/coupons", Lines(2) + "}");
  json::value items = AppHarness::Json(r).at("items");
  ASSERT_EQ(items.as_array().size(), 1u) << r.body;
  EXPECT_EQ(items.at(0).at("code"), "SMALL");
}

TEST_F(StoreCheckoutRoutesTest, AnOrderThatCannotBePricedIsTheAnswer) {
  auto r = h_.Post("/store/v1/buy-a/quote/coupons",
                   R"({"lines":[{"sku_id":"sku_zzzzzz","quantity":1}]})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "catalog.sku_not_found");
  EXPECT_EQ(h_.Post("/store/v1/buy-a/quote/coupons", "{}").status, 422);
}

TEST_F(StoreCheckoutRoutesTest, OrderLinesNameTheServicesBoughtWithThem) {
  json::value order = Checkout(2, "order-1");
  auto page = h_.Get("/store/v1/buy-a/orders/" + std::string(order.at("order_token").as_string()));
  ASSERT_EQ(page.status, 200) << page.body;
  json::value services = AppHarness::Json(page).at("lines").at(0).at("aftersales");
  EXPECT_EQ(services.at("no_reason_7d"), true);
  EXPECT_EQ(services.at("quality_return"), true);
  EXPECT_EQ(services.at("exchange"), false);
  EXPECT_EQ(services.at("refund_only"), true);
}

TEST_F(StoreCheckoutRoutesTest, ADeclinedPaymentLeavesTheOrderWaitingAndPayingAgainWorks) {
  json::value order = Checkout(2, "order-2");
  std::string mine = "/store/v1/buy-a/orders/" + std::string(order.at("order_token").as_string());
  auto pay = h_.Post(mine + "/pay", "{}");
  ASSERT_EQ(pay.status, 200) << pay.body;
  std::string gateway(AppHarness::Json(pay).at("gateway_url").as_string());

  auto declined = h_.Post(gateway, R"({"outcome":"declined"})");
  EXPECT_EQ(declined.status, 409);
  EXPECT_EQ(AppHarness::Json(declined).at("error").at("code"), "payment.declined");
  EXPECT_EQ(AppHarness::Json(h_.Get(mine)).at("status"), "pending_payment");
  EXPECT_EQ(h_.Post(gateway, R"({"outcome":"maybe"})").status, 422);

  auto again = h_.Post(mine + "/pay", "{}");
  ASSERT_EQ(again.status, 200) << again.body;
  auto paid = h_.Post(std::string(AppHarness::Json(again).at("gateway_url").as_string()),
                      R"({"outcome":"paid"})");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(AppHarness::Json(h_.Get(mine)).at("status"), "paid");
}

}  // namespace
}  // namespace weishang::api
