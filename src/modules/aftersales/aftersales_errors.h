// Stable error codes of the aftersales module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::aftersales::errors {

inline constexpr char kInvalidLine[] = "aftersales.invalid_line";
inline constexpr char kInvalidStatusFilter[] = "aftersales.invalid_status_filter";
inline constexpr char kInvalidTransition[] = "aftersales.invalid_transition";
inline constexpr char kNotFound[] = "aftersales.not_found";
inline constexpr char kOrderNotEligible[] = "aftersales.order_not_eligible";
inline constexpr char kQuantityExceeded[] = "aftersales.quantity_exceeded";
inline constexpr char kReasonRequired[] = "aftersales.reason_required";
inline constexpr char kServiceNotOffered[] = "aftersales.service_not_offered";
inline constexpr char kWindowClosed[] = "aftersales.window_closed";

}  // namespace weishang::aftersales::errors
