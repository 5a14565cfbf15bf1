// The referral edges, for the growth workflows (super users, the fission tree).
#include "modules/customers/customers.h"

namespace weishang::customers {

Result<void> CustomerService::ScanReferrals(Tx& tx, MerchantId merchant, int page,
                                            const std::function<void(const ReferralRow&)>& fn) {
  CustomerId after;
  for (;;) {
    // Keyset pages on (merchant_id, id): customers_customer_by_merchant.
    auto rows = tx.Query(
        "SELECT id, referrer_id, merged_into, spent_total, first_order_at FROM customers_customer"
        " WHERE merchant_id = ? AND id > ?"
        " AND (referrer_id IS NOT NULL OR merged_into IS NOT NULL) ORDER BY id LIMIT ?",
        {merchant, after, page});
    if (!rows) return Fail(rows.error());
    for (const auto& r : *rows) {
      ReferralRow row;
      row.id = r.IdAt(0);
      row.referrer_id = r.OptIdAt(1);
      row.merged_into = r.OptIdAt(2);
      row.spent_total = r.Int(3);
      row.first_order_at = r.OptInt(4);
      fn(row);
      after = row.id;
    }
    if (static_cast<int>(rows->size()) < page) return {};
  }
}

}  // namespace weishang::customers
