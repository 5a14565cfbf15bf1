// Growth in-process (both engines): super users over the customers'
// referral edges (direct, indirect through a friend who never paid, through
// a merged referrer), both orders, pages, the masked phone, another shop's
// empty ranking; the simulation's answer, its reproducibility and its
// refusals.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

json::value Ok(const HttpResponse& r, int status = 200) {
  EXPECT_EQ(r.status, status) << r.body;
  return AppHarness::Json(r);
}

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

std::string CodeOf(const HttpResponse& r) {
  json::value v = AppHarness::Json(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  return std::string(v.at("error").at("code").as_string());
}

class GrowthRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-g");
    other_ = h_.SignUp("shop-h");
    json::value me = Ok(h_.Get("/admin/v1/me", owner_));
    merchant_ = *DecodeId<MerchantId>(std::string(me.at("merchant_id").as_string()));
  }

  // A customer of the shop referred by `referrer`, who paid `paid` fen (0: never paid).
  CustomerId Customer(const std::string& phone, const std::string& name,
                      std::optional<CustomerId> referrer, Fen paid) {
    auto& customers = h_.modules().customers;
    auto id = h_.db().Write([&](storage::Tx& tx) -> Result<CustomerId> {
      customers::Arrival a;
      a.identities = {{customers::IdentityKind::kPhone, phone}};
      a.display_name = name;
      a.referrer_id = referrer;
      auto made = customers.Arrive(tx, merchant_, a, "test");
      if (!made) return Fail(made.error());
      if (paid > 0) {
        OrderId order(made->customer.id.value() + 7);
        auto linked = customers.LinkOrder(tx, merchant_, made->customer.id, order, paid, 1);
        if (!linked) return Fail(linked.error());
        auto ok = customers.RecordPaid(tx, merchant_, order, 2, {});
        if (!ok) return Fail(ok.error());
      }
      return made->customer.id;
    });
    EXPECT_TRUE(id) << id.error().message;
    return *id;
  }

  AppHarness h_;
  std::string owner_, other_;
  MerchantId merchant_;
};

TEST_F(GrowthRoutesTest, SuperUsersCountDirectIndirectAndMergedReferrals) {
  // 王芳 brought 李娜 (paid 50 yuan) and 张伟 (never paid); 李娜 brought 赵敏
  // (30 yuan); 张伟 brought 孙丽 (20 yuan); 陈静, who brought 周杰 (10 yuan),
  // turns out to be 王芳 (merged into her).
  CustomerId fang = Customer("13800000001", "王芳", {}, 2000);
  CustomerId na = Customer("13800000002", "李娜", fang, 5000);
  CustomerId wei = Customer("13800000003", "张伟", fang, 0);
  Customer("13800000004", "赵敏", na, 3000);
  Customer("13800000005", "孙丽", wei, 2000);
  CustomerId jing = Customer("13800000006", "陈静", {}, 0);
  Customer("13800000007", "周杰", jing, 1000);
  auto merged = h_.db().Write([&](storage::Tx& tx) {
    return h_.modules().customers.Merge(tx, merchant_, fang, jing, "manual", "test");
  });
  ASSERT_TRUE(merged) << merged.error().message;

  json::value page = Ok(h_.Get("/admin/v1/growth/super-users", owner_));
  EXPECT_EQ(page.at("total"), 3);  // 王芳, 李娜, 张伟
  const auto& items = page.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  const auto& top = items[0];
  EXPECT_EQ(top.at("rank"), 1);
  EXPECT_EQ(Str(top, "customer_id"), EncodeId(fang));
  EXPECT_EQ(top.at("name"), "王芳");
  EXPECT_EQ(top.at("phone"), "138****0001");
  EXPECT_EQ(top.at("direct_referred"), 2);    // 李娜, 周杰 (through 陈静)
  EXPECT_EQ(top.at("indirect_referred"), 2);  // 赵敏, 孙丽 (through 张伟, who never paid)
  EXPECT_EQ(top.at("revenue_brought"), 5000 + 0 + 3000 + 2000 + 1000);
  EXPECT_EQ(top.at("own_spend"), 2000);
  EXPECT_EQ(top.at("generations"), 2);
  // One customer each: 李娜's brought 3,000, 张伟's 2,000.
  EXPECT_EQ(Str(items[1], "customer_id"), EncodeId(na));
  EXPECT_EQ(items[1].at("revenue_brought"), 3000);
  EXPECT_EQ(Str(items[2], "customer_id"), EncodeId(wei));
  EXPECT_EQ(items[2].at("own_spend"), 0);
  EXPECT_TRUE(page.at("next_cursor").is_null());

  // Pages of one.
  json::value first = Ok(h_.Get("/admin/v1/growth/super-users?by=revenue&limit=1", owner_));
  ASSERT_EQ(first.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(first.at("items").at(0), "customer_id"), EncodeId(fang));
  std::string cursor(first.at("next_cursor").as_string());
  json::value second =
      Ok(h_.Get("/admin/v1/growth/super-users?by=revenue&limit=1&after=" + cursor, owner_));
  EXPECT_EQ(second.at("items").at(0).at("rank"), 2);
  EXPECT_EQ(Str(second.at("items").at(0), "customer_id"), EncodeId(na));

  // Another shop ranks nobody.
  json::value theirs = Ok(h_.Get("/admin/v1/growth/super-users", other_));
  EXPECT_EQ(theirs.at("total"), 0);
  EXPECT_TRUE(theirs.at("items").as_array().empty());
}

