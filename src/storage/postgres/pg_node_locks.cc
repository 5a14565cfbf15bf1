#include "storage/postgres/pg_node_locks.h"

#include <chrono>
#include <set>

#include "core/log.h"
#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

// The two-key advisory lock spaces (pg_advisory_lock(int, int)); they cannot
// meet the one-key lock of migrations (storage/migrations.cc), which
// PostgreSQL keeps apart by objsubid. "WSND" and "WSJB" in ASCII.
constexpr int kNodeSpace = 0x57534e44;
constexpr int kJobSpace = 0x57534a42;

// Server-side TCP keepalives for this session: if the node's machine
// vanishes, the server notices within 15 + 3 × 5 s and frees its locks.
constexpr std::string_view kKeepalives =
    "SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5;"
    " SET tcp_keepalives_count = 3";

// A stable lock key for a name: 31 bits of its FNV-1a hash. Two names that
// collide would only take turns.
int KeyOf(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return static_cast<int>(h & 0x7fffffff);
}

Result<bool> TryLock(PgConnection& conn, int space, int key) {
  const Param params[] = {space, key};
  auto got = conn.Query("SELECT pg_try_advisory_lock(?, ?)", params);
  if (!got) return Fail(got.error());
  return got->front().Bool(0);
}

// Which session holds node number `node`, for the error message.
std::string Holder(PgConnection& conn, int node) {
  const Param params[] = {kNodeSpace, node};
  auto rows = conn.Query(
      "SELECT a.pid, COALESCE(host(a.client_addr), 'a local socket'), a.application_name"
      " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
      " WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.objsubid = 2"
      " AND l.granted AND l.database = (SELECT oid FROM pg_database"
      "                                 WHERE datname = current_database())",
      params);
  if (!rows || rows->empty()) return "another session";
  const Row& r = rows->front();
  return "PostgreSQL session " + std::to_string(r.Int(0)) + " (\"" + r.Str(2) + "\" from " +
         r.Str(1) + ")";
}

Result<int> TakeNode(PgConnection& conn, int node) {
  auto got = TryLock(conn, kNodeSpace, node);
  if (!got) return Fail(got.error());
  if (!*got) {
    return Fail(Conflict(storage::errors::kNodeIdTaken, "node id " + std::to_string(node) +
                                                            " is held by " + Holder(conn, node) +
                                                            "; give each node its own --node-id"));
  }
  return node;
}

// The lowest number no live node of this database holds (advisory locks
// are per database; pg_locks shows every database's). Another node may take a number
// between the look and the try; the try then fails and the next is tried.
Result<int> TakeFreeNode(PgConnection& conn) {
  const Param params[] = {kNodeSpace};
  auto rows = conn.Query(
      "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND classid = ?"
      " AND objsubid = 2 AND granted"
      " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      params);
  if (!rows) return Fail(rows.error());
  std::set<std::int64_t> held;
  for (const Row& r : *rows) held.insert(r.Int(0));
  for (int node = 0; node <= kMaxNodeId; ++node) {
    if (held.count(node)) continue;
    auto got = TryLock(conn, kNodeSpace, node);
    if (!got) return Fail(got.error());
    if (*got) return node;
  }
  return Fail(ErrorKind::kUnavailable, storage::errors::kNoFreeNodeId,
              "all 1024 node ids are held by live nodes");
}

Result<void> NameSession(PgConnection& conn, int node) {
  return conn.Script("SET application_name = 'weishang node " + std::to_string(node) + "'");
}

}  // namespace

Result<std::unique_ptr<PgNodeLocks>> PgNodeLocks::Open(const std::string& conninfo,
                                                       std::optional<int> node,
                                                       std::function<void()> on_lost,
                                                       std::chrono::milliseconds ping_every) {
  if (node && (*node < 0 || *node > kMaxNodeId)) {
    return Fail(Invalid(storage::errors::kBadNodeId, "a node id is 0 to 1023"));
  }
  auto conn = PgConnection::Open(conninfo);
  if (!conn) return Fail(conn.error());
  if (auto ok = (*conn)->Script(kKeepalives); !ok) return Fail(ok.error());
  auto taken = node ? TakeNode(**conn, *node) : TakeFreeNode(**conn);
  if (!taken) return Fail(taken.error());
  if (auto ok = NameSession(**conn, *taken); !ok) return Fail(ok.error());
  auto locks = std::unique_ptr<PgNodeLocks>(
      new PgNodeLocks(std::move(*conn), *taken, std::move(on_lost), ping_every));
  locks->keeper_ = std::thread([raw = locks.get()] { raw->KeeperLoop(); });
  return locks;
}

PgNodeLocks::PgNodeLocks(std::unique_ptr<PgConnection> conn, int node,
                         std::function<void()> on_lost, std::chrono::milliseconds ping_every)
    : conn_(std::move(conn)), node_(node), on_lost_(std::move(on_lost)), ping_every_(ping_every) {}

PgNodeLocks::~PgNodeLocks() { Close(); }

void PgNodeLocks::Close() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (keeper_.joinable()) keeper_.join();
  std::lock_guard lock(mu_);
  conn_.reset();
}

void PgNodeLocks::KeeperLoop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, ping_every_, [this] { return stopping_; })) {
    if (lost_ || Keep()) continue;
    lost_ = true;
    LogError("node id " + std::to_string(node_) +
             " was taken by another node while this one was disconnected; stopping");
    lock.unlock();
    on_lost_();
    lock.lock();
  }
}

bool PgNodeLocks::Keep() {
  if (conn_->Healthy() && conn_->Query("SELECT 1", {})) return true;
  if (!conn_->Reset()) {
    if (!reported_down_) LogWarn("node locks: cannot reach PostgreSQL; retrying every second");
    reported_down_ = true;
    return true;  // nothing is held, nothing is lost yet: try again
  }
  reported_down_ = false;
  (void)conn_->Script(kKeepalives);
  auto again = TakeNode(*conn_, node_);
  if (!again) return again.error().code != storage::errors::kNodeIdTaken;
  (void)NameSession(*conn_, node_);
  LogWarn("node locks: reconnected and took node id " + std::to_string(node_) + " again");
  return true;
}

Result<bool> PgNodeLocks::RunExclusively(std::string_view name, const std::function<void()>& fn) {
  const int key = KeyOf(name);
  {
    std::lock_guard lock(mu_);
    if (lost_) {
      return Fail(ErrorKind::kUnavailable, storage::errors::kNodeIdLost,
                  "this node lost its node id");
    }
    if (!conn_->Healthy()) {
      return Fail(ErrorKind::kUnavailable, storage::errors::kConnectionLost,
                  "the node-lock connection is reconnecting");
    }
    auto got = TryLock(*conn_, kJobSpace, key);
    if (!got) return Fail(got.error());
    if (!*got) return false;
  }
  struct Release {
    PgNodeLocks* self;
    int key;
    ~Release() { self->Unlock(key); }
  } release{this, key};
  fn();
  return true;
}

void PgNodeLocks::Unlock(int key) {
  std::lock_guard lock(mu_);
  // After a reconnect the lock is gone with the old session; unlocking what
  // is not held only returns false.
  const Param params[] = {kJobSpace, key};
  if (conn_->Healthy()) (void)conn_->Query("SELECT pg_advisory_unlock(?, ?)", params);
}

}  // namespace weishang::storage
