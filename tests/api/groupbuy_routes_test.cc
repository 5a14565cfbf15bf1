// Group buys in-process: the console creates a campaign (its rules refused
// with their codes, the staff role refused), a signed-in customer opens a
// group and another joins it through the store, a guest sees only the real
// members (names, never phones or ids), a member cannot join twice, a full
// group refuses a third, shipping waits for the group to fill, and the
// console's detail shows every member.
#include <gtest/gtest.h>

#include <regex>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

class GroupbuyRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-g");
    json::value product =
        Ok(h_.Post("/admin/v1/products",
                   R"({"title":"剁椒鱼头酱","spec_options":[{"name":"规格","values":["200g"]}],
                       "skus":[{"spec_values":["200g"],"price":1490,"stock":500}]})",
                   owner_, "prd-1"),
           201);
    product_ = Str(product, "id");
    sku_ = Str(product.at("skus").at(0), "id");
    Ok(h_.Post("/admin/v1/products/" + product_ + "/status", R"({"action":"publish"})", owner_));
    ann_ = SignIn("13800138001");
    bob_ = SignIn("13800138002");
    cat_ = SignIn("13800138003");
  }

  std::string SignIn(const std::string& phone) {
    Ok(h_.Post("/store/v1/shop-g/auth/code", R"({"phone":")" + phone + R"("})"));
    json::value inbox = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::string text = Str(inbox.at("items").at(0), "text");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("([0-9]{6})")));
    return Str(Ok(h_.Post("/store/v1/shop-g/auth/sign-in",
                          R"({"phone":")" + phone + R"(","code":")" + m[1].str() + R"("})")),
               "token");
  }

  std::string CampaignBody(int size, Fen price) {
    return R"({"product_id":")" + product_ + R"(","title":"鱼头酱团","prices":[{"sku_id":")" +
           sku_ + R"(","group_price":)" + std::to_string(price) + R"(}],"group_size":)" +
           std::to_string(size) +
           R"(,"window_hours":24,"starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})";
  }

  std::string OrderBody() {
    return R"({"sku_id":")" + sku_ +
           R"(","buyer":{"name":"李娜","phone":"13800138001","region":"湖南","address":"长沙市岳麓区 8 号"}})";
  }

  // Pays the order behind `token` through the sandbox gateway.
  void Pay(const std::string& token) {
    json::value pay =
        Ok(h_.Post("/store/v1/shop-g/orders/" + token + "/pay", R"({"provider":"sandbox"})"));
    std::string url = Str(pay, "gateway_url");
    std::string id = url.substr(url.find("pay_"));
    id = id.substr(0, id.find('/'));
    Ok(h_.Post("/sandbox/v1/shop-g/payments/" + id + "/complete", "{}"));
  }

  void RunHandlers() {
    if (!cursors_) {
      for (const events::Handler& handler : h_.installed().handlers) {
        ASSERT_TRUE(h_.db().Write(
            [&](storage::Tx& tx) { return events::CreateCursor(tx, handler.name, 0, 0); }));
      }
      cursors_ = true;
    }
    SystemClock clock;
    events::Dispatcher dispatcher(h_.db().db(), clock, h_.installed().handlers);
    ASSERT_TRUE(dispatcher.RunOnce());
  }

  static json::value Ok(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return AppHarness::Json(r);
  }
  static std::string CodeOf(const HttpResponse& r) {
    json::value v = AppHarness::Json(r);
    return v.is_object() && v.as_object().contains("error") ? Str(v.at("error"), "code") : "";
  }

  AppHarness h_;
  std::string owner_, product_, sku_, ann_, bob_, cat_;
  bool cursors_ = false;
};

TEST_F(GroupbuyRoutesTest, TheConsoleCreatesCampaignsWithinTheirRules) {
  auto one = h_.Post("/admin/v1/group-buys", CampaignBody(1, 990), owner_, "c-1");
  EXPECT_EQ(one.status, 422);
  EXPECT_EQ(CodeOf(one), "groupbuy.invalid_field");
  auto dear = h_.Post("/admin/v1/group-buys", CampaignBody(3, 1490), owner_, "c-2");
  EXPECT_EQ(CodeOf(dear), "groupbuy.invalid_field") << "a group price below the SKU's price";
  auto no_key = h_.Post("/admin/v1/group-buys", CampaignBody(3, 990), owner_);
  EXPECT_EQ(no_key.status, 422);
  json::value made = Ok(h_.Post("/admin/v1/group-buys", CampaignBody(3, 990), owner_, "c-3"), 201);
  EXPECT_EQ(Str(made, "state"), "running");
  EXPECT_EQ(made.at("prices").at(0).at("list_price").as_int64(), 1490);
  json::value list = Ok(h_.Get("/admin/v1/group-buys", owner_));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(h_.Get("/admin/v1/group-buys").status, 401);
  auto gone = h_.Get("/admin/v1/group-buys/gbc_zzzzzz", owner_);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(CodeOf(gone), "groupbuy.not_found");
}

