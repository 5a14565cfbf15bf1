#include "cli/commands.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/app.h"
#include "api/http/server.h"
#include "api/routes/customer_import_routes.h"
#include "cli/demo.h"
#include "cli/node.h"
#include "cli/registry.h"
#include "core/log.h"
#include "events/dispatcher.h"
#include "modules/identity/login_throttle.h"
#include "modules/identity/passwords.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/checkout/snapshot_cache.h"
#include "workflows/events/local_events.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::cli {
namespace {

// How long a rendered storefront answer or a pricing snapshot may be reused:
// the bound on staleness when a change notice from another node is lost.
constexpr std::chrono::milliseconds kCacheTtl{1000};

// A postgresql:// URL goes to libpq as it is; anything else is a SQLite path.
Result<std::unique_ptr<storage::Database>> OpenEngine(const StoreOptions& o) {
  if (IsPostgresUrl(o.db)) {
    auto db = storage::PostgresDatabase::Open({.conninfo = o.db});
    if (!db) return Fail(db.error());
    return std::unique_ptr<storage::Database>(std::move(*db));
  }
  std::filesystem::path p(o.db);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  auto db = storage::SqliteDatabase::Open({.path = o.db});
  if (!db) return Fail(db.error());
  return std::unique_ptr<storage::Database>(std::move(*db));
}

}  // namespace

Result<std::unique_ptr<storage::Database>> OpenStore(const StoreOptions& o) {
  auto db = OpenEngine(o);
  if (!db) return Fail(db.error());
  auto applied = storage::ApplyMigrations(**db, AllMigrations());
  if (!applied) return Fail(applied.error());
  if (*applied > 0) LogInfo("applied " + std::to_string(*applied) + " migrations");
  return db;
}

int Report(const Error& e) {
  std::fprintf(stderr, "error: %s: %s\n", e.code.c_str(), e.message.c_str());
  return 1;
}

namespace {

// Uploaded images live beside a SQLite file; with PostgreSQL, under ./data
// like the default SQLite file.
std::string DefaultUploadDir(const StoreOptions& store) {
  if (IsPostgresUrl(store.db)) return "data/uploads";
  std::string dir = (std::filesystem::path(store.db).parent_path() / "uploads").string();
  return dir.empty() ? "uploads" : dir;
}

// `make build` puts the web front end in web/ beside the binary
// (build/web/), so a fresh clone serves it without options.
std::filesystem::path DefaultWebRoot() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path("web") : exe.parent_path() / "web";
}

// The web front end, read into memory. An explicit --web-root must load; the
// default may be missing (an API-only build), and then its routes answer 404.
Result<std::shared_ptr<const api::StaticFiles>> LoadWeb(const ServeOptions& serve) {
  std::filesystem::path root =
      serve.web_root.empty() ? DefaultWebRoot() : std::filesystem::path(serve.web_root);
  std::error_code ec;
  if (serve.web_root.empty() && !std::filesystem::exists(root / "console" / "index.html", ec)) {
    LogWarn("no web front end at " + root.string() +
            " (make build builds it): /console/ and /s/ answer 404");
    return std::shared_ptr<const api::StaticFiles>();
  }
  auto web = api::StaticFiles::Load(root);
  if (!web) return Fail(web.error());
  LogInfo("serving the web front end from " + root.string() + " (" +
          std::to_string((*web)->file_count()) + " files)");
  return web;
}

api::Config ApiConfig(const StoreOptions& store, const ServeOptions& serve) {
  api::Config config;
  config.upload_dir = serve.upload_dir.empty() ? DefaultUploadDir(store) : serve.upload_dir;
  // The transport refuses bodies over --body-limit before any route runs, so
  // an image can be no larger than that either; saying so in the route's own
  // error keeps the two limits from disagreeing.
  config.max_image_bytes = std::min(config.max_image_bytes, serve.body_limit);
  std::filesystem::create_directories(config.upload_dir);
  config.rate_per_ip = serve.rate_per_ip;
  config.burst_per_ip = serve.rate_per_ip * 4;
  config.sandbox = serve.sandbox;
  config.public_url = serve.public_url;
  return config;
}

