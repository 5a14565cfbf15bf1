// The console's identity routes in-process: staff changes that would leave a
// shop without an owner, password strength, the login throttle and the
// password change.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

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

TEST(StaffRoutesTest, AStaffStatusIsActiveOrDisabled) {
  AppHarness h;
  std::string owner = h.SignUp("shop-a");
  std::string me(AppHarness::Json(h.Get("/admin/v1/me", owner)).at("staff_id").as_string());
  auto bad = h.Patch("/admin/v1/staff/" + me, R"({"status":"gone"})", owner);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(CodeOf(bad), errors::kInvalidStatus);
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
  auto weak = h.Post(
      "/admin/v1/staff",
      R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"qwertyuiop"})",
      owner, "stf-1");
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(CodeOf(weak), errors::kWeakPassword);
  auto login = h.Post(
      "/admin/v1/staff",
      R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk@shop-a.test"})",
      owner, "stf-2");
  EXPECT_EQ(CodeOf(login), errors::kWeakPassword) << login.body;
  auto ok = h.Post(
      "/admin/v1/staff",
      R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk till drawer"})",
      owner, "stf-3");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

// argon2id, counting its runs, and those on the thread that made it (the
// test's, standing for the connection's).
class CountingHasher final : public identity::PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    ++hashes;
    Where();
    return real_.Hash(password);
  }
  bool Verify(std::string_view hash, std::string_view password) const override {
    ++verifies;
    Where();
    return real_.Verify(hash, password);
  }
  void Reset() { hashes = verifies = on_caller = 0; }

  mutable std::atomic<int> hashes{0}, verifies{0}, on_caller{0};

 private:
  void Where() const {
    if (std::this_thread::get_id() == caller_) ++on_caller;
  }

  identity::Argon2idHasher real_;
  std::thread::id caller_ = std::this_thread::get_id();
};

std::string LoginBody(const std::string& shop, const std::string& login,
                      const std::string& password) {
  return R"({"shop":")" + shop + R"(","login":")" + login + R"(","password":")" + password +
         R"("})";
}

TEST(LoginTimingTest, UnknownAndKnownLoginsCostExactlyOneVerificationAndNoHash) {
  CountingHasher argon2id;
  AppHarness h({.hasher = &argon2id});
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

// argon2id whose Verify waits until Open() (or 3 s): keeps the password pool busy.
class GatedHasher final : public identity::PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override { return real_.Hash(password); }
  bool Verify(std::string_view hash, std::string_view password) const override {
    std::unique_lock lock(mu_);
    ++entered_;
    thread_ = std::this_thread::get_id();
    changed_.notify_all();
    // Bounded, so a verification on the caller's own thread fails the test
    // instead of hanging it.
    changed_.wait_for(lock, std::chrono::seconds(3), [this] { return open_; });
    lock.unlock();
    return real_.Verify(hash, password);
  }
  void Open() {
    std::lock_guard lock(mu_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits until `n` verifications have started; the thread of the last.
  std::thread::id AwaitEntered(int n) const {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return entered_ >= n; });
    return thread_;
  }

 private:
  identity::Argon2idHasher real_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  mutable int entered_ = 0;
  mutable std::thread::id thread_;
  bool open_ = false;
};

// Sends `req` without waiting for the answer.
std::future<HttpResponse> Start(AppHarness& h, HttpRequest req) {
  req.remote_ip = "127.0.0.1";
  auto answer = std::make_shared<std::promise<HttpResponse>>();
  std::future<HttpResponse> out = answer->get_future();
  Reply reply = h.app().Handle(req);
  if (auto* direct = std::get_if<HttpResponse>(&reply)) {
    answer->set_value(std::move(*direct));
  } else {
    std::get<Deferred>(reply).start([answer](ResponseThunk make) { answer->set_value(make()); });
  }
  return out;
}

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(PasswordPoolTest, LoginVerifiesOffTheConnectionThreadAndAFullQueueAnswers503) {
  GatedHasher argon2id;
  AppHarness h({.hasher = &argon2id, .passwords = {.threads = 1, .max_queued = 1}});
  auto login = [&] {
    return Start(h, AppHarness::Request(Method::kPost, "/admin/v1/auth/login",
                                        LoginBody("shop-a", "owner@shop-a.test", "wrong horse")));
  };
  auto running = login();  // Handle returned: the verification is not on this thread
  EXPECT_NE(argon2id.AwaitEntered(1), std::this_thread::get_id());
  auto queued = login();
  auto refused = login();
  ASSERT_EQ(refused.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  HttpResponse busy = refused.get();
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(CodeOf(busy), errors::kLoginBusy);
  EXPECT_EQ(HeaderOf(busy, "Retry-After"), "1");
  argon2id.Open();
  EXPECT_EQ(running.get().status, 401);
  EXPECT_EQ(queued.get().status, 401);
}

TEST(PasswordPoolTest, SignUpStaffCreationAndLoginRunArgon2OffTheCallingThread) {
  CountingHasher argon2id;
  AppHarness h({.hasher = &argon2id});
  argon2id.Reset();
  std::string owner = h.SignUp("shop-a");
  auto staff = h.Post(
      "/admin/v1/staff",
      R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk till drawer"})",
      owner, "stf-1");
  EXPECT_EQ(staff.status, 201) << staff.body;
  auto login =
      h.Post("/admin/v1/auth/login", LoginBody("shop-a", "clerk@shop-a.test", "clerk till drawer"));
  EXPECT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(argon2id.hashes, 2);
  EXPECT_EQ(argon2id.verifies, 1);
  EXPECT_EQ(argon2id.on_caller, 0) << "argon2id ran on the request's thread";
}

TEST(LoginThrottleRoutesTest, SixWrongPasswordsGet429WithRetryAfterAndNoArgon2) {
  CountingHasher argon2id;
  AppHarness h({.hasher = &argon2id});  // the general rate limit is off
  h.SignUp("shop-a");
  const std::string wrong = LoginBody("shop-a", "owner@shop-a.test", "wrong horse");
  const std::string right = LoginBody("shop-a", "owner@shop-a.test", "correct horse");
  for (int i = 0; i < 5; ++i) {
    auto r = h.Post("/admin/v1/auth/login", wrong);
    EXPECT_EQ(r.status, 401) << "attempt " << i + 1 << ": " << r.body;
  }
  argon2id.Reset();
  auto sixth = h.Post("/admin/v1/auth/login", wrong);
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  EXPECT_EQ(CodeOf(sixth), errors::kLoginThrottled);
  EXPECT_EQ(HeaderOf(sixth, "Retry-After"), "1");
  auto early = h.Post("/admin/v1/auth/login", right);
  EXPECT_EQ(early.status, 429) << "even the right password waits: " << early.body;
  EXPECT_EQ(argon2id.verifies, 0) << "a refused attempt runs no argon2id";

  h.login_clock().Advance(1000);
  auto after = h.Post("/admin/v1/auth/login", right);
  EXPECT_EQ(after.status, 200) << "the right password after the delay: " << after.body;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(h.Post("/admin/v1/auth/login", wrong).status, 401) << "the success reset the count";
  }
}