TEST_F(GroupbuyRoutesTest, CustomersOpenAndJoinAndTheGroupShowsOnlyItsRealMembers) {
  std::string campaign =
      Str(Ok(h_.Post("/admin/v1/group-buys", CampaignBody(2, 990), owner_, "c"), 201), "id");
  auto guest = h_.Post("/store/v1/shop-g/group-buys/" + campaign + "/groups", OrderBody(), "", "o");
  EXPECT_EQ(guest.status, 401) << "only a signed-in customer opens a group";
  json::value opened =
      Ok(h_.Post("/store/v1/shop-g/group-buys/" + campaign + "/groups", OrderBody(), ann_, "o-ann"),
         201);
  std::string group = Str(opened.at("group"), "id");
  json::value order = opened.at("order");
  EXPECT_EQ(order.at("lines").at(0).at("unit_price").as_int64(), 990);
  // A retry with the same key is the same answer, not a second order.
  json::value again =
      Ok(h_.Post("/store/v1/shop-g/group-buys/" + campaign + "/groups", OrderBody(), ann_, "o-ann"),
         201);
  EXPECT_EQ(Str(again.at("order"), "id"), Str(order, "id"));

  auto page = h_.Get("/store/v1/shop-g/groups/" + group);
  json::value shown = Ok(page);
  ASSERT_EQ(shown.at("members").as_array().size(), 1u) << "one real member, no fillers";
  EXPECT_EQ(shown.at("places_left").as_int64(), 1);
  EXPECT_GT(shown.at("seconds_left").as_int64(), 23 * 3600);
  EXPECT_EQ(Str(shown.at("members").at(0), "shown_name"), "尾号8001");
  EXPECT_EQ(page.body.find("13800138001"), std::string::npos) << "no phone on the group page";
  EXPECT_EQ(page.body.find("cus_"), std::string::npos) << "no customer id on the group page";

  json::value joined =
      Ok(h_.Post("/store/v1/shop-g/groups/" + group + "/join", OrderBody(), bob_, "j-bob"), 201);
  EXPECT_TRUE(joined.at("group").at("viewer_is_member").as_bool());
  auto twice = h_.Post("/store/v1/shop-g/groups/" + group + "/join", OrderBody(), ann_, "j-ann");
  EXPECT_EQ(twice.status, 409);
  auto full = h_.Post("/store/v1/shop-g/groups/" + group + "/join", OrderBody(), cat_, "j-cat");
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(CodeOf(full), "groupbuy.group_full");

  // Shipping waits for the group.
  Pay(Str(order, "order_token"));
  RunHandlers();
  auto early = h_.Post("/admin/v1/orders/" + Str(order, "id") + "/ship",
                       R"({"carrier":"顺丰速运","tracking_no":"SF1"})", owner_);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(CodeOf(early), "groupbuy.group_not_filled");
  Pay(Str(joined.at("order"), "order_token"));
  RunHandlers();
  EXPECT_EQ(Str(Ok(h_.Get("/store/v1/shop-g/groups/" + group)), "state"), "filled");
  Ok(h_.Post("/admin/v1/orders/" + Str(order, "id") + "/ship",
             R"({"carrier":"顺丰速运","tracking_no":"SF1"})", owner_));

  json::value detail = Ok(h_.Get("/admin/v1/group-buys/" + campaign, owner_));
  ASSERT_EQ(detail.at("groups").as_array().size(), 1u);
  const auto& members = detail.at("groups").at(0).at("members").as_array();
  ASSERT_EQ(members.size(), 2u);
  for (const auto& m : members) EXPECT_EQ(Str(m, "state"), "paid");
  json::value store = Ok(h_.Get("/store/v1/shop-g/group-buys/" + campaign, cat_));
  EXPECT_TRUE(store.at("open_groups").as_array().empty()) << "a filled group is not offered";
  EXPECT_EQ(h_.Get("/store/v1/shop-g/groups/gbg_zzzzzz").status, 404);
}

}  // namespace
}  // namespace weishang::api
