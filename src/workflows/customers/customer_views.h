// Reads of a customer that gather from several modules, for the console.
#pragma once

#include <optional>
#include <vector>

#include "modules/customers/customers.h"
#include "modules/order/order.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct CustomerDetail {
  customers::Customer customer;
  std::vector<customers::Identity> identities;
  std::vector<order::Order> recent_orders;  // newest first, at most 20, without lines
};

// The customer with their identities and latest orders. `only_owner`: the
// caller sees only the customers this staff member owns (the staff role);
// another's answers customers.not_found, as an unknown id does.
Result<CustomerDetail> LoadCustomerDetail(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          CustomerId id, std::optional<StaffId> only_owner);

}  // namespace weishang::workflows
