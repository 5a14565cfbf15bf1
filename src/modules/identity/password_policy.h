// What a staff password must be, checked wherever one is chosen (sign-up,
// staff creation, password change) before it is hashed. Pure and
// thread-safe: no database, no clock.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/error.h"
#include "core/utf8.h"

namespace weishang::identity {

// Who the password is for: strings a password must not be built from.
struct PasswordContext {
  std::string_view login;
  std::string_view shop;  // the shop's slug
  std::string_view name;  // the staff member's display name
};

// At least this many characters (Unicode code points, not bytes).
inline constexpr std::size_t kMinPasswordChars = 8;
// At least this much estimated strength, in bits: log2(10^8), zxcvbn's
// "safely unguessable" score 3. `weishang-demo` (~40 bits) and
// `correct horse` (~28) pass; `12345678`, `password`, `qwertyuiop`,
// `1qaz2wsx3edc` (all under 21) do not.
inline constexpr double kMinPasswordBits = 26.58;

// Ok when `password` may be used by `who`. Otherwise kInvalidArgument
// identity.weak_password with a message saying why, in this order: it holds
// a control character (NUL included); it is shorter than kMinPasswordChars
// characters; it contains the login; zxcvbn estimates it under
// kMinPasswordBits (a common word, a keyboard walk, a repeat, a date, or
// built from the login, shop or name).
Result<void> CheckPassword(std::string_view password, const PasswordContext& who);

}  // namespace weishang::identity
