// The contact fields of an erased customer's orders cleared (PIPL); the
// money, lines and status stay. docs/decisions/0016-customer-erasure.md.
#include "modules/order/order.h"

namespace weishang::order {

Result<std::int64_t> OrderService::EraseContact(Tx& tx, MerchantId merchant,
                                                const std::vector<OrderId>& orders) {
  std::int64_t changed = 0;
  Timestamp now = clock_.Now();
  const std::string erased(kErasedBuyer);
  for (OrderId id : orders) {
    auto n = tx.Exec(
        "UPDATE order_order SET buyer_name = ?, buyer_phone = '', ship_address = '',"
        " ship_postal_code = '', buyer_note = '', updated_at = ?"
        " WHERE merchant_id = ? AND id = ? AND (buyer_name <> ? OR buyer_phone <> ''"
        " OR ship_address <> '' OR ship_postal_code <> '' OR buyer_note <> '')",
        {erased, now, merchant, id, erased});
    if (!n) return Fail(n.error());
    changed += *n;
  }
  return changed;
}

}  // namespace weishang::order
