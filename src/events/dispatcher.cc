#include "events/dispatcher.h"

#include <algorithm>
#include <optional>

#include "core/log.h"
#include "events/parking.h"

namespace weishang::events {
namespace {

bool Wants(const Handler& h, const std::string& kind) {
  return std::find(h.kinds.begin(), h.kinds.end(), kind) != h.kinds.end();
}

std::string Describe(const Error& e) { return e.code + ": " + e.message; }

std::uint64_t Wanted(const Handler& h, const std::vector<Event>& events, std::size_t count) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < count; ++i) n += Wants(h, events[i].kind) ? 1 : 0;
  return n;
}

// Where a failing handler stopped within a batch.
struct HandlerFailure {
  std::size_t index = 0;
  Error error;
};

}  // namespace

Timestamp RetryDelay(int attempt) { return GrowingDelay(1000, 2, 5 * kMinute, attempt - 1); }

Dispatcher::Dispatcher(storage::Database& db, const Clock& clock, std::vector<Handler> handlers,
                       DispatcherOptions options)
    : db_(db),
      clock_(clock),
      handlers_(std::move(handlers)),
      options_(options),
      gaps_(handlers_.size()),
      loop_(
          "ws-events", options.poll,
          [this] {
            if (auto ran = RunOnce(); !ran)
              LogError("event dispatch failed: " + Describe(ran.error()));
          },
          options.min_gap) {
  auto& m = Metrics::Global();
  for (const Handler& h : handlers_) {
    std::string label = "handler=\"" + h.name + "\"";
    series_.push_back(Series{
        &m.GetCounter("weishang_events_delivered_total", "Events a handler handled", label),
        &m.GetCounter("weishang_events_failures_total", "Handler failures (each parks or retries)",
                      label),
        &m.GetGauge("weishang_events_lag", "Events recorded but not yet passed by a handler",
                    label),
        &m.GetGauge("weishang_events_parked", "Parked events of a handler by state",
                    label + ",state=\"retrying\""),
        &m.GetGauge("weishang_events_parked", "Parked events of a handler by state",
                    label + ",state=\"dead\""),
    });
  }
}

Dispatcher::~Dispatcher() { Stop(); }

Result<void> Dispatcher::CreateCursors() {
  return db_.Write([this](storage::Tx& tx) -> Result<void> {
    auto last = LastSeq(tx);
    if (!last) return Fail(last.error());
    for (const Handler& h : handlers_) {
      std::int64_t start = h.from_history ? 0 : *last;
      if (auto ok = CreateCursor(tx, h.name, start, clock_.Now()); !ok) return ok;
    }
    return {};
  });
}

Result<void> Dispatcher::Start() {
  if (auto ok = CreateCursors(); !ok) return ok;
  loop_.Start();
  return {};
}

void Dispatcher::Stop() { loop_.Stop(); }

void Dispatcher::Wake() { loop_.Wake(); }

Result<int> Dispatcher::RunOnce() {
  std::lock_guard pass(pass_mu_);
  int done = 0;
  for (std::size_t h = 0; h < handlers_.size(); ++h) {
    Result<int> n = 0;
    if (options_.locks == nullptr) {
      n = Pass(h);
    } else {
      auto ran =
          options_.locks->RunExclusively("events:" + handlers_[h].name, [&] { n = Pass(h); });
      if (!ran) return Fail(ran.error());
    }
    if (!n) return Fail(n.error());
    done += *n;
  }
  if (clock_.Now() - last_prune_ >= kMinute) {
    if (auto ok = PruneOld(); !ok) return Fail(ok.error());
  }
  return done;
}

