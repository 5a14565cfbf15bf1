#include "modules/tags/customer_facts.h"

#include <limits>

#include "core/json.h"
#include "modules/tags/tags_errors.h"

namespace weishang::tags {
namespace {

Error BadEvent(const std::string& what) {
  return Invalid(errors::kInvalidEvent, "malformed customer event: " + what);
}

// Reads the fields of one payload; remembers the first problem.
class Fields {
 public:
  explicit Fields(const json::object& o) : o_(o) {}

  std::string Text(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return "";
    if (!v->is_string()) return Bad(key), "";
    return std::string(v->as_string());
  }
  std::optional<std::int64_t> OptInt(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(v->as_uint64());
    }
    Bad(key);
    return std::nullopt;
  }
  std::int64_t Int(std::string_view key) {
    auto v = OptInt(key);
    if (!v) Bad(key);
    return v.value_or(0);
  }
  Ordinal OrdinalAt(std::string_view key) {
    std::int64_t v = Int(key);
    if (v < 1 || v > std::numeric_limits<Ordinal>::max()) Bad(key);
    return static_cast<Ordinal>(v);
  }
  template <class T>
  std::optional<T> OptId(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    std::optional<T> id;
    if (v->is_string()) id = DecodeId<T>(v->as_string());
    if (!id) Bad(key);
    return id;
  }
  template <class T>
  T Id(std::string_view key) {
    auto id = OptId<T>(key);
    if (!id) Bad(key);
    return id.value_or(T());
  }
  bool Flag(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    if (!v->is_bool()) return Bad(key), false;
    return v->as_bool();
  }
  const json::value* Find(std::string_view key) const { return o_.if_contains(key); }
  void Bad(std::string_view key) {
    if (!problem_) problem_ = std::string(key);
  }
  const std::optional<std::string>& problem() const { return problem_; }

 private:
  const json::object& o_;
  std::optional<std::string> problem_;
};

Result<json::object> Object(std::string_view payload) {
  boost::system::error_code ec;
  json::value v = json::parse(payload, ec);
  if (ec || !v.is_object()) return Fail(BadEvent("not a JSON object"));
  return std::move(v.as_object());
}

}  // namespace

Result<CustomerFacts> ParseCustomerChanged(std::string_view payload) {
  auto o = Object(payload);
  if (!o) return Fail(o.error());
  Fields r(*o);
  CustomerFacts f;
  f.id = r.Id<CustomerId>("customer_id");
  f.ordinal = r.OrdinalAt("ordinal");
  f.gender = r.Text("gender");
  f.birthday = r.Text("birthday");
  f.province = r.Text("province");
  f.city = r.Text("city");
  f.channel = r.Text("channel");
  f.owner_staff_id = r.OptId<StaffId>("owner_staff_id");
  f.stage = r.Text("stage");
  f.orders_count = r.Int("orders_count");
  f.spent_total = r.Int("spent_total");
  f.first_order_at = r.OptInt("first_order_at");
  f.last_order_at = r.OptInt("last_order_at");
  f.created_at = r.Int("created_at");
  f.merged_into = r.OptId<CustomerId>("merged_into");
  f.erased = r.Flag("erased");
  if (const json::value* fields = r.Find("fields"); fields != nullptr && !fields->is_null()) {
    if (!fields->is_object()) {
      r.Bad("fields");
    } else {
      for (const auto& [key, value] : fields->as_object()) {
        if (value.is_string()) f.fields.emplace(key, value.as_string());
      }
    }
  }
  if (r.problem()) return Fail(BadEvent("customer.changed." + *r.problem()));
  return f;
}

Result<PurchaseFacts> ParseCustomerPurchased(std::string_view payload) {
  auto o = Object(payload);
  if (!o) return Fail(o.error());
  Fields r(*o);
  PurchaseFacts p;
  p.customer_id = r.Id<CustomerId>("customer_id");
  p.ordinal = r.OrdinalAt("ordinal");
  p.order_id = r.Id<OrderId>("order_id");
  p.paid_at = r.Int("paid_at");
  const json::value* lines = r.Find("lines");
  if (lines == nullptr || !lines->is_array()) {
    r.Bad("lines");
  } else {
    for (const auto& line : lines->as_array()) {
      if (!line.is_object()) {
        r.Bad("lines");
        break;
      }
      Fields l(line.as_object());
      PurchaseLine pl;
      pl.product_id = l.Id<ProductId>("product_id");
      pl.sku_id = l.Id<SkuId>("sku_id");
      pl.category_id = l.OptId<CategoryId>("category_id");
      pl.quantity = l.Int("quantity");
      if (l.problem()) r.Bad("lines." + *l.problem());
      p.lines.push_back(pl);
    }
  }
  if (r.problem()) return Fail(BadEvent("customer.purchased." + *r.problem()));
  return p;
}

}  // namespace weishang::tags
