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
// (customers.not_found otherwise); crm.invalid_field. A chat, call, like or
// comment (not a note) moves an acquired customer to "interacted".
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

// One line of a customer's timeline.
struct TimelineEntry {
  std::string type;  // order, aftersales, interaction, task, owner
  Timestamp at = 0;
  std::string ref;  // the record's id ("ord_…", "afs_…", "itx_…", "tsk_…", the new owner "stf_…")
  std::string title;          // a task's title, an interaction's summary, an after-sales reason
  std::string status;         // an order's or after-sales' status, an interaction's kind, a task's
                              // status, an owner change's reason
  std::optional<Fen> amount;  // an order's total
};

// Orders (their latest `limit`) with their after-sales, interactions, tasks
// and owner changes of a customer the caller may see, newest first, at most
// `limit` lines.
Result<std::vector<TimelineEntry>> LoadTimeline(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                CustomerId customer,
                                                std::optional<StaffId> only_owner, int limit);

}  // namespace weishang::workflows
