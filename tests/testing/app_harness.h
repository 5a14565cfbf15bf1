// The whole HTTP API in-process, for route tests: an api::App over a fresh
// SQLite database (TempDb), with no sockets. Send() calls App::Handle and,
// for deferred replies (writes answered after commit), starts them and waits
// for the response. Rate limiting is off; the login throttle runs on a fake
// clock (login_clock()); uploads go under the temporary directory. Not
// thread-safe: one test drives it.
//
//   AppHarness h;
//   std::string token = h.SignUp("shop-a");
//   auto r = h.Post("/admin/v1/categories", R"({"name":"卤味"})", token, "key-1");
//   EXPECT_EQ(r.status, 201);
//   json::value body = AppHarness::Json(r);
#pragma once

#include <chrono>
#include <future>
#include <string>

#include "api/app.h"
#include "cli/registry.h"
#include "core/crypto.h"
#include "core/json.h"
#include "modules/identity/login_throttle.h"
#include "modules/identity/passwords.h"
#include "testing/temp_db.h"
#include "workflows/checkout/snapshot_cache.h"
#include "workflows/events/local_events.h"
#include "workflows/modules.h"

namespace weishang::testing {

class AppHarness {
 public:
  struct Options {
    // Replaces argon2id (to count, slow or fake it); must outlive the harness.
    const identity::PasswordHasher* hasher = nullptr;
    identity::Passwords::Options passwords;
    // The web front end its web routes serve; null: not built.
    std::shared_ptr<const api::StaticFiles> web;
    // serve --public-url; empty: share links take the request's Host.
    std::string public_url;
  };

  AppHarness() : AppHarness(Options{}) {}
  explicit AppHarness(Options options)
      : passwords_(options.hasher ? *options.hasher : argon2id_, options.passwords),
        app_(MakeServices(std::move(options.web), options.public_url), installed_.routes) {}
  // Password jobs still running use the app and the database: they end first.
  ~AppHarness() { passwords_.Stop(); }

  // Answers one request; waits for a deferred reply.
  api::HttpResponse Send(api::HttpRequest req) {
    if (req.remote_ip.empty()) req.remote_ip = "127.0.0.1";
    api::Reply reply = app_.Handle(req);
    if (auto* direct = std::get_if<api::HttpResponse>(&reply)) return std::move(*direct);
    // Like the transport: the thunk runs on this (the "connection's") thread.
    std::promise<api::ResponseThunk> answered;
    std::future<api::ResponseThunk> response = answered.get_future();
    std::get<api::Deferred>(reply).start(
        [&answered](api::ResponseThunk make) { answered.set_value(std::move(make)); });
    return response.get()();
  }

  // Builds a request; `target` may carry a query string. `token` becomes an
  // Authorization: Bearer header, `idempotency_key` the Idempotency-Key.
  static api::HttpRequest Request(api::Method method, const std::string& target,
                                  std::string body = "", const std::string& token = "",
                                  const std::string& idempotency_key = "") {
    api::HttpRequest req;
    req.method = method;
    req.host = "shop.test";  // as every HTTP/1.1 client sends one
    std::size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = std::move(body);
    if (!token.empty()) req.authorization = "Bearer " + token;
    req.idempotency_key = idempotency_key;
    return req;
  }

  api::HttpResponse Get(const std::string& target, const std::string& token = "") {
    return Send(Request(api::Method::kGet, target, "", token));
  }
  api::HttpResponse Post(const std::string& target, std::string body, const std::string& token = "",
                         const std::string& idempotency_key = "") {
    return Send(Request(api::Method::kPost, target, std::move(body), token, idempotency_key));
  }
  api::HttpResponse Put(const std::string& target, std::string body,
                        const std::string& token = "") {
    return Send(Request(api::Method::kPut, target, std::move(body), token));
  }
  api::HttpResponse Patch(const std::string& target, std::string body,
                          const std::string& token = "") {
    return Send(Request(api::Method::kPatch, target, std::move(body), token));
  }

  // Signs up a new shop `slug` through the API and returns its owner's token.
  std::string SignUp(const std::string& slug) {
    auto r = Post("/admin/v1/auth/signup",
                  R"({"shop":")" + slug + R"(","shop_name":"Shop )" + slug +
                      R"(","login":"owner@)" + slug + R"(.test","password":"correct horse"})",
                  "", "signup-" + slug);
    if (r.status != 201) throw std::runtime_error("sign-up failed: " + r.body);
    return std::string(Json(r).at("token").as_string());
  }

  // The response body parsed as JSON (null when it is not JSON).
  static json::value Json(const api::HttpResponse& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    return ec ? json::value(nullptr) : v;
  }

  api::App& app() { return app_; }
  TempDb& db() { return db_; }
  workflows::Modules& modules() { return modules_; }
  MerchantCache& storefront_cache() { return cache_; }
  // The login throttle's clock, which moves only when a test moves it.
  FakeClock& login_clock() { return login_clock_; }
  const api::Config& config() const { return config_; }
  const cli::Installed& installed() const { return installed_; }

 private:
  api::Services MakeServices(std::shared_ptr<const api::StaticFiles> web, std::string public_url) {
    InitCrypto();
    config_.web = std::move(web);
    config_.public_url = std::move(public_url);
    config_.upload_dir = (db_.dir() / "uploads").string();
    config_.rate_per_ip = 0;
    config_.advance_clock = [this](Timestamp delta) { return clock_.Advance(delta); };
    // As serve does: committed events drop cached storefront answers.
    db_.db().SetCommitObserver(&local_events_);
    return api::Services{db_.db(),       clock_,     ids_,    modules_, cache_,
                         pricing_cache_, passwords_, logins_, config_};
  }

  TempDb db_;
  AdjustableClock clock_;
  IdGenerator ids_{1};
  workflows::Modules modules_{clock_, ids_};
  MerchantCache cache_{std::chrono::milliseconds(1000)};
  workflows::SnapshotCache pricing_cache_{cache_, std::chrono::milliseconds(1000)};
  workflows::LocalEvents local_events_{cache_, nullptr};
  cli::Wiring wiring_{db_.db(), clock_, ids_, modules_, {}, {}};
  cli::Installed installed_ = cli::InstallAll(wiring_);
  identity::Argon2idHasher argon2id_;
  identity::Passwords passwords_;
  FakeClock login_clock_{1'700'000'000'000};
  identity::LoginGuard logins_{login_clock_, {}};
  api::Config config_;
  api::App app_;
};

}  // namespace weishang::testing
