// Custom fields: a merchant's definitions and each customer's values, which
// customer.changed carries in "fields" (so tag rules such as age_stage read them).
#include <algorithm>
#include <set>

#include "core/utf8.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"
#include "modules/customers/customers_errors.h"

namespace weishang::customers {
namespace {

constexpr std::size_t kMaxFields = 50;
constexpr std::size_t kMaxChoices = 50;
constexpr std::size_t kMaxLabelChars = 32;
constexpr std::size_t kMaxTextBytes = 500;

Error BadField(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 32 || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

// A decimal: optional '-', digits, optional '.' and digits.
bool ValidNumber(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  if (text.empty() || text.size() > 24) return false;
  bool dot = false, digit = false;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      digit = true;
    } else if (ch == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit && text.back() != '.';
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += '\n';
    out += i;
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

FieldDef DefFromRow(const storage::Row& r) {
  FieldDef d;
  d.key = r.Str(0);
  d.label = r.Str(1);
  d.kind = FromText(kFieldKindText, r.Str(2)).value_or(FieldKind::kText);
  d.choices = SplitLines(r.Str(3));
  d.created_at = r.Int(4);
  d.updated_at = r.Int(5);
  return d;
}

// The value as stored, or why `def` refuses it.
Result<std::string> Checked(const FieldDef& def, const std::string& value) {
  switch (def.kind) {
    case FieldKind::kDate:
      if (!ReadDate(value)) return Fail(BadField(def.key + " must be a date (YYYY-MM-DD)"));
      break;
    case FieldKind::kNumber:
      if (!ValidNumber(value)) return Fail(BadField(def.key + " must be a number"));
      break;
    case FieldKind::kChoice:
      if (std::find(def.choices.begin(), def.choices.end(), value) == def.choices.end()) {
        return Fail(BadField(def.key + " must be one of its choices"));
      }
      break;
    case FieldKind::kText:
      if (value.size() > kMaxTextBytes) return Fail(BadField(def.key + " is too long"));
      break;
  }
  return value;
}

}  // namespace

Result<std::vector<FieldDef>> CustomerService::Fields(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(
      "SELECT field_key, label, kind, choices, created_at, updated_at FROM customers_field"
      " WHERE merchant_id = ? ORDER BY created_at, field_key",
      {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<FieldDef> out;
  for (const auto& r : *rows) out.push_back(DefFromRow(r));
  return out;
}

Result<FieldDef> CustomerService::DefineField(Tx& tx, MerchantId merchant, const FieldDef& in) {
  if (!ValidKey(in.key)) {
    return Fail(BadField("a field key is 1-32 of a-z, 0-9 and _, starting with a letter"));
  }
  std::size_t label_chars = CountUtf8Chars(in.label);
  if (label_chars == 0 || label_chars > kMaxLabelChars) {
    return Fail(BadField("a field label is 1-32 characters"));
  }
  FieldDef def = in;
  if (def.kind == FieldKind::kChoice) {
    std::set<std::string> seen;
    for (const auto& c : def.choices) {
      if (c.empty() || CountUtf8Chars(c) > kMaxLabelChars || c.find('\n') != std::string::npos ||
          !seen.insert(c).second) {
        return Fail(BadField("choices must be distinct, 1-32 characters each"));
      }
    }
    if (def.choices.empty() || def.choices.size() > kMaxChoices) {
      return Fail(BadField("a choice field has 1-50 choices"));
    }
  } else {
    def.choices.clear();
  }
  auto all = Fields(tx, merchant);
  if (!all) return Fail(all.error());
  auto existing =
      std::find_if(all->begin(), all->end(), [&](const FieldDef& d) { return d.key == def.key; });
  Timestamp now = clock_.Now();
  def.updated_at = now;
  if (existing != all->end()) {
    if (existing->kind != def.kind) {
      return Fail(BadField("the kind of field " + def.key + " cannot change"));
    }
    def.created_at = existing->created_at;
    auto ok = tx.Exec(
        "UPDATE customers_field SET label = ?, choices = ?, updated_at = ?"
        " WHERE merchant_id = ? AND field_key = ?",
        {def.label, JoinLines(def.choices), now, merchant, def.key});
    if (!ok) return Fail(ok.error());
    return def;
  }
  if (all->size() >= kMaxFields) return Fail(BadField("a shop has at most 50 custom fields"));
  def.created_at = now;
  auto ok = tx.Exec(
      "INSERT INTO customers_field (merchant_id, field_key, label, kind, choices, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {merchant, def.key, def.label, TextOf(kFieldKindText, def.kind), JoinLines(def.choices), now,
       now});
  if (!ok) return Fail(ok.error());
  return def;
}

Result<Customer> CustomerService::SetFields(
    Tx& tx, MerchantId merchant, CustomerId id,
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
  auto c = Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  auto defs = Fields(tx, merchant);
  if (!defs) return Fail(defs.error());
  Timestamp now = clock_.Now();
  for (const auto& [key, value] : values) {
    auto def =
        std::find_if(defs->begin(), defs->end(), [&](const FieldDef& d) { return d.key == key; });
    if (def == defs->end()) return Fail(BadField("no custom field '" + key + "'"));
    if (!value || value->empty()) {
      auto ok = tx.Exec(
          "DELETE FROM customers_field_value WHERE merchant_id = ? AND customer_id = ? AND"
          " field_key = ?",
          {merchant, c->id, key});
      if (!ok) return Fail(ok.error());
      c->fields.erase(key);
      continue;
    }
    auto checked = Checked(*def, *value);
    if (!checked) return Fail(checked.error());
    auto ok = tx.Exec(
        "INSERT INTO customers_field_value (merchant_id, customer_id, field_key, value,"
        " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (merchant_id, customer_id, field_key)"
        " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        {merchant, c->id, key, *checked, now});
    if (!ok) return Fail(ok.error());
    c->fields[key] = *checked;
  }
  c->updated_at = now;
  auto saved =
      tx.Exec("UPDATE customers_customer SET updated_at = ? WHERE id = ? AND merchant_id = ?",
              {now, c->id, merchant});
  if (!saved) return Fail(saved.error());
  if (auto e = EmitChanged(tx, *c, now); !e) return Fail(e.error());
  return std::move(*c);
}

Result<void> CustomerService::LoadFields(Tx& tx, MerchantId merchant, std::vector<Customer*> list) {
  if (list.empty()) return {};
  Id lo = list.front()->id.value(), hi = lo;
  for (const Customer* c : list) {
    lo = std::min(lo, c->id.value());
    hi = std::max(hi, c->id.value());
  }
  auto rows = tx.Query(
      "SELECT customer_id, field_key, value FROM customers_field_value"
      " WHERE merchant_id = ? AND customer_id >= ? AND customer_id <= ?",
      {merchant, CustomerId(lo), CustomerId(hi)});
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return {};
  std::map<Id, Customer*> by_id;
  for (Customer* c : list) by_id.emplace(c->id.value(), c);
  for (const auto& r : *rows) {
    auto it = by_id.find(r.Int(0));
    if (it != by_id.end()) it->second->fields[r.Str(1)] = r.Str(2);
  }
  return {};
}

}  // namespace weishang::customers
