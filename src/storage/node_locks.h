// Mutual exclusion between the nodes that share one database, for work that
// one node at a time should do (the timed jobs' ticks). On SQLite one process
// owns the database and needs none of it; cli/commands.cc gives the
// PostgreSQL implementation (storage/postgres/pg_node_locks.h) to the
// scheduler when there may be several nodes.
#pragma once

#include <functional>
#include <string_view>

#include "core/error.h"

namespace weishang::storage {

// Thread-safe.
class NodeLocks {
 public:
  virtual ~NodeLocks() = default;

  // Runs `fn` on the calling thread while holding the lock named `name`,
  // unless another node holds it now, and returns whether `fn` ran. Never
  // waits for the lock. Fails, without running `fn`, with kUnavailable when
  // the database cannot be asked. The lock guards against doing the work
  // twice at once, not against doing it twice: the work itself must stay
  // safe to repeat, since a node that loses its connection loses its locks.
  virtual Result<bool> RunExclusively(std::string_view name, const std::function<void()>& fn) = 0;
};

}  // namespace weishang::storage
