#include "storage/sqlite/wal_syncer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/log.h"
#include "core/metrics.h"
#include "core/threads.h"
#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

Histogram& SyncSeconds() {
  static Histogram& h = Metrics::Global().GetHistogram("weishang_sqlite_wal_sync_seconds",
                                                       "Time to fsync the WAL after a group commit",
                                                       "", LatencyBuckets());
  return h;
}

Error SyncError(const std::string& what) {
  return Error{ErrorKind::kUnavailable, storage::errors::kSyncFailed,
               what + ": " + std::strerror(errno)};
}

}  // namespace

WalSyncer::WalSyncer(std::string wal_path) : wal_path_(std::move(wal_path)) {
  thread_ = std::thread([this] {
    NameThisThread("ws-sql-sync");
    Loop();
  });
}

WalSyncer::~WalSyncer() {
  Close();
  if (fd_ >= 0) ::close(fd_);
}

void WalSyncer::AfterCommit(std::function<void(Result<void>)> answer) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back(std::move(answer));
  }
  cv_.notify_one();
}

void WalSyncer::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

Result<void> WalSyncer::Sync() {
  if (!status_) return status_;
  if (fd_ < 0) {
    fd_ = ::open(wal_path_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0) {
      healthy_ = false;
      return status_ = Fail(SyncError("cannot open " + wal_path_));
    }
    // The WAL may be new: make its directory entry durable too, once.
    auto dir = std::filesystem::path(wal_path_).parent_path();
    int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      (void)::fsync(dfd);
      ::close(dfd);
    }
  }
  auto started = std::chrono::steady_clock::now();
  int rc = ::fdatasync(fd_);
  SyncSeconds().Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (rc != 0) {
    // The kernel may have dropped the dirty pages: the frames cannot be
    // trusted again (PostgreSQL's lesson), so this store stops accepting
    // writes until it is restarted and recovered from the WAL.
    status_ = Fail(SyncError("fdatasync " + wal_path_));
    healthy_ = false;
    LogError(status_.error().message);
  }
  return status_;
}

void WalSyncer::Loop() {
  std::vector<std::function<void(Result<void>)>> batch;
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return closing_ || !pending_.empty(); });
    if (pending_.empty()) return;  // closing, and nothing left to make durable
    batch.swap(pending_);
    lock.unlock();
    // Every answer in `batch` was handed over after its COMMIT returned, so
    // this fsync covers its frames.
    Result<void> synced = Sync();
    for (auto& answer : batch) answer(synced);
    batch.clear();
    lock.lock();
  }
}

}  // namespace weishang::storage
