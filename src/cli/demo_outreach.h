// The demo shop's outreach: a promotion sent yesterday to a tagged few, and
// today's promotion to every customer, which skips those few (contacted less
// than three days ago: the budget) and one customer who opted out. Works from
// the customers the demo merchant has (call it once the customers handler
// has made the demo's buyers customers); does nothing when there are fewer
// than three. Idempotent: a second call finds the campaigns and stops.
#pragma once

#include "core/clock.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

Result<void> SeedDemoOutreach(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                              const Clock& clock);

}  // namespace weishang::cli
