// The buyer's cart, across order and catalog.
#pragma once

#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// Sets how many units of `sku` the cart behind `cart_token` holds (0 removes
// the line). Only SKUs on sale go into a cart: catalog.sku_not_found,
// catalog.product_not_on_sale and the like from the catalog;
// order.cart_not_found, order.invalid_quantity, order.cart_full.
Result<void> SetCartLine(storage::Tx& tx, Modules& m, MerchantId merchant,
                         const std::string& cart_token, SkuId sku, std::int64_t quantity);

}  // namespace weishang::workflows
