// Stable error codes of the pricing module. Clients and tests match on these
// strings; messages may change, codes may not. docs/rules/pricing.md lists
// when each one is returned.
#pragma once

namespace weishang::pricing::errors {

inline constexpr char kEmptyCart[] = "pricing.empty_cart";
inline constexpr char kInvalidQuantity[] = "pricing.invalid_quantity";
inline constexpr char kInvalidAmount[] = "pricing.invalid_amount";
inline constexpr char kAmountTooLarge[] = "pricing.amount_too_large";
inline constexpr char kRegionNotServed[] = "pricing.region_not_served";
inline constexpr char kCouponInvalid[] = "pricing.coupon_invalid";
inline constexpr char kCouponNotStarted[] = "pricing.coupon_not_started";
inline constexpr char kCouponExpired[] = "pricing.coupon_expired";
inline constexpr char kCouponLimitReached[] = "pricing.coupon_limit_reached";
inline constexpr char kCouponExhausted[] = "pricing.coupon_exhausted";
inline constexpr char kCouponMinSpendNotMet[] = "pricing.coupon_min_spend_not_met";

// Also raised by this module:
inline constexpr char kCouponCodeTaken[] = "pricing.coupon_code_taken";
inline constexpr char kCouponNotFound[] = "pricing.coupon_not_found";
inline constexpr char kDiscountNotFound[] = "pricing.discount_not_found";
inline constexpr char kInvalidPromotion[] = "pricing.invalid_promotion";
inline constexpr char kReductionNotFound[] = "pricing.reduction_not_found";

// A coupon the buyer could choose that the best price would not use (it saves
// nothing on this cart); said by the checkout's coupon choice.
inline constexpr char kCouponNotUsed[] = "pricing.coupon_not_used";

}  // namespace weishang::pricing::errors
