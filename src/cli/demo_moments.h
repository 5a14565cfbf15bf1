// The demo shop's moments (朋友圈): one published post shown only to a
// segment, linking a product, and one public post scheduled for tomorrow.
// Called once the demo shop exists (after SeedDemo); see the lead's wiring.
#pragma once

#include "core/clock.h"
#include "core/ids.h"
#include "storage/database.h"
#include "workflows/catalog/image_files.h"
#include "workflows/modules.h"

namespace weishang::cli {

// Works from what the demo merchant has: its first active segment (or a
// segment of returning customers, 回头客: two orders or more, made here when
// it has none) and its first product on sale (none linked if it has none).
// The picture is a QR code of the shop's store link, uploaded as a catalog
// image into `files`. Not idempotent: call it where the demo shop is made.
Result<void> SeedDemoMoments(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                             const workflows::ImageFiles& files, MerchantId merchant,
                             const Clock& clock);

}  // namespace weishang::cli
