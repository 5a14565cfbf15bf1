#include "modules/customers/customers.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/utf8.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customers_errors.h"

namespace weishang::customers {
namespace {

constexpr const char* kColumns =
    "id, merchant_id, ordinal, display_name, remark_name, phone, gender, birthday, province, city,"
    " district, channel, referrer_id, owner_staff_id, stage, orders_count, spent_total,"
    " first_order_at, last_order_at, merged_into, erased_at, created_at, updated_at";

constexpr std::size_t kMaxIdentityLength = 128;
constexpr std::size_t kMaxNameLength = 64;  // bytes

Customer FromRow(const storage::Row& r) {
  Customer c;
  c.id = r.IdAt(0);
  c.merchant_id = r.IdAt(1);
  c.ordinal = r.Int(2);
  c.display_name = r.Str(3);
  c.remark_name = r.Str(4);
  c.phone = r.Str(5);
  c.gender = FromText(kGenderText, r.Str(6)).value_or(Gender::kUnknown);
  c.birthday = r.Str(7);
  c.province = r.Str(8);
  c.city = r.Str(9);
  c.district = r.Str(10);
  c.channel = r.Str(11);
  c.referrer_id = r.OptIdAt(12);
  c.owner_staff_id = r.OptIdAt(13);
  c.stage = FromText(kStageText, r.Str(14)).value_or(Stage::kAcquired);
  c.orders_count = r.Int(15);
  c.spent_total = r.Int(16);
  c.first_order_at = r.OptInt(17);
  c.last_order_at = r.OptInt(18);
  c.merged_into = r.OptIdAt(19);
  c.erased_at = r.OptInt(20);
  c.created_at = r.Int(21);
  c.updated_at = r.Int(22);
  return c;
}

Error CustomerNotFound() { return NotFound(errors::kNotFound, "no such customer"); }

// The identity as stored, or an error naming what is wrong with it.
Result<Identity> Normalised(const Identity& in) {
  Identity out{in.kind, in.value};
  if (in.kind == IdentityKind::kPhone) {
    out.value = NormalisePhone(in.value);
    if (out.value.empty()) {
      return Fail(Invalid(errors::kInvalidIdentity,
                          "a phone must be a mainland mobile number (11 digits)"));
    }
    return out;
  }
  bool printable = !in.value.empty() && in.value.size() <= kMaxIdentityLength &&
                   std::all_of(in.value.begin(), in.value.end(),
                               [](char ch) { return ch > 0x20 && ch != 0x7f; });
  if (!printable) {
    return Fail(Invalid(errors::kInvalidIdentity, std::string(TextOf(kIdentityKindText, in.kind)) +
                                                      " must be 1-128 characters without spaces"));
  }
  return out;
}

std::optional<Timestamp> Earlier(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::optional<Timestamp> Later(std::optional<Timestamp> a, std::optional<Timestamp> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

}  // namespace

std::string MaskPhone(std::string_view phone) {
  std::string p(phone);
  if (p.empty()) return p;
  if (p.size() < 7) return p.substr(0, std::min<std::size_t>(3, p.size())) + "****";
  return p.substr(0, 3) + "****" + p.substr(p.size() - 4);
}

std::string NormalisePhone(std::string_view text) {
  std::string digits;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (ch != ' ' && ch != '-' && ch != '+' && ch != '(' && ch != ')') {
      return "";
    }
  }
  if (digits.size() == 15 && digits.starts_with("0086")) digits.erase(0, 4);
  if (digits.size() == 13 && digits.starts_with("86")) digits.erase(0, 2);
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return "";
  return digits;
}

std::string ParseBirthday(std::string_view text, int this_year) {
  // Up to three runs of digits, split by - / . 年 月 日 or spaces.
  std::vector<std::string> parts{""};
  for (std::size_t i = 0; i < text.size();) {
    char ch = text[i];
    if (ch >= '0' && ch <= '9') {
      parts.back() += ch;
      ++i;
      continue;
    }
    std::size_t width = 1;
    std::string_view rest = text.substr(i);
    if (rest.starts_with("年") || rest.starts_with("月") || rest.starts_with("日")) {
      width = 3;
    } else if (ch != '-' && ch != '/' && ch != '.' && ch != ' ') {
      return "";
    }
    if (!parts.back().empty()) parts.emplace_back();
    i += width;
  }
  if (parts.back().empty()) parts.pop_back();
  if (parts.size() == 1 && parts[0].size() == 8) {
    parts = {parts[0].substr(0, 4), parts[0].substr(4, 2), parts[0].substr(6, 2)};
  }
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() > 2 || parts[2].size() > 2 ||
      parts[1].empty() || parts[2].empty()) {
    return "";
  }
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", std::stoi(parts[0]), std::stoi(parts[1]),
                std::stoi(parts[2]));
  auto date = ReadDate(out);
  if (!date || date->year() < std::chrono::year(1900) ||
      date->year() > std::chrono::year(this_year)) {
    return "";
  }
  return out;
}