Result<int> Dispatcher::Pass(std::size_t h) {
  int done = 0;
  // New events until there are none (or a gap holds them back), but at most
  // kBatchesPerPass batches: under a steady stream the retries and the
  // metrics below still get their turn, and the next pass goes on.
  constexpr int kBatchesPerPass = 20;
  for (int batch = 0; batch < kBatchesPerPass; ++batch) {
    auto n = DeliverNew(h);
    if (!n) return Fail(n.error());
    done += *n;
    if (*n == 0) break;
  }
  auto retried = RetryParked(h);
  if (!retried) return Fail(retried.error());
  done += *retried;
  if (auto ok = Observe(h); !ok) return Fail(ok.error());
  return done;
}

// Reads the next batch, takes the run of events that is final (no number
// missing, or a missing one known never to come), and hands each to the
// handler in one unit that also moves the cursor. When the handler fails on
// one, the events before it are committed without it, and it is parked.
Result<int> Dispatcher::DeliverNew(std::size_t h) {
  const Handler& handler = handlers_[h];
  std::optional<std::int64_t> position;
  std::vector<Event> ready;
  auto read = db_.Read([&](storage::Tx& tx) -> Result<void> {
    auto cursor = CursorOf(tx, handler.name);
    if (!cursor) return Fail(cursor.error());
    position = cursor->value_or(0);
    auto batch = ReadAfter(tx, *position, options_.batch);
    if (!batch) return Fail(batch.error());
    std::int64_t expected = *position + 1;
    for (auto& e : batch->events) {
      if (e.seq != expected) {
        Gap& gap = gaps_[h];
        if (gap.seq != expected) {
          gap = Gap{expected, batch->horizon};  // wait for it, or for it to be final
          break;
        }
        auto settled = Settled(tx, gap.horizon);
        if (!settled) return Fail(settled.error());
        if (!*settled) break;
        gap = Gap{};  // rolled back: it will never come
      }
      expected = e.seq + 1;
      ready.push_back(std::move(e));
    }
    return {};
  });
  if (!read) return Fail(read.error());
  if (ready.empty()) return 0;

  std::optional<HandlerFailure> stop;
  auto deliver = [&](std::size_t count) {
    return [&, count](storage::Tx& tx) -> Result<void> {
      if (handler.unit_begins) handler.unit_begins();
      auto parked = ParkedMerchants(tx, handler.name);
      if (!parked) return Fail(parked.error());
      for (std::size_t i = 0; i < count; ++i) {
        const Event& e = ready[i];
        if (!Wants(handler, e.kind)) continue;
        if (parked->count(e.merchant_id)) {
          // An earlier event of this merchant waits: keep the order.
          auto ok = Park(tx, Parked{handler.name, e.seq, e.merchant_id, ParkState::kBlocked, 0, 0,
                                    "waits for an earlier event of this merchant", clock_.Now()});
          if (!ok) return ok;
          continue;
        }
        if (auto ok = handler.handle(tx, e); !ok) {
          stop = HandlerFailure{i, ok.error()};
          return Fail(ok.error());
        }
      }
      return MoveCursor(tx, handler.name, *position, ready[count - 1].seq, clock_.Now());
    };
  };
  auto all = db_.Write(deliver(ready.size()));
  if (all) {
    series_[h].delivered->Add(Wanted(handler, ready, ready.size()));
    return static_cast<int>(ready.size());
  }
  if (!stop) return Fail(all.error());  // not the handler: a storage failure or another node
  HandlerFailure failed = *stop;
  series_[h].failures->Add();
  LogWarn("event handler " + handler.name + " failed on event " +
          std::to_string(ready[failed.index].seq) + ": " + Describe(failed.error));
  if (failed.index > 0) {
    stop.reset();
    auto before = db_.Write(deliver(failed.index));
    if (!before) return Fail(before.error());
    position = ready[failed.index - 1].seq;
  }
  const Event& e = ready[failed.index];
  auto parked = db_.Write([&](storage::Tx& tx) -> Result<void> {
    auto ok = Park(tx, Parked{handler.name, e.seq, e.merchant_id, ParkState::kRetrying, 1,
                              clock_.Now() + RetryDelay(1), Describe(failed.error), clock_.Now()});
    if (!ok) return ok;
    return MoveCursor(tx, handler.name, *position, e.seq, clock_.Now());
  });
  if (!parked) return Fail(parked.error());
  series_[h].delivered->Add(Wanted(handler, ready, failed.index));
  return static_cast<int>(failed.index + 1);
}

