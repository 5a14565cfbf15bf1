// Repurchase and care-plan routes over HTTP: the owner sets and clears a
// product's cycle (checked; another shop's product is not found), reads the
// report, saves care plans (checked); the staff role may do none of it.
#include <gtest/gtest.h>

#include "api/tenant_fixture.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

class ReminderRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("rem-shop");
    auto p = h_.Post("/admin/v1/products", ProductBody(), owner_, "prd-1");
    ASSERT_EQ(p.status, 201) << p.body;
    product_ = std::string(AppHarness::Json(p).at("id").as_string());
    auto made = h_.Post("/admin/v1/staff",
                        R"({"login":"amy@rem-shop.test","name":"amy","role":"staff",)"
                        R"("password":"clerk till drawer"})",
                        owner_, "staff-amy");
    ASSERT_EQ(made.status, 201) << made.body;
    auto login =
        h_.Post("/admin/v1/auth/login", R"({"shop":"rem-shop","login":"amy@rem-shop.test",)"
                                        R"("password":"clerk till drawer"})");
    ASSERT_EQ(login.status, 200) << login.body;
    staff_ = std::string(AppHarness::Json(login).at("token").as_string());
  }

  AppHarness h_;
  std::string owner_, staff_, product_;
};

TEST_F(ReminderRoutesTest, TheOwnerSetsAProductsCycleAndReadsTheReport) {
  auto set = h_.Put("/admin/v1/repurchase/cycles/" + product_, R"({"cycle_days":30})", owner_);
  ASSERT_EQ(set.status, 200) << set.body;
  json::value c = AppHarness::Json(set);
  EXPECT_EQ(c.at("cycle_days").as_int64(), 30);
  EXPECT_EQ(c.at("lead_days").as_int64(), 5) << "the default lead";
  EXPECT_EQ(c.at("title").as_string(), "麻辣鸭脖");
  auto list = AppHarness::Json(h_.Get("/admin/v1/repurchase/cycles", owner_));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);

  auto bad = h_.Put("/admin/v1/repurchase/cycles/" + product_,
                    R"({"cycle_days":10,"lead_days":10})", owner_);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("reminders.invalid_field"), std::string::npos);
  auto missing =
      h_.Put("/admin/v1/repurchase/cycles/prd_zzzzzzzzzzzz", R"({"cycle_days":30})", owner_);
  EXPECT_EQ(missing.status, 404) << missing.body;

  auto report = AppHarness::Json(h_.Get("/admin/v1/repurchase/report", owner_));
  const auto& items = report.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("buyers").as_int64(), 0);
  EXPECT_TRUE(items[0].at("repurchase_rate_bp").is_null()) << "no buyers, no rate";

  auto removed = h_.Send(
      AppHarness::Request(Method::kDelete, "/admin/v1/repurchase/cycles/" + product_, "", owner_));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_TRUE(AppHarness::Json(removed).at("removed").as_bool());
  list = AppHarness::Json(h_.Get("/admin/v1/repurchase/cycles", owner_));
  EXPECT_TRUE(list.at("items").as_array().empty());
}

TEST_F(ReminderRoutesTest, CarePlansAreSavedAndChecked) {
  auto plans = AppHarness::Json(h_.Get("/admin/v1/care-plans", owner_));
  ASSERT_EQ(plans.at("items").as_array().size(), 3u);
  auto saved = h_.Put("/admin/v1/care-plans",
                      R"({"kind":"milestone","enabled":true,"days":7,"field_key":"baby_birthday",)"
                      R"("milestones":[36,12]})",
                      owner_);
  ASSERT_EQ(saved.status, 200) << saved.body;
  json::value p = AppHarness::Json(saved);
  EXPECT_TRUE(p.at("enabled").as_bool());
  EXPECT_EQ(p.at("milestones").as_array().size(), 2u);
  EXPECT_EQ(p.at("milestones").as_array()[0].as_int64(), 12);
  auto bad_kind =
      h_.Put("/admin/v1/care-plans", R"({"kind":"anniversary","enabled":true,"days":1})", owner_);
  EXPECT_EQ(bad_kind.status, 422) << bad_kind.body;
  auto bad_days =
      h_.Put("/admin/v1/care-plans", R"({"kind":"birthday","enabled":true,"days":61})", owner_);
  EXPECT_EQ(bad_days.status, 422) << bad_days.body;
}

TEST_F(ReminderRoutesTest, TheStaffRoleMayNotChangeOrReadThem) {
  EXPECT_EQ(h_.Get("/admin/v1/repurchase/report", staff_).status, 403);
  EXPECT_EQ(h_.Get("/admin/v1/care-plans", staff_).status, 403);
  EXPECT_EQ(
      h_.Put("/admin/v1/repurchase/cycles/" + product_, R"({"cycle_days":30})", staff_).status,
      403);
}

}  // namespace
}  // namespace weishang::api