workflows::WebhookOptions WebhookOptionsOf(const ServeOptions& serve) {
  workflows::WebhookOptions o;
  o.policy.allow_loopback = serve.webhooks_allow_loopback;
  o.first_retry = serve.webhook_first_retry_ms;
  return o;
}

// --password-threads, or by default one per two cores (1 to 4): argon2id
// takes the whole of a core while it runs, and the HTTP threads need the rest.
int PasswordThreads(const ServeOptions& serve) {
  if (serve.password_threads > 0) return serve.password_threads;
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(cores / 2, 1, 4);
}

// The login throttle's limits: fixed per account; per client address
// --login-address-failures free failures, 0 turning it off (behind a load
// balancer every client has the balancer's address).
identity::LoginGuard::Limits LoginLimits(const ServeOptions& serve) {
  identity::LoginGuard::Limits limits;
  limits.by_address = serve.login_address_failures > 0;
  if (limits.by_address) limits.address.free_failures = serve.login_address_failures;
  return limits;
}

// Stops serving if this node loses its node id: possible only after its
// lock connection broke and another node took the id meanwhile, and then
// the ids it mints could collide with that node's.
class StopOnLostId {
 public:
  std::function<void()> Callback() {
    return [this] {
      lost_ = true;
      if (api::Server* s = server_.load()) s->Stop();
    };
  }
  // Runs `server` until it stops (a signal, or the id lost).
  void Serve(api::Server& server) {
    server_ = &server;
    if (lost_) server.Stop();
    server.Run();
    server_ = nullptr;
  }
  bool lost() const { return lost_; }

 private:
  std::atomic<api::Server*> server_{nullptr};
  std::atomic<bool> lost_{false};
};

bool SplitListen(const std::string& listen, std::string* host, int* port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  try {
    *port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    return false;
  }
  return *port >= 0 && *port < 65536;
}

}  // namespace

int RunMigrate(const StoreOptions& store) {
  auto db = OpenStore(store);
  if (!db) return Report(db.error());
  (*db)->Close();
  std::printf("migrations applied\n");
  return 0;
}

int RunDemo(const StoreOptions& store) {
  auto db = OpenStore(store);
  if (!db) return Report(db.error());
  auto node = JoinNodes(store, [] {});
  if (!node) return Report(node.error());
  SystemClock clock;
  IdGenerator ids(node->id);
  workflows::Modules modules(clock, ids);
  auto login =
      SeedDemo(**db, modules, clock, {DefaultUploadDir(store), api::Config().max_image_bytes});
  (*db)->Close();
  node->Leave();
  if (!login) return Report(login.error());
  PrintDemoLogin(*login);
  return 0;
}

int RunBackup(const StoreOptions& store, const std::string& destination) {
  if (IsPostgresUrl(store.db)) {
    return Report(Invalid("cli.backup_postgres",
                          "backup copies SQLite files; for PostgreSQL use pg_dump, e.g."
                          " pg_dump --format=custom --file=" +
                              destination + " '<the --db URL>'"));
  }
  auto db = storage::SqliteDatabase::Open({.path = store.db});
  if (!db) return Report(db.error());
  auto ok = (*db)->Backup(destination);
  (*db)->Close();
  if (!ok) return Report(ok.error());
  std::printf("backed up %s to %s\n", store.db.c_str(), destination.c_str());
  return 0;
}

