#include "core/clock.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace weishang {

std::string FormatIso8601(Timestamp t) {
  std::string out;
  AppendIso8601(out, t);
  return out;
}

void AppendIso8601(std::string& out, Timestamp t) {
  // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil,
  // inverted), so no gmtime_r and no printf on the hot paths that log and
  // render times.
  std::int64_t days = t / kDay;
  std::int64_t ms = t % kDay;
  if (ms < 0) {
    ms += kDay;
    days -= 1;
  }
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  auto doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned day = doy - (153 * mp + 2) / 5 + 1;
  unsigned month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) ++year;
  if (year < 0 || year > 9999) {  // outside four digits: the slow, general way
    std::time_t secs = static_cast<std::time_t>((t - static_cast<Timestamp>(ms % 1000)) / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    out += buf;
    return;
  }
  auto ms_of_day = static_cast<unsigned>(ms);
  char buf[25] = "0000-00-00T00:00:00.000Z";
  auto put = [&buf](int at, unsigned v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) buf[at + i] = static_cast<char>('0' + v % 10);
  };
  put(0, static_cast<unsigned>(year), 4);
  put(5, month, 2);
  put(8, day, 2);
  put(11, ms_of_day / 3600000, 2);
  put(14, ms_of_day / 60000 % 60, 2);
  put(17, ms_of_day / 1000 % 60, 2);
  put(20, ms_of_day % 1000, 3);
  out.append(buf, 24);
}

bool ParseIso8601(const std::string& text, Timestamp* out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) return false;
  const char* rest = text.c_str() + consumed;
  if (*rest == 'T' || *rest == ' ') {
    int more = 0;
    if (std::sscanf(rest + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &more) != 3) return false;
    rest += 1 + more;
    if (*rest == '.') {
      int digits = 0;
      if (std::sscanf(rest + 1, "%3d%n", &ms, &digits) != 1) return false;
      for (int i = digits; i < 3; ++i) ms *= 10;
      rest += 1 + digits;
      while (*rest >= '0' && *rest <= '9') ++rest;
    }
    if (*rest == 'Z') ++rest;
  }
  if (*rest != '\0') return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  *out = static_cast<Timestamp>(timegm(&tm)) * 1000 + ms;
  return true;
}

Timestamp GrowingDelay(Timestamp first, int factor, Timestamp cap, int steps) {
  Timestamp d = first;
  for (int i = 0; i < steps && d < cap; ++i) d *= factor;
  return std::min(d, cap);
}

}  // namespace weishang
