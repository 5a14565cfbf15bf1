// Delivers outbox events (outbox.h) to the handlers that subscribed to their
// kinds, after commit:
//  - at least once, and exactly once in effect: a handler's writes and the
//    move of its cursor commit in one unit of work, and the cursor moves
//    only from the position the unit read (a second node that tried the same
//    events conflicts and rolls back). With several nodes, each handler's
//    pass also runs under a lock between them (storage::NodeLocks).
//  - in order per merchant: a handler sees a merchant's events in sequence
//    order. When it fails on one, that event is parked and retried with
//    growing delays (1 s, 2 s, 4 s, ... up to kMaxAttempts tries, then it is
//    dead), and the merchant's later events for that handler wait behind it;
//    other merchants go on. `weishang events` lists and replays them.
//  - /metrics: weishang_events_delivered_total, weishang_events_failures_total,
//    weishang_events_lag (events not yet passed) and weishang_events_parked
//    {state}, per handler.
// Thread-safe Start/Stop/Wake; RunOnce for tests and the CLI.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/background_loop.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "events/outbox.h"
#include "storage/database.h"
#include "storage/node_locks.h"

namespace weishang::events {

// A reaction to events. `handle` runs inside a unit of work together with
// the move of the handler's cursor: its writes commit exactly once per event.
// It may run more than once before that (a failed unit is rolled back and
// retried), so anything it does outside the database must be keyed by the
// event's seq (webhooks enqueue deliveries instead of sending).
struct Handler {
  std::string name;                // stable: it keys the cursor and parked rows
  std::vector<std::string> kinds;  // the kinds it receives; others pass by
  std::function<Result<void>(storage::Tx&, const Event&)> handle;
  // Optional: called at the start of each unit of work that will call
  // `handle` (one unit covers many events), e.g. to drop what the handler
  // remembered from the last unit.
  std::function<void()> unit_begins;
  // Where the handler starts the first time it runs on a database: false,
  // after every event recorded before it (webhooks: an endpoint is not sent
  // last week's orders); true, from the oldest event still kept, for a
  // reaction that builds its records from history (customers: the demo
  // shop's orders, seeded before the first start, make its customers).
  bool from_history = false;
};

inline constexpr int kMaxAttempts = 8;

// The delay before try `attempt` + 1 of a parked event: 1 s doubling, at most 5 min.
Timestamp RetryDelay(int attempt);

struct DispatcherOptions {
  std::chrono::milliseconds poll{250};    // also woken by Wake(), ...
  std::chrono::milliseconds min_gap{50};  // ... but no sooner than this after a pass
  int batch = 500;                        // events read per unit of work
  storage::NodeLocks* locks = nullptr;    // null when this process is alone (SQLite)
  Timestamp retention = 7 * kDay;         // events older are pruned once every handler passed them
};

class Dispatcher {
 public:
  Dispatcher(storage::Database& db, const Clock& clock, std::vector<Handler> handlers,
             DispatcherOptions options = {});
  ~Dispatcher();

  // Creates the cursor of each new handler at the current end of the outbox
  // (a handler added to a running shop starts with what happens next), then
  // starts the background thread.
  Result<void> Start();
  void Stop();
  // Asks for a pass now (a unit that emitted events has committed).
  void Wake();

  // Creates the cursor of each handler that has none: at the current end of
  // the outbox, or at its start for a handler `from_history`. Start calls
  // it; the demo seed calls it before it records anything, so that every
  // handler sees the demo shop's events.
  Result<void> CreateCursors();

  // One pass over every handler on the calling thread: new events, then due
  // retries, then pruning. Returns how many events were handled or parked.
  Result<int> RunOnce();

  const std::vector<Handler>& handlers() const { return handlers_; }

 private:
  struct Series {
    Counter* delivered;
    Counter* failures;
    Gauge* lag;
    Gauge* retrying;
    Gauge* dead;
  };
  // A gap seen at `seq` with the horizon of the read that saw it.
  struct Gap {
    std::int64_t seq = 0;
    std::string horizon;
  };
  Result<int> Pass(std::size_t h);
  Result<int> DeliverNew(std::size_t h);
  Result<int> RetryParked(std::size_t h);
  Result<void> Observe(std::size_t h);
  Result<void> PruneOld();

  storage::Database& db_;
  const Clock& clock_;
  std::vector<Handler> handlers_;
  DispatcherOptions options_;
  std::vector<Series> series_;
  std::vector<Gap> gaps_;  // per handler; touched only by the pass
  std::mutex pass_mu_;     // one pass at a time in this process
  Timestamp last_prune_ = 0;
  BackgroundLoop loop_;
};

}  // namespace weishang::events
