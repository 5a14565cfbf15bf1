#include "modules/pricing/scenario.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <string_view>

#include "core/clock.h"

namespace weishang::pricing::testing {
namespace {

constexpr IntRule kAnyInt{.required = false, .min = INT64_MIN};
constexpr IntRule kRequiredInt{.required = true, .min = INT64_MIN};
constexpr Timestamp kForever = std::numeric_limits<Timestamp>::max();

// A typo in a scenario must fail loudly, not fall back to a default.
void RejectUnknownKeys(const json::object& obj, JsonReader& r,
                       std::initializer_list<std::string_view> known) {
  for (const auto& field : obj) {
    if (std::find(known.begin(), known.end(), field.key()) == known.end()) {
      r.Reject(field.key(), "is not a known field");
    }
  }
}

// An ISO-8601 string or milliseconds; `fallback` when absent.
Timestamp Time(const json::object& obj, JsonReader& r, std::string_view key, Timestamp fallback) {
  const json::value* v = obj.if_contains(key);
  if (v == nullptr || !v->is_string())
    return r.Int(key, {.required = false, .min = INT64_MIN, .fallback = fallback});
  Timestamp t = 0;
  if (!ParseIso8601(std::string(v->get_string()), &t)) r.Reject(key, "must be an ISO-8601 time");
  return t;
}

// Calls `decode(reader, object, path)` for each element of the array under `key`;
// the first problem inside an element goes to `*nested`.
template <class Decode>
void EachObject(JsonReader& r, std::string_view key, const std::string& path,
                std::optional<Error>* nested, Decode decode) {
  const json::array& items = r.Array(key, false);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_object()) {
      r.Reject(key, "must hold objects");
      return;
    }
    const std::string item_path = path + "." + std::string(key) + "[" + std::to_string(i) + "]";
    JsonReader item(items[i].get_object(), item_path);
    decode(item, items[i].get_object(), item_path);
    if (item.Error() && !*nested) *nested = item.Error();
  }
}

template <class T>
std::vector<T> IdList(JsonReader& r, std::string_view key) {
  std::vector<T> ids;
  for (const json::value& v : r.Array(key, false)) {
    if (!v.is_int64())
      r.Reject(key, "must be a list of integers");
    else
      ids.push_back(T(v.get_int64()));
  }
  return ids;
}

CartLine DecodeLine(JsonReader& r, const json::object& obj) {
  RejectUnknownKeys(obj, r,
                    {"sku_id", "product_id", "category_id", "unit_price", "quantity", "title"});
  return CartLine{
      SkuId(r.Int("sku_id", kRequiredInt)),      ProductId(r.Int("product_id", kAnyInt)),
      CategoryId(r.Int("category_id", kAnyInt)), r.Int("unit_price", kRequiredInt),
      r.Int("quantity", kRequiredInt),           r.Str("title", {.required = false})};
}

SkuDiscount DecodeDiscount(JsonReader& r, const json::object& obj) {
  RejectUnknownKeys(
      obj, r,
      {"id", "sku_id", "kind", "percent_bp", "fixed_price", "starts_at", "ends_at", "name"});
  SkuDiscount d;
  d.id = SkuDiscountId(r.Int("id", kRequiredInt));
  d.sku_id = SkuId(r.Int("sku_id", kRequiredInt));
  const std::string kind = r.Str("kind");
  if (kind == "fixed_price")
    d.kind = DiscountKind::kFixedPrice;
  else if (kind != "percent")
    r.Reject("kind", "must be \"percent\" or \"fixed_price\"");
  d.percent_bp = r.Int("percent_bp", {.required = false, .min = INT64_MIN, .fallback = 10000});
  d.fixed_price = r.Int("fixed_price", kAnyInt);
  d.starts_at = Time(obj, r, "starts_at", 0);
  d.ends_at = Time(obj, r, "ends_at", kForever);
  d.name = r.Str("name", {.required = false});
  return d;
}

FullReduction DecodeReduction(JsonReader& r, const json::object& obj, const std::string& path,
                              std::optional<Error>* nested) {
  RejectUnknownKeys(obj, r,
                    {"id", "name", "starts_at", "ends_at", "tiers", "product_ids", "category_ids"});
  FullReduction f;
  f.id = FullReductionId(r.Int("id", kRequiredInt));
  f.name = r.Str("name", {.required = false});
  f.starts_at = Time(obj, r, "starts_at", 0);
  f.ends_at = Time(obj, r, "ends_at", kForever);
  EachObject(r, "tiers", path, nested,
             [&](JsonReader& t, const json::object& tier, const std::string&) {
               RejectUnknownKeys(tier, t, {"threshold", "off"});
               f.tiers.push_back({t.Int("threshold", kRequiredInt), t.Int("off", kRequiredInt)});
             });
  f.product_ids = IdList<ProductId>(r, "product_ids");
  f.category_ids = IdList<CategoryId>(r, "category_ids");
  return f;
}

