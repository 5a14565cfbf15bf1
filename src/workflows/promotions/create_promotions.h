// Creating promotions that name catalog records: the records must be the
// merchant's own. Each takes the caller's unit of work.
#pragma once

#include "modules/pricing/promotions.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// A limited-time discount on one of the merchant's SKUs (on sale or not).
// catalog.sku_not_found (404) for an unknown or another merchant's SKU; any
// other failure of the lookup is returned as it is.
Result<pricing::DiscountRecord> CreateSkuDiscount(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                  const pricing::SkuDiscount& d);

// A full reduction, limited to the merchant's products and categories if it
// names any. catalog.product_not_found / catalog.category_not_found (404).
Result<pricing::ReductionRecord> CreateFullReduction(storage::Tx& tx, Modules& m,
                                                     MerchantId merchant,
                                                     const pricing::FullReduction& f);

}  // namespace weishang::workflows
