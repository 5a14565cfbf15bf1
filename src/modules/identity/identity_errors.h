// Stable error codes of the identity module. Clients and tests match on these
// strings; messages may change, codes may not.
#pragma once

namespace weishang::identity::errors {

// kInvalidArgument (422): the input breaks an identity rule.
inline constexpr char kInvalidSlug[] = "identity.invalid_slug";
inline constexpr char kInvalidStatus[] = "identity.invalid_status";
// The password breaks the policy of password_policy.h; the message says how.
inline constexpr char kWeakPassword[] = "identity.weak_password";
// A password change's current_password does not match.
inline constexpr char kWrongPassword[] = "identity.wrong_password";

// kUnauthenticated (401).
inline constexpr char kUnauthenticated[] = "identity.unauthenticated";
inline constexpr char kInvalidCredentials[] = "identity.invalid_credentials";

// kPermissionDenied (403).
inline constexpr char kForbidden[] = "identity.forbidden";
inline constexpr char kForbiddenRole[] = "identity.forbidden_role";

// kNotFound (404): unknown ids, or ids of another merchant.
inline constexpr char kMerchantNotFound[] = "identity.merchant_not_found";
inline constexpr char kStaffNotFound[] = "identity.staff_not_found";

// kConflict (409): well-formed, but not allowed in the current state.
inline constexpr char kSlugTaken[] = "identity.slug_taken";
inline constexpr char kLoginTaken[] = "identity.login_taken";
inline constexpr char kCannotDisableSelf[] = "identity.cannot_disable_self";
// The password changed between its check and its replacement.
inline constexpr char kPasswordChanged[] = "identity.password_changed";
// The change would leave the shop without an active owner.
inline constexpr char kLastOwner[] = "identity.last_owner";

// kRateLimited (429): too many failed (or simultaneous) password checks for
// the account or address; the answer's Retry-After says when to try again.
inline constexpr char kLoginThrottled[] = "identity.login_throttled";

// kUnavailable (503): the password workers' queue is full; retry shortly.
inline constexpr char kLoginBusy[] = "identity.login_busy";

}  // namespace weishang::identity::errors
