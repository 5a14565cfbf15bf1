// The console's operations reads in-process: the dashboard (money only for
// roles with money rights), the order export (a CSV for Excel; full contact
// details only for roles that ship) and the payment callback log.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

class ReportRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-r");
    auto p = h_.Post("/admin/v1/products",
                     R"({"title":"剁椒鱼头酱","spec_options":[{"name":"规格","values":["200g"]}],
                         "skus":[{"spec_values":["200g"],"price":1490,"stock":50}]})",
                     owner_, "prd-1");
    ASSERT_EQ(p.status, 201) << p.body;
    json::value product = AppHarness::Json(p);
    sku_ = Str(product.at("skus").at(0), "id");
    auto on = h_.Post("/admin/v1/products/" + Str(product, "id") + "/status",
                      R"({"action":"publish"})", owner_);
    ASSERT_EQ(on.status, 200) << on.body;
  }

  // Places an order of `qty` units for a buyer; answers the buyer order.
  json::value Place(int qty, const std::string& name = "李娜",
                    const std::string& address = "长沙市岳麓区 8 号") {
    json::object body{
        {"lines", json::array{json::object{{"sku_id", sku_}, {"quantity", qty}}}},
        {"buyer",
         json::object{
             {"name", name}, {"phone", "13800138001"}, {"region", "湖南"}, {"address", address}}}};
    auto r = h_.Post("/store/v1/shop-r/checkout", json::serialize(body), "",
                     "order-" + std::to_string(++orders_));
    EXPECT_EQ(r.status, 201) << r.body;
    return AppHarness::Json(r);
  }

  // Pays through the sandbox's stand-in gateway.
  void Pay(const json::value& order) {
    auto pay = h_.Post("/store/v1/shop-r/orders/" + Str(order, "order_token") + "/pay", "{}");
    ASSERT_EQ(pay.status, 200) << pay.body;
    auto done = h_.Post(Str(AppHarness::Json(pay), "gateway_url"), "");
    ASSERT_EQ(done.status, 200) << done.body;
  }

  // A staff account of `role`, logged in.
  std::string As(const std::string& role) {
    std::string login = role + "@shop-r.test";
    auto made = h_.Post("/admin/v1/staff",
                        R"({"login":")" + login + R"(","name":"同事","role":")" + role +
                            R"(","password":"clerk till drawer"})",
                        owner_, "staff-" + role);
    EXPECT_EQ(made.status, 201) << made.body;
    auto in = h_.Post("/admin/v1/auth/login", R"({"shop":"shop-r","login":")" + login +
                                                  R"(","password":"clerk till drawer"})");
    EXPECT_EQ(in.status, 200) << in.body;
    return Str(AppHarness::Json(in), "token");
  }

  AppHarness h_;
  std::string owner_, sku_;
  int orders_ = 0;
};

TEST_F(ReportRoutesTest, DashboardCountsTodaysPaidOrdersAndShowsMoneyOnlyToMoneyRoles) {
  json::value empty = AppHarness::Json(h_.Get("/admin/v1/dashboard", owner_));
  EXPECT_EQ(empty.at("today_figures").at("orders"), 0);
  EXPECT_EQ(empty.at("days").as_array().size(), 30u);
  EXPECT_EQ(empty.at("time_zone"), "+08:00");

  json::value order = Place(2);
  Pay(order);
  Place(1);  // never paid: not counted
  json::value d = AppHarness::Json(h_.Get("/admin/v1/dashboard", owner_));
  EXPECT_EQ(d.at("today_figures").at("orders"), 1);
  Fen total = order.at("totals").at("total").as_int64();
  EXPECT_EQ(d.at("today_figures").at("paid"), total);
  EXPECT_EQ(d.at("today_figures").at("revenue"), total);
  EXPECT_EQ(d.at("period_figures").at("orders"), 1);
  EXPECT_EQ(d.at("orders_to_ship"), 1);
  EXPECT_EQ(d.at("days").as_array().back().at("date"), d.at("today"));
  EXPECT_EQ(d.at("money_visible"), true);

  json::value staff = AppHarness::Json(h_.Get("/admin/v1/dashboard", As("staff")));
  EXPECT_EQ(staff.at("money_visible"), false);
  EXPECT_EQ(staff.at("today_figures").at("orders"), 1) << "counts are for every role";
  EXPECT_TRUE(staff.at("today_figures").at("paid").is_null());
  EXPECT_TRUE(staff.at("days").at(29).at("revenue").is_null());
  json::value finance = AppHarness::Json(h_.Get("/admin/v1/dashboard", As("finance")));
  EXPECT_EQ(finance.at("today_figures").at("paid"), total);
  EXPECT_EQ(h_.Get("/admin/v1/dashboard").status, 401);
}

