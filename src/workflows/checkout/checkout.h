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
  SkuId sku_id;
  std::int64_t quantity = 0;
  // A unit price decided by a workflow (a campaign: a group buy's group
  // price), used instead of the SKU's list price. Such a line takes no SKU
  // discount: the campaign's price is its discount. Order-level promotions
  // and coupons apply as to any line. Never read from a buyer's request.
  std::optional<Fen> unit_price;
};

struct QuoteRequest {
  MerchantId merchant_id;
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
  // The store's id for the device (attribution: the order is credited to
  // the device's last share link or channel code inside the window).
  std::string visitor;
};

struct PreparedOrder {
  order::NewOrder order;
  std::vector<inventory::Units> units;
  std::optional<CartId> cart_id;
  pricing::Quote quote;
};

// Phase 1 (read).
Result<PreparedOrder> PrepareOrder(storage::Tx& tx, Modules& m, const PlaceOrderRequest& req,
                                   Timestamp now, SnapshotCache* cache = nullptr);

// Phase 2 (write). inventory.insufficient_stock (409) when a line can't be
// filled; pricing.coupon_exhausted / coupon_limit_reached when the coupon
// ran out since phase 1.
Result<order::Order> CommitOrder(storage::Tx& tx, Modules& m, const PreparedOrder& prepared);

// The idempotency scope of a buyer's checkout.
inline constexpr const char* kCheckoutScope = "store.checkout";

// Phase 2 of a buyer's checkout: CommitOrder and the checkout's idempotency
// record in one unit of work. The record keeps the order's id and token, not
// a rendered answer, so the writer encodes no JSON beyond it. A retry with
// the same key and request gets the order its first attempt placed, with the
// token it was given, and writes nothing; idempotency.key_reused when the key
// came with a different request. The record is claimed first (one statement,
// idempotency::Claim), so concurrent duplicates wait for the first and get
// its answer.
Result<order::Order> CommitCheckout(storage::Tx& tx, Modules& m, const PreparedOrder& prepared,
                                    const std::string& key, const std::string& request_hash,
                                    Timestamp now);

// The order an earlier checkout with this key and request placed, if any: the
// answer to a retry whose phase 1 fails because its first attempt already
// took the last units or used the coupon.
Result<std::optional<order::Order>> EarlierCheckout(storage::Tx& tx, Modules& m,
                                                    MerchantId merchant, const std::string& key,
                                                    const std::string& request_hash);

// Phase 1 of a buyer's checkout: PrepareOrder, and when that fails, the
// order an earlier checkout with this key and request placed, if any (a
// retry whose first attempt already took the last units or the coupon gets
// that order, not the failure). Exactly one of the two is set.
struct CheckoutStart {
  std::optional<PreparedOrder> prepared;
  std::optional<order::Order> earlier;
};
Result<CheckoutStart> StartCheckout(storage::Tx& tx, Modules& m, const PlaceOrderRequest& req,
                                    const std::string& key, const std::string& request_hash,
                                    Timestamp now, SnapshotCache* cache = nullptr);

}  // namespace weishang::workflows