std::optional<std::chrono::year_month_day> ReadDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && end == text.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m),
                                   std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

Result<std::int64_t> CustomerService::NextOrdinal(Tx& tx, MerchantId merchant) {
  auto row = tx.QueryOne(
      "INSERT INTO customers_counter (merchant_id, next_ordinal) VALUES (?, 2)"
      " ON CONFLICT (merchant_id) DO UPDATE SET next_ordinal = customers_counter.next_ordinal + 1"
      " RETURNING next_ordinal - 1",
      {merchant});
  if (!row) return Fail(row.error());
  return (**row).Int(0);
}

Result<Customer> CustomerService::Create(Tx& tx, MerchantId merchant, const Arrival& a) {
  auto ordinal = NextOrdinal(tx, merchant);
  if (!ordinal) return Fail(ordinal.error());
  Customer c;
  c.id = ids_.Next<CustomerId>();
  c.merchant_id = merchant;
  c.ordinal = *ordinal;
  c.display_name = std::string(Utf8Prefix(a.display_name, kMaxNameLength));
  c.channel = a.channel;
  c.referrer_id = a.referrer_id;
  c.province = a.province;
  c.city = a.city;
  c.district = a.district;
  c.remark_name = std::string(Utf8Prefix(a.remark_name, kMaxNameLength));
  c.gender = a.gender;
  c.birthday = a.birthday;
  c.created_at = c.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO customers_customer (id, merchant_id, ordinal, display_name, remark_name,"
      " gender, birthday, province, city, district, channel, referrer_id, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.id, merchant, c.ordinal, c.display_name, c.remark_name, TextOf(kGenderText, c.gender),
       c.birthday, c.province, c.city, c.district, c.channel, c.referrer_id, c.created_at,
       c.updated_at});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<Matched> CustomerService::Arrive(Tx& tx, MerchantId merchant, const Arrival& a,
                                        std::string_view actor) {
  if (a.identities.empty()) {
    return Fail(Invalid(errors::kInvalidIdentity, "a customer needs an identity"));
  }
  std::vector<Identity> identities;
  for (const Identity& given : a.identities) {
    auto id = Normalised(given);
    if (!id) return Fail(id.error());
    identities.push_back(std::move(*id));
  }
  // Every record the identities point to, oldest first.
  std::vector<Customer> found;
  std::vector<bool> known(identities.size(), false);
  for (std::size_t i = 0; i < identities.size(); ++i) {
    auto c = FindByIdentity(tx, merchant, identities[i]);
    if (!c) return Fail(c.error());
    if (!*c) continue;
    known[i] = true;
    bool seen = std::any_of(found.begin(), found.end(),
                            [&](const Customer& f) { return f.id == (*c)->id; });
    if (!seen) found.push_back(std::move(**c));
  }
  std::sort(found.begin(), found.end(), [](const Customer& x, const Customer& y) {
    return x.created_at != y.created_at ? x.created_at < y.created_at : x.id < y.id;
  });
  Matched out;
  if (found.empty()) {
    auto made = Create(tx, merchant, a);
    if (!made) return Fail(made.error());
    out.customer = std::move(*made);
    out.created = true;
  } else {
    out.customer = found.front();
    for (std::size_t i = 1; i < found.size(); ++i) {
      auto merged = Merge(tx, merchant, out.customer.id, found[i].id, "identity_match", actor);
      if (!merged) return Fail(merged.error());
      out.customer = std::move(*merged);
      out.merged.push_back(found[i].id);
    }
  }
  Customer& c = out.customer;
  const std::string phone_before = c.phone;
  // The identities it did not have. On PostgreSQL a concurrent arrival may
  // have claimed one since it was looked up: its insert waited for that unit,
  // and running this unit again finds the record it made.
  for (std::size_t i = 0; i < identities.size(); ++i) {
    if (known[i]) continue;
    auto added = tx.Exec(
        "INSERT INTO customers_identity (merchant_id, kind, value, customer_id, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {merchant, TextOf(kIdentityKindText, identities[i].kind), identities[i].value, c.id,
         clock_.Now()});
    if (!added) return Fail(added.error());
    if (*added == 0) {
      return Fail(ErrorKind::kUnavailable, storage::kRunAgain,
                  "another unit recognised this customer first");
    }
    if (identities[i].kind == IdentityKind::kPhone && c.phone.empty()) {
      c.phone = identities[i].value;
    }
  }
  // What the record lacks and this arrival knows (first touch stays).
  bool changed = out.created || !out.merged.empty();
  auto fill = [&changed](std::string& field, const std::string& value) {
    if (field.empty() && !value.empty()) {
      field = value;
      changed = true;
    }
  };
  fill(c.display_name, std::string(Utf8Prefix(a.display_name, kMaxNameLength)));
  fill(c.channel, a.channel);
  fill(c.province, a.province);
  fill(c.city, a.city);
  fill(c.district, a.district);
  fill(c.remark_name, std::string(Utf8Prefix(a.remark_name, kMaxNameLength)));
  fill(c.birthday, a.birthday);
  if (c.gender == Gender::kUnknown && a.gender != Gender::kUnknown) {
    c.gender = a.gender;
    changed = true;
  }
  if (!c.referrer_id && a.referrer_id && *a.referrer_id != c.id) {
    c.referrer_id = a.referrer_id;
    changed = true;
  }
  changed = changed || c.phone != phone_before;
  if (!changed) return out;
  c.updated_at = clock_.Now();
  auto saved = tx.Exec(
      "UPDATE customers_customer SET display_name = ?, remark_name = ?, gender = ?,"
      " birthday = ?, phone = ?, province = ?, city = ?, district = ?, channel = ?,"
      " referrer_id = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {c.display_name, c.remark_name, TextOf(kGenderText, c.gender), c.birthday, c.phone,
       c.province, c.city, c.district, c.channel, c.referrer_id, c.updated_at, c.id, merchant});
  if (!saved) return Fail(saved.error());
  if (auto emitted = EmitChanged(tx, c, c.updated_at); !emitted) return Fail(emitted.error());
  if (out.created) {
    // A new customer gets an owner by the merchant's rules (owners.cc).
    auto owner = AssignOwner(tx, merchant, c.id);
    if (!owner) return Fail(owner.error());
    c.owner_staff_id = *owner;
  }
  return out;
}

