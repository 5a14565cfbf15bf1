// The events the catalog module records (docs/events.md has the payloads).
// Each is recorded in the unit of work of the change, by the module itself.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "events/outbox.h"
#include "modules/catalog/catalog.h"

namespace weishang::catalog {

inline constexpr std::string_view kProductChanged = "product.changed";
inline constexpr std::string_view kCategoryChanged = "category.changed";
inline constexpr std::string_view kFeaturedChanged = "featured.changed";

// product.changed v1: {"product_id","status","title","skus":[{"sku_id","price"}]}.
Result<void> EmitProductChanged(storage::Tx& tx, const Product& p, Timestamp now);
// category.changed v1: {"category_id","name","status"}.
Result<void> EmitCategoryChanged(storage::Tx& tx, const Category& c, Timestamp now);
// featured.changed v1: {"product_ids":[…]} in the home page's order.
Result<void> EmitFeaturedChanged(storage::Tx& tx, MerchantId merchant,
                                 const std::vector<ProductId>& products, Timestamp now);

}  // namespace weishang::catalog
