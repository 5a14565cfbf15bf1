#include "api/json/catalog_json.h"

#include "api/routes/support.h"
#include "core/clock.h"
#include "modules/catalog/catalog_errors.h"

namespace weishang::api {
namespace {

// Generous type-level bounds; the catalog's tighter limits give catalog.* codes.
constexpr std::size_t kMaxText = 100'000;
constexpr std::size_t kMaxItems = 1'000;

template <class T>
json::value IdOrNull(T id) {
  return id.valid() ? json::value(EncodeId(id)) : json::value(nullptr);
}

json::value OptFen(const std::optional<weishang::Fen>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array Strings(const std::vector<std::string>& values) {
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  return a;
}

json::value ImageJson(const std::optional<catalog::ImageRef>& img) {
  if (!img) return nullptr;
  return json::object{{"id", EncodeId(img->id)}, {"url", img->url}};
}

json::object Policy(const catalog::AftersalesPolicy& a) {
  return {{"no_reason_7d", a.no_reason_7d},
          {"quality_return", a.quality_return},
          {"exchange", a.exchange},
          {"refund_only", a.refund_only}};
}

json::array Options(const std::vector<catalog::SpecOption>& options) {
  json::array a;
  for (const auto& o : options)
    a.push_back(json::object{{"name", o.name}, {"values", Strings(o.values)}});
  return a;
}

// The fields both views share.
json::object ProductBase(const catalog::Product& p) {
  json::array details;
  for (const auto& d : p.detail_images) details.push_back(ImageJson(d));
  return {{"id", EncodeId(p.id)},
          {"title", p.title},
          {"subtitle", p.subtitle},
          {"description", p.description},
          {"category_id", IdOrNull(p.category_id)},
          {"main_image", ImageJson(p.main_image)},
          {"detail_images", std::move(details)},
          {"consumption_cycle_days", p.consumption_cycle_days},
          {"aftersales", Policy(p.policy)},
          {"spec_options", Options(p.spec_options)}};
}

std::int64_t StockOf(const workflows::ProductWithStock& p, SkuId sku) {
  auto it = p.stock.find(sku);
  return it == p.stock.end() ? 0 : it->second;
}

json::object SkuBase(const catalog::Product& p, const catalog::Sku& s, std::int64_t stock) {
  return {{"id", EncodeId(s.id)},
          {"spec_values", Strings(s.spec_values)},
          {"spec_text", catalog::SpecText(p.spec_options, s.spec_values)},
          {"price", s.price},
          {"list_price", OptFen(s.list_price)},
          {"stock", stock}};
}

Result<std::vector<catalog::SpecOption>> DecodeOptions(JsonReader& r) {
  std::vector<catalog::SpecOption> out;
  for (const auto& item : r.Array("spec_options", false, kMaxItems)) {
    if (!item.is_object()) {
      r.Reject("spec_options", "must be a list of {name, values} objects");
      break;
    }
    JsonReader o(item.get_object(), "spec_options");
    catalog::SpecOption opt;
    opt.name = o.Str("name", {.max_len = kMaxText});
    opt.values = o.StrList("values", kMaxItems, kMaxText);
    if (o.Error()) return Fail(*o.Error());
    out.push_back(std::move(opt));
  }
  if (r.Error()) return Fail(*r.Error());
  return out;
}

Result<void> DecodeSkus(JsonReader& r, workflows::SaveProductInput* in) {
  for (const auto& item : r.Array("skus", true, kMaxItems)) {
    if (!item.is_object()) {
      r.Reject("skus", "must be a list of objects");
      break;
    }
    JsonReader s(item.get_object(), "skus");
    catalog::SkuInput sku;
    sku.spec_values = s.StrList("spec_values", kMaxItems, kMaxText);
    sku.price = s.Int("price", {.min = INT64_MIN});
    sku.list_price = s.OptInt("list_price");
    sku.barcode = s.OptStr("barcode", kMaxText);
    in->stock.push_back(s.OptInt("stock"));
    if (s.Error()) return Fail(*s.Error());
    in->product.skus.push_back(std::move(sku));
  }
  if (r.Error()) return Fail(*r.Error());
  return {};
}

Result<std::vector<ImageId>> DecodeImageIds(JsonReader& r) {
  std::vector<ImageId> out;
  for (const std::string& text : r.StrList("detail_image_ids", kMaxItems, 40)) {
    auto id = DecodeId<ImageId>(text);
    if (!id) return Fail(NotFound(catalog::errors::kImageNotFound, "no image '" + text + "'"));
    out.push_back(*id);
  }
  if (r.Error()) return Fail(*r.Error());
  return out;
}

}  // namespace

Result<Id> DecodeOptionalIdValue(const json::object& body, std::string_view key,
                                 std::string_view prefix, const char* not_found_code) {
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null() || (v->is_string() && v->get_string().empty())) return Id{0};
  std::string text = v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
  auto id = v->is_string() ? DecodeId(prefix, text) : std::nullopt;
  if (!id) {
    return Fail(NotFound(not_found_code, "no " + std::string(key) + " '" + text + "'"));
  }
  return *id;
}

Result<workflows::SaveProductInput> DecodeProductInput(const json::object& body) {
  workflows::SaveProductInput in;
  catalog::ProductInput& p = in.product;
  JsonReader r(body);
  p.title = r.Str("title", {.max_len = kMaxText});
  p.subtitle = r.Str("subtitle", {.required = false, .max_len = kMaxText});
  p.description = r.Str("description", {.required = false, .max_len = kMaxText});
  p.consumption_cycle_days = r.Int("consumption_cycle_days", {.required = false, .min = INT64_MIN});
  JsonReader a(r.Object("aftersales", false), "aftersales");
  p.policy = {a.Bool("no_reason_7d", true), a.Bool("quality_return", true),
              a.Bool("exchange", true), a.Bool("refund_only", true)};
  if (auto bad = r.Error() ? r.Error() : a.Error()) return Fail(*bad);
  auto category =
      DecodeOptionalId<CategoryId>(body, "category_id", catalog::errors::kCategoryNotFound);
  if (!category) return Fail(category.error());
  p.category_id = *category;
  auto main = DecodeOptionalId<ImageId>(body, "main_image_id", catalog::errors::kImageNotFound);
  if (!main) return Fail(main.error());
  p.main_image_id = *main;
  auto details = DecodeImageIds(r);
  if (!details) return Fail(details.error());
  p.detail_image_ids = std::move(*details);
  auto options = DecodeOptions(r);
  if (!options) return Fail(options.error());
  p.spec_options = std::move(*options);
  if (auto ok = DecodeSkus(r, &in); !ok) return Fail(ok.error());
  return in;
}

json::value EncodeProduct(const workflows::ProductWithStock& pw) {
  const catalog::Product& p = pw.product;
  json::object o = ProductBase(p);
  json::array skus;
  for (const auto& s : p.skus) {
    json::object sku = SkuBase(p, s, StockOf(pw, s.id));
    sku["barcode"] = s.barcode ? json::value(*s.barcode) : json::value(nullptr);
    sku["status"] = TextOf(catalog::kSkuStatusText, s.status);
    skus.push_back(std::move(sku));
  }
  o["status"] = catalog::StatusName(p.status);
  o["skus"] = std::move(skus);
  o["created_at"] = FormatIso8601(p.created_at);
  o["updated_at"] = FormatIso8601(p.updated_at);
  return o;
}

json::value EncodeStoreProduct(const workflows::ProductWithStock& pw) {
  const catalog::Product& p = pw.product;
  json::object o = ProductBase(p);
  json::array skus;
  bool sold_out = true;
  for (const auto& s : p.skus) {
    std::int64_t stock = StockOf(pw, s.id);
    json::object sku = SkuBase(p, s, stock);
    sku["sold_out"] = stock <= 0;
    sold_out = sold_out && stock <= 0;
    skus.push_back(std::move(sku));
  }
  o["skus"] = std::move(skus);
  o["sold_out"] = sold_out;
  return o;
}

json::value EncodeSummary(const catalog::ProductSummary& s) {
  return json::object{{"id", EncodeId(s.id)},
                      {"title", s.title},
                      {"subtitle", s.subtitle},
                      {"category_id", IdOrNull(s.category_id)},
                      {"status", catalog::StatusName(s.status)},
                      {"main_image_url", s.main_image_url},
                      {"min_price", s.min_price},
                      {"max_price", s.max_price},
                      {"created_at", FormatIso8601(s.created_at)},
                      {"updated_at", FormatIso8601(s.updated_at)}};
}

json::value EncodeSummaries(const std::vector<catalog::ProductSummary>& items) {
  json::array a;
  for (const auto& s : items) a.push_back(EncodeSummary(s));
  return a;
}

json::value EncodePage(const catalog::ProductPage& page) {
  json::value next =
      !page.next_after.valid() ? json::value(nullptr) : json::value(EncodeCursor(page.next_after));
  return json::object{{"items", EncodeSummaries(page.items)}, {"next_cursor", std::move(next)}};
}

json::value EncodeCategory(const catalog::Category& c) {
  return json::object{{"id", EncodeId(c.id)},
                      {"name", c.name},
                      {"sort_order", c.sort_order},
                      {"status", TextOf(catalog::kCategoryStatusText, c.status)},
                      {"created_at", FormatIso8601(c.created_at)},
                      {"updated_at", FormatIso8601(c.updated_at)}};
}

json::value EncodeCategories(const std::vector<catalog::Category>& list) {
  json::array a;
  for (const auto& c : list) a.push_back(EncodeCategory(c));
  return json::object{{"items", std::move(a)}};
}

json::value EncodeImage(const catalog::Image& img) {
  return json::object{{"id", EncodeId(img.id)},
                      {"url", catalog::ImageUrl(img.path)},
                      {"content_type", img.content_type},
                      {"size_bytes", img.size_bytes},
                      {"sha256", img.sha256},
                      {"created_at", FormatIso8601(img.created_at)}};
}

}  // namespace weishang::api