Result<Customer> CustomerService::Get(Tx& tx, MerchantId merchant, CustomerId id) {
  // A merged record points to the one kept, which is never itself merged.
  for (int hop = 0; hop < 2; ++hop) {
    auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                               " FROM customers_customer WHERE id = ? AND merchant_id = ?",
                           {id, merchant});
    if (!row) return Fail(row.error());
    if (!*row) return Fail(CustomerNotFound());
    Customer c = FromRow(**row);
    if (!c.merged_into) {
      if (auto f = LoadFields(tx, merchant, {&c}); !f) return Fail(f.error());
      return c;
    }
    id = *c.merged_into;
  }
  return Fail(CustomerNotFound());
}

Result<std::optional<Customer>> CustomerService::FindByIdentity(Tx& tx, MerchantId merchant,
                                                                const Identity& identity) {
  // One statement: a checkout's buyer is looked up on every order.
  auto row = tx.QueryOne(
      std::string("SELECT ") + kColumns +
          " FROM customers_customer WHERE merchant_id = ? AND id = (SELECT customer_id FROM"
          " customers_identity WHERE merchant_id = ? AND kind = ? AND value = ?)",
      {merchant, merchant, TextOf(kIdentityKindText, identity.kind), identity.value});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Customer>();
  Customer c = FromRow(**row);
  if (c.merged_into) {  // identities move with a merge; this is only a safeguard
    auto kept = Get(tx, merchant, *c.merged_into);
    if (!kept) return Fail(kept.error());
    c = std::move(*kept);
  }
  return std::optional<Customer>(std::move(c));
}