TEST_F(GrowthRoutesTest, SuperUsersRefuseAnUnknownOrderAndStaff) {
  auto bad = h_.Get("/admin/v1/growth/super-users?by=orders", owner_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(CodeOf(bad), "growth.invalid_ranking");
  Ok(h_.Post(
         "/admin/v1/staff",
         R"({"login":"clerk@shop-g.test","name":"店员","role":"staff","password":"clerk till drawer"})",
         owner_, "stf"),
     201);
  json::value login = Ok(
      h_.Post("/admin/v1/auth/login",
              R"({"shop":"shop-g","login":"clerk@shop-g.test","password":"clerk till drawer"})"));
  std::string clerk(login.at("token").as_string());
  EXPECT_EQ(h_.Get("/admin/v1/growth/super-users", clerk).status, 403);
  EXPECT_EQ(h_.Post("/admin/v1/growth/simulations", R"({"redemption":0.4,"conversion":0.6})", clerk)
                .status,
            403);
}

TEST_F(GrowthRoutesTest, ASimulationIsReproducibleAndBounded) {
  const std::string body =
      R"({"seeds":30,"vouchers":3,"redemption":0.4,"conversion":0.6,"days":14,)"
      R"("budget_fen":50000,"cost_per_redemption_fen":500,"runs":1000,"seed":42})";
  auto a = h_.Post("/admin/v1/growth/simulations", body, owner_);
  auto b = h_.Post("/admin/v1/growth/simulations", body, owner_);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body, b.body);
  json::value p = AppHarness::Json(a);
  EXPECT_EQ(p.at("days").as_array().size(), 14u);
  EXPECT_EQ(p.at("input").at("delay").as_array().size(), 3u);  // the default
  EXPECT_LE(p.at("total_cost_fen").at("p90").as_int64(), 50000);
  EXPECT_GT(p.at("total_new_customers").at("mean").as_double(), 0);
  auto c = h_.Post("/admin/v1/growth/simulations",
                   R"({"redemption":0.4,"conversion":0.6,"runs":1000,"seed":43})", owner_);
  EXPECT_NE(AppHarness::Json(c).at("days"), p.at("days"));

  auto code = [&](const std::string& in) {
    return CodeOf(h_.Post("/admin/v1/growth/simulations", in, owner_));
  };
  EXPECT_EQ(code(R"({"redemption":0.4,"conversion":0.6,"runs":10000,"days":365})"),
            "growth.simulation_too_large");
  EXPECT_EQ(code(R"({"redemption":1.4,"conversion":0.6})"), "growth.invalid_simulation");
  EXPECT_EQ(code(R"({"redemption":0.4,"conversion":0.6,"delay":[0,0]})"),
            "growth.invalid_simulation");
  EXPECT_EQ(code(R"({"redemption":0.4,"conversion":"high"})"), "request.invalid_field");
  EXPECT_EQ(code(R"({"conversion":0.6})"), "request.invalid_field");
  EXPECT_EQ(code(R"({"redemption":0.4,"conversion":0.6,"delay":["x"]})"), "request.invalid_field");
}

}  // namespace
}  // namespace weishang::api
