// PUT /admin/v1/shop: two edits of different settings, both accepted before
// either is written, must both stay. (The route used to read the settings
// when the request arrived and write them all back later: the second write
// put back the value the first had changed.) And a null postage_free_above
// turns free postage off, as documented, while leaving it out keeps it.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using testing::AppHarness;

// Starts a deferred reply and waits for its answer.
HttpResponse Finish(Reply reply) {
  if (auto* direct = std::get_if<HttpResponse>(&reply)) return std::move(*direct);
  std::promise<ResponseThunk> answered;
  auto response = answered.get_future();
  std::get<Deferred>(reply).start(
      [&answered](ResponseThunk make) { answered.set_value(std::move(make)); });
  return response.get()();
}

TEST(ShopRoutesTest, ConcurrentEditsOfDifferentSettingsBothStay) {
  AppHarness h;
  std::string token = h.SignUp("shop-set");
  auto fee = AppHarness::Request(Method::kPut, "/admin/v1/shop",
                                 R"({"settings":{"postage_flat_fee":700}})", token);
  auto days = AppHarness::Request(Method::kPut, "/admin/v1/shop",
                                  R"({"settings":{"auto_receive_days":21}})", token);
  fee.remote_ip = days.remote_ip = "127.0.0.1";
  // Both requests are taken in before either is written.
  Reply first = h.app().Handle(fee);
  Reply second = h.app().Handle(days);
  EXPECT_EQ(Finish(std::move(first)).status, 200);
  EXPECT_EQ(Finish(std::move(second)).status, 200);
  json::value shop = AppHarness::Json(h.Get("/admin/v1/shop", token));
  EXPECT_EQ(shop.at("settings").at("postage_flat_fee").as_int64(), 700);
  EXPECT_EQ(shop.at("settings").at("auto_receive_days").as_int64(), 21);
}

// The route used to read the null as an absent field and keep the threshold.
TEST(ShopRoutesTest, NullPostageFreeAboveTurnsFreePostageOff) {
  AppHarness h;
  std::string token = h.SignUp("shop-free");
  auto set = h.Put("/admin/v1/shop", R"({"settings":{"postage_free_above":5000}})", token);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(AppHarness::Json(set).at("settings").at("postage_free_above").as_int64(), 5000);
  auto kept = h.Put("/admin/v1/shop", R"({"settings":{"postage_flat_fee":600}})", token);
  EXPECT_EQ(AppHarness::Json(kept).at("settings").at("postage_free_above").as_int64(), 5000);
  auto off = h.Put("/admin/v1/shop", R"({"settings":{"postage_free_above":null}})", token);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_TRUE(AppHarness::Json(off).at("settings").at("postage_free_above").is_null());
  json::value shop = AppHarness::Json(h.Get("/admin/v1/shop", token));
  EXPECT_TRUE(shop.at("settings").at("postage_free_above").is_null()) << "and it stays off";
  EXPECT_EQ(shop.at("settings").at("postage_flat_fee").as_int64(), 600);
}

}  // namespace
}  // namespace weishang::api
