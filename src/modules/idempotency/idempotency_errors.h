// Stable error codes of the idempotency module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::idempotency::errors {

inline constexpr char kKeyReused[] = "idempotency.key_reused";
// A stored answer that cannot be read back (a bug or a damaged row).
inline constexpr char kBadRecord[] = "idempotency.bad_record";

}  // namespace weishang::idempotency::errors
