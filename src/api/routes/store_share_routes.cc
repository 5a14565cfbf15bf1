// Sharing a page of the store:
//   GET /store/v1/{shop}/qr?path=/products/prd_…&code=…&size=360   the link as a QR code (PNG)
// The code holds an absolute link into this shop's store only (never a URL
// the caller chooses), so the engine is no QR generator for phishing. The
// link's origin is serve --public-url, or, when that is not set, the
// request's own Host (answers then vary by Host).
#include <algorithm>
#include <cctype>
#include <charconv>

#include "api/app.h"
#include "api/routes/support.h"
#include "core/qr_png.h"
#include "workflows/sharing/share_link.h"

namespace weishang::api {
namespace {

constexpr int kDefaultQrSize = 360;
constexpr int kMinQrSize = 64;
constexpr int kMaxQrSize = 1024;
// The same query always draws the same picture; a year is as long as caches keep anything.
constexpr const char* kQrCacheControl = "public, max-age=31536000";

Result<int> QrSize(const HttpRequest& req) {
  std::string raw = req.QueryParam("size");
  if (raw.empty()) return kDefaultQrSize;
  int size = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), size);
  if (ec != std::errc() || end != raw.data() + raw.size() || size < kMinQrSize ||
      size > kMaxQrSize) {
    return Fail(Invalid("request.invalid_field", "size must be a whole number of pixels from " +
                                                     std::to_string(kMinQrSize) + " to " +
                                                     std::to_string(kMaxQrSize)));
  }
  return size;
}

Reply ShareQr(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto size = QrSize(req);
  if (!size) return ErrorResponse(size.error());
  bool by_host = s.config.public_url.empty();
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  std::string path = req.QueryParam("path");
  auto link = workflows::StoreLink(*origin, req.PathParam("shop"), path.empty() ? "/" : path);
  if (!link) return ErrorResponse(link.error());
  // A share link's code (POST /store/v1/{shop}/share-links) rides along as ?r=.
  std::string code = req.QueryParam("code");
  if (!code.empty()) {
    bool ok = code.size() <= 80 && std::all_of(code.begin(), code.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
              });
    if (!ok) return ErrorResponse(Invalid("request.invalid_field", "code is a share link's code"));
    *link += "?r=" + code;
  }
  auto qr = RenderQrPng(*link, *size);
  if (!qr) return ErrorResponse(qr.error());
  HttpResponse resp;
  resp.content_type = "image/png";
  resp.body = std::move(qr->png);
  resp.headers.emplace_back("Cache-Control", kQrCacheControl);
  if (by_host) resp.headers.emplace_back("Vary", "Host");
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return resp;
}

}  // namespace

Result<std::string> PublicOrigin(Services& s, const HttpRequest& req) {
  if (s.config.public_url.empty()) return workflows::OriginFromHost(req.host);
  return s.config.public_url;
}

void AddStoreShareRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/store/v1/{shop}/qr", [&s](HttpRequest& q) { return ShareQr(s, q); });
}

}  // namespace weishang::api
