// How this node reacts to committed events, beside the durable handlers the
// dispatcher runs once per event across all nodes:
//  - LocalEvents hears of each event this process commits (it is the
//    databases's storage::CommitObserver): an event that changes what the
//    storefront shows drops the merchant's cached answers at once (and, on
//    PostgreSQL, on the other nodes through the change feed), and every event
//    wakes the dispatcher.
//  - OutboxTail follows the outbox for events other processes committed (a
//    CLI command, a timed job on another node) and drops this node's cached
//    answers for them, within its poll interval. On PostgreSQL an event whose
//    number was taken before, but committed after, one the tail has passed is
//    missed by the tail; the cache's TTL (1 s) still bounds that staleness.
// So every writer (route, CLI, job) invalidates. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/background_loop.h"
#include "core/cache.h"
#include "storage/database.h"

namespace weishang::events {
class Dispatcher;
}

namespace weishang::workflows {

// Whether committing an event of `kind` changes what the storefront shows or
// what checkout prices from (product, category, featured, stock, promotion
// and shop changes).
bool ChangesStorefront(std::string_view kind);

class LocalEvents final : public storage::CommitObserver {
 public:
  // `dispatcher` may be null (CLI commands, tests).
  LocalEvents(MerchantCache& cache, events::Dispatcher* dispatcher)
      : cache_(cache), dispatcher_(dispatcher) {}
  void EventCommitted(MerchantId merchant, std::string_view kind) override;

 private:
  MerchantCache& cache_;
  events::Dispatcher* dispatcher_;
};

class OutboxTail {
 public:
  OutboxTail(storage::Database& db, MerchantCache& cache,
             std::chrono::milliseconds poll = std::chrono::milliseconds(250))
      : db_(db), cache_(cache), loop_("ws-outbox-tail", poll, [this] { Tick(); }) {}
  ~OutboxTail();

  // Starts after the events recorded so far.
  Result<void> Start();
  void Stop();
  // Reads what was committed since the last call and invalidates; returns
  // how many events it read.
  Result<int> RunOnce();

 private:
  void Tick();

  storage::Database& db_;
  MerchantCache& cache_;
  std::int64_t position_ = 0;  // touched by one thread at a time: the loop's, or a test's
  BackgroundLoop loop_;
};

}  // namespace weishang::workflows
