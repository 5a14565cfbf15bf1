// The audit module's stable error codes.
#pragma once

namespace weishang::audit::errors {

inline constexpr char kInvalidAction[] = "audit.invalid_action";
inline constexpr char kInvalidDate[] = "audit.invalid_date";  // ?from= or ?to= of the log

}  // namespace weishang::audit::errors
