// The address book: a customer's saved delivery addresses, one the default.
#include "core/utf8.h"
#include "modules/accounts/accounts.h"
#include "modules/accounts/accounts_errors.h"

namespace weishang::accounts {
namespace {

constexpr const char* kColumns =
    "id, name, phone, province, city, district, address, postal_code, is_default, created_at,"
    " updated_at";

Address FromRow(const storage::Row& r) {
  return Address{r.IdAt(0), r.Str(1), r.Str(2),  r.Str(3), r.Str(4), r.Str(5),
                 r.Str(6),  r.Str(7), r.Bool(8), r.Int(9), r.Int(10)};
}

Error Bad(std::string_view field, std::string_view rule) {
  return Invalid(errors::kInvalidAddress, std::string(field) + " " + std::string(rule));
}

bool Within(std::string_view s, std::size_t min, std::size_t max) {
  std::size_t n = CountUtf8Chars(s);
  return n >= min && n <= max;
}

bool Digits(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Error AddressNotFound() { return NotFound(errors::kAddressNotFound, "no such address"); }

}  // namespace

Result<void> Validate(const AddressInput& in) {
  if (!Within(in.name, 1, 30)) return Fail(Bad("name", "must be 1 to 30 characters"));
  if (!Digits(in.phone, 11) || in.phone[0] != '1') {
    return Fail(Bad("phone", "must be an 11-digit mobile number"));
  }
  if (!Within(in.province, 1, 20)) return Fail(Bad("province", "must be 1 to 20 characters"));
  if (!Within(in.city, 0, 20)) return Fail(Bad("city", "must be at most 20 characters"));
  if (!Within(in.district, 0, 20)) return Fail(Bad("district", "must be at most 20 characters"));
  if (!Within(in.address, 2, 120)) return Fail(Bad("address", "must be 2 to 120 characters"));
  if (!in.postal_code.empty() && !Digits(in.postal_code, 6)) {
    return Fail(Bad("postal_code", "must be 6 digits or empty"));
  }
  return {};
}

Result<std::vector<Address>> AccountService::Addresses(Tx& tx, MerchantId merchant,
                                                       CustomerId customer) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns +
                           " FROM accounts_address WHERE merchant_id = ? AND customer_id = ?"
                           " AND archived_at IS NULL ORDER BY is_default DESC, id DESC",
                       {merchant, customer});
  if (!rows) return Fail(rows.error());
  std::vector<Address> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<Address> AccountService::GetAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                                           CustomerAddressId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             " FROM accounts_address WHERE id = ? AND merchant_id = ?"
                             " AND customer_id = ? AND archived_at IS NULL",
                         {id, merchant, customer});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(AddressNotFound());
  return FromRow(**row);
}

Result<void> AccountService::MakeDefault(Tx& tx, MerchantId merchant, CustomerId customer,
                                         CustomerAddressId id) {
  auto ok = tx.Exec(
      "UPDATE accounts_address SET is_default = CASE WHEN id = ? THEN 1 ELSE 0 END"
      " WHERE merchant_id = ? AND customer_id = ? AND archived_at IS NULL",
      {id, merchant, customer});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<Address> AccountService::AddAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                                           const AddressInput& in) {
  if (auto ok = Validate(in); !ok) return Fail(ok.error());
  auto existing = Addresses(tx, merchant, customer);
  if (!existing) return Fail(existing.error());
  if (static_cast<int>(existing->size()) >= kMaxAddresses) {
    return Fail(Conflict(errors::kAddressLimit, "an address book holds at most " +
                                                    std::to_string(kMaxAddresses) +
                                                    " addresses; delete one first"));
  }
  CustomerAddressId id = ids_.Next<CustomerAddressId>();
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO accounts_address (id, merchant_id, customer_id, name, phone, province, city,"
      " district, address, postal_code, is_default, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
      {id, merchant, customer, in.name, in.phone, in.province, in.city, in.district, in.address,
       in.postal_code, now, now});
  if (!ok) return Fail(ok.error());
  if (in.is_default || existing->empty()) {
    if (auto d = MakeDefault(tx, merchant, customer, id); !d) return Fail(d.error());
  }
  return GetAddress(tx, merchant, customer, id);
}

Result<Address> AccountService::UpdateAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                                              CustomerAddressId id, const AddressInput& in) {
  auto current = GetAddress(tx, merchant, customer, id);
  if (!current) return Fail(current.error());
  if (auto ok = Validate(in); !ok) return Fail(ok.error());
  auto ok = tx.Exec(
      "UPDATE accounts_address SET name = ?, phone = ?, province = ?, city = ?, district = ?,"
      " address = ?, postal_code = ?, updated_at = ? WHERE id = ? AND merchant_id = ?"
      " AND customer_id = ?",
      {in.name, in.phone, in.province, in.city, in.district, in.address, in.postal_code,
       clock_.Now(), id, merchant, customer});
  if (!ok) return Fail(ok.error());
  if (in.is_default) {
    if (auto d = MakeDefault(tx, merchant, customer, id); !d) return Fail(d.error());
  }
  return GetAddress(tx, merchant, customer, id);
}

Result<void> AccountService::RemoveAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                                           CustomerAddressId id) {
  auto current = GetAddress(tx, merchant, customer, id);
  if (!current) return Fail(current.error());
  auto ok = tx.Exec(
      "UPDATE accounts_address SET archived_at = ?, is_default = 0 WHERE id = ?"
      " AND merchant_id = ? AND customer_id = ?",
      {clock_.Now(), id, merchant, customer});
  if (!ok) return Fail(ok.error());
  if (!current->is_default) return {};
  auto rest = Addresses(tx, merchant, customer);
  if (!rest) return Fail(rest.error());
  if (rest->empty()) return {};
  return MakeDefault(tx, merchant, customer, rest->front().id);
}

Result<void> AccountService::MoveAddresses(Tx& tx, MerchantId merchant, CustomerId from,
                                           CustomerId kept) {
  // The kept record's default stays the default.
  auto kept_list = Addresses(tx, merchant, kept);
  if (!kept_list) return Fail(kept_list.error());
  bool kept_has_default = !kept_list->empty() && kept_list->front().is_default;
  auto ok = tx.Exec(
      "UPDATE accounts_address SET customer_id = ?,"
      " is_default = CASE WHEN ? = 1 THEN 0 ELSE is_default END"
      " WHERE merchant_id = ? AND customer_id = ?",
      {kept, kept_has_default ? 1 : 0, merchant, from});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::accounts
