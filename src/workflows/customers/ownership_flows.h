// Who owns which customers, across modules: assignment rules and capacities
// checked against the shop's staff (identity), handovers (离职继承 and
// in-service transfer) recorded in the audit log, and staff merges of
// customers audited too. Each function runs in the caller's unit of work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/customers/customers.h"
#include "modules/identity/identity.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// One staff member's load, for the console's capacity screen.
struct StaffLoad {
  identity::Staff staff;
  std::int64_t capacity = customers::kDefaultCapacity;
  std::int64_t owned = 0;
};

struct AssignmentView {
  customers::AssignmentRules rules;
  std::vector<StaffLoad> staff;  // every staff account, active first
};

// The rules and every staff member's capacity and customers owned.
Result<AssignmentView> LoadAssignment(storage::Tx& tx, Modules& m, MerchantId merchant);

// Replaces the rules after checking every staff id names an active member
// (identity.staff_not_found (404) otherwise).
Result<AssignmentView> SetAssignment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     const customers::AssignmentRules& rules);

// Sets a member's friend capacity; identity.staff_not_found (404).
Result<StaffLoad> SetStaffCapacity(storage::Tx& tx, Modules& m, MerchantId merchant, StaffId staff,
                                   std::int64_t capacity);

struct HandoverOutcome {
  std::int64_t audit_id = 0;     // the audit entry recording it
  std::int64_t tasks_moved = 0;  // open tasks that went with the customers
  customers::HandoverResult result;
};

// Hands customers of `r.from` to colleagues (CustomerService::Handover),
// after checking `from` is the merchant's member and every colleague an
// active member (identity.staff_not_found (404)); a transfer needs `from`
// active too (customers.invalid_field (422) otherwise: a departed member's
// customers are inherited, kind "resigned"). The moved customers' open tasks
// go to their new owners (crm). Records customer.handover in
// the audit log with who moved, to whom, and the refusals.
Result<HandoverOutcome> HandOver(storage::Tx& tx, Modules& m, MerchantId merchant,
                                 const customers::HandoverRequest& r, StaffId actor);

// Sets custom field values of a customer (CustomerService::SetFields).
// `only_owner`: the caller works only with this member's customers; another's
// answers customers.not_found.
Result<customers::Customer> SetCustomerFields(
    storage::Tx& tx, Modules& m, MerchantId merchant, CustomerId id,
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values,
    std::optional<StaffId> only_owner);

// A customer's owner changes, newest first; `only_owner` as above.
Result<std::vector<customers::OwnerChange>> LoadOwnerHistory(storage::Tx& tx, Modules& m,
                                                             MerchantId merchant, CustomerId id,
                                                             std::optional<StaffId> only_owner);

// A staff merge of two customer records (CustomerService::Merge, reason
// "staff"), recorded in the audit log as customer.merge.
Result<customers::Customer> MergeCustomers(storage::Tx& tx, Modules& m, MerchantId merchant,
                                           CustomerId kept, CustomerId other, StaffId actor);

}  // namespace weishang::workflows
