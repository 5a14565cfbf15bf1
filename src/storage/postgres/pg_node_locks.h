// A node's standing among the nodes sharing one PostgreSQL database, kept as
// session advisory locks on one connection of its own:
//  - its node number (0-1023: the node bits of core/ids.h), held for the life
//    of this object, so no two live nodes mint ids with the same node bits;
//  - the job locks of RunExclusively, each held for one tick.
// PostgreSQL drops a session's locks when the session ends, so a node that
// stops or crashes frees its number and its jobs at once; one whose machine
// vanishes frees them when the server's TCP keepalives (set to about 30 s for
// this session) give up on it. `pg_locks` shows who holds what, and the
// session is named "weishang node N" in pg_stat_activity.
//
// A keeper thread pings the connection every second. If the connection broke,
// it reconnects and takes the same number again; if another node has taken it
// in between, `on_lost` is called (serve stops: its ids could collide).
// Thread-safe. See docs/decisions/0007-several-nodes.md.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "storage/node_locks.h"
#include "storage/postgres/pg_connection.h"

namespace weishang::storage {

inline constexpr int kMaxNodeId = 1023;

class PgNodeLocks final : public NodeLocks {
 public:
  // Connects and takes node number `node`, or the lowest free one when
  // nullopt. Fails with kConflict "storage.node_id_taken" when another live
  // node holds `node` (the message says which session), kUnavailable
  // "storage.no_free_node_id" when all 1024 are held, or kUnavailable
  // "storage.open_failed". `on_lost` runs on the keeper thread, which
  // pings every `ping_every` (tests slow it down to open a window).
  static Result<std::unique_ptr<PgNodeLocks>> Open(
      const std::string& conninfo, std::optional<int> node, std::function<void()> on_lost,
      std::chrono::milliseconds ping_every = std::chrono::seconds(1));
  ~PgNodeLocks() override;
  PgNodeLocks(const PgNodeLocks&) = delete;
  PgNodeLocks& operator=(const PgNodeLocks&) = delete;

  // The node number this node holds.
  int node_id() const { return node_; }

  // Takes the advisory lock of `name` with pg_try_advisory_lock, runs `fn`,
  // and unlocks. Fails with kUnavailable "storage.connection_lost" while the
  // keeper has not reconnected, and "storage.node_id_lost" after on_lost.
  Result<bool> RunExclusively(std::string_view name, const std::function<void()>& fn) override;

  // Stops the keeper and ends the session, which frees the number and any
  // job lock. Idempotent.
  void Close();

 private:
  PgNodeLocks(std::unique_ptr<PgConnection> conn, int node, std::function<void()> on_lost,
              std::chrono::milliseconds ping_every);
  void KeeperLoop();
  // Pings, or reconnects and takes the number again. Returns false when the
  // number went to another node. Called with mu_ held.
  bool Keep();
  void Unlock(int key);

  std::unique_ptr<PgConnection> conn_;  // guarded by mu_
  const int node_;
  std::function<void()> on_lost_;
  const std::chrono::milliseconds ping_every_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool lost_ = false;
  bool reported_down_ = false;
  std::thread keeper_;
};

}  // namespace weishang::storage
