#include "queries/shop_time.h"

namespace weishang::queries {

std::string FormatShopDay(std::int64_t day) {
  // The UTC calendar date of the day's midnight, shifted, is the shop's date.
  return FormatIso8601(day * kDay).substr(0, 10);
}

std::string FormatShopTime(Timestamp t) {
  std::string iso = FormatIso8601(t + kShopUtcOffset);  // 2026-11-22T17:35:05.078Z
  return iso.substr(0, 10) + " " + iso.substr(11, 8);
}

}  // namespace weishang::queries
