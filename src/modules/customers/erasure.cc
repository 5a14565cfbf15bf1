// A customer's personal data erased (PIPL right of deletion): the record and
// the records merged into it anonymised, identities and custom field values
// deleted. docs/decisions/0016-customer-erasure.md says what is kept and why.
#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"

namespace weishang::customers {

Result<Erasure> CustomerService::Erase(Tx& tx, MerchantId merchant, CustomerId id) {
  auto c = Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  Erasure out;
  if (c->erased_at) {
    out.already = true;
    out.records.push_back(c->id);
    out.customer = std::move(*c);
    return out;
  }
  // The record kept and those merged into it (a merged record points to the
  // kept one directly: merges are one level deep).
  std::vector<CustomerId> records{c->id};
  auto merged = tx.Query(
      "SELECT id FROM customers_customer WHERE merchant_id = ? AND merged_into = ? ORDER BY id",
      {merchant, c->id});
  if (!merged) return Fail(merged.error());
  for (const auto& r : *merged) records.push_back(r.IdAt(0));
  Timestamp now = clock_.Now();
  for (CustomerId record : records) {
    auto anonymised = tx.Exec(
        "UPDATE customers_customer SET display_name = ?, remark_name = '', phone = '',"
        " gender = 'unknown', birthday = '', province = '', city = '', district = '',"
        " erased_at = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
        {std::string(kErasedName), now, now, merchant, record});
    if (!anonymised) return Fail(anonymised.error());
    auto identities =
        tx.Exec("DELETE FROM customers_identity WHERE merchant_id = ? AND customer_id = ?",
                {merchant, record});
    if (!identities) return Fail(identities.error());
    out.identities += *identities;
    auto fields =
        tx.Exec("DELETE FROM customers_field_value WHERE merchant_id = ? AND customer_id = ?",
                {merchant, record});
    if (!fields) return Fail(fields.error());
    out.fields += *fields;
  }
  out.records = records;
  c->display_name = kErasedName;
  c->remark_name.clear();
  c->phone.clear();
  c->gender = Gender::kUnknown;
  c->birthday.clear();
  c->province.clear();
  c->city.clear();
  c->district.clear();
  c->fields.clear();
  c->erased_at = now;
  c->updated_at = now;
  if (auto e = EmitChanged(tx, *c, now); !e) return Fail(e.error());
  out.customer = std::move(*c);
  return out;
}

}  // namespace weishang::customers
