// The web front end (web/, built by `make build` into the --web-root and
// read into memory at start; see api/http/static_files.h):
//   GET /                        302 to /console/
//   GET /console/{path...}       the merchant console: its index.html for every path under it
//   GET /s/{shop}/{path...}      the micro-store: its index.html for every shop and path
//   GET /assets/{file...}        the hashed scripts, styles and pictures both load
// Both apps route in the browser (history mode), so an unknown path under
// them is the app's page, which shows what the path means. Files come
// gzipped when the client accepts it and a .gz was built beside them.
#include "api/api_errors.h"
#include "api/app.h"
#include "api/routes/support.h"

namespace weishang::api {
namespace {

// Asset names carry a hash of their content: a URL never changes content.
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
// The pages: scripts and styles only from this origin, no inline script, so
// injected markup cannot run. Inline styles stay allowed: Vant's and Element
// Plus's components position popups through style attributes.
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

HttpResponse NotBuilt() {
  return ErrorResponse(NotFound(api::errors::kWebNotBuilt,
                                "the web front end is not built here: run make build, or pass "
                                "serve --web-root DIR"));
}

HttpResponse FileResponse(const StaticFile& file, const HttpRequest& req,
                          const char* cache_control) {
  HttpResponse resp;
  resp.content_type = file.content_type;
  bool gzip = file.gzipped && AcceptsGzip(req.accept_encoding);
  resp.shared_body = gzip ? file.gzipped : file.bytes;
  resp.headers.emplace_back("Cache-Control", cache_control);
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // Caches must keep the two encodings apart.
  if (file.gzipped) resp.headers.emplace_back("Vary", "Accept-Encoding");
  if (gzip) resp.headers.emplace_back("Content-Encoding", "gzip");
  return resp;
}

// An app's index.html; revalidated on every load (no-cache), so a new build
// is picked up at once while its hashed assets stay cached.
Reply AppPage(Services& s, const HttpRequest& req, std::string_view index) {
  const StaticFile* file = s.config.web ? s.config.web->Find(index) : nullptr;
  if (file == nullptr) return NotBuilt();
  HttpResponse resp = FileResponse(*file, req, "no-cache");
  resp.headers.emplace_back("Content-Security-Policy", kPagePolicy);
  return resp;
}

Reply Asset(Services& s, const HttpRequest& req) {
  if (!s.config.web) return NotBuilt();
  const StaticFile* file = s.config.web->Find("assets/" + PercentDecodePath(req.PathParam("file")));
  if (file == nullptr) return ErrorResponse(NotFound(api::errors::kWebNotFound, "no such file"));
  return FileResponse(*file, req, kImmutable);
}

Reply ToConsole(HttpRequest&) {
  HttpResponse resp;
  resp.status = 302;
  resp.content_type = "text/plain; charset=utf-8";
  resp.body = "/console/\n";
  resp.headers.emplace_back("Location", "/console/");
  return resp;
}

}  // namespace

void AddWebRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/", ToConsole);
  r.Add(Method::kGet, "/console/{path...}",
        [&s](HttpRequest& q) { return AppPage(s, q, "console/index.html"); });
  r.Add(Method::kGet, "/s/{shop}/{path...}",
        [&s](HttpRequest& q) { return AppPage(s, q, "shop/index.html"); });
  r.Add(Method::kGet, "/assets/{file...}", [&s](HttpRequest& q) { return Asset(s, q); });
}

}  // namespace weishang::api
