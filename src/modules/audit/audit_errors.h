// The audit module's stable error codes.
#pragma once

namespace weishang::audit::errors {

inline constexpr char kInvalidAction[] = "audit.invalid_action";

}  // namespace weishang::audit::errors
