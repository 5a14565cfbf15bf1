#include "storage/sqlite/sqlite_database.h"

#include "core/log.h"
#include "core/metrics.h"
#include "core/threads.h"
#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

// A unit of work over one connection; collects after-commit hooks. A read
// unit begins its snapshot transaction at its first statement, so a read
// answered from caches costs no statement at all.
class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(SqliteConnection& conn, bool lazy_begin = false)
      : conn_(conn), pending_begin_(lazy_begin) {}
  Result<Rows> Query(std::string_view sql, Params params) override {
    if (auto ok = BeginIfPending(); !ok) return Fail(ok.error());
    return conn_.Query(sql, params);
  }
  Result<std::int64_t> Exec(std::string_view sql, Params params) override {
    if (auto ok = BeginIfPending(); !ok) return Fail(ok.error());
    return conn_.Exec(sql, params);
  }
  Result<void> ExecScript(std::string_view sql) override { return conn_.Script(sql); }
  void AfterCommit(std::function<void()> fn) override { hooks_.push_back(std::move(fn)); }
  Engine engine() const override { return Engine::kSqlite; }

  std::vector<std::function<void()>>& hooks() { return hooks_; }
  bool begun() const { return begun_; }

 private:
  Result<void> BeginIfPending() {
    if (!pending_begin_) return {};
    pending_begin_ = false;
    if (auto ok = conn_.Exec("BEGIN", {}); !ok) return Fail(ok.error());
    begun_ = true;
    return {};
  }

  SqliteConnection& conn_;
  bool pending_begin_;
  bool begun_ = false;
  std::vector<std::function<void()>> hooks_;
};

// by="background": the checkpointer thread; by="writer": the last frames
// copied between two groups so the WAL can start over (the writer waits).
Histogram& CheckpointSeconds(const char* by) {
  return Metrics::Global().GetHistogram("weishang_sqlite_checkpoint_seconds",
                                        "Time to copy committed WAL frames into the database file",
                                        std::string("by=\"") + by + "\"", LatencyBuckets());
}

