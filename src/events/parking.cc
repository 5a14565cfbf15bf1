#include "events/parking.h"

#include "events/dispatcher.h"
#include "events/events_errors.h"

namespace weishang::events {
namespace {

constexpr const char* kParkedColumns =
    "handler, seq, merchant_id, state, attempts, next_attempt_at, last_error, parked_at";

ParkState ParseState(const std::string& s) {
  if (s == "blocked") return ParkState::kBlocked;
  if (s == "dead") return ParkState::kDead;
  return ParkState::kRetrying;
}

Parked FromRow(const storage::Row& r) {
  return Parked{r.Str(0), r.Int(1), r.IdAt(2), ParseState(r.Str(3)), static_cast<int>(r.Int(4)),
                r.Int(5), r.Str(6), r.Int(7)};
}

Result<std::vector<Parked>> Rows(Result<storage::Rows> rows) {
  if (!rows) return Fail(rows.error());
  std::vector<Parked> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

const char* ParkStateName(ParkState s) {
  switch (s) {
    case ParkState::kRetrying:
      return "retrying";
    case ParkState::kBlocked:
      return "blocked";
    case ParkState::kDead:
      return "dead";
  }
  return "retrying";
}

Result<std::optional<std::int64_t>> CursorOf(storage::Tx& tx, const std::string& handler) {
  auto row = tx.QueryOne("SELECT position FROM events_cursor WHERE handler = ?", {handler});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*row)->Int(0));
}

Result<void> CreateCursor(storage::Tx& tx, const std::string& handler, std::int64_t position,
                          Timestamp now) {
  auto ok = tx.Exec(
      "INSERT INTO events_cursor (handler, position, updated_at) VALUES (?, ?, ?)"
      " ON CONFLICT (handler) DO NOTHING",
      {handler, position, now});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> MoveCursor(storage::Tx& tx, const std::string& handler, std::int64_t from,
                        std::int64_t to, Timestamp now) {
  auto moved = tx.Exec(
      "UPDATE events_cursor SET position = ?, updated_at = ? WHERE handler = ? AND position = ?",
      {to, now, handler, from});
  if (!moved) return Fail(moved.error());
  if (*moved != 1) {
    return Fail(
        Conflict(events::errors::kCursorMoved, "another node delivered these events first"));
  }
  return {};
}

Result<std::set<MerchantId>> ParkedMerchants(storage::Tx& tx, const std::string& handler) {
  auto rows =
      tx.Query("SELECT DISTINCT merchant_id FROM events_parked WHERE handler = ?", {handler});
  if (!rows) return Fail(rows.error());
  std::set<MerchantId> out;
  for (const auto& r : *rows) out.insert(MerchantId(r.Int(0)));
  return out;
}

Result<void> Park(storage::Tx& tx, const Parked& p) {
  auto ok = tx.Exec(
      "INSERT INTO events_parked (handler, seq, merchant_id, state, attempts, next_attempt_at,"
      " last_error, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {p.handler, p.seq, p.merchant_id, ParkStateName(p.state), p.attempts, p.next_attempt_at,
       p.last_error.substr(0, 1000), p.parked_at});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::vector<Parked>> DueRetries(storage::Tx& tx, const std::string& handler, Timestamp now,
                                       int limit) {
  return Rows(tx.Query(std::string("SELECT ") + kParkedColumns +
                           " FROM events_parked WHERE handler = ? AND state = 'retrying'"
                           " AND next_attempt_at <= ? ORDER BY seq LIMIT ?",
                       {handler, now, limit}));
}

Result<void> Unpark(storage::Tx& tx, const Parked& p, Timestamp now) {
  auto gone = tx.Exec(
      "DELETE FROM events_parked WHERE handler = ? AND seq = ? AND state = 'retrying'"
      " AND attempts = ?",
      {p.handler, p.seq, p.attempts});
  if (!gone) return Fail(gone.error());
  if (*gone != 1)
    return Fail(Conflict(events::errors::kParkedMoved, "another node retried this event"));
  // The merchant's next event in line becomes due now.
  auto next = tx.Exec(
      "UPDATE events_parked SET state = 'retrying', next_attempt_at = ? WHERE handler = ?"
      " AND seq = (SELECT MIN(seq) FROM events_parked WHERE handler = ? AND merchant_id = ?)"
      " AND state = 'blocked'",
      {now, p.handler, p.handler, p.merchant_id});
  if (!next) return Fail(next.error());
  return {};
}

Result<void> RetryLater(storage::Tx& tx, const Parked& p, const std::string& error,
                        Timestamp next_attempt_at, bool dead) {
  auto ok = tx.Exec(
      "UPDATE events_parked SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
      " state = ? WHERE handler = ? AND seq = ? AND attempts = ?",
      {next_attempt_at, error.substr(0, 1000), dead ? "dead" : "retrying", p.handler, p.seq,
       p.attempts});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::vector<Parked>> ListParked(storage::Tx& tx, const std::string& handler,
                                       std::optional<ParkState> state, int limit) {
  return Rows(tx.Query(std::string("SELECT ") + kParkedColumns +
                           " FROM events_parked WHERE (CAST(? AS TEXT) = '' OR handler = ?)"
                           " AND (CAST(? AS TEXT) = '' OR state = ?) ORDER BY handler, seq LIMIT ?",
                       {handler, handler, state ? ParkStateName(*state) : "",
                        state ? ParkStateName(*state) : "", limit}));
}

Result<std::pair<std::int64_t, std::int64_t>> CountParked(storage::Tx& tx,
                                                          const std::string& handler) {
  auto row = tx.QueryOne(
      "SELECT COALESCE(SUM(CASE WHEN state = 'dead' THEN 0 ELSE 1 END), 0),"
      " COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0)"
      " FROM events_parked WHERE handler = ?",
      {handler});
  if (!row) return Fail(row.error());
  return std::make_pair((*row)->Int(0), (*row)->Int(1));
}

Result<std::int64_t> Replay(storage::Tx& tx, const std::string& handler, MerchantId merchant,
                            std::int64_t seq, Timestamp now) {
  return tx.Exec(
      "UPDATE events_parked SET state = 'retrying', attempts = 0, next_attempt_at = ?"
      " WHERE handler = ? AND state = 'dead' AND (CAST(? AS BIGINT) = 0 OR merchant_id = ?)"
      " AND (CAST(? AS BIGINT) = 0 OR seq = ?)",
      {now, handler, merchant, merchant, seq, seq});
}

Result<std::int64_t> SlowestPosition(storage::Tx& tx, const std::vector<std::string>& handlers) {
  std::int64_t slowest = -1;
  for (const auto& h : handlers) {
    auto pos = CursorOf(tx, h);
    if (!pos) return Fail(pos.error());
    std::int64_t p = pos->value_or(0);
    if (slowest < 0 || p < slowest) slowest = p;
  }
  return slowest < 0 ? 0 : slowest;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> ListCursors(storage::Tx& tx) {
  auto rows = tx.Query("SELECT handler, position FROM events_cursor ORDER BY handler");
  if (!rows) return Fail(rows.error());
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& r : *rows) out.emplace_back(r.Str(0), r.Int(1));
  return out;
}

}  // namespace weishang::events
