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
// An erasure refused while an order of the customer is unpaid, unshipped,
// on its way, or has an open after-sales request (workflows/privacy).
inline constexpr char kOrderInProgress[] = "customers.order_in_progress";
// A row of an import (workflows/customers/customer_import.h).
inline constexpr char kNoIdentity[] = "customers.no_identity";
inline constexpr char kInvalidPhone[] = "customers.invalid_phone";
inline constexpr char kInvalidGender[] = "customers.invalid_gender";
inline constexpr char kInvalidBirthday[] = "customers.invalid_birthday";

}  // namespace weishang::customers::errors
