#include "core/money.h"

#include <cstdio>
#include <cstdlib>

namespace weishang {

std::string FormatYuan(Fen fen) {
  char buf[48];
  const char* sign = fen < 0 ? "-" : "";
  const unsigned long long abs = fen < 0 ? static_cast<unsigned long long>(-(fen + 1)) + 1
                                         : static_cast<unsigned long long>(fen);
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", sign, abs / 100, abs % 100);
  return buf;
}

}  // namespace weishang
