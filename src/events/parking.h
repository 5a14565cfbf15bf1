// The cursor of each handler and its parked events (events_cursor,
// events_parked): the dispatcher's bookkeeping, and what `weishang events`
// shows and replays. Stateless functions over the caller's unit; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"

namespace weishang::events {

// The handler's position, or nullopt if it has no cursor yet.
Result<std::optional<std::int64_t>> CursorOf(storage::Tx& tx, const std::string& handler);

// Creates the cursor at `position` unless it exists.
Result<void> CreateCursor(storage::Tx& tx, const std::string& handler, std::int64_t position,
                          Timestamp now);

// Moves the cursor from `from` to `to`. Fails with kConflict
// "events.cursor_moved" when it is no longer at `from` (another node moved
// it first): the caller's unit must roll back.
Result<void> MoveCursor(storage::Tx& tx, const std::string& handler, std::int64_t from,
                        std::int64_t to, Timestamp now);

// The merchants with parked events for `handler` (their new events queue behind).
Result<std::set<MerchantId>> ParkedMerchants(storage::Tx& tx, const std::string& handler);

enum class ParkState { kRetrying, kBlocked, kDead };
const char* ParkStateName(ParkState s);

struct Parked {
  std::string handler;
  std::int64_t seq = 0;
  MerchantId merchant_id;
  ParkState state = ParkState::kRetrying;
  int attempts = 0;
  Timestamp next_attempt_at = 0;
  std::string last_error;
  Timestamp parked_at = 0;
};

// Parks event `seq` of `merchant` for `handler`.
Result<void> Park(storage::Tx& tx, const Parked& p);

// The retrying events of `handler` whose time has come, oldest first.
Result<std::vector<Parked>> DueRetries(storage::Tx& tx, const std::string& handler, Timestamp now,
                                       int limit);

// A retried event was handled: removes it (kConflict "events.parked_moved"
// if another node did first) and makes the merchant's next parked event, if
// any, due now.
Result<void> Unpark(storage::Tx& tx, const Parked& p, Timestamp now);

// A retry failed: counts the try and sets the next one, or marks it dead
// after kMaxAttempts tries.
Result<void> RetryLater(storage::Tx& tx, const Parked& p, const std::string& error,
                        Timestamp next_attempt_at, bool dead);

// Parked events, optionally of one handler and state, oldest first.
Result<std::vector<Parked>> ListParked(storage::Tx& tx, const std::string& handler,
                                       std::optional<ParkState> state, int limit);

// Counts of parked events of `handler` by state: {retrying + blocked, dead}.
Result<std::pair<std::int64_t, std::int64_t>> CountParked(storage::Tx& tx,
                                                          const std::string& handler);

// Makes dead events due again now with a fresh count of tries: all of
// `handler`'s, or only those of `merchant` (0: all) or with seq `seq` (0:
// all). Returns how many.
Result<std::int64_t> Replay(storage::Tx& tx, const std::string& handler, MerchantId merchant,
                            std::int64_t seq, Timestamp now);

// The lowest cursor position among `handlers` (those without a cursor count
// as 0).
Result<std::int64_t> SlowestPosition(storage::Tx& tx, const std::vector<std::string>& handlers);

// Every cursor: handler name and position.
Result<std::vector<std::pair<std::string, std::int64_t>>> ListCursors(storage::Tx& tx);

}  // namespace weishang::events
