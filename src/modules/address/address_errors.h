// Stable error codes of the address module; messages may change, codes may not.
#pragma once

namespace weishang::address::errors {

// kInvalidArgument (422)
inline constexpr char kEmpty[] = "address.empty";
inline constexpr char kNotARegion[] = "address.not_a_region";
inline constexpr char kInvalidPostalCode[] = "address.invalid_postal_code";
// kTooLarge (413)
inline constexpr char kTooLong[] = "address.too_long";

}  // namespace weishang::address::errors
