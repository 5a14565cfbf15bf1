// The customers module's stable error codes.
#pragma once

namespace weishang::customers::errors {

inline constexpr char kNotFound[] = "customers.not_found";
inline constexpr char kInvalidIdentity[] = "customers.invalid_identity";
inline constexpr char kMergeSame[] = "customers.merge_same";
inline constexpr char kInvalidField[] = "customers.invalid_field";
inline constexpr char kTransferLimit[] = "customers.transfer_limit";
inline constexpr char kNotOwned[] = "customers.not_owned";
inline constexpr char kCapacityFull[] = "customers.capacity_full";
inline constexpr char kCapacityExceeded[] = "customers.capacity_exceeded";

}  // namespace weishang::customers::errors
