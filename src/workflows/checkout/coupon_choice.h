// Which of the shop's coupons an order could use: what a buyer chooses from
// at checkout (可用 / 不可用优惠券), each priced exactly as checkout would.
#pragma once

#include <optional>
#include <vector>

#include "modules/pricing/promotions.h"
#include "workflows/checkout/checkout.h"

namespace weishang::workflows {

// At most this many coupons are offered, the newest first.
inline constexpr std::size_t kMaxOfferedCoupons = 20;

struct CouponChoice {
  pricing::CouponRecord coupon;
  // Set when the coupon would be used: the order's coupon discount and total with it.
  std::optional<pricing::Quote> quote;
  // Set otherwise: why not (pricing.coupon_min_spend_not_met,
  // pricing.coupon_limit_reached, pricing.coupon_not_used, ...).
  std::optional<Error> reason;
};

// The shop's coupons a buyer may use now (active, started, not expired, not
// all used), each with the quote of `req` with that coupon, or the reason it
// does not apply. `req`'s own coupon code is ignored; its buyer's phone, when
// given, counts the buyer's earlier uses. Fails as PrepareOrder does when
// the order cannot be priced at all, without any coupon.
Result<std::vector<CouponChoice>> ChooseCoupons(storage::Tx& tx, Modules& m,
                                                const PlaceOrderRequest& req, Timestamp now,
                                                SnapshotCache* cache = nullptr);

}  // namespace weishang::workflows
