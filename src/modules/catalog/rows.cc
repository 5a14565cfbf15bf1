#include "modules/catalog/rows.h"

#include "core/json.h"

namespace weishang::catalog::detail {
namespace {

json::array StringArray(const std::vector<std::string>& values) {
  json::array a;
  for (const auto& v : values) a.emplace_back(v);
  return a;
}

std::vector<std::string> ReadStrings(const json::value& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

json::value ParseOr(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(json::array()) : v;
}

}  // namespace

Category CategoryFromRow(const storage::Row& r) {
  return Category{r.IdAt(0),
                  r.IdAt(1),
                  r.Str(2),
                  r.Int(3),
                  FromText(kCategoryStatusText, r.Str(4)).value_or(CategoryStatus::kHidden),
                  r.Int(5),
                  r.Int(6)};
}

Product ProductFromRow(const storage::Row& r) {
  Product p;
  p.id = r.IdAt(0);
  p.merchant_id = r.IdAt(1);
  p.category_id = r.IdAt(2);
  p.title = r.Str(3);
  p.subtitle = r.Str(4);
  p.description = r.Str(5);
  p.status = ParseStatus(r.Str(6)).value_or(ProductStatus::kDraft);
  if (r.Int(7) != 0) p.main_image = ImageRef{r.IdAt(7), r.Str(8)};
  p.detail_images = DecodeImages(r.Str(9));
  p.spec_options = DecodeOptions(r.Str(10));
  p.consumption_cycle_days = r.Int(11);
  p.policy = AftersalesPolicy{r.Bool(12), r.Bool(13), r.Bool(14), r.Bool(15)};
  p.created_at = r.Int(16);
  p.updated_at = r.Int(17);
  return p;
}

Sku SkuFromRow(const storage::Row& r) {
  Sku s;
  s.id = r.IdAt(0);
  s.product_id = r.IdAt(1);
  s.spec_values = DecodeStrings(r.Str(2));
  s.price = r.Int(3);
  s.list_price = r.OptInt(4);
  s.barcode = r.OptStr(5);
  s.status = FromText(kSkuStatusText, r.Str(6)).value_or(SkuStatus::kOffSale);
  s.created_at = r.Int(7);
  s.updated_at = r.Int(8);
  return s;
}

Image ImageFromRow(const storage::Row& r) {
  return Image{r.IdAt(0), r.IdAt(1), r.Str(2), r.Int(3), r.Str(4), r.Str(5), r.Int(6)};
}

ProductSummary SummaryFromRow(const storage::Row& r) {
  ProductSummary s;
  s.id = r.IdAt(0);
  s.category_id = r.IdAt(1);
  s.title = r.Str(2);
  s.subtitle = r.Str(3);
  s.status = ParseStatus(r.Str(4)).value_or(ProductStatus::kDraft);
  s.main_image_url = r.Str(5);
  s.min_price = r.Int(6);
  s.max_price = r.Int(7);
  s.created_at = r.Int(8);
  s.updated_at = r.Int(9);
  return s;
}

std::string EncodeStrings(const std::vector<std::string>& values) {
  return json::serialize(StringArray(values));
}

std::vector<std::string> DecodeStrings(const std::string& text) {
  return ReadStrings(ParseOr(text));
}

std::string EncodeOptions(const std::vector<SpecOption>& options) {
  json::array a;
  for (const auto& o : options) {
    a.push_back(json::object{{"name", o.name}, {"values", StringArray(o.values)}});
  }
  return json::serialize(a);
}

std::vector<SpecOption> DecodeOptions(const std::string& text) {
  std::vector<SpecOption> out;
  json::value v = ParseOr(text);
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.get_object();
    const json::value* name = o.if_contains("name");
    const json::value* values = o.if_contains("values");
    if (name == nullptr || !name->is_string() || values == nullptr) continue;
    out.push_back(SpecOption{std::string(name->get_string()), ReadStrings(*values)});
  }
  return out;
}

std::string EncodeImages(const std::vector<ImageRef>& images) {
  json::array a;
  for (const auto& i : images) a.push_back(json::object{{"id", i.id.value()}, {"url", i.url}});
  return json::serialize(a);
}

std::vector<ImageRef> DecodeImages(const std::string& text) {
  std::vector<ImageRef> out;
  json::value v = ParseOr(text);
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.get_object();
    const json::value* id = o.if_contains("id");
    const json::value* url = o.if_contains("url");
    if (id == nullptr || !id->is_int64() || url == nullptr || !url->is_string()) continue;
    out.push_back(ImageRef{ImageId(id->get_int64()), std::string(url->get_string())});
  }
  return out;
}

Result<std::vector<Sku>> LoadSkus(Tx& tx, MerchantId merchant, ProductId product) {
  auto rows = tx.Query(std::string("SELECT ") + kSkuColumns +
                           " FROM catalog_sku WHERE merchant_id = ? AND product_id = ?"
                           " ORDER BY position, id",
                       {merchant, product});
  if (!rows) return Fail(rows.error());
  std::vector<Sku> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(SkuFromRow(r));
  return out;
}

}  // namespace weishang::catalog::detail
