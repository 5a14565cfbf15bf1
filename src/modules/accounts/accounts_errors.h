// The accounts module's stable error codes.
#pragma once

namespace weishang::accounts::errors {

inline constexpr char kUnauthenticated[] = "accounts.unauthenticated";  // 401: no live session
inline constexpr char kAddressNotFound[] = "accounts.address_not_found";
inline constexpr char kInvalidAddress[] = "accounts.invalid_address";  // 422, message names field
inline constexpr char kAddressLimit[] = "accounts.address_limit";      // 409: 20 addresses
inline constexpr char kWechatUnavailable[] = "accounts.wechat_unavailable";  // 503: no provider
inline constexpr char kWechatRefused[] = "accounts.wechat_refused";  // 401: the code was refused

}  // namespace weishang::accounts::errors