Histogram& GroupSizes() {
  static Histogram& h = Metrics::Global().GetHistogram(
      "weishang_commit_group_size", "Units of work committed together in one SQLite transaction",
      "", {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
  return h;
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(SqliteOptions options) {
  auto writer = SqliteConnection::Open(options.path, false);
  if (!writer) return Fail(writer.error());
  // COMMIT writes the frames; the WalSyncer makes them durable before anyone
  // is answered. NORMAL still syncs the WAL and the database around every
  // checkpoint, so a checkpoint never copies frames that are not on disk.
  if (auto ok = (*writer)->Script("PRAGMA synchronous=NORMAL;"); !ok) return Fail(ok.error());
  return std::unique_ptr<SqliteDatabase>(
      new SqliteDatabase(std::move(options), std::move(*writer)));
}

SqliteDatabase::SqliteDatabase(SqliteOptions options, std::unique_ptr<SqliteConnection> writer)
    : options_(std::move(options)), writer_(std::move(writer)), syncer_(options_.path + "-wal") {
  thread_ = std::thread([this] {
    NameThisThread("ws-sql-writer");
    WriterLoop();
  });
  auto cp = SqliteConnection::Open(options_.path, false);
  if (cp) {
    checkpointer_ = std::move(*cp);
    checkpoint_thread_ = std::thread([this] {
      NameThisThread("ws-sql-ckpt");
      CheckpointLoop();
    });
  } else {
    LogError("no checkpoint connection; the WAL will only be checkpointed at close: " +
             cp.error().message);
  }
}

void SqliteDatabase::CheckpointLoop() {
  std::unique_lock lock(mu_);
  while (!closing_) {
    cv_checkpoint_.wait_for(lock, options_.checkpoint_interval, [this] { return closing_; });
    lock.unlock();
    auto started = std::chrono::steady_clock::now();
    auto c = checkpointer_->CheckpointPassive();
    static Histogram& seconds = CheckpointSeconds("background");
    seconds.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (c.ran) wal_copied_.store(c.copied, std::memory_order_relaxed);
    lock.lock();
  }
}

void SqliteDatabase::KeepWalShort() {
  // A PASSIVE checkpoint copies only the frames that existed when it began,
  // and the writer keeps appending, so under steady load the WAL would never
  // be fully copied and never start over: it grew past a gigabyte in a
  // minute, and every page lookup got slower with it. The background
  // checkpointer does the copying; once the WAL is long and nearly all
  // copied, the writer copies the last frames itself, between two groups,
  // when nothing can append behind it. Its next transaction then writes
  // from the start of the WAL again (SQLite restarts a fully copied WAL).
  int frames = writer_->wal_frames();
  if (frames < options_.wal_restart_frames) return;
  if (frames - wal_copied_.load(std::memory_order_relaxed) > options_.wal_catch_up_frames) return;
  auto started = std::chrono::steady_clock::now();
  auto c = writer_->CheckpointPassive();
  if (!c.ran) return;  // the background checkpoint holds the lock: next group
  static Histogram& seconds = CheckpointSeconds("writer");
  seconds.Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  wal_copied_.store(c.copied, std::memory_order_relaxed);
}

SqliteDatabase::~SqliteDatabase() { Close(); }

void SqliteDatabase::Close() {
  {
    std::lock_guard lock(mu_);
    if (closing_ && !thread_.joinable()) return;
    closing_ = true;
  }
  cv_.notify_all();
  cv_checkpoint_.notify_all();
  if (thread_.joinable()) thread_.join();
  syncer_.Close();  // every answered commit is on disk
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
  if (checkpointer_) checkpointer_->CheckpointPassive();  // leave a short WAL behind
}

void SqliteDatabase::Submit(Unit unit, Done done) {
  {
    std::lock_guard lock(mu_);
    if (!closing_ && syncer_.Healthy()) {
      queue_.push_back(Pending{std::move(unit), std::move(done)});
      if (queue_.size() == 1) cv_.notify_one();  // the writer waits only on an empty queue
      return;
    }
  }
  if (!syncer_.Healthy()) {
    done(Fail(ErrorKind::kUnavailable, storage::errors::kSyncFailed,
              "the database could not make a commit durable; restart it"));
    return;
  }
  done(Fail(ErrorKind::kUnavailable, storage::errors::kClosed, "the database is shutting down"));
}

void SqliteDatabase::WriterLoop() {
  std::vector<Pending> group;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty() && closing_) return;
      while (!queue_.empty() && group.size() < options_.max_group) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    group.clear();
  }
}

void SqliteDatabase::CommitGroup(std::vector<Pending>& group) {
  std::vector<Result<void>> results;
  results.reserve(group.size());
  SqliteTx tx(*writer_);
  tx.set_observer(commit_observer());
  if (auto begun = writer_->Exec("BEGIN IMMEDIATE", {}); !begun) {
    for (auto& p : group) p.done(Fail(begun.error()));
    return;
  }
  for (auto& p : group) {
    std::size_t hooks_before = tx.hooks().size();
    if (auto sp = writer_->Exec("SAVEPOINT unit", {}); !sp) {
      results.push_back(Fail(sp.error()));
      continue;
    }
    Result<void> r = RunGuarded(p.unit, tx);
    if (!r) {
      // Undo only this unit; the others in the group are unaffected.
      (void)writer_->Exec("ROLLBACK TO unit", {});
      tx.hooks().resize(hooks_before);
    }
    (void)writer_->Exec("RELEASE unit", {});
    results.push_back(std::move(r));
  }
  if (auto committed = writer_->Exec("COMMIT", {}); !committed) {
    LogError("group commit failed: " + committed.error().message);
    (void)writer_->Exec("ROLLBACK", {});
    for (auto& p : group)
      p.done(
          Fail(ErrorKind::kUnavailable, storage::errors::kCommitFailed, committed.error().message));
    return;
  }
  GroupSizes().Observe(static_cast<double>(group.size()));
  // Hooks and answers wait until the commit is durable.
  std::vector<Done> dones;
  dones.reserve(group.size());
  for (auto& p : group) dones.push_back(std::move(p.done));
  syncer_.AfterCommit([hooks = std::move(tx.hooks()), dones = std::move(dones),
                       results = std::move(results)](Result<void> synced) mutable {
    if (synced) {
      for (auto& hook : hooks) hook();
    }
    for (std::size_t i = 0; i < dones.size(); ++i)
      dones[i](synced ? std::move(results[i]) : synced);
  });
  KeepWalShort();  // after the hand-over: the group is synced and answered meanwhile
}

std::unique_ptr<SqliteConnection> SqliteDatabase::AcquireReader(Result<void>* error) {
  {
    std::lock_guard lock(readers_mu_);
    if (!readers_.empty()) {
      auto conn = std::move(readers_.back());
      readers_.pop_back();
      return conn;
    }
  }
  auto conn = SqliteConnection::Open(options_.path, true);
  if (!conn) {
    *error = Fail(conn.error());
    return nullptr;
  }
  return std::move(*conn);
}

void SqliteDatabase::ReleaseReader(std::unique_ptr<SqliteConnection> conn) {
  std::lock_guard lock(readers_mu_);
  readers_.push_back(std::move(conn));
}

Result<void> SqliteDatabase::Read(const Unit& unit) {
  Result<void> error;
  auto conn = AcquireReader(&error);
  if (!conn) return error;
  SqliteTx tx(*conn, /*lazy_begin=*/true);
  Result<void> r = RunGuarded(unit, tx);
  if (tx.begun()) (void)conn->Exec("COMMIT", {});
  ReleaseReader(std::move(conn));
  return r;
}

Result<void> SqliteDatabase::Backup(const std::string& dest) {
  // A fresh handle, so the read pool's connections and caches are untouched.
  sqlite3* src = nullptr;
  sqlite3* out = nullptr;
  Result<void> r;
  if (sqlite3_open_v2(options_.path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open(dest.c_str(), &out) != SQLITE_OK) {
    r = Fail(ErrorKind::kUnavailable, storage::errors::kBackupFailed, "cannot open backup files");
  } else {
    sqlite3_backup* b = sqlite3_backup_init(out, "main", src, "main");
    if (b == nullptr) {
      r = Fail(ErrorKind::kInternal, storage::errors::kBackupFailed, sqlite3_errmsg(out));
    } else {
      int rc;
      while ((rc = sqlite3_backup_step(b, 1024)) == SQLITE_OK || rc == SQLITE_BUSY ||
             rc == SQLITE_LOCKED) {
        sqlite3_sleep(5);
      }
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE)
        r = Fail(ErrorKind::kInternal, storage::errors::kBackupFailed, sqlite3_errstr(rc));
    }
  }
  sqlite3_close(src);
  sqlite3_close(out);
  return r;
}

}  // namespace weishang::storage
