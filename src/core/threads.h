// Thread names, so `top -H`, `perf` and /proc show which thread is which
// (the SQLite writer, an HTTP worker, the job scheduler ...).
#pragma once

namespace weishang {

// Names the calling thread; Linux keeps the first 15 bytes.
void NameThisThread(const char* name);

}  // namespace weishang
