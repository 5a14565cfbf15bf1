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

Result<ReferralCohorts> CustomerService::CohortsOf(Tx& tx, MerchantId merchant, Timestamp from,
                                                   Timestamp to) {
  // customers_customer_by_created (0005) holds every column read.
  auto rows = tx.Query(
      "SELECT CASE WHEN referrer_id IS NULL THEN 0 ELSE 1 END, COUNT(*),"
      " SUM(CASE WHEN orders_count >= 1 THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN orders_count >= 2 THEN 1 ELSE 0 END), SUM(spent_total)"
      " FROM customers_customer WHERE merchant_id = ? AND created_at >= ? AND created_at < ?"
      " AND merged_into IS NULL GROUP BY 1",
      {merchant, from, to});
  if (!rows) return Fail(rows.error());
  ReferralCohorts out;
  for (const auto& r : *rows) {
    Cohort& c = r.Int(0) != 0 ? out.referred : out.not_referred;
    c.signed_up = r.Int(1);
    c.paid = r.Int(2);
    c.repurchased = r.Int(3);
    c.revenue = r.Int(4);
  }
  return out;
}

}  // namespace weishang::customers
