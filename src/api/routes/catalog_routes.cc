// The console's catalog: categories, products, SKU stock and the home page.
//   GET  /admin/v1/categories              POST /admin/v1/categories  [Idempotency-Key]
//   PATCH /admin/v1/categories/{id}
//   GET  /admin/v1/products?status=&category=&q=&after=&limit=
//   GET  /admin/v1/products/export.csv?status=&category=&q=&lang=   one row per SKU
//   POST /admin/v1/products  [Idempotency-Key]
//   GET  /admin/v1/products/{id}           PUT /admin/v1/products/{id}
//   POST /admin/v1/products/{id}/status    {"action": "publish" | "unpublish" | "archive"}
//   PUT  /admin/v1/skus/{id}/stock         {"stock": 120}
//   GET  /admin/v1/home                    PUT /admin/v1/home  {"product_ids": [...]}
//   POST /admin/v1/images   raw bytes, Content-Type image/jpeg|png|webp|gif
// Reads need Permission::kRead, writes kCatalogWrite. Every write the
// storefront can see records an event (product.changed, ...), whose commit
// drops the merchant's storefront cache (workflows/events/local_events.h).
#include "api/app.h"
#include "api/json/catalog_json.h"
#include "api/routes/support.h"
#include "modules/catalog/catalog_errors.h"
#include "workflows/catalog/export_products.h"
#include "workflows/catalog/home_page.h"
#include "workflows/catalog/image_files.h"
#include "workflows/catalog/save_product.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = catalog::errors;

Reply ListCategories(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.catalog.ListCategories(tx, who->merchant_id, false);
    if (!list) return Fail(list.error());
    return EncodeCategories(*list);
  });
}

Reply CreateCategory(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string name = r.Str("name", {.max_len = 1000});
  std::int64_t sort_order =
      r.Int("sort_order", {.required = false, .min = -1'000'000, .max = 1'000'000});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = who->merchant_id;
  auto create = [&s, merchant, name, sort_order](Tx& tx) -> Result<json::value> {
    auto c = s.modules.catalog.CreateCategory(tx, merchant, name, sort_order);
    if (!c) return Fail(c.error());
    return EncodeCategory(*c);
  };
  return IdempotentWrite(s, req, merchant, "catalog.category.create", create);
}

Reply UpdateCategory(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CategoryId>(req, "id", errors::kCategoryNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  catalog::CategoryUpdate u;
  u.name = r.OptStr("name", 1000);
  u.sort_order = r.OptInt("sort_order", -1'000'000, 1'000'000);
  auto status = r.OptStr("status", 20);
  if (r.Error()) return ErrorResponse(*r.Error());
  if (status) {
    u.status = FromText(catalog::kCategoryStatusText, *status);
    if (!u.status) {
      return ErrorResponse(
          Invalid(errors::kInvalidStatus, "category status must be active or hidden"));
    }
  }
  MerchantId merchant = who->merchant_id;
  CategoryId category = *id;
  return WriteThen<catalog::Category>(
      s,
      [&s, merchant, category, u](Tx& tx) {
        return s.modules.catalog.UpdateCategory(tx, merchant, category, u);
      },
      EncodeCategory);
}

// ?status=&category=&q=, the filters of the list and of the export.
Result<catalog::ProductFilter> ParseSelection(const HttpRequest& req) {
  catalog::ProductFilter f;
  std::string status = req.QueryParam("status");
  if (!status.empty()) {
    f.status = catalog::ParseStatus(status);
    if (!f.status) {
      return Fail(
          Invalid(errors::kInvalidStatus, "status must be draft, on_sale, off_sale or archived"));
    }
  }
  std::string category = req.QueryParam("category");
  if (!category.empty()) {
    auto id = DecodeId<CategoryId>(category);
    if (!id) return Fail(Invalid(errors::kInvalidCategory, "category must be a cat_ id"));
    f.category_id = *id;
  }
  f.q = req.QueryParam("q").substr(0, 200);
  return f;
}

// The selection plus ?after=&limit=.
Result<catalog::ProductFilter> ParseFilter(const HttpRequest& req) {
  auto page = ParsePage(req);
  if (!page) return Fail(page.error());
  auto f = ParseSelection(req);
  if (!f) return Fail(f.error());
  f->limit = page->limit;
  f->after = *DecodeCursor<ProductId>(page->after);
  return f;
}

Reply ListProducts(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto filter = ParseFilter(req);
  if (!filter) return ErrorResponse(filter.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto page = s.modules.catalog.ListProducts(tx, who->merchant_id, *filter);
    if (!page) return Fail(page.error());
    return EncodePage(*page);
  });
}

