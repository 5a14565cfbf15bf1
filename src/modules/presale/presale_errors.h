// The pre-sale module's stable error codes.
#pragma once

namespace weishang::presale::errors {

inline constexpr char kNotFound[] = "presale.not_found";             // 404
inline constexpr char kOrderNotFound[] = "presale.order_not_found";  // 404: not a pre-sale order
inline constexpr char kInvalidField[] = "presale.invalid_field";     // 422
inline constexpr char kSkuNotInPresale[] = "presale.sku_not_in_presale";     // 422
inline constexpr char kNotCollecting[] = "presale.not_collecting_interest";  // 409
inline constexpr char kNotOpen[] = "presale.not_open";                 // 409: orders not open now
inline constexpr char kSoldOut[] = "presale.sold_out";                 // 409: the quantity is taken
inline constexpr char kLimitReached[] = "presale.limit_reached";       // 409: per-customer units
inline constexpr char kNoDeposit[] = "presale.no_deposit";             // 422: full payment only
inline constexpr char kBalanceNotOpen[] = "presale.balance_not_open";  // 409
inline constexpr char kBalanceNotDue[] = "presale.balance_not_due";  // 409: not awaiting a balance
inline constexpr char kBalancePending[] = "presale.balance_order_pending";  // 409
inline constexpr char kBalanceUnpaid[] = "presale.balance_unpaid";     // 409: shipping before it
inline constexpr char kBeforeShipDate[] = "presale.before_ship_date";  // 409
// 409: a balance order ships with its deposit order, never alone.
inline constexpr char kShipsWithDeposit[] = "presale.ships_with_deposit_order";
inline constexpr char kReleaseRaced[] = "presale.already_settled";  // 409: released or paid

}  // namespace weishang::presale::errors
