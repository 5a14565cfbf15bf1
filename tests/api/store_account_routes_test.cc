// A customer signing in to the store with a text-message code and using
// their "me" pages: the code read from the console's SMS sandbox, guest
// orders of the phone (before and after the first sign-in) under "my
// orders", checkout while signed in, the profile, the address book, and a
// WeChat sign-in (fake provider) merged with the phone when both meet.
#include <gtest/gtest.h>

#include <regex>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"
#include "workflows/accounts/sign_in.h"
#include "workflows/customers/customer_flows.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

constexpr const char* kPhone = "13800138001";

class StoreAccountRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("me-a");
    auto p = h_.Post("/admin/v1/products", R"({"title":"鸭脖",
        "spec_options":[{"name":"规格","values":["小份"]}],
        "skus":[{"spec_values":["小份"],"price":1990,"stock":50}]})",
                     owner_, "prd-1");
    ASSERT_EQ(p.status, 201) << p.body;
    json::value product = AppHarness::Json(p);
    sku_ = std::string(product.at("skus").at(0).at("id").as_string());
    ASSERT_EQ(h_.Post("/admin/v1/products/" + std::string(product.at("id").as_string()) + "/status",
                      R"({"action":"publish"})", owner_)
                  .status,
              200);
    for (const char* handler : {"customers", "accounts"}) {
      ASSERT_TRUE(storage::WriteValue(
          h_.db().db(), [&](storage::Tx& tx) { return events::CreateCursor(tx, handler, 0, 0); }));
    }
  }

  // Delivers the recorded events to the customers handler (a server's
  // dispatcher does this after every commit).
  void Dispatch() {
    SystemClock clock;
    events::Dispatcher d(h_.db().db(), clock,
                         {workflows::CustomerHandler(h_.modules().customers, h_.modules()),
                          workflows::AccountsHandler(h_.modules())});
    auto passed = d.RunOnce();
    ASSERT_TRUE(passed) << passed.error().message;
  }

  HttpResponse Order(const std::string& key, const std::string& token = "",
                     const std::string& phone = kPhone) {
    return h_.Post("/store/v1/me-a/checkout",
                   R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":1}],"buyer":{"name":"李娜",
        "phone":")" + phone +
                       R"(","region":"湖南","address":"长沙市岳麓区 8 号"}})",
                   token, key);
  }

  // Asks for a code and reads it from the console's sandbox page.
  std::string Code(const std::string& phone = kPhone) {
    auto asked = h_.Post("/store/v1/me-a/auth/code", R"({"phone":")" + phone + R"("})");
    EXPECT_EQ(asked.status, 200) << asked.body;
    auto inbox = h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    std::string text(AppHarness::Json(inbox).at("items").at(0).at("text").as_string());
    std::smatch m;
    std::regex six("([0-9]{6})");
    return std::regex_search(text, m, six) ? m[1].str() : "";
  }

  std::string SignIn(const std::string& phone = kPhone, const std::string& current = "") {
    std::string code = Code(phone);
    auto r = h_.Post("/store/v1/me-a/auth/sign-in",
                     R"({"phone":")" + phone + R"(","code":")" + code + R"("})", current);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(AppHarness::Json(r).at("token").as_string());
  }

  std::vector<std::string> MyOrderIds(const std::string& token) {
    auto r = h_.Get("/store/v1/me-a/me/orders", token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    json::value page = AppHarness::Json(r);
    for (const auto& o : page.at("items").as_array()) {
      out.emplace_back(o.at("id").as_string());
    }
    return out;
  }

  AppHarness h_;
  std::string owner_;
  std::string sku_;
};

