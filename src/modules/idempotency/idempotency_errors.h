// Stable error codes of the idempotency module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::idempotency::errors {

inline constexpr char kKeyReused[] = "idempotency.key_reused";

}  // namespace weishang::idempotency::errors
