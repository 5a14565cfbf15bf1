// The console's identity routes in-process: staff changes that would leave a
// shop without an owner, password strength, the login throttle and the
// password change.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "modules/identity/identity_errors.h"
#include "modules/identity/password_hasher.h"
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


std::string SignUpBody(const std::string& slug, const std::string& password_json) {
  return R"({"shop":")" + slug + R"(","shop_name":"Shop","login":"owner@)" + slug +
         R"(.test","password":)" + password_json + "}";
}

TEST(PasswordRoutesTest, SignUpRefusesWeakPasswordsSayingWhy) {
  AppHarness h;
  const std::pair<const char*, const char*> kWeak[] = {
      {R"("12345678")", "too easy to guess"},
      {R"("password")", "too easy to guess"},
      {R"("        ")", "too easy to guess"},
      {R"("aaaaaaaa")", "too easy to guess"},
      {R"("owner@shop-w.test")", "contain your login"},
      {R"("correct\u0000horse")", "control characters"},
      {R"("咸鸭鸭脖腊肉好")", "at least 8 characters"},  // 7 characters, 21 bytes
  };
  int n = 0;
  for (const auto& [password, why] : kWeak) {
    auto r = h.Post("/admin/v1/auth/signup", SignUpBody("shop-w", password), "",
                    "weak-" + std::to_string(n++));
    EXPECT_EQ(r.status, 422) << password << ": " << r.body;
    EXPECT_EQ(CodeOf(r), errors::kWeakPassword) << password;
    EXPECT_NE(r.body.find(why), std::string::npos) << password << ": " << r.body;
  }
  auto ok = h.Post("/admin/v1/auth/signup", SignUpBody("shop-w", R"("weishang-demo")"), "", "good");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST(PasswordRoutesTest, StaffCreationRefusesWeakPasswords) {
  AppHarness h;
  std::string owner = h.SignUp("shop-a");
  auto weak = h.Post("/admin/v1/staff",
                     R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"qwertyuiop"})",
                     owner, "stf-1");
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(CodeOf(weak), errors::kWeakPassword);
  auto login = h.Post("/admin/v1/staff",
                      R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk@shop-a.test"})",
                      owner, "stf-2");
  EXPECT_EQ(CodeOf(login), errors::kWeakPassword) << login.body;
  auto ok = h.Post("/admin/v1/staff",
                   R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk till drawer"})",
                   owner, "stf-3");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

// argon2id, counting its runs.
class CountingHasher final : public identity::PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    ++hashes;
    return real_.Hash(password);
  }
  bool Verify(std::string_view hash, std::string_view password) const override {
    ++verifies;
    return real_.Verify(hash, password);
  }
  void Reset() { hashes = verifies = 0; }

  mutable std::atomic<int> hashes{0}, verifies{0};

 private:
  identity::Argon2idHasher real_;
};

std::string LoginBody(const std::string& shop, const std::string& login,
                      const std::string& password) {
  return R"({"shop":")" + shop + R"(","login":")" + login + R"(","password":")" + password + R"("})";
}

TEST(LoginTimingTest, UnknownAndKnownLoginsCostExactlyOneVerificationAndNoHash) {
  CountingHasher argon2id;
  AppHarness h(&argon2id);
  h.SignUp("shop-a");
  struct Case {
    const char* what;
    std::string body;
    int status;
  };
  const Case kCases[] = {
      {"known login, wrong password", LoginBody("shop-a", "owner@shop-a.test", "wrong horse"), 401},
      {"unknown login", LoginBody("shop-a", "nobody@shop-a.test", "wrong horse"), 401},
      {"unknown shop", LoginBody("no-shop", "owner@shop-a.test", "wrong horse"), 401},
      {"right password", LoginBody("shop-a", "owner@shop-a.test", "correct horse"), 200},
  };
  for (const Case& c : kCases) {
    argon2id.Reset();
    auto r = h.Post("/admin/v1/auth/login", c.body);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body;
    EXPECT_EQ(argon2id.verifies, 1) << c.what;
    EXPECT_EQ(argon2id.hashes, 0) << c.what;
  }
}

}  // namespace
}  // namespace weishang::api
