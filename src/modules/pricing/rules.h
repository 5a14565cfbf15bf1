// The individual pricing rules, one small pure function each. Internal to the
// pricing module: other modules call PriceCart (pricing.h). All amounts are
// in fen and every percentage goes through ApplyBasisPoints (half up).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "modules/pricing/pricing.h"

namespace weishang::pricing::internal {

// True when `now` lies in the half-open window [from, until).
inline bool IsLive(Timestamp now, Timestamp from, Timestamp until) {
  return from <= now && now < until;
}

// The unit price `discount` charges for a unit listed at `list_price`, or
// nullopt when the discount is malformed (percent outside [0, 10000] or a
// negative fixed price). The result may be >= list_price; callers ignore
// such a discount, since a discount never raises a price.
std::optional<Fen> DiscountedUnitPrice(const SkuDiscount& discount, Fen list_price);

// The tiers of `reduction` with threshold >= 0 and off > 0; the others are
// malformed and ignored.
std::vector<ReductionTier> UsableTiers(const FullReduction& reduction);

// The best saving among `tiers` whose threshold `eligible` reaches, capped at
// `eligible`; 0 when no tier is reached.
Fen ReductionOff(const std::vector<ReductionTier>& tiers, Fen eligible);

// The tier that ReductionOff picked for `eligible`, for explanations.
std::optional<ReductionTier> ReachedTier(const std::vector<ReductionTier>& tiers, Fen eligible);

// Whether `line` belongs to the scope of `reduction`.
bool InScope(const FullReduction& reduction, const CartLine& line);

// Checks that `coupon` is well-formed, inside its window and not used up,
// returning the first problem as an Error with a pricing.coupon_* code
// (see PriceCart). Minimum spend is checked by the caller.
std::optional<Error> CheckCouponUsable(const Coupon& coupon, Timestamp now);

// The saving of `coupon` on goods worth `base` (>= min_spend): the fixed
// amount or the percentage (capped by max_off when > 0), never above `base`.
Fen CouponOff(const Coupon& coupon, Fen base);

// The postage for goods worth `goods` after every discount.
Fen PostageFor(const PostageRule& rule, Fen goods);

// "flat fee 10.00", "free above 99.00" or "no postage", matching PostageFor.
std::string PostageReason(const PostageRule& rule, Fen goods);

// Whether `rule` refuses delivery to `region` (equal to, or starting with, an
// excluded entry).
bool RegionExcluded(const PostageRule& rule, const std::string& region);

}  // namespace weishang::pricing::internal
