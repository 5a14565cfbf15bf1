// The console's identity routes in-process: staff changes that would leave a
// shop without an owner, password strength, the login throttle and the
// password change.
#include <gtest/gtest.h>

#include <string>

#include "modules/identity/identity_errors.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;
namespace errors = identity::errors;

std::string CodeOf(const HttpResponse& r) {
  json::value v = AppHarness::Json(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  return std::string(v.at("error").at("code").as_string());
}

TEST(StaffRoutesTest, AnOwnerCannotDemoteThemselvesWhenNoOtherOwnerRemains) {
  AppHarness h;
  std::string owner = h.SignUp("shop-a");
  std::string me(AppHarness::Json(h.Get("/admin/v1/me", owner)).at("staff_id").as_string());
  auto demoted = h.Patch("/admin/v1/staff/" + me, R"({"role":"staff"})", owner);
  EXPECT_EQ(demoted.status, 409) << demoted.body;
  EXPECT_EQ(CodeOf(demoted), errors::kLastOwner);
  EXPECT_EQ(AppHarness::Json(h.Get("/admin/v1/me", owner)).at("role"), "owner");
}

}  // namespace
}  // namespace weishang::api