TEST_F(StoreAccountRoutesTest, GuestOrdersBeforeAndAfterTheFirstSignInAreMyOrders) {
  auto before = Order("o-1");
  ASSERT_EQ(before.status, 201) << before.body;
  Dispatch();
  std::string token = SignIn();
  auto after = Order("o-2");  // a guest again (no token), same phone
  ASSERT_EQ(after.status, 201);
  Order("o-3", "", "13900139000");  // someone else
  Dispatch();
  EXPECT_EQ(MyOrderIds(token),
            (std::vector<std::string>{std::string(AppHarness::Json(after).at("id").as_string()),
                                      std::string(AppHarness::Json(before).at("id").as_string())}));
  auto me = h_.Get("/store/v1/me-a/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(AppHarness::Json(me).at("phone").as_string(), kPhone);
}

TEST_F(StoreAccountRoutesTest, ACheckoutSignedInIsTheirsWhateverPhoneItShipsTo) {
  std::string token = SignIn();
  auto gift = Order("o-gift", token, "13700137000");
  ASSERT_EQ(gift.status, 201) << gift.body;
  EXPECT_EQ(MyOrderIds(token).size(), 1u) << "linked at checkout, before any event";
  Dispatch();
  EXPECT_EQ(MyOrderIds(token).size(), 1u) << "and not taken by the recipient's phone";
}

TEST_F(StoreAccountRoutesTest, WrongCodesAreCountedAndRefused) {
  std::string code = Code();
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 4; ++i) {
    auto r = h_.Post("/store/v1/me-a/auth/sign-in",
                     R"({"phone":")" + std::string(kPhone) + R"(","code":")" + wrong + R"("})");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("sms.code_invalid"), std::string::npos) << r.body;
  }
  auto fifth = h_.Post("/store/v1/me-a/auth/sign-in",
                       R"({"phone":")" + std::string(kPhone) + R"(","code":")" + wrong + R"("})");
  EXPECT_EQ(fifth.status, 429);
  auto right = h_.Post("/store/v1/me-a/auth/sign-in",
                       R"({"phone":")" + std::string(kPhone) + R"(","code":")" + code + R"("})");
  EXPECT_EQ(right.status, 429) << "the code is dead";
  EXPECT_NE(right.body.find("sms.too_many_tries"), std::string::npos);
}

TEST_F(StoreAccountRoutesTest, ASecondCodeWithinAMinuteIsRefusedWithRetryAfter) {
  Code();
  auto again = h_.Post("/store/v1/me-a/auth/code", R"({"phone":"13800138001"})");
  EXPECT_EQ(again.status, 429);
  EXPECT_NE(again.body.find("sms.too_soon"), std::string::npos);
  bool has_retry_after = false;
  for (const auto& [name, value] : again.headers) {
    if (name == "Retry-After") has_retry_after = std::stoi(value) > 0;
  }
  EXPECT_TRUE(has_retry_after);
  EXPECT_EQ(h_.Post("/store/v1/me-a/auth/code", R"({"phone":"12"})").status, 422);
}

TEST_F(StoreAccountRoutesTest, MePagesNeedALiveSessionAndSignOutEndsIt) {
  EXPECT_EQ(h_.Get("/store/v1/me-a/me").status, 401);
  EXPECT_EQ(h_.Get("/store/v1/me-a/me", "wsc_nope").status, 401);
  EXPECT_EQ(h_.Get("/store/v1/me-a/me", owner_).status, 401) << "a staff token is not a customer";
  std::string token = SignIn();
  EXPECT_EQ(h_.Get("/store/v1/me-a/me/addresses", token).status, 200);
  EXPECT_EQ(h_.Post("/store/v1/me-a/auth/sign-out", "", token).status, 200);
  EXPECT_EQ(h_.Get("/store/v1/me-a/me", token).status, 401);
}