Result<std::vector<Identity>> CustomerService::Identities(Tx& tx, MerchantId merchant,
                                                          CustomerId id) {
  auto rows = tx.Query(
      "SELECT kind, value FROM customers_identity WHERE customer_id = ? AND merchant_id = ?"
      " ORDER BY created_at, kind",
      {id, merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Identity> out;
  for (const auto& r : *rows) {
    auto kind = FromText(kIdentityKindText, r.Str(0));
    if (kind) out.push_back(Identity{*kind, r.Str(1)});
  }
  return out;
}

Result<Customer> CustomerService::Merge(Tx& tx, MerchantId merchant, CustomerId kept_id,
                                        CustomerId merged_id, std::string_view reason,
                                        std::string_view actor) {
  auto kept = Get(tx, merchant, kept_id);
  if (!kept) return Fail(kept.error());
  auto merged = Get(tx, merchant, merged_id);
  if (!merged) return Fail(merged.error());
  if (kept->id == merged->id) {
    return Fail(Conflict(errors::kMergeSame, "these are already one customer"));
  }
  Timestamp now = clock_.Now();
  for (const char* sql :
       {"UPDATE customers_identity SET customer_id = ? WHERE customer_id = ? AND merchant_id = ?",
        "UPDATE customers_order SET customer_id = ? WHERE customer_id = ? AND merchant_id = ?",
        "UPDATE customers_purchase SET customer_id = ? WHERE customer_id = ? AND merchant_id = "
        "?"}) {
    auto moved = tx.Exec(sql, {kept->id, merged->id, merchant});
    if (!moved) return Fail(moved.error());
  }
  // Custom field values the kept record lacks come from the merged one.
  auto fields = tx.Exec(
      "INSERT INTO customers_field_value (merchant_id, customer_id, field_key, value, updated_at)"
      " SELECT merchant_id, ?, field_key, value, updated_at FROM customers_field_value"
      " WHERE merchant_id = ? AND customer_id = ? ON CONFLICT DO NOTHING",
      {kept->id, merchant, merged->id});
  if (!fields) return Fail(fields.error());
  Customer& k = *kept;
  const Customer& m = *merged;
  for (const auto& [key, value] : m.fields) k.fields.emplace(key, value);
  auto fill = [](std::string& field, const std::string& value) {
    if (field.empty()) field = value;
  };
  fill(k.display_name, m.display_name);
  fill(k.remark_name, m.remark_name);
  fill(k.phone, m.phone);
  fill(k.birthday, m.birthday);
  fill(k.province, m.province);
  fill(k.city, m.city);
  fill(k.district, m.district);
  fill(k.channel, m.channel);
  if (k.gender == Gender::kUnknown) k.gender = m.gender;
  if (!k.referrer_id && m.referrer_id != std::optional<CustomerId>(k.id)) {
    k.referrer_id = m.referrer_id;
  }
  if (!k.owner_staff_id) k.owner_staff_id = m.owner_staff_id;
  k.stage = std::max(k.stage, m.stage);
  k.orders_count += m.orders_count;
  k.spent_total += m.spent_total;
  k.first_order_at = Earlier(k.first_order_at, m.first_order_at);
  k.last_order_at = Later(k.last_order_at, m.last_order_at);
  if (k.orders_count >= 2) k.stage = std::max(k.stage, Stage::kRepeatBuyer);
  k.updated_at = now;
  auto saved = tx.Exec(
      "UPDATE customers_customer SET display_name = ?, remark_name = ?, phone = ?, gender = ?,"
      " birthday = ?, province = ?, city = ?, district = ?, channel = ?, referrer_id = ?,"
      " owner_staff_id = ?, stage = ?, orders_count = ?, spent_total = ?, first_order_at = ?,"
      " last_order_at = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {k.display_name, k.remark_name, k.phone, TextOf(kGenderText, k.gender), k.birthday,
       k.province, k.city, k.district, k.channel, k.referrer_id, k.owner_staff_id,
       TextOf(kStageText, k.stage), k.orders_count, k.spent_total, k.first_order_at,
       k.last_order_at, now, k.id, merchant});
  if (!saved) return Fail(saved.error());
  auto gone = tx.Exec(
      "UPDATE customers_customer SET merged_into = ?, updated_at = ? WHERE id = ? AND merchant_id "
      "= ?",
      {k.id, now, m.id, merchant});
  if (!gone) return Fail(gone.error());
  auto recorded = tx.Exec(
      "INSERT INTO customers_merge (merchant_id, merged_id, kept_id, reason, actor, at)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      {merchant, m.id, k.id, reason, actor, now});
  if (!recorded) return Fail(recorded.error());
  Customer merged_now = m;
  merged_now.merged_into = k.id;
  merged_now.updated_at = now;
  if (auto e = EmitChanged(tx, merged_now, now); !e) return Fail(e.error());
  if (auto e = EmitChanged(tx, k, now); !e) return Fail(e.error());
  if (auto e = EmitMerged(tx, k, m.id, reason, actor, now); !e) return Fail(e.error());
  return std::move(*kept);
}

Result<std::vector<Customer>> CustomerService::List(Tx& tx, MerchantId merchant,
                                                    const ListFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM customers_customer WHERE merchant_id = ? AND merged_into IS NULL";
  std::vector<storage::Param> params{merchant};
  if (f.after.valid()) {
    sql += " AND id < ?";
    params.emplace_back(f.after);
  }
  if (f.stage) {
    sql += " AND stage = ?";
    params.emplace_back(TextOf(kStageText, *f.stage));
  }
  if (f.owner) {
    sql += " AND owner_staff_id = ?";
    params.emplace_back(*f.owner);
  }
  std::string phone = NormalisePhone(f.query);
  std::string like;
  if (!phone.empty()) {
    sql += " AND phone = ?";
    params.emplace_back(phone);
  } else if (!f.query.empty()) {
    // LIKE's wildcards in the query are matched literally.
    like = "%";
    for (char ch : f.query) {
      if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
      like += ch;
    }
    like += "%";
    sql += " AND (display_name LIKE ? ESCAPE '\\' OR remark_name LIKE ? ESCAPE '\\')";
    params.emplace_back(like);
    params.emplace_back(like);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Customer> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  std::vector<Customer*> page;
  for (Customer& c : out) page.push_back(&c);
  if (auto loaded = LoadFields(tx, merchant, page); !loaded) return Fail(loaded.error());
  return out;
}

}  // namespace weishang::customers