int RunServe(const StoreOptions& store, const ServeOptions& serve) {
  api::ServerOptions http;
  if (!SplitListen(serve.listen, &http.host, &http.port)) {
    return Report(Invalid("cli.bad_listen", "--listen must be host:port"));
  }
  http.threads = serve.threads;
  http.body_limit = serve.body_limit;
  http.large_bodies.emplace_back(api::kCustomerImportPath,
                                 std::max(serve.body_limit, api::kMaxCustomerImportBytes));
  http.read_timeout = std::chrono::seconds(serve.read_timeout_s);
  http.idle_timeout = std::chrono::seconds(serve.idle_timeout_s);
  auto web = LoadWeb(serve);
  if (!web) return Report(web.error());
  auto db = OpenStore(store);
  if (!db) return Report(db.error());
  MerchantCache cache(kCacheTtl);  // before the node: the change feed writes to it
  StopOnLostId watch;
  auto node = JoinNodes(store, watch.Callback());
  if (!node) return Report(node.error());
  AdjustableClock clock;
  IdGenerator ids(node->id);
  workflows::Modules modules(clock, ids);
  modules.payments.set_sandbox_enabled(serve.sandbox);
  if (serve.sandbox) {
    LogWarn(
        "the sandbox payment provider is on: /sandbox/v1/{shop}/payments/{id}/complete marks"
        " orders paid without credentials; serve with --no-sandbox in production");
  }
  if (serve.seed_demo) {
    api::Config config = ApiConfig(store, serve);
    auto login = SeedDemo(**db, modules, clock, {config.upload_dir, config.max_image_bytes});
    if (!login) return Report(login.error());
    PrintDemoLogin(*login);
  }
  if (auto shared = node->ShareCache(store, cache); !shared) return Report(shared.error());
  workflows::SnapshotCache pricing_cache(cache, kCacheTtl);
  // Domain events: the dispatcher delivers them to their handlers once per
  // event across the nodes; this node's caches follow every commit, its own
  // at once (LocalEvents) and other processes' through the tail.
  // Every module's routes, jobs and event handlers (cli/registry.cc).
  Wiring wiring{**db, clock, ids, modules, WebhookOptionsOf(serve), {}};
  Installed installed = InstallAll(wiring);
  events::Dispatcher dispatcher(**db, clock, installed.handlers, {.locks = node->locks.get()});
  workflows::LocalEvents local_events(cache, &dispatcher);
  (*db)->SetCommitObserver(&local_events);
  workflows::OutboxTail tail(**db, cache);
  if (auto started = dispatcher.Start(); !started) return Report(started.error());
  if (auto started = tail.Start(); !started) return Report(started.error());
  for (const auto& task : installed.node_tasks) {
    if (auto started = task.start(); !started) return Report(started.error());
  }
  identity::Argon2idHasher hasher;
  identity::Passwords passwords(hasher, {.threads = PasswordThreads(serve)});
  identity::LoginGuard logins(clock, LoginLimits(serve));
  api::Config config = ApiConfig(store, serve);
  config.web = *web;
  if (serve.test_clock) {
    LogWarn("the test clock is on: POST /sandbox/v1/clock moves this server's time forward");
    config.advance_clock = [&clock](Timestamp delta) { return clock.Advance(delta); };
  }
  api::App app(
      api::Services{**db, clock, ids, modules, cache, pricing_cache, passwords, logins, config},
      installed.routes);
  api::Server server(
      http, [&app](api::HttpRequest& r) { return app.Handle(r); },
      [&app](const api::HttpRequest& r, int status, double secs, std::size_t bytes) {
        app.Observe(r, status, secs, bytes);
      });
  auto port = server.Start();
  if (!port) return Report(port.error());
  if (!serve.port_file.empty()) std::ofstream(serve.port_file) << *port << "\n";
  workflows::Scheduler jobs(
      **db, modules, clock, installed.jobs,
      {.interval = std::chrono::milliseconds(serve.job_interval_ms), .locks = node->locks.get()});
  jobs.Start();
  LogInfo("listening on http://" + http.host + ":" + std::to_string(*port) + " as node " +
          std::to_string(node->id));
  FlushLog();
  watch.Serve(server);
  passwords.Stop();  // its last jobs may still write
  jobs.Stop();
  for (const auto& task : installed.node_tasks) task.stop();
  tail.Stop();
  dispatcher.Stop();
  (*db)->Close();  // flushes commits still queued
  node->Leave();
  if (watch.lost()) {
    return Report(Error{ErrorKind::kUnavailable, "cli.node_id_lost",
                        "another node took this node's id; restart this node"});
  }
  LogInfo("stopped");
  return 0;
}

}  // namespace weishang::cli