// Tries each due parked event again, oldest first. Success removes it and
// makes the merchant's next parked event due; failure counts the try.
Result<int> Dispatcher::RetryParked(std::size_t h) {
  const Handler& handler = handlers_[h];
  int done = 0;
  for (int round = 0; round < 100; ++round) {
    std::vector<Parked> due;
    std::vector<Event> events;
    auto read = db_.Read([&](storage::Tx& tx) -> Result<void> {
      auto d = DueRetries(tx, handler.name, clock_.Now(), 100);
      if (!d) return Fail(d.error());
      due = std::move(*d);
      std::vector<std::int64_t> seqs;
      for (const auto& p : due) seqs.push_back(p.seq);
      auto e = ReadSeqs(tx, seqs);
      if (!e) return Fail(e.error());
      events = std::move(*e);
      return {};
    });
    if (!read) return Fail(read.error());
    if (due.empty()) break;
    for (const Parked& p : due) {
      auto it = std::find_if(events.begin(), events.end(),
                             [&](const Event& e) { return e.seq == p.seq; });
      std::optional<Error> failed;
      auto ok = db_.Write([&](storage::Tx& tx) -> Result<void> {
        if (handler.unit_begins) handler.unit_begins();
        if (it != events.end()) {
          if (auto r = handler.handle(tx, *it); !r) {
            failed = r.error();
            return r;
          }
        }
        return Unpark(tx, p, clock_.Now());
      });
      ++done;
      if (ok) {
        series_[h].delivered->Add();
        continue;
      }
      if (!failed) return Fail(ok.error());
      series_[h].failures->Add();
      bool dead = p.attempts + 1 >= kMaxAttempts;
      if (dead) {
        LogError("event handler " + handler.name + " gave up on event " + std::to_string(p.seq) +
                 " after " + std::to_string(kMaxAttempts) + " tries: " + Describe(*failed));
      }
      auto later = db_.Write([&](storage::Tx& tx) {
        return RetryLater(tx, p, Describe(*failed), clock_.Now() + RetryDelay(p.attempts + 1),
                          dead);
      });
      if (!later) return Fail(later.error());
    }
  }
  return done;
}

Result<void> Dispatcher::Observe(std::size_t h) {
  return db_.Read([&](storage::Tx& tx) -> Result<void> {
    auto cursor = CursorOf(tx, handlers_[h].name);
    if (!cursor) return Fail(cursor.error());
    auto last = LastSeq(tx);
    if (!last) return Fail(last.error());
    auto parked = CountParked(tx, handlers_[h].name);
    if (!parked) return Fail(parked.error());
    series_[h].lag->Set(std::max<std::int64_t>(0, *last - cursor->value_or(0)));
    series_[h].retrying->Set(parked->first);
    series_[h].dead->Set(parked->second);
    return {};
  });
}

Result<void> Dispatcher::PruneOld() {
  last_prune_ = clock_.Now();
  std::vector<std::string> names;
  for (const Handler& h : handlers_) names.push_back(h.name);
  auto pruned = db_.Write([&](storage::Tx& tx) -> Result<void> {
    // With no handler at all, nothing waits for any event.
    auto slowest = names.empty() ? LastSeq(tx) : SlowestPosition(tx, names);
    if (!slowest) return Fail(slowest.error());
    auto n = Prune(tx, clock_.Now() - options_.retention, *slowest + 1, 5000);
    if (!n) return Fail(n.error());
    return {};
  });
  return pruned;
}

}  // namespace weishang::events
