#include "core/error.h"

#include <cstdio>
#include <cstdlib>

namespace weishang {

void CheckFailed(const char* expr, const char* file, int line, const char* why) {
  std::fprintf(stderr, "invariant broken at %s:%d: %s (%s)\n", file, line, expr, why);
  std::abort();
}

}  // namespace weishang
