// The contact budget and quiet hours as pure rules over shop days and shop
// minutes, so that the preview and the send take the same decision and the
// tests need no database. The caller converts UTC times to the shop's days
// (queries/shop_time.h); this file knows no time zone.
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"

namespace weishang::outreach {

// A merchant's contact policy. Only promotional messages count toward the
// budget; every message is recorded in the ledger.
struct Policy {
  // At most one promotional message per this many shop days: after one on
  // day D the next may go on day D + gap_days (0: no gap rule).
  int gap_days = 3;
  // At most this many promotional messages per shop calendar month; 0: as
  // many as the month has days (28-31).
  int monthly_cap = 0;
  // Quiet hours, minutes of the shop's day: [quiet_start, quiet_end),
  // wrapping midnight when start > end; start == end: no quiet hours.
  int quiet_start = 21 * 60;
  int quiet_end = 9 * 60;
};

enum class BudgetVerdict { kAllowed, kTooSoon, kMonthFull };

// The days in the calendar month holding `day` (days since 1970-01-01).
int DaysInMonth(std::int64_t day);

// Whether one more promotional message may reach a customer on shop day
// `today`, given the shop days of the promotional messages that already did
// (any order; days after `today` are ignored). kTooSoon when one went less
// than gap_days days before, kMonthFull when the month's cap is reached.
BudgetVerdict CheckBudget(const Policy& policy, const std::vector<std::int64_t>& promo_days,
                          std::int64_t today);

// Whether `minute` of the shop's day (0-1439) is in quiet hours.
bool InQuietHours(const Policy& policy, int minute);

// The time a message asked for at `t` (UTC) may go: `t` itself outside
// quiet hours, else the end of them (the next quiet_end, shop time).
// `utc_offset` is the shop's offset from UTC.
Timestamp DeferPastQuietHours(const Policy& policy, Timestamp t, Timestamp utc_offset);

}  // namespace weishang::outreach
