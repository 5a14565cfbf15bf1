// The demo shop's repurchase reminders and care plans: the consumables'
// cycles as their products say (shampoo 30 days, facial masks 10), every
// care plan switched on, and 冯超's birthday and 何静's child's first
// birthday coming up (their care tasks are today's). It runs after the
// demo's orders reached the customers, so setting the cycles computes every
// supply from the purchases, and the jobs that run next make the
// repurchase tasks that are due (the masks of 张伟, 王芳 and 陈静).
#pragma once

#include "core/clock.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

// Idempotent: saving the same cycles and plans again changes nothing.
Result<void> SeedDemoReminders(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                               const Clock& clock);

}  // namespace weishang::cli
