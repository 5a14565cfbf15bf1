#include "storage/postgres/postgres_database.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "core/log.h"
#include "core/metrics.h"
#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

// A unit of work over one connection. Notes whether any statement failed in
// a way that makes running the whole unit again worthwhile, and collects
// after-commit hooks.
class PgTx final : public Tx {
 public:
  explicit PgTx(PgConnection& conn) : conn_(conn) {}
  Result<Rows> Query(std::string_view sql, Params params) override {
    return Note(conn_.Query(sql, params));
  }
  Result<std::int64_t> Exec(std::string_view sql, Params params) override {
    return Note(conn_.Exec(sql, params));
  }
  Result<void> ExecScript(std::string_view sql) override { return Note(conn_.Script(sql)); }
  void AfterCommit(std::function<void()> fn) override { hooks_.push_back(std::move(fn)); }
  Engine engine() const override { return Engine::kPostgres; }

  bool retryable() const { return retryable_; }
  const std::string& first_error() const { return first_error_; }
  std::vector<std::function<void()>>& hooks() { return hooks_; }

 private:
  template <class T>
  Result<T> Note(Result<T> r) {
    if (!r) {
      retryable_ = retryable_ || IsRetryable(r.error());
      if (first_error_.empty()) first_error_ = r.error().message;
    }
    return r;
  }

  PgConnection& conn_;
  bool retryable_ = false;
  std::string first_error_;
  std::vector<std::function<void()>> hooks_;
};

Counter& Retries() {
  static Counter& c = Metrics::Global().GetCounter(
      "weishang_pg_unit_retries_total",
      "Units of work run again after a serialization failure, deadlock or lost connection", "");
  return c;
}

// Waits before run `attempt` (2, 3, ...): doubling from 1 ms up to 64 ms,
// with jitter so that units which collided do not collide again in step.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng{std::random_device{}()};
  int ceiling_us = 1000 << std::min(attempt - 2, 6);
  std::uniform_int_distribution<int> pick(ceiling_us / 2, ceiling_us);
  std::this_thread::sleep_for(std::chrono::microseconds(pick(rng)));
}

// One run of `unit` in its own transaction. Sets `*retry` when nothing was
// committed and running the unit again may succeed.
Result<void> RunOnce(PgConnection& conn, const Unit& unit, CommitObserver* observer, bool* retry) {
  *retry = false;
  if (!conn.Healthy()) {
    if (auto ok = conn.Reset(); !ok) {
      *retry = true;
      return Fail(ok.error());
    }
  }
  // BEGIN goes out with the unit's first statement, in one round trip.
  conn.BeginWithNextStatement("BEGIN");
  PgTx tx(conn);
  tx.set_observer(observer);
  Result<void> r = RunGuarded(unit, tx);
  if (!conn.TransactionOpened()) {  // the unit ran no statement
    if (!r) return r;
    for (auto& hook : tx.hooks()) hook();
    return {};
  }
  if (r && conn.InFailedTransaction()) {
    // PostgreSQL refuses the rest of a transaction after a failed statement;
    // a unit that ignored the failure cannot be committed.
    r = Fail(Internal(storage::errors::kStatementFailed,
                      "a statement failed and the unit went on: " + tx.first_error()));
  }
  if (!r) {
    // A lost connection rolled back on the server; a unit may ask to run again.
    *retry = tx.retryable() || !conn.Healthy() || IsRetryable(r.error());
    if (conn.Healthy()) (void)conn.Script("ROLLBACK");
    return r;
  }
  if (auto committed = conn.Script("COMMIT"); !committed) {
    *retry = IsRetryable(committed.error());
    if (conn.Healthy()) (void)conn.Script("ROLLBACK");
    Error e = committed.error();
    if (!conn.Healthy()) e.message = "the outcome of COMMIT is unknown: " + e.message;
    return Fail(std::move(e));
  }
  for (auto& hook : tx.hooks()) hook();
  return {};
}

}  // namespace

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(PostgresOptions options) {
  if (options.pool_size == 0) {
    options.pool_size = 2 * std::max(1u, std::thread::hardware_concurrency()) + 2;
  }
  options.max_attempts = std::max(options.max_attempts, 1);
  Retries();  // registered up front, so /metrics shows the series from zero
  auto db = std::unique_ptr<PostgresDatabase>(new PostgresDatabase(std::move(options)));
  for (std::size_t i = 0; i < db->options_.pool_size; ++i) {
    auto conn = PgConnection::Open(db->options_.conninfo);
    if (!conn) return Fail(conn.error());
    db->writers_.push_back(std::move(*conn));
  }
  for (auto& conn : db->writers_) {
    db->threads_.emplace_back([raw = db.get(), c = conn.get()] { raw->WorkerLoop(*c); });
  }
  return db;
}

