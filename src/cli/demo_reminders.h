// The demo shop's repurchase reminders and care plans: consumption cycles
// on its consumables (shampoo, facial masks), every care plan switched on, a
// child's birth date field, and, for customers who already exist, a
// birthday and a child's first birthday coming up (their care tasks are today's). The purchases the
// demo's orders made reach the supplies through the reminders handler (it reads the outbox from its
// start), so repurchase tasks for 王芳's shampoo and 张伟's masks are due once the server has run
// its first ticks.
#pragma once

#include "core/clock.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

// Idempotent: saving the same cycles and plans again changes nothing.
Result<void> SeedDemoReminders(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                               const Clock& clock);

}  // namespace weishang::cli
