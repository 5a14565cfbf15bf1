// The shop's clock for people: days and times as a merchant in China reads
// them. Every shop keeps China Standard Time (UTC+8, no daylight saving):
// the engine serves merchants in mainland China, and a "day" on the
// dashboard or in an export is the day the merchant lived, midnight to
// midnight Beijing time, not UTC (which would cut the evening's orders,
// 20:00-24:00, into the next day). Times stay UTC everywhere else.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace weishang::queries {

inline constexpr Timestamp kShopUtcOffset = 8 * kHour;
inline constexpr char kShopUtcOffsetText[] = "+08:00";

// Whole days since 1970-01-01 in shop time, for a time at or after 1970.
inline std::int64_t ShopDay(Timestamp t) { return (t + kShopUtcOffset) / kDay; }
// The UTC instant shop day `day` starts at.
inline Timestamp ShopDayStart(std::int64_t day) { return day * kDay - kShopUtcOffset; }
// "2026-11-22" for a shop day.
std::string FormatShopDay(std::int64_t day);
// "2026-11-22 17:35:05" in shop time.
std::string FormatShopTime(Timestamp t);

}  // namespace weishang::queries
