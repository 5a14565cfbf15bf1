// Stable error codes of the inventory module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::inventory::errors {

inline constexpr char kInsufficientStock[] = "inventory.insufficient_stock";
inline constexpr char kInvalidQuantity[] = "inventory.invalid_quantity";

}  // namespace weishang::inventory::errors
