// The sms module's stable error codes.
#pragma once

namespace weishang::sms::errors {

inline constexpr char kInvalidPhone[] = "sms.invalid_phone";   // 422: not an 11-digit mobile
inline constexpr char kTooSoon[] = "sms.too_soon";             // 429: one code per 60 s
inline constexpr char kDailyCap[] = "sms.daily_cap";           // 429: too many codes today
inline constexpr char kRateLimited[] = "sms.rate_limited";     // 429: too many from one address
inline constexpr char kNoProvider[] = "sms.no_provider";       // 503: no provider configured
inline constexpr char kCodeInvalid[] = "sms.code_invalid";     // 422: wrong or no code
inline constexpr char kCodeExpired[] = "sms.code_expired";     // 422: older than 5 minutes
inline constexpr char kTooManyTries[] = "sms.too_many_tries";  // 429: 5 wrong tries kill it

}  // namespace weishang::sms::errors
