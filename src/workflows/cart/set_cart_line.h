// The buyer's cart, across order and catalog.
#pragma once

#include <optional>
#include <string>

#include "modules/order/order.h"
#include "modules/pricing/pricing.h"
#include "storage/database.h"
#include "workflows/checkout/snapshot_cache.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// Sets how many units of `sku` the cart behind `cart_token` holds (0 removes
// the line). Only SKUs on sale go into a cart: catalog.sku_not_found,
// catalog.product_not_on_sale and the like from the catalog;
// order.cart_not_found, order.invalid_quantity, order.cart_full.
Result<void> SetCartLine(storage::Tx& tx, Modules& m, MerchantId merchant,
                         const std::string& cart_token, SkuId sku, std::int64_t quantity);

// A cart with what it would cost now. A cart may hold things no longer for
// sale: then `quote` is empty and `quote_error` says why, and the lines are
// still shown so the buyer can change them.
struct CartView {
  order::Cart cart;
  std::optional<pricing::Quote> quote;  // absent for an empty cart
  std::optional<Error> quote_error;
};

// The cart behind `cart_token`, priced at `now`; order.cart_not_found.
Result<CartView> ReadCart(storage::Tx& tx, Modules& m, MerchantId merchant,
                          const std::string& cart_token, Timestamp now,
                          SnapshotCache* cache = nullptr);

}  // namespace weishang::workflows
