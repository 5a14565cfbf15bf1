// Customers across modules: the event handler that recognises the buyer of
// every order as a customer (matched by phone, or created) and keeps the
// customer's facts in step with what their orders do.
#pragma once

#include "events/dispatcher.h"
#include "modules/customers/customers.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The dispatcher's "customers" handler:
// - order.placed: the buyer (by phone) arrives as a customer, channel
//   "checkout", and the order is linked to them. An order whose phone is not
//   a mobile number stays without a customer.
// - order.paid: the linked customer's purchases, spend and stage move.
// - aftersales.refunded, order.cancelled: refunded money comes off the spend,
//   refunded units off the purchases (customer.returned).
// It starts from the oldest event the outbox keeps (Handler::from_history),
// so orders placed before it first ran (the demo shop's) have customers.
events::Handler CustomerHandler(customers::CustomerService& customers, Modules& modules);

}  // namespace weishang::workflows