TEST_F(StoreAccountRoutesTest, TheProfileCanBeChanged) {
  std::string token = SignIn();
  auto r = h_.Patch("/store/v1/me-a/me",
                    R"({"display_name":"娜娜","gender":"female","birthday":"1990-05-01",
                        "province":"湖南省","city":"长沙市"})",
                    token);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value me = AppHarness::Json(h_.Get("/store/v1/me-a/me", token));
  EXPECT_EQ(me.at("display_name").as_string(), "娜娜");
  EXPECT_EQ(me.at("gender").as_string(), "female");
  EXPECT_EQ(me.at("birthday").as_string(), "1990-05-01");
  EXPECT_EQ(h_.Patch("/store/v1/me-a/me", R"({"birthday":"1990-02-30"})", token).status, 422);
  EXPECT_EQ(h_.Patch("/store/v1/me-a/me", R"({"gender":"robot"})", token).status, 422);
}

TEST_F(StoreAccountRoutesTest, TheAddressBookKeepsOneDefault) {
  std::string token = SignIn();
  std::string body = R"({"name":"李娜","phone":"13800138001","province":"湖南省",
      "city":"长沙市","district":"岳麓区","address":"麓山南路 1 号"})";
  auto first = h_.Post("/store/v1/me-a/me/addresses", body, token, "a-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(AppHarness::Json(first).at("is_default").as_bool());
  EXPECT_EQ(h_.Post("/store/v1/me-a/me/addresses", body, token).status, 422) << "needs a key";
  auto second = h_.Post("/store/v1/me-a/me/addresses", body, token, "a-2");
  ASSERT_EQ(second.status, 201);
  std::string id(AppHarness::Json(second).at("id").as_string());
  auto changed = h_.Patch("/store/v1/me-a/me/addresses/" + id,
                          R"({"name":"公司","phone":"13800138001","province":"湖南省",
                              "address":"芙蓉路 9 号","is_default":true})",
                          token);
  ASSERT_EQ(changed.status, 200) << changed.body;
  json::value list = AppHarness::Json(h_.Get("/store/v1/me-a/me/addresses", token));
  EXPECT_EQ(list.at("items").at(0).at("id").as_string(), id);
  EXPECT_TRUE(list.at("items").at(0).at("is_default").as_bool());
  EXPECT_FALSE(list.at("items").at(1).at("is_default").as_bool());
  auto bad =
      h_.Post("/store/v1/me-a/me/addresses",
              R"({"name":"x","phone":"1","province":"湖南省","address":"路"})", token, "a-3");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("accounts.invalid_address"), std::string::npos);
  auto del =
      h_.Send(AppHarness::Request(Method::kDelete, "/store/v1/me-a/me/addresses/" + id, "", token));
  EXPECT_EQ(del.status, 200) << del.body;
  list = AppHarness::Json(h_.Get("/store/v1/me-a/me/addresses", token));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_TRUE(list.at("items").at(0).at("is_default").as_bool());
  // Another customer cannot touch it.
  std::string other = SignIn("13900139000");
  std::string kept(list.at("items").at(0).at("id").as_string());
  EXPECT_EQ(h_.Send(AppHarness::Request(Method::kDelete, "/store/v1/me-a/me/addresses/" + kept, "",
                                        other))
                .status,
            404);
}

