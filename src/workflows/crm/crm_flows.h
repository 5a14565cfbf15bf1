// CRM work across modules: interactions and tasks on a customer the caller
// may see (the staff role: only the customers it owns, identity::SeesAllCustomers),
// tasks created for the customer's owner, and reassignment to an active member.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/crm/crm.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// Logs an interaction by `staff` on a customer the caller may see
// (customers.not_found otherwise); crm.invalid_field.
Result<crm::Interaction> LogInteraction(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        crm::Interaction in, std::optional<StaffId> only_owner);

// The customer's interactions, newest first (at most `limit`).
Result<std::vector<crm::Interaction>> LoadInteractions(storage::Tx& tx, Modules& m,
                                                       MerchantId merchant, CustomerId customer,
                                                       std::optional<StaffId> only_owner,
                                                       int limit);

// A manual task on a customer the caller may see, for the customer's owner
// (or the caller when the customer has none).
Result<crm::Task> CreateCustomerTask(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     CustomerId customer, std::string title, Timestamp due_at,
                                     StaffId caller, std::optional<StaffId> only_owner);

// Gives an open task to an active member (identity.staff_not_found, 404).
Result<crm::Task> ReassignTask(storage::Tx& tx, Modules& m, MerchantId merchant, TaskId task,
                               StaffId to);

}  // namespace weishang::workflows
