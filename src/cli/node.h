// This process among the nodes that share its database; see
// docs/decisions/0007-several-nodes.md. On SQLite there are no others: the
// node id is --node-id (default 0) and nothing is locked or announced. On
// PostgreSQL the node id is held as an advisory lock (PgNodeLocks), the
// timed jobs tick under such locks, and a change feed carries every storefront
// cache invalidation to the other nodes.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/cache.h"
#include "core/error.h"
#include "storage/postgres/pg_change_feed.h"
#include "storage/postgres/pg_node_locks.h"

namespace weishang::cli {

// True for a postgresql:// or postgres:// --db.
bool IsPostgresUrl(const std::string& db);

struct Node {
  int id = 0;
  std::unique_ptr<storage::PgNodeLocks> locks;  // PostgreSQL only
  std::unique_ptr<storage::PgChangeFeed> feed;  // PostgreSQL only, after ShareCache

  // On PostgreSQL, makes every cache.Invalidate reach the other nodes and
  // applies theirs to `cache`, which must outlive Leave(). Nothing on SQLite.
  // Fails with kUnavailable "storage.open_failed".
  Result<void> ShareCache(const StoreOptions& store, MerchantCache& cache);
  // Sends the notices still queued and frees the node id. Call after the
  // database is closed (its last commits may still invalidate). Idempotent.
  void Leave();
};

// Takes this process's node id: --node-id, or on PostgreSQL without one the
// lowest free id. Fails with kConflict "storage.node_id_taken" when another
// live node holds the id asked for, kUnavailable "storage.no_free_node_id" or
// "storage.open_failed". `on_lost` runs, on another thread, if the id is
// taken over while this node was disconnected from PostgreSQL.
Result<Node> JoinNodes(const StoreOptions& store, std::function<void()> on_lost);

}  // namespace weishang::cli