TEST(LoginThrottleRoutesTest, TheDelayDoublesAndUnknownLoginsAreThrottledAlike) {
  AppHarness h;
  h.SignUp("shop-a");
  for (const std::string login : {"owner@shop-a.test", "nobody@shop-a.test"}) {
    const std::string wrong = LoginBody("shop-a", login, "wrong horse");
    for (int i = 0; i < 5; ++i) h.Post("/admin/v1/auth/login", wrong);
    EXPECT_EQ(HeaderOf(h.Post("/admin/v1/auth/login", wrong), "Retry-After"), "1") << login;
    h.login_clock().Advance(1000);
    EXPECT_EQ(h.Post("/admin/v1/auth/login", wrong).status, 401) << login;
    auto refused = h.Post("/admin/v1/auth/login", wrong);
    EXPECT_EQ(refused.status, 429) << login;
    EXPECT_EQ(HeaderOf(refused, "Retry-After"), "2") << login;
  }
}

std::string ChangeBody(const std::string& current, const std::string& fresh) {
  return R"({"current_password":")" + current + R"(","new_password":")" + fresh + R"("})";
}

TEST(PasswordChangeRoutesTest, ChangesThePasswordAndEndsTheCallersOtherSessions) {
  CountingHasher argon2id;
  AppHarness h({.hasher = &argon2id});
  std::string first = h.SignUp("shop-a");
  auto login =
      h.Post("/admin/v1/auth/login", LoginBody("shop-a", "owner@shop-a.test", "correct horse"));
  std::string second(AppHarness::Json(login).at("token").as_string());

  argon2id.Reset();
  auto changed =
      h.Post("/admin/v1/me/password", ChangeBody("correct horse", "tea lamp river"), second);
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(AppHarness::Json(changed).at("revoked_tokens"), 1);
  EXPECT_EQ(argon2id.verifies, 1);
  EXPECT_EQ(argon2id.hashes, 1);
  EXPECT_EQ(argon2id.on_caller, 0) << "argon2id ran on the request's thread";

  EXPECT_EQ(h.Get("/admin/v1/me", second).status, 200) << "the caller stays logged in";
  EXPECT_EQ(h.Get("/admin/v1/me", first).status, 401) << "the other session is over";
  EXPECT_EQ(
      h.Post("/admin/v1/auth/login", LoginBody("shop-a", "owner@shop-a.test", "correct horse"))
          .status,
      401);
  EXPECT_EQ(
      h.Post("/admin/v1/auth/login", LoginBody("shop-a", "owner@shop-a.test", "tea lamp river"))
          .status,
      200);
}

TEST(PasswordChangeRoutesTest, RefusesAWrongCurrentPasswordAWeakNewOneAndGuessing) {
  AppHarness h;
  std::string token = h.SignUp("shop-a");
  auto weak = h.Post("/admin/v1/me/password", ChangeBody("correct horse", "12345678"), token);
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(CodeOf(weak), errors::kWeakPassword);
  auto mine =
      h.Post("/admin/v1/me/password", ChangeBody("correct horse", "owner@shop-a.test"), token);
  EXPECT_EQ(CodeOf(mine), errors::kWeakPassword) << mine.body;
  for (int i = 0; i < 5; ++i) {
    auto wrong =
        h.Post("/admin/v1/me/password", ChangeBody("wrong horse", "tea lamp river"), token);
    EXPECT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(CodeOf(wrong), errors::kWrongPassword);
  }
  auto guessing =
      h.Post("/admin/v1/me/password", ChangeBody("wrong horse", "tea lamp river"), token);
  EXPECT_EQ(guessing.status, 429)
      << "a token holder guessing the password is throttled like a login";
  EXPECT_EQ(HeaderOf(guessing, "Retry-After"), "1");
  EXPECT_EQ(h.Post("/admin/v1/me/password", ChangeBody("correct horse", "tea lamp river")).status,
            401)
      << "a token is required";
}

}  // namespace
}  // namespace weishang::api
