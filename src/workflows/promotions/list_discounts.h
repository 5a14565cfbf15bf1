// The console's list of limited-time SKU discounts, each with what its SKU
// is for people (the product's title and the spec), so a merchant can tell
// them apart: pricing's records joined with catalog's SKUs in one snapshot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/pricing/promotions.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct DiscountedSku {
  ProductId product_id;
  std::string title;      // the product's
  std::string spec_text;  // "规格: 3只装"; "" for a product without specs
};

struct ListedDiscount {
  pricing::DiscountRecord record;
  std::optional<DiscountedSku> sku;  // nullopt only if the catalog lost it
};

// The merchant's SKU discounts, newest first, as pricing lists them, each
// with its SKU described. Reads each product once. Fails only with storage
// errors.
Result<std::vector<ListedDiscount>> ListSkuDiscounts(storage::Tx& tx, Modules& m,
                                                     MerchantId merchant);

}  // namespace weishang::workflows