PostgresDatabase::PostgresDatabase(PostgresOptions options) : options_(std::move(options)) {}

PostgresDatabase::~PostgresDatabase() { Close(); }

void PostgresDatabase::Close() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    closing_ = true;
    threads.swap(threads_);
  }
  cv_.notify_all();
  for (auto& t : threads) t.join();
  if (!threads.empty()) writers_.clear();  // only the call that joined the workers
  std::lock_guard lock(readers_mu_);
  idle_readers_.clear();
}

void PostgresDatabase::Submit(Unit unit, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back(Pending{std::move(unit), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Fail(ErrorKind::kUnavailable, storage::errors::kClosed, "the database is shutting down"));
}

void PostgresDatabase::WorkerLoop(PgConnection& conn) {
  for (;;) {
    Pending p;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and nothing left to run
      p = std::move(queue_.front());
      queue_.pop_front();
    }
    p.done(RunWithRetries(conn, p.unit));
  }
}

Result<void> PostgresDatabase::RunWithRetries(PgConnection& conn, const Unit& unit) {
  for (int attempt = 1;; ++attempt) {
    if (attempt > 1) {
      Retries().Add();
      Backoff(attempt);
    }
    bool retry = false;
    Result<void> r = RunOnce(conn, unit, commit_observer(), &retry);
    if (r || !retry) return r;
    if (attempt == options_.max_attempts) {
      LogWarn("unit of work failed after " + std::to_string(attempt) +
              " runs: " + r.error().message);
      return r;
    }
  }
}

Result<std::unique_ptr<PgConnection>> PostgresDatabase::AcquireReader() {
  std::unique_lock lock(readers_mu_);
  readers_cv_.wait(lock,
                   [&] { return !idle_readers_.empty() || open_readers_ < options_.pool_size; });
  if (!idle_readers_.empty()) {
    auto conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return conn;
  }
  ++open_readers_;
  lock.unlock();
  auto conn = PgConnection::Open(options_.conninfo);
  if (!conn) {
    lock.lock();
    --open_readers_;
    readers_cv_.notify_one();
  }
  return conn;
}

void PostgresDatabase::ReleaseReader(std::unique_ptr<PgConnection> conn) {
  {
    std::lock_guard lock(readers_mu_);
    if (conn->Healthy() && conn->Idle()) {
      idle_readers_.push_back(std::move(conn));
    } else {
      --open_readers_;  // a broken or busy connection is closed, not lent again
    }
  }
  readers_cv_.notify_one();
}

Result<void> PostgresDatabase::Read(const Unit& unit) {
  auto conn = AcquireReader();
  if (!conn) return Fail(conn.error());
  PgConnection& c = **conn;
  Result<void> r;
  // REPEATABLE READ gives the whole unit one snapshot; read-only
  // transactions at this level never fail to serialize.
  constexpr std::string_view kBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  // BEGIN goes out with the unit's first statement, in one round trip; a
  // pooled connection the server has dropped (restart, idle timeout) only
  // shows it then, and is reconnected there since nothing had run yet.
  c.BeginWithNextStatement(std::string(kBegin));
  PgTx tx(c);
  r = RunGuarded(unit, tx);
  if (c.TransactionOpened()) {
    (void)c.Script(r && !c.InFailedTransaction() ? "COMMIT" : "ROLLBACK");
  }
  ReleaseReader(std::move(*conn));
  return r;
}

}  // namespace weishang::storage
