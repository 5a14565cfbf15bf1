// The reminders module's stable error codes.
#pragma once

namespace weishang::reminders::errors {

inline constexpr char kInvalidField[] = "reminders.invalid_field";
inline constexpr char kSupplyMoved[] = "reminders.supply_moved";

}  // namespace weishang::reminders::errors
