#include "storage/postgres/pg_change_feed.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <optional>
#include <vector>

#include "core/log.h"
#include "core/metrics.h"
#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

using std::chrono::milliseconds;

// How long the thread sleeps when nothing wakes it. Only bounds how soon a
// connection the server closed is noticed; notices and Publish wake it.
constexpr milliseconds kIdleWait{500};
constexpr milliseconds kFirstRetry{50};
constexpr milliseconds kLastRetry{2000};

Counter& Notices(const char* direction) {
  return Metrics::Global().GetCounter(
      "weishang_cache_notices_total",
      "Cache invalidation notices this node sent to, or received from, the other nodes",
      std::string("direction=\"") + direction + "\"");
}

std::optional<std::int64_t> ParseMerchant(const std::string& payload) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), id);
  if (ec != std::errc() || end != payload.data() + payload.size()) return std::nullopt;
  return id;
}

Result<void> Listen(PgConnection& conn) {
  return conn.Script(std::string("LISTEN ") + PgChangeFeed::kChannel);
}

}  // namespace

Result<std::unique_ptr<PgChangeFeed>> PgChangeFeed::Open(const std::string& conninfo,
                                                         OnChange on_change) {
  auto conn = PgConnection::Open(conninfo);
  if (!conn) return Fail(conn.error());
  if (auto ok = (*conn)->Script("SET application_name = 'weishang change feed'"); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = Listen(**conn); !ok) return Fail(ok.error());
  int wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd < 0) {
    return Fail(ErrorKind::kUnavailable, storage::errors::kOpenFailed, "eventfd failed");
  }
  Notices("sent");  // registered up front, so /metrics shows both series from zero
  Notices("received");
  auto feed = std::unique_ptr<PgChangeFeed>(
      new PgChangeFeed(std::move(*conn), std::move(on_change), wake_fd));
  feed->thread_ = std::thread([raw = feed.get()] { raw->Loop(); });
  return feed;
}

PgChangeFeed::PgChangeFeed(std::unique_ptr<PgConnection> conn, OnChange on_change, int wake_fd)
    : conn_(std::move(conn)), on_change_(std::move(on_change)), wake_fd_(wake_fd) {}

PgChangeFeed::~PgChangeFeed() {
  Close();
  ::close(wake_fd_);
}

void PgChangeFeed::Publish(std::int64_t merchant) {
  {
    std::lock_guard lock(mu_);
    if (closing_) return;
    queued_.insert(merchant);
  }
  Wake();
}

void PgChangeFeed::Wake() {
  std::uint64_t one = 1;
  // Fails only when the counter is full, and then the thread is awake anyway.
  ssize_t n = ::write(wake_fd_, &one, sizeof one);
  (void)n;
}

void PgChangeFeed::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  Wake();
  if (thread_.joinable()) thread_.join();
  conn_.reset();
}

void PgChangeFeed::Loop() {
  milliseconds retry = kFirstRetry;
  for (;;) {
    bool closing;
    {
      std::lock_guard lock(mu_);
      closing = closing_;
    }
    if (!conn_->Healthy() && !Reconnect()) {
      if (closing) return;  // what is still queued cannot be sent
      WaitForWork(retry, /*watch_server=*/false);
      retry = std::min(retry * 2, kLastRetry);
      continue;
    }
    retry = kFirstRetry;
    SendQueued();
    Deliver();
    if (closing) return;
    WaitForWork(kIdleWait, /*watch_server=*/true);
  }
}

bool PgChangeFeed::Reconnect() {
  if (!conn_->Reset() || !Listen(*conn_)) return false;
  (void)conn_->Script("SET application_name = 'weishang change feed'");
  // Whatever the other nodes announced meanwhile is lost; the caches'
  // TTL bounds how long it stays visible here.
  LogWarn("change feed reconnected; notices sent while it was away were missed");
  return true;
}

void PgChangeFeed::SendQueued() {
  std::vector<std::int64_t> batch;
  {
    std::lock_guard lock(mu_);
    batch.assign(queued_.begin(), queued_.end());
    queued_.clear();
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::string payload = std::to_string(batch[i]);
    const Param params[] = {kChannel, payload};
    auto sent = conn_->Query("SELECT pg_notify(?, ?)", params);
    if (!sent) {
      // Keep the rest for after the reconnect; the loop notices the broken
      // connection (or retries a statement error on its next turn).
      std::lock_guard lock(mu_);
      queued_.insert(batch.begin() + static_cast<std::ptrdiff_t>(i), batch.end());
      LogWarn("change feed could not send: " + sent.error().message);
      return;
    }
    Notices("sent").Add();
  }
}

void PgChangeFeed::Deliver() {
  auto notes = conn_->TakeNotifications();
  if (!notes) return;  // the connection broke: the loop reconnects
  const int self = conn_->BackendPid();
  for (const PgNotification& n : *notes) {
    if (n.sender_pid == self || n.channel != kChannel) continue;
    if (auto merchant = ParseMerchant(n.payload)) {
      Notices("received").Add();
      on_change_(*merchant);
    }
  }
}

void PgChangeFeed::WaitForWork(milliseconds timeout, bool watch_server) {
  pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {conn_->Socket(), POLLIN, 0}};
  nfds_t count = watch_server && fds[1].fd >= 0 ? 2 : 1;
  if (::poll(fds, count, static_cast<int>(timeout.count())) <= 0) return;  // timeout or EINTR
  if (fds[0].revents & POLLIN) {
    std::uint64_t drained = 0;
    ssize_t n = ::read(wake_fd_, &drained, sizeof drained);
    (void)n;
  }
}

}  // namespace weishang::storage
