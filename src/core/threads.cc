#include "core/threads.h"

#include <pthread.h>

namespace weishang {

void NameThisThread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace weishang
