// The embedded store. One writer thread owns the write connection and commits
// queued units of work in groups: each unit runs inside its own SAVEPOINT, so
// a failing unit rolls back only itself; the group ends with one COMMIT and
// one fsync, after which every unit's `done` is called. The fsync runs on the
// WalSyncer's thread while the writer starts the next group (wal_syncer.h).
// Reads run on the caller's thread over a pool of read-only WAL connections.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/wal_syncer.h"

namespace weishang::storage {

struct SqliteOptions {
  std::string path;             // a file path; the directory must exist
  std::size_t max_group = 256;  // most units committed together
  // The background checkpoint's period, and when the writer makes the WAL
  // start over (see KeepWalShort): once it holds this many frames (pages) ...
  std::chrono::milliseconds checkpoint_interval{100};
  int wal_restart_frames = 4096;  // 16 MiB; 16,384 gave a higher raw rate but a worse checkout p99
  // ... and at most this many are not yet copied into the database file.
  int wal_catch_up_frames = 1024;
};

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> Open(SqliteOptions options);
  ~SqliteDatabase() override;

  void Submit(Unit unit, Done done) override;
  Result<void> Read(const Unit& unit) override;
  Engine engine() const override { return Engine::kSqlite; }
  void Close() override;

  // Copies the whole database, consistently, to `dest` while it stays online
  // (SQLite's backup API). Safe to call while serving.
  Result<void> Backup(const std::string& dest);

 private:
  explicit SqliteDatabase(SqliteOptions options, std::unique_ptr<SqliteConnection> writer);
  struct Pending {
    Unit unit;
    Done done;
  };
  void WriterLoop();
  void CheckpointLoop();
  void CommitGroup(std::vector<Pending>& group);
  void KeepWalShort();
  std::unique_ptr<SqliteConnection> AcquireReader(Result<void>* error);
  void ReleaseReader(std::unique_ptr<SqliteConnection> conn);

  SqliteOptions options_;
  std::unique_ptr<SqliteConnection> writer_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable cv_checkpoint_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  std::thread thread_;
  WalSyncer syncer_;

  // Checkpoints run here, off the writer thread, so a commit never waits
  // for the WAL to be copied into the database file.
  std::unique_ptr<SqliteConnection> checkpointer_;
  std::thread checkpoint_thread_;
  std::atomic<int> wal_copied_{0};  // frames copied by the last checkpoint

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
};

}  // namespace weishang::storage
