// The crm module's stable error codes.
#pragma once

namespace weishang::crm::errors {

inline constexpr char kTaskNotFound[] = "crm.task_not_found";
inline constexpr char kInvalidField[] = "crm.invalid_field";
inline constexpr char kTaskDone[] = "crm.task_done";

}  // namespace weishang::crm::errors
