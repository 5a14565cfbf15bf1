// From a cart (or a list of lines) to a pending order with its stock taken.
//
// Checkout runs in two phases so the single SQLite writer does only writes:
//  1. PrepareOrder (a read snapshot, on the request thread): load the SKUs,
//     the shop's postage rule, the live promotions and the coupon, and price
//     them (pricing::PriceCart). The result is the order to write.
//  2. CommitOrder (the write unit): take the stock with conditional updates,
//     redeem the coupon, create the order and its trail, empty the cart. Any
//     failure rolls the whole unit back: no stock is lost, no coupon used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/order/order.h"
#include "modules/pricing/pricing.h"
#include "storage/database.h"
#include "workflows/checkout/snapshot_cache.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct LineRequest {
  Id sku_id = 0;
  std::int64_t quantity = 0;
};

struct QuoteRequest {
  Id merchant_id = 0;
  std::vector<LineRequest> lines;
  std::string coupon_code;            // "" = none
  std::optional<std::string> region;  // destination province, when known
  std::string customer_key;           // buyer phone: per-customer coupon limits
};

// Prices a prospective order against current catalog, promotions and rules.
// Fails with catalog.sku_not_found, catalog.product_not_on_sale,
// pricing.coupon_not_found, and every pricing.* error of PriceCart.
// `cache`, when given, supplies the pricing snapshot (see snapshot_cache.h).
Result<pricing::Quote> QuoteOrder(storage::Tx& tx, Modules& m, const QuoteRequest& req,
                                  Timestamp now, SnapshotCache* cache = nullptr);

struct PlaceOrderRequest {
  QuoteRequest quote;
  bool explain = true;     // false: the quote's explanation sentences are not written
  std::string cart_token;  // when set, the cart is emptied on success
  order::Buyer buyer;
};

struct PreparedOrder {
  order::NewOrder order;
  std::vector<inventory::Units> units;
  std::optional<Id> cart_id;
  pricing::Quote quote;
};

// Phase 1 (read).
Result<PreparedOrder> PrepareOrder(storage::Tx& tx, Modules& m, const PlaceOrderRequest& req,
                                   Timestamp now, SnapshotCache* cache = nullptr);

// Phase 2 (write). inventory.insufficient_stock (409) when a line can't be
// filled; pricing.coupon_exhausted / coupon_limit_reached when the coupon
// ran out since phase 1.
Result<order::Order> CommitOrder(storage::Tx& tx, Modules& m, const PreparedOrder& prepared);

}  // namespace weishang::workflows
