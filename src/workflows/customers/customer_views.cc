#include "workflows/customers/customer_views.h"

#include "modules/customers/customers_errors.h"

namespace weishang::workflows {

Result<CustomerDetail> LoadCustomerDetail(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          CustomerId id, std::optional<StaffId> only_owner) {
  auto c = m.customers.Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  if (only_owner && c->owner_staff_id != only_owner) {
    return Fail(NotFound(customers::errors::kNotFound, "no such customer"));
  }
  CustomerDetail d{std::move(*c), {}, {}};
  auto identities = m.customers.Identities(tx, merchant, d.customer.id);
  if (!identities) return Fail(identities.error());
  d.identities = std::move(*identities);
  auto orders = m.customers.OrdersOf(tx, merchant, d.customer.id, std::nullopt, 20);
  if (!orders) return Fail(orders.error());
  for (OrderId order_id : *orders) {
    auto o = m.orders.Get(tx, merchant, order_id);
    if (!o) return Fail(o.error());
    o->lines.clear();
    d.recent_orders.push_back(std::move(*o));
  }
  return d;
}

}  // namespace weishang::workflows
