// JSON of customers for the console.
#pragma once

#include "core/json.h"
#include "modules/customers/customers.h"
#include "workflows/customers/customer_views.h"

namespace weishang::api {

// A customer; in lists the phone is masked (138****5678).
json::object EncodeCustomer(const customers::Customer& c, bool full_phone);
// GET /admin/v1/customers/{id}: the customer (full phone), identities, latest orders.
json::object EncodeCustomerDetail(const workflows::CustomerDetail& d);

}  // namespace weishang::api
