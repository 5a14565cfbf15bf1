// The transactional outbox. A module records a domain event ("order.paid")
// with Emit inside the unit of work that made the change, so the change and
// its event commit together or not at all. The dispatcher (dispatcher.h)
// delivers events to their handlers after commit; docs/events.md lists every
// kind and its payload.
//
// Sequence numbers only grow. On SQLite they are in commit order, and what a
// reader sees is final. On PostgreSQL they are taken before commit, so a
// reader may see 12 committed while 11 is still being written (or is rolled
// back and never appears): ReadAfter reports a horizon, and Settled tells
// when every unit running at that horizon has ended, after which a gap below
// it is final. Stateless functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::events {

// An event to record. `payload` is a JSON object (the kind's documented
// fields at `version`); `subject` is the prefixed id of what changed.
struct NewEvent {
  MerchantId merchant_id;
  std::string_view kind;  // "order.paid": <module>.<past tense>
  int version = 1;
  std::string subject;  // "ord_2wqnf47wn0u8"
  std::string payload;  // "{...}"
};

// A recorded event.
struct Event {
  std::int64_t seq = 0;
  MerchantId merchant_id;
  std::string kind;
  int version = 1;
  std::string subject;
  std::string payload;
  Timestamp created_at = 0;
};

// Records `e` in the caller's unit of work, and tells the database's commit
// observer (storage::CommitObserver) once the unit is durable. Fails only
// with a storage error.
Result<void> Emit(storage::Tx& tx, const NewEvent& e, Timestamp now);

// What ReadAfter saw.
struct Batch {
  std::vector<Event> events;  // seq > after, ascending, at most `limit`
  // PostgreSQL: the snapshot horizon (xmax) taken after the read; "" on SQLite.
  std::string horizon;
};

// Up to `limit` committed events with seq > `after`, in seq order.
Result<Batch> ReadAfter(storage::Tx& tx, std::int64_t after, int limit);

// What ReadAfter gives without the payloads: number, merchant and kind of
// up to `limit` events after `after` (for readers that only sort by kind).
struct EventHeader {
  std::int64_t seq = 0;
  MerchantId merchant_id;
  std::string kind;
};
Result<std::vector<EventHeader>> ReadHeadersAfter(storage::Tx& tx, std::int64_t after, int limit);

// The events with these sequence numbers (for parked events), in seq order.
Result<std::vector<Event>> ReadSeqs(storage::Tx& tx, const std::vector<std::int64_t>& seqs);

// Whether every unit of work that was running when `horizon` was taken has
// ended, so a sequence number missing below it will never appear. Always
// true on SQLite.
Result<bool> Settled(storage::Tx& tx, const std::string& horizon);

// The highest sequence number recorded (0 when none).
Result<std::int64_t> LastSeq(storage::Tx& tx);

// Deletes up to `limit` events created before `cutoff` with seq below
// `below` (the slowest handler's position) that no handler has parked, and
// never the newest event (on SQLite the next number follows it). Returns
// how many.
Result<std::int64_t> Prune(storage::Tx& tx, Timestamp cutoff, std::int64_t below, int limit);

// The outbox's schema (events_outbox, events_cursor, events_parked).
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::events
