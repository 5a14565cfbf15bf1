// The storefront's catalog, public: what a buyer sees after opening a shared
// link inside WeChat.
//   GET /store/v1/{shop}                 shop profile
//   GET /store/v1/{shop}/home            featured products in order + categories
//   GET /store/v1/{shop}/categories
//   GET /store/v1/{shop}/products?category=&q=&after=&limit=
//   GET /store/v1/{shop}/products/{id}   detail: pictures, specs, SKUs with stock
//   GET /media/{merchant}/{file}         an uploaded picture, e.g. /media/mch_1a/img_2b.jpg
// Every answer is rendered once and kept in Services.storefront_cache per
// merchant: a hit costs two hash lookups and no database read. Catalog writes
// drop the merchant's entries after commit; entries also expire after the
// cache's TTL (1 s in `serve`), which bounds how stale the stock shown is,
// since orders taking stock do not invalidate. Only on_sale products show.
#include "api/app.h"
#include "api/json/catalog_json.h"
#include "api/routes/support.h"
#include "modules/catalog/catalog_errors.h"
#include "workflows/catalog/home_page.h"
#include "workflows/catalog/image_files.h"
#include "workflows/catalog/save_product.h"

namespace weishang::api {
namespace {

namespace errors = catalog::errors;
// Pictures never change at a given URL (each upload gets a new id), so
// browsers and WeChat's proxy may keep them for a year.
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
using Render = std::function<Result<json::value>(Tx&, MerchantId merchant)>;

// Answers from the cache, or renders on a snapshot and caches the body. Only
// successful answers are cached. A render racing a write may store the old
// body; it lives at most one TTL.
Reply Cached(Services& s, const HttpRequest& req, const std::string& key, const Render& render) {
  auto merchant = ResolveShop(s, req);
  if (!merchant) return ErrorResponse(merchant.error());
  HttpResponse resp;
  if (auto hit = s.storefront_cache.Get(*merchant, key)) {
    resp.body = std::move(*hit);
    return resp;
  }
  std::optional<json::value> out;
  auto ok = s.db.Read([&](Tx& tx) -> Result<void> {
    auto v = render(tx, *merchant);
    if (!v) return Fail(v.error());
    out = std::move(*v);
    return {};
  });
  if (!ok) return ErrorResponse(ok.error());
  resp.body = json::serialize(*out);
  s.storefront_cache.Put(*merchant, key, resp.body);
  return resp;
}

json::value StoreCategories(const std::vector<catalog::Category>& list) {
  json::array a;
  for (const auto& c : list) {
    a.push_back(json::object{{"id", EncodeId(c.id)}, {"name", c.name}});
  }
  return a;
}

Reply Shop(Services& s, HttpRequest& req) {
  return Cached(s, req, "shop", [&s](Tx& tx, MerchantId merchant) -> Result<json::value> {
    auto m = s.modules.identity.GetMerchant(tx, merchant);
    if (!m) return Fail(m.error());
    return json::object{{"slug", m->slug},
                        {"name", m->name},
                        {"description", m->description},
                        {"logo_url", m->logo_url},
                        {"contact_phone", m->contact_phone}};
  });
}

Reply Home(Services& s, HttpRequest& req) {
  return Cached(s, req, "home", [&s](Tx& tx, MerchantId merchant) -> Result<json::value> {
    auto home = workflows::LoadStoreHome(tx, s.modules, merchant);
    if (!home) return Fail(home.error());
    return json::object{{"featured", EncodeSummaries(home->featured)},
                        {"categories", StoreCategories(home->categories)}};
  });
}

Reply Categories(Services& s, HttpRequest& req) {
  return Cached(s, req, "categories", [&s](Tx& tx, MerchantId merchant) -> Result<json::value> {
    auto categories = s.modules.catalog.ListCategories(tx, merchant, true);
    if (!categories) return Fail(categories.error());
    return json::object{{"items", StoreCategories(*categories)}};
  });
}

Reply Products(Services& s, HttpRequest& req) {
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  catalog::ProductFilter f;
  f.status = catalog::ProductStatus::kOnSale;
  f.limit = page->limit;
  f.after = *DecodeCursor<ProductId>(page->after);
  f.q = req.QueryParam("q").substr(0, 200);
  std::string category = req.QueryParam("category");
  if (!category.empty()) {
    auto id = DecodeId<CategoryId>(category);
    if (!id) return ErrorResponse(Invalid(errors::kInvalidCategory, "category must be a cat_ id"));
    f.category_id = *id;
  }
  // The key holds the normalised filter, not the raw query, so parameter
  // order or unknown parameters cannot multiply the entries.
  std::string key =
      "products|" + category + "|" + f.q + "|" + page->after + "|" + std::to_string(f.limit);
  return Cached(s, req, key, [&s, f](Tx& tx, MerchantId merchant) -> Result<json::value> {
    auto list = s.modules.catalog.ListProducts(tx, merchant, f);
    if (!list) return Fail(list.error());
    return EncodePage(*list);
  });
}

// The hottest route of the engine; a cache hit never reaches the database.
Reply Product(Services& s, HttpRequest& req) {
  auto id = DecodeId<ProductId>(req.PathParam("id"));
  if (!id) {
    auto shop = ResolveShop(s, req);  // an unknown shop is reported as such
    if (!shop) return ErrorResponse(shop.error());
    return ErrorResponse(NotFound(errors::kProductNotFound, "no such product"));
  }
  std::string key = "product|" + EncodeId(*id);
  return Cached(s, req, key,
                [&s, product = *id](Tx& tx, MerchantId merchant) -> Result<json::value> {
                  auto p = workflows::LoadProductForStore(tx, s.modules, merchant, product);
                  if (!p) return Fail(p.error());
                  return EncodeStoreProduct(*p);
                });
}

Reply ServeMedia(Services& s, HttpRequest& req) {
  auto file = workflows::ReadMediaFile(s.config.upload_dir, req.PathParam("merchant"),
                                       req.PathParam("file"));
  if (!file) return ErrorResponse(file.error());
  HttpResponse resp;
  resp.content_type = std::move(file->content_type);
  resp.body = std::move(file->bytes);
  resp.headers.emplace_back("Cache-Control", kImmutable);
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return resp;
}

}  // namespace

void AddStoreCatalogRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/store/v1/{shop}", [&s](HttpRequest& q) { return Shop(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/home", [&s](HttpRequest& q) { return Home(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/categories",
        [&s](HttpRequest& q) { return Categories(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/products", [&s](HttpRequest& q) { return Products(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/products/{id}",
        [&s](HttpRequest& q) { return Product(s, q); });
  r.Add(Method::kGet, "/media/{merchant}/{file}",
        [&s](HttpRequest& q) { return ServeMedia(s, q); });
}

}  // namespace weishang::api
