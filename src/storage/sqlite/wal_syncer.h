// Makes committed WAL frames durable off the writer thread.
//
// With synchronous=FULL, SQLite fsyncs the WAL inside COMMIT, so the single
// writer sits idle for every fsync and the next group waits behind it. The
// writer instead commits with synchronous=NORMAL (no fsync at COMMIT; WAL and
// database are still synced around every checkpoint) and hands the group's
// answers here. This thread fsyncs the WAL file and only then answers every
// group whose COMMIT had returned before that fsync began, while the writer
// is already running the next group. The promise is unchanged: nobody is
// told "done" before the commit is on disk. Committed data may be *seen* by
// readers slightly before it is durable; see docs/decisions/0008.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"

namespace weishang::storage {

class WalSyncer {
 public:
  // `wal_path` is the database path plus "-wal". The file is opened at the
  // first batch, when the writer has certainly created it.
  explicit WalSyncer(std::string wal_path);
  ~WalSyncer();  // makes everything handed over durable first

  // Called by the writer after a COMMIT returned: `answer` runs on this
  // thread once the commit is durable, with an error if fsync failed.
  void AfterCommit(std::function<void(Result<void>)> answer);

  // False once an fsync failed: the store must stop taking writes.
  bool Healthy() const { return healthy_.load(std::memory_order_relaxed); }

  // Waits until everything handed over is durable and answered.
  void Close();

 private:
  void Loop();
  Result<void> Sync();

  std::string wal_path_;
  int fd_ = -1;
  Result<void> status_;  // an error once an fsync failed: nothing is called durable after it
  std::atomic<bool> healthy_{true};

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::function<void(Result<void>)>> pending_;
  bool closing_ = false;
  std::thread thread_;
};

}  // namespace weishang::storage
