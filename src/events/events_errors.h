// Stable error codes of the events module, used by every layer that raises or
// checks them. Clients and tests match on these strings; messages may change,
// codes may not.
#pragma once

namespace weishang::events::errors {

inline constexpr char kCursorMoved[] = "events.cursor_moved";
inline constexpr char kParkedMoved[] = "events.parked_moved";

}  // namespace weishang::events::errors
