// Stable error codes of the payment module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::payment::errors {

inline constexpr char kAmountMismatch[] = "payment.amount_mismatch";
inline constexpr char kBadSignature[] = "payment.bad_signature";
// The sandbox gateway was asked to decline (a stand-in for a failed WeChat Pay).
inline constexpr char kDeclined[] = "payment.declined";
inline constexpr char kInvalidMethod[] = "payment.invalid_method";
inline constexpr char kMalformedCallback[] = "payment.malformed_callback";
inline constexpr char kNotFound[] = "payment.not_found";
inline constexpr char kProviderDisabled[] = "payment.provider_disabled";
inline constexpr char kRefundExceedsPayment[] = "payment.refund_exceeds_payment";

}  // namespace weishang::payment::errors
