// Pricing and promotions as pure functions over a snapshot the caller loads:
// cart lines, the merchant's postage rule, limited-time SKU discounts (限时折扣),
// full-reduction offers (满减) and the one coupon the customer asked for.
// Nothing here reads a clock, a database or a global; every function is
// thread-safe. The rules, stacking order and error codes are written down in
// docs/rules/pricing.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"

namespace weishang::pricing {

// Quantities outside [1, kMaxQuantity] fail with "pricing.invalid_quantity".
inline constexpr std::int64_t kMaxQuantity = 9999;

// One line of the cart, with the SKU's current list price.
struct CartLine {
  SkuId sku_id;
  ProductId product_id;
  CategoryId category_id;  // 0 = uncategorised
  Fen unit_price = 0;      // list price of one unit
  std::int64_t quantity = 0;
  std::string title;
};

// The merchant's single postage rule (统一运费).
struct PostageRule {
  Fen flat_fee = 0;
  // Postage is free when the goods cost at least this much after every
  // discount, coupon included. Unset: never free (unless flat_fee is 0).
  std::optional<Fen> free_above;
  // Provinces not delivered to ("新疆", "西藏"). A destination matches when it
  // equals an entry or starts with it ("新疆维吾尔自治区" matches "新疆").
  std::vector<std::string> excluded_regions;
};

enum class DiscountKind {
  kPercent,     // charge `percent_bp` basis points of the list price: 8000 = 80% = 8折
  kFixedPrice,  // charge `fixed_price` per unit
};

// A limited-time discount on one SKU, live in [starts_at, ends_at).
struct SkuDiscount {
  SkuDiscountId id;
  SkuId sku_id;
  DiscountKind kind = DiscountKind::kPercent;
  std::int64_t percent_bp = 10000;  // kPercent only, in [0, 10000]
  Fen fixed_price = 0;              // kFixedPrice only, >= 0
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::string name;
};

// "Spend `threshold`, save `off`", both in fen.
struct ReductionTier {
  Fen threshold = 0;
  Fen off = 0;
};

// A full-reduction offer (满减), live in [starts_at, ends_at). The highest
// saving among the tiers reached applies, measured on the in-scope goods
// after item discounts. A line is in scope when both id lists are empty, or
// its product or its category is listed.
struct FullReduction {
  FullReductionId id;
  std::string name;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::vector<ReductionTier> tiers;
  std::vector<ProductId> product_ids;
  std::vector<CategoryId> category_ids;
};

enum class CouponKind {
  kFixed,    // `amount_off` fen off
  kPercent,  // `percent_off_bp` basis points off, capped by `max_off` when > 0
};

// A coupon and its usage so far, as loaded by the caller. Valid in
// [valid_from, valid_until). Limits of 0 mean unlimited.
struct Coupon {
  CouponId id;
  std::string code;
  CouponKind kind = CouponKind::kFixed;
  Fen amount_off = 0;
  std::int64_t percent_off_bp = 0;
  Fen max_off = 0;
  Fen min_spend = 0;  // measured after item discounts and the order promotion
  Timestamp valid_from = 0;
  Timestamp valid_until = 0;
  std::int64_t per_customer_limit = 0;
  std::int64_t total_quantity = 0;
  std::int64_t used_count = 0;             // redemptions so far, all customers
  std::int64_t used_by_this_customer = 0;  // redemptions so far by this customer
};

// Everything PriceCart needs. Discounts and reductions may include offers
// for other SKUs or outside their window; they are filtered here.
struct QuoteInput {
  std::vector<CartLine> lines;
  PostageRule postage;
  std::vector<SkuDiscount> discounts;
  std::vector<FullReduction> reductions;
  std::optional<Coupon> coupon;       // the coupon the customer asked for
  std::optional<std::string> region;  // destination province; unset = not yet known
  Timestamp now = 0;
  bool explain = true;  // false leaves Quote::explanations empty (checkout needs only the numbers)
};

// One priced line. Shares of order-level savings are allocated in whole fen,
// so refunding a line refunds exactly `payable`.
struct QuoteLine {
  SkuId sku_id;
  ProductId product_id;
  std::string title;
  std::int64_t quantity = 0;
  Fen unit_price = 0;             // list price
  Fen discounted_unit_price = 0;  // after the item discount, if any
  Fen list_subtotal = 0;          // unit_price * quantity
  Fen item_discount = 0;
  SkuDiscountId item_discount_id;  // 0 = none
  std::string item_discount_name;
  Fen order_discount_share = 0;
  Fen coupon_share = 0;
  Fen payable = 0;  // list_subtotal - the three savings above
};

// The price of a cart and why. Invariants (checked): the line payables sum
// to merchandise_total - item_discount_total - order_discount_total -
// coupon_discount, and total = that sum + postage >= 0.
struct Quote {
  std::vector<QuoteLine> lines;
  Fen merchandise_total = 0;  // at list prices
  Fen item_discount_total = 0;
  Fen order_discount_total = 0;
  FullReductionId order_promotion_id;  // the full reduction applied; 0 = none
  std::string order_promotion_name;
  Fen coupon_discount = 0;
  CouponId coupon_id;  // 0 = the coupon was not applied (see explanations)
  std::string coupon_code;
  Fen postage = 0;
  std::string postage_reason;  // "flat fee 10.00", "free above 99.00", ...; empty unless explain
  Fen total = 0;
  std::vector<std::string> explanations;  // one English sentence per rule considered
};

// Prices `input`, choosing per line at most one SKU discount, then at most
// one full reduction, then the asked-for coupon, in the combination with the
// lowest total (postage included). Ties go to fewer promotions, then to
// keeping the coupon unused, then to lower ids. A usable coupon that would
// make the order dearer (say, by losing free postage) is left unused, with
// coupon_id = 0 and an explanation, rather than refused.
//
// Fails with the first problem found, checked in this order: the cart
// (emptiness, then quantities, then amounts), the region, then the coupon.
//   kInvalidArgument "pricing.empty_cart"         no lines
//   kInvalidArgument "pricing.invalid_quantity"   a quantity outside [1, 9999]
//   kInvalidArgument "pricing.invalid_amount"     a negative price or postage amount
//   kInvalidArgument "pricing.amount_too_large"   a price, line, cart or fee above kMaxFen
//   kInvalidArgument "pricing.region_not_served"  the region is excluded from delivery
//   kInvalidArgument "pricing.coupon_invalid"     the coupon record is malformed
//   kInvalidArgument "pricing.coupon_not_started" now < valid_from
//   kInvalidArgument "pricing.coupon_expired"     now >= valid_until
//   kConflict        "pricing.coupon_limit_reached" this customer used up their limit
//   kConflict        "pricing.coupon_exhausted"   every copy has been used
//   kInvalidArgument "pricing.coupon_min_spend_not_met" not met even at list prices
// Malformed SKU discounts and reductions are skipped with an explanation.
Result<Quote> PriceCart(const QuoteInput& input);

}  // namespace weishang::pricing
