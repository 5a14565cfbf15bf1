// The demo shop's pre-sales and fan vote: a pre-sale that settled last
// fortnight (interest from four customers, two paid in full and shipped: the
// history behind the recommendation, conversion 0.5), one taking orders now
// with a deposit (interest from three customers, a paid deposit and an
// unpaid full order), and an open vote on three styles with votes from four
// customers. No winner is converted (that would message the voters).
#pragma once

#include <functional>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

struct DemoBuyer {
  CustomerId id;
  const char* name;
  const char* phone;
};

struct DemoPresales {
  PresaleId settled, live;
  VoteId vote;
};

// `buyers`: at least four of the demo's customers (the third and fourth paid the settled
// pre-sale, the second orders the live one: the first keeps her "15 天未下单" tag);
// `sku`: a SKU on sale with stock. `clock` is moved back and returned to
// its time. Not idempotent: call it where the demo shop is made.
Result<DemoPresales> SeedDemoPresales(storage::Database& db, workflows::Modules& m,
                                      IdGenerator& ids, FakeClock& clock, MerchantId merchant,
                                      StaffId staff, SkuId sku,
                                      const std::vector<DemoBuyer>& buyers,
                                      const std::function<Result<void>()>& deliver);

}  // namespace weishang::cli
