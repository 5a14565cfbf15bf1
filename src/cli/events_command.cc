// `weishang events`: what the dispatcher has done and what waits, for an
// operator. status: each handler's position and backlog; list: parked
// events; replay: makes dead events due again (docs/events.md).
#include <cstdio>

#include "cli/commands.h"
#include "core/clock.h"
#include "events/outbox.h"
#include "events/parking.h"
#include "storage/database.h"

namespace weishang::cli {
namespace {

int Status(storage::Database& db) {
  auto r = db.Read([](storage::Tx& tx) -> Result<void> {
    auto last = events::LastSeq(tx);
    if (!last) return Fail(last.error());
    auto cursors = events::ListCursors(tx);
    if (!cursors) return Fail(cursors.error());
    std::printf("last event: %lld\n", static_cast<long long>(*last));
    for (const auto& [handler, position] : *cursors) {
      auto parked = events::CountParked(tx, handler);
      if (!parked) return Fail(parked.error());
      std::printf("%-32s position %lld  behind %lld  parked %lld  dead %lld\n", handler.c_str(),
                  static_cast<long long>(position), static_cast<long long>(*last - position),
                  static_cast<long long>(parked->first), static_cast<long long>(parked->second));
    }
    return {};
  });
  return r ? 0 : Report(r.error());
}

int List(storage::Database& db, const EventsOptions& o) {
  std::optional<events::ParkState> state;
  if (o.state == "retrying") state = events::ParkState::kRetrying;
  if (o.state == "blocked") state = events::ParkState::kBlocked;
  if (o.state == "dead") state = events::ParkState::kDead;
  if (!o.state.empty() && !state) {
    return Report(Invalid("cli.bad_state", "--state must be retrying, blocked or dead"));
  }
  auto r = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto parked = events::ListParked(tx, o.handler, state, o.limit);
    if (!parked) return Fail(parked.error());
    for (const auto& p : *parked) {
      std::printf("%s seq %lld %s %s tries %d  next %s  %s\n", p.handler.c_str(),
                  static_cast<long long>(p.seq), EncodeId(p.merchant_id).c_str(),
                  events::ParkStateName(p.state), p.attempts,
                  FormatIso8601(p.next_attempt_at).c_str(), p.last_error.c_str());
    }
    std::printf("%zu parked\n", parked->size());
    return {};
  });
  return r ? 0 : Report(r.error());
}

int Replay(storage::Database& db, const EventsOptions& o) {
  if (o.handler.empty()) return Report(Invalid("cli.handler_required", "replay needs --handler"));
  MerchantId merchant;
  if (!o.merchant.empty()) {
    auto m = DecodeId<MerchantId>(o.merchant);
    if (!m) return Report(Invalid("cli.bad_merchant", "--merchant takes a mch_… id"));
    merchant = *m;
  }
  SystemClock clock;
  auto n = storage::WriteValue(db, [&](storage::Tx& tx) {
    return events::Replay(tx, o.handler, merchant, o.seq, clock.Now());
  });
  if (!n) return Report(n.error());
  std::printf("%lld dead events are due again; a running server retries them now\n",
              static_cast<long long>(*n));
  return 0;
}

}  // namespace

int RunEvents(const StoreOptions& store, const EventsOptions& options) {
  auto db = OpenStore(store);
  if (!db) return Report(db.error());
  int rc = options.action == "status" ? Status(**db)
           : options.action == "list" ? List(**db, options)
                                      : Replay(**db, options);
  (*db)->Close();
  return rc;
}

}  // namespace weishang::cli