TEST_F(ReportRoutesTest, ExportIsACsvForExcelWithOneRowPerOrderAndMoneyInYuan) {
  json::value paid = Place(3, "=HYPERLINK(\"x\")", "岳麓区, \"8\" 号");
  Pay(paid);
  Place(1);
  auto r = h_.Get("/admin/v1/orders/export.csv", owner_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  ASSERT_TRUE(r.body.starts_with("\xEF\xBB\xBF订单号,状态,")) << "a BOM, then the header";
  std::vector<std::string> rows;
  for (std::size_t at = 0, end; (end = r.body.find("\r\n", at)) != std::string::npos;
       at = end + 2) {
    rows.push_back(r.body.substr(at, end - at));
  }
  ASSERT_EQ(rows.size(), 3u) << "the header and one row per order:\n" << r.body;
  const std::string& row = rows[2];  // the older order, newest first
  EXPECT_TRUE(row.starts_with(Str(paid, "id") + ",待发货,")) << row;
  EXPECT_NE(row.find(",\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos)
      << "a formula is made text, and quotes are doubled: " << row;
  // Region, city, district (none on this order), address, postcode (none).
  EXPECT_NE(row.find(",13800138001,湖南,,,\"岳麓区, \"\"8\"\" 号\",,"), std::string::npos) << row;
  EXPECT_NE(row.find(",剁椒鱼头酱 (规格: 200g) ×3,3,44.70,"), std::string::npos) << row;

  auto english = h_.Get("/admin/v1/orders/export.csv?lang=en&status=paid", owner_);
  EXPECT_TRUE(english.body.starts_with("\xEF\xBB\xBFOrder,Status,")) << english.body;
  EXPECT_EQ(std::count(english.body.begin(), english.body.end(), '\n'), 2) << "the paid one";
  bool has = english.body.find(",paid, to ship,") != std::string::npos ||
             english.body.find(",\"paid, to ship\",") != std::string::npos;
  EXPECT_TRUE(has) << english.body;

  auto finance = h_.Get("/admin/v1/orders/export.csv", As("finance"));
  ASSERT_EQ(finance.status, 200);
  EXPECT_EQ(finance.body.find("13800138001"), std::string::npos) << "masked for finance";
  EXPECT_NE(finance.body.find("138****8001,湖南,,"), std::string::npos) << finance.body;
  auto staff = h_.Get("/admin/v1/orders/export.csv", As("staff"));
  EXPECT_NE(staff.body.find("13800138001"), std::string::npos) << "in full for who ships";

  EXPECT_EQ(h_.Get("/admin/v1/orders/export.csv").status, 401);
  auto bad = h_.Get("/admin/v1/orders/export.csv?status=lost", owner_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(h_.Get("/admin/v1/orders/export.csv?from=yesterday", owner_).status, 422);
}

TEST_F(ReportRoutesTest, CallbackLogListsEachCallbackForMoneyRoles) {
  json::value order = Place(1);
  Pay(order);
  auto list = h_.Get("/admin/v1/payments/callbacks", owner_);
  ASSERT_EQ(list.status, 200) << list.body;
  json::value body = AppHarness::Json(list);
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  json::value entry = body.at("items").at(0);
  EXPECT_EQ(entry.at("provider"), "sandbox");
  EXPECT_EQ(entry.at("signature_ok"), true);
  EXPECT_EQ(entry.at("outcome"), "applied");
  EXPECT_TRUE(body.at("next_cursor").is_null());

  auto forged = h_.Post("/callbacks/sandbox/shop-r", R"({"payment_id":"pay_1","amount":1})");
  EXPECT_EQ(forged.status, 401);
  json::value two = AppHarness::Json(h_.Get("/admin/v1/payments/callbacks?limit=1", owner_));
  EXPECT_EQ(two.at("items").at(0).at("signature_ok"), false) << "the refused one, newest first";
  std::string cursor = Str(two, "next_cursor");
  json::value rest =
      AppHarness::Json(h_.Get("/admin/v1/payments/callbacks?limit=1&after=" + cursor, owner_));
  EXPECT_EQ(rest.at("items").at(0).at("outcome"), "applied");

  EXPECT_EQ(h_.Get("/admin/v1/payments/callbacks", As("staff")).status, 403);
  EXPECT_EQ(h_.Get("/admin/v1/payments/sandbox", owner_).status, 200);
  EXPECT_EQ(AppHarness::Json(h_.Get("/admin/v1/payments/sandbox", owner_)).at("enabled"), true);
}

}  // namespace
}  // namespace weishang::api
