// The customers module's stable error codes.
#pragma once

namespace weishang::customers::errors {

inline constexpr char kNotFound[] = "customers.not_found";
inline constexpr char kInvalidIdentity[] = "customers.invalid_identity";
inline constexpr char kMergeSame[] = "customers.merge_same";
inline constexpr char kInvalidField[] = "customers.invalid_field";

}  // namespace weishang::customers::errors