// The list's filters as a spreadsheet: UTF-8 CSV with a byte order mark
// (Excel on Windows needs it for Chinese), money in yuan, one row per SKU,
// offered as a file named after the day. `lang` picks the header row's
// language: zh-CN (the default) or en.
Reply ExportProducts(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto filter = ParseSelection(req);
  if (!filter) return ErrorResponse(filter.error());
  std::string lang = req.QueryParam("lang");
  if (!lang.empty() && lang != "zh-CN" && lang != "en") {
    return ErrorResponse(Invalid("request.invalid_field", "lang must be zh-CN or en"));
  }
  auto language =
      lang == "en" ? workflows::ExportLanguage::kEnglish : workflows::ExportLanguage::kChinese;
  std::string csv;
  auto read = s.db.Read([&](Tx& tx) -> Result<void> {
    auto text = workflows::ExportProductsCsv(tx, s.modules, who->merchant_id, *filter, language);
    if (!text) return Fail(text.error());
    csv = std::move(*text);
    return {};
  });
  if (!read) return ErrorResponse(read.error());
  std::string day = FormatIso8601(s.clock.Now()).substr(0, 10);
  std::erase(day, '-');
  HttpResponse resp;
  resp.content_type = "text/csv; charset=utf-8";
  resp.body = std::move(csv);
  resp.headers.emplace_back("Content-Disposition",
                            "attachment; filename=\"products-" + day + ".csv\"");
  resp.headers.emplace_back("Cache-Control", "no-store");
  return resp;
}

Reply GetProduct(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ProductId>(req, "id", errors::kProductNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto p = workflows::LoadProductWithStock(tx, s.modules, who->merchant_id, *id);
    if (!p) return Fail(p.error());
    return EncodeProduct(*p);
  });
}

Reply CreateProduct(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeProductInput(*body);
  if (!in) return ErrorResponse(in.error());
  MerchantId merchant = who->merchant_id;
  // A new product is a draft: the storefront cannot see it, so no invalidation.
  auto create = [&s, merchant, in = *in](Tx& tx) -> Result<json::value> {
    auto p = workflows::CreateProductWithStock(tx, s.modules, merchant, in);
    if (!p) return Fail(p.error());
    return EncodeProduct(*p);
  };
  return IdempotentWrite(s, req, merchant, "catalog.product.create", create);
}

