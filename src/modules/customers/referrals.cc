// The referral edges, for the growth workflows (super users, the fission tree).
#include "modules/customers/customers.h"

namespace weishang::customers {

Result<void> CustomerService::ScanReferrals(Tx& tx, MerchantId merchant, int page,
                                            const std::function<void(const ReferralRow&)>& fn) {
  CustomerId after;
  for (;;) {
    // Keyset pages on (merchant_id, id) of customers_customer_referrals (0005),
    // a partial index of the referred and merged records with every column read.
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
  // One pass over a range of customers_customer_by_created (0005), which
  // holds every column read; conditional sums rather than a GROUP BY, which
  // would sort the range.
  std::string sums;
  for (const char* who : {"referrer_id IS NOT NULL", "referrer_id IS NULL"}) {
    std::string w = who;
    if (!sums.empty()) sums += ", ";
    sums += "SUM(CASE WHEN " + w + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + w +
            " AND orders_count >= 1 THEN 1 ELSE 0 END), SUM(CASE WHEN " + w +
            " AND orders_count >= 2 THEN 1 ELSE 0 END), SUM(CASE WHEN " + w +
            " THEN spent_total ELSE 0 END)";
  }
  auto row = tx.QueryOne("SELECT " + sums +
                             " FROM customers_customer WHERE merchant_id = ? AND created_at >= ?"
                             " AND created_at < ? AND merged_into IS NULL",
                         {merchant, from, to});
  if (!row) return Fail(row.error());
  ReferralCohorts out;
  if (!*row) return out;
  const storage::Row& r = **row;
  int i = 0;
  for (Cohort* c : {&out.referred, &out.not_referred}) {
    // SUM over no rows is NULL.
    c->signed_up = r.OptInt(i).value_or(0);
    c->paid = r.OptInt(i + 1).value_or(0);
    c->repurchased = r.OptInt(i + 2).value_or(0);
    c->revenue = r.OptInt(i + 3).value_or(0);
    i += 4;
  }
  return out;
}

}  // namespace weishang::customers
