// Time, injected. Every business time is UTC milliseconds since the epoch.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace weishang {

using Timestamp = std::int64_t;  // UTC milliseconds since 1970-01-01

inline constexpr Timestamp kMinute = 60'000;
inline constexpr Timestamp kHour = 60 * kMinute;
inline constexpr Timestamp kDay = 24 * kHour;

// The source of "now". Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// Wall-clock time, moved forward by `Advance` (serve --test-clock: browser
// tests expire a group buy or a voucher without waiting). Never goes back.
class AdjustableClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           offset_.load();
  }
  // Moves the clock `delta` ms forward (negative deltas are ignored); returns the new now.
  Timestamp Advance(Timestamp delta) {
    if (delta > 0) offset_ += delta;
    return Now();
  }

 private:
  std::atomic<Timestamp> offset_{0};
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told; for tests. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_.load(); }
  void Advance(Timestamp delta) { now_ += delta; }
  void Set(Timestamp t) { now_ = t; }

 private:
  std::atomic<Timestamp> now_;
};

// The wait before retry number `steps` + 1 when waits grow: `first`
// multiplied by `factor` `steps` times, at most `cap` (retries with backoff:
// event handlers, webhook deliveries, failed logins).
Timestamp GrowingDelay(Timestamp first, int factor, Timestamp cap, int steps);

// "2026-11-22T08:30:00.000Z".
std::string FormatIso8601(Timestamp t);
// The same, appended to `out` (no allocation beyond growing `out`).
void AppendIso8601(std::string& out, Timestamp t);

// Parses "2026-11-22", "2026-11-22T08:30:00Z" or with milliseconds. Returns
// false on anything else.
bool ParseIso8601(const std::string& text, Timestamp* out);

}  // namespace weishang
