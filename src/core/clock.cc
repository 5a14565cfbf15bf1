#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace weishang {

std::string FormatIso8601(Timestamp t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  int millis = static_cast<int>(t % 1000);
  if (millis < 0) {
    millis += 1000;
    secs -= 1;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
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

}  // namespace weishang