TEST_F(StoreAccountRoutesTest, WechatSignInIsOffWithoutAProviderAndMergesWithThePhone) {
  auto off = h_.Post("/store/v1/me-a/auth/wechat", R"({"code":"abc"})");
  EXPECT_EQ(off.status, 503);
  EXPECT_NE(off.body.find("accounts.wechat_unavailable"), std::string::npos);
  // The fake provider behind the workflow the route calls.
  accounts::FakeWechatProvider wechat;
  wechat.Add("oauth-1", {"openid-1", "union-1"});
  auto who = wechat.Exchange(MerchantId(), "oauth-1");
  ASSERT_TRUE(who);
  auto merchant = storage::ReadValue(h_.db().db(), [&](storage::Tx& tx) {
    return h_.modules().identity.FindMerchantBySlug(tx, "me-a");
  });
  ASSERT_TRUE(merchant && *merchant);
  MerchantId shop = (**merchant).id;
  auto signed_in = storage::WriteValue(h_.db().db(), [&](storage::Tx& tx) {
    return workflows::SignInWithWechat(tx, h_.modules(), shop, *who, std::nullopt);
  });
  ASSERT_TRUE(signed_in) << signed_in.error().message;
  EXPECT_TRUE(signed_in->created);
  std::string wechat_token = signed_in->issued.token;
  auto addr = h_.Post("/store/v1/me-a/me/addresses",
                      R"({"name":"李娜","phone":"13800138001","province":"湖南省",
                          "address":"麓山南路 1 号"})",
                      wechat_token, "w-1");
  ASSERT_EQ(addr.status, 201);
  // A guest order of the phone made a phone customer; signing in with that
  // phone while signed in by WeChat makes them one.
  ASSERT_EQ(Order("o-w").status, 201);
  Dispatch();
  std::string phone_token = SignIn(kPhone, wechat_token);
  json::value by_phone = AppHarness::Json(h_.Get("/store/v1/me-a/me", phone_token));
  json::value by_wechat = AppHarness::Json(h_.Get("/store/v1/me-a/me", wechat_token));
  EXPECT_EQ(by_phone.at("id"), by_wechat.at("id")) << "one customer behind both sessions";
  EXPECT_EQ(MyOrderIds(wechat_token).size(), 1u);
  json::value book = AppHarness::Json(h_.Get("/store/v1/me-a/me/addresses", phone_token));
  EXPECT_EQ(book.at("items").as_array().size(), 1u) << "the address book came along";
  auto ids = storage::ReadValue(h_.db().db(), [&](storage::Tx& tx) {
    return h_.modules().customers.Identities(
        tx, shop, *DecodeId<CustomerId>(std::string(by_phone.at("id").as_string())));
  });
  ASSERT_TRUE(ids);
  EXPECT_EQ(ids->size(), 3u) << "phone, openid and unionid";
}

TEST_F(StoreAccountRoutesTest, AnotherPhoneSignedInOnTheSameDeviceIsAnotherCustomer) {
  std::string first = SignIn();
  std::string second = SignIn("13900139000", first);
  EXPECT_NE(AppHarness::Json(h_.Get("/store/v1/me-a/me", first)).at("id"),
            AppHarness::Json(h_.Get("/store/v1/me-a/me", second)).at("id"));
  // A dead token sent along is no one: the sign-in still works.
  ASSERT_EQ(h_.Post("/store/v1/me-a/auth/sign-out", "", first).status, 200);
  std::string third = SignIn("13700137000", first);
  EXPECT_EQ(h_.Get("/store/v1/me-a/me", third).status, 200);
}

TEST_F(StoreAccountRoutesTest, AConsoleMergeBringsTheAddressBookAlong) {
  std::string ada = SignIn();
  std::string bob = SignIn("13900139000");
  ASSERT_EQ(
      h_.Post(
            "/store/v1/me-a/me/addresses",
            R"({"name":"小号","phone":"13900139000","province":"湖南省","address":"芙蓉路 9 号"})",
            bob, "b-1")
          .status,
      201);
  std::string ada_id(AppHarness::Json(h_.Get("/store/v1/me-a/me", ada)).at("id").as_string());
  std::string bob_id(AppHarness::Json(h_.Get("/store/v1/me-a/me", bob)).at("id").as_string());
  auto merged = h_.Post("/admin/v1/customers/" + ada_id + "/merge",
                        R"({"other_id":")" + bob_id + R"("})", owner_);
  ASSERT_EQ(merged.status, 200) << merged.body;
  Dispatch();
  json::value book = AppHarness::Json(h_.Get("/store/v1/me-a/me/addresses", ada));
  EXPECT_EQ(book.at("items").as_array().size(), 1u);
  EXPECT_EQ(AppHarness::Json(h_.Get("/store/v1/me-a/me", bob)).at("id").as_string(), ada_id)
      << "the merged record's session leads to the record kept";
}

}  // namespace
}  // namespace weishang::api
