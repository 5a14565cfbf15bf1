#include "events/outbox.h"

namespace weishang::events {
namespace {

constexpr const char* kColumns = "seq, merchant_id, kind, version, subject, payload, created_at";

Event FromRow(const storage::Row& r) {
  return Event{r.Int(0), r.IdAt(1), r.Str(2), static_cast<int>(r.Int(3)),
               r.Str(4), r.Str(5),  r.Int(6)};
}

// PostgreSQL takes the transaction id before the sequence number (the CTE
// is read before the row is formed), so a unit that holds number N already
// had its id when N was taken. That is what makes Settled exact: a missing
// N below a visible number belongs to a unit that was running, with its id,
// when the horizon was read.
constexpr const char* kInsertPg =
    "WITH x AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)"
    " INSERT INTO events_outbox (tx_id, merchant_id, kind, version, subject, payload, created_at)"
    " SELECT x.xid, CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS TEXT),"
    " CAST(? AS TEXT), CAST(? AS BIGINT) FROM x";
constexpr const char* kInsertSqlite =
    "INSERT INTO events_outbox (merchant_id, kind, version, subject, payload, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";

}  // namespace

Result<void> Emit(storage::Tx& tx, const NewEvent& e, Timestamp now) {
  bool pg = tx.engine() == storage::Engine::kPostgres;
  auto ok = tx.Exec(pg ? kInsertPg : kInsertSqlite,
                    {e.merchant_id, e.kind, e.version, e.subject, e.payload, now});
  if (!ok) return Fail(ok.error());
  if (storage::CommitObserver* observer = tx.observer()) {
    tx.AfterCommit([observer, merchant = e.merchant_id, kind = std::string(e.kind)] {
      observer->EventCommitted(merchant, kind);
    });
  }
  return {};
}

Result<Batch> ReadAfter(storage::Tx& tx, std::int64_t after, int limit) {
  auto rows = tx.Query(
      std::string("SELECT ") + kColumns + " FROM events_outbox WHERE seq > ? ORDER BY seq LIMIT ?",
      {after, limit});
  if (!rows) return Fail(rows.error());
  Batch b;
  b.events.reserve(rows->size());
  for (const auto& r : *rows) b.events.push_back(FromRow(r));
  if (tx.engine() == storage::Engine::kPostgres) {
    // Read after the events, so any unit holding a number missing from them
    // had its id below this horizon.
    auto h = tx.QueryOne("SELECT CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT)");
    if (!h) return Fail(h.error());
    b.horizon = (*h)->Str(0);
  }
  return b;
}

Result<std::vector<EventHeader>> ReadHeadersAfter(storage::Tx& tx, std::int64_t after, int limit) {
  auto rows = tx.Query(
      "SELECT seq, merchant_id, kind FROM events_outbox WHERE seq > ? ORDER BY seq LIMIT ?",
      {after, limit});
  if (!rows) return Fail(rows.error());
  std::vector<EventHeader> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(EventHeader{r.Int(0), r.IdAt(1), r.Str(2)});
  return out;
}

Result<std::vector<Event>> ReadSeqs(storage::Tx& tx, const std::vector<std::int64_t>& seqs) {
  std::vector<Event> out;
  for (std::int64_t seq : seqs) {
    auto row =
        tx.QueryOne(std::string("SELECT ") + kColumns + " FROM events_outbox WHERE seq = ?", {seq});
    if (!row) return Fail(row.error());
    if (*row) out.push_back(FromRow(**row));
  }
  return out;
}

Result<bool> Settled(storage::Tx& tx, const std::string& horizon) {
  if (tx.engine() != storage::Engine::kPostgres || horizon.empty()) return true;
  auto row = tx.QueryOne(
      "SELECT CASE WHEN pg_snapshot_xmin(pg_current_snapshot()) >= CAST(CAST(? AS TEXT) AS xid8)"
      " THEN 1 ELSE 0 END",
      {horizon});
  if (!row) return Fail(row.error());
  return (*row)->Bool(0);
}

Result<std::int64_t> LastSeq(storage::Tx& tx) {
  auto row = tx.QueryOne("SELECT COALESCE(MAX(seq), 0) FROM events_outbox");
  if (!row) return Fail(row.error());
  return (*row)->Int(0);
}

Result<std::int64_t> Prune(storage::Tx& tx, Timestamp cutoff, std::int64_t below, int limit) {
  return tx.Exec(
      "DELETE FROM events_outbox WHERE seq IN (SELECT o.seq FROM events_outbox o"
      " WHERE o.seq < ? AND o.created_at < ?"
      // The newest row stays: SQLite numbers the next one after it.
      " AND o.seq < (SELECT MAX(seq) FROM events_outbox)"
      " AND NOT EXISTS (SELECT 1 FROM events_parked p WHERE p.seq = o.seq)"
      " ORDER BY o.seq LIMIT ?)",
      {below, cutoff, limit});
}

}  // namespace weishang::events