Coupon DecodeCoupon(JsonReader& r, const json::object& obj) {
  RejectUnknownKeys(obj, r,
                    {"id", "code", "kind", "amount_off", "percent_off_bp", "max_off", "min_spend",
                     "valid_from", "valid_until", "per_customer_limit", "total_quantity",
                     "used_count", "used_by_this_customer"});
  Coupon c;
  c.id = CouponId(r.Int("id", kRequiredInt));
  c.code = r.Str("code");
  const std::string kind = r.Str("kind");
  if (kind == "percent")
    c.kind = CouponKind::kPercent;
  else if (kind != "fixed")
    r.Reject("kind", "must be \"fixed\" or \"percent\"");
  c.amount_off = r.Int("amount_off", kAnyInt);
  c.percent_off_bp = r.Int("percent_off_bp", kAnyInt);
  c.max_off = r.Int("max_off", kAnyInt);
  c.min_spend = r.Int("min_spend", kAnyInt);
  c.valid_from = Time(obj, r, "valid_from", 0);
  c.valid_until = Time(obj, r, "valid_until", kForever);
  c.per_customer_limit = r.Int("per_customer_limit", kAnyInt);
  c.total_quantity = r.Int("total_quantity", kAnyInt);
  c.used_count = r.Int("used_count", kAnyInt);
  c.used_by_this_customer = r.Int("used_by_this_customer", kAnyInt);
  return c;
}

Result<QuoteInput> DecodeInput(const json::object& obj) {
  JsonReader r(obj, "input");
  RejectUnknownKeys(obj, r,
                    {"lines", "postage", "discounts", "reductions", "coupon", "region", "now"});
  QuoteInput in;
  std::optional<Error> nested;
  in.now = Time(obj, r, "now", 0);
  in.region = r.OptStr("region");
  EachObject(r, "lines", "input", &nested,
             [&](JsonReader& l, const json::object& o, const std::string&) {
               in.lines.push_back(DecodeLine(l, o));
             });
  const json::object& postage = r.Object("postage", false);
  JsonReader p(postage, "input.postage");
  RejectUnknownKeys(postage, p, {"flat_fee", "free_above", "excluded_regions"});
  in.postage.flat_fee = p.Int("flat_fee", kAnyInt);
  in.postage.free_above = p.OptInt("free_above");
  in.postage.excluded_regions = p.StrList("excluded_regions");
  if (p.Error()) return Fail(*p.Error());
  EachObject(r, "discounts", "input", &nested,
             [&](JsonReader& d, const json::object& o, const std::string&) {
               in.discounts.push_back(DecodeDiscount(d, o));
             });
  EachObject(r, "reductions", "input", &nested,
             [&](JsonReader& f, const json::object& o, const std::string& at) {
               in.reductions.push_back(DecodeReduction(f, o, at, &nested));
             });
  if (r.Has("coupon")) {
    JsonReader c(r.Object("coupon"), "input.coupon");
    in.coupon = DecodeCoupon(c, r.Object("coupon"));
    if (c.Error()) return Fail(*c.Error());
  }
  if (r.Error()) return Fail(*r.Error());
  if (nested) return Fail(*nested);
  return in;
}

}  // namespace

std::vector<std::string> ListScenarioFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ScenarioDir() {
  const char* root = std::getenv("WEISHANG_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/tests/data/pricing";
}

Result<Scenario> LoadScenario(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Fail(NotFound("test.missing_file", "cannot open " + path));
  std::stringstream text;
  text << file.rdbuf();
  Result<json::object> root = ParseObject(text.str());
  if (!root) return Fail(root.error());

  JsonReader r(*root);
  RejectUnknownKeys(*root, r, {"name", "description", "input", "expect"});
  Scenario scenario;
  scenario.file = std::filesystem::path(path).filename().string();
  scenario.name = r.Str("name");
  const json::object& input = r.Object("input");
  scenario.expect = r.Object("expect");
  if (r.Error()) return Fail(*r.Error());
  Result<QuoteInput> decoded = DecodeInput(input);
  if (!decoded) return Fail(decoded.error());
  scenario.input = std::move(*decoded);
  return scenario;
}

}  // namespace weishang::pricing::testing