Reply UpdateProduct(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ProductId>(req, "id", errors::kProductNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeProductInput(*body);
  if (!in) return ErrorResponse(in.error());
  MerchantId merchant = who->merchant_id;
  ProductId product = *id;
  return WriteThen<workflows::ProductWithStock>(
      s,
      [&s, merchant, product, in = *in](Tx& tx) {
        return workflows::UpdateProductWithStock(tx, s.modules, merchant, product, in);
      },
      EncodeProduct);
}

Reply ChangeProductStatus(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ProductId>(req, "id", errors::kProductNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  auto action = catalog::ParseAction(r.Str("action", {.max_len = 20}));
  if (!r.Error() && !action) r.Reject("action", "must be publish, unpublish or archive");
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = who->merchant_id;
  ProductId product = *id;
  return WriteThen<workflows::ProductWithStock>(
      s,
      [&s, merchant, product, a = *action](Tx& tx) {
        return workflows::ChangeProductStatus(tx, s.modules, merchant, product, a);
      },
      EncodeProduct);
}

Reply SetSkuStock(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<SkuId>(req, "id", errors::kSkuNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::int64_t units = r.Int("stock", {.min = INT64_MIN});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = who->merchant_id;
  SkuId sku = *id;
  return WriteThen<std::int64_t>(
      s,
      [&s, merchant, sku, units](Tx& tx) {
        return workflows::SetSkuStock(tx, s.modules, merchant, sku, units);
      },
      [sku](const std::int64_t& stock) {
        return json::value(json::object{{"sku_id", EncodeId(sku)}, {"stock", stock}});
      });
}

Reply GetHome(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto featured = s.modules.catalog.ListFeatured(tx, who->merchant_id);
    if (!featured) return Fail(featured.error());
    return json::object{{"featured", EncodeSummaries(*featured)}};
  });
}

Result<std::vector<ProductId>> ParseProductIds(const json::object& body) {
  JsonReader r(body);
  std::vector<ProductId> ids;
  for (const std::string& text : r.StrList("product_ids", 100, 40)) {
    auto id = DecodeId<ProductId>(text);
    if (!id) return Fail(NotFound(errors::kProductNotFound, "no product '" + text + "'"));
    ids.push_back(*id);
  }
  if (!r.Has("product_ids")) r.Reject("product_ids", "is required");
  if (r.Error()) return Fail(*r.Error());
  return ids;
}

Reply SetHome(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto ids = ParseProductIds(*body);
  if (!ids) return ErrorResponse(ids.error());
  MerchantId merchant = who->merchant_id;
  return WriteThen<std::vector<catalog::ProductSummary>>(
      s,
      [&s, merchant, ids = *ids](Tx& tx) {
        return workflows::ArrangeHome(tx, s.modules, merchant, ids);
      },
      [](const std::vector<catalog::ProductSummary>& featured) {
        return json::value(json::object{{"featured", EncodeSummaries(featured)}});
      });
}

Reply UploadImage(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCatalogWrite);
  if (!who) return ErrorResponse(who.error());
  workflows::ImageFiles files{s.config.upload_dir, s.config.max_image_bytes};
  MerchantId merchant = who->merchant_id;
  auto prepared =
      workflows::PrepareImage(s.db, s.modules, s.ids, files, merchant, req.content_type, req.body);
  if (!prepared) return ErrorResponse(prepared.error());
  if (!prepared->is_new) return JsonResponse(200, EncodeImage(prepared->image));
  return WriteThen<catalog::Image>(
      s,
      [&s, files, merchant, image = prepared->image](Tx& tx) {
        return workflows::RecordImageFile(tx, s.modules, files, merchant, image);
      },
      EncodeImage, 201);
}

}  // namespace

void AddCatalogRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/categories",
        [&s](HttpRequest& q) { return ListCategories(s, q); });
  r.Add(Method::kPost, "/admin/v1/categories",
        [&s](HttpRequest& q) { return CreateCategory(s, q); });
  r.Add(Method::kPatch, "/admin/v1/categories/{id}",
        [&s](HttpRequest& q) { return UpdateCategory(s, q); });
  r.Add(Method::kGet, "/admin/v1/products", [&s](HttpRequest& q) { return ListProducts(s, q); });
  r.Add(Method::kPost, "/admin/v1/products", [&s](HttpRequest& q) { return CreateProduct(s, q); });
  // Before /admin/v1/products/{id}: routes match in the order they are added.
  r.Add(Method::kGet, "/admin/v1/products/export.csv",
        [&s](HttpRequest& q) { return ExportProducts(s, q); });
  r.Add(Method::kGet, "/admin/v1/products/{id}", [&s](HttpRequest& q) { return GetProduct(s, q); });
  r.Add(Method::kPut, "/admin/v1/products/{id}",
        [&s](HttpRequest& q) { return UpdateProduct(s, q); });
  r.Add(Method::kPost, "/admin/v1/products/{id}/status",
        [&s](HttpRequest& q) { return ChangeProductStatus(s, q); });
  r.Add(Method::kPut, "/admin/v1/skus/{id}/stock",
        [&s](HttpRequest& q) { return SetSkuStock(s, q); });
  r.Add(Method::kGet, "/admin/v1/home", [&s](HttpRequest& q) { return GetHome(s, q); });
  r.Add(Method::kPut, "/admin/v1/home", [&s](HttpRequest& q) { return SetHome(s, q); });
  r.Add(Method::kPost, "/admin/v1/images", [&s](HttpRequest& q) { return UploadImage(s, q); });
}

}  // namespace weishang::api
