// GET /healthz, GET /metrics, GET /openapi.json.
#include "api/app.h"
#include "api/openapi_document.h"
#include "api/routes/support.h"
#include "core/metrics.h"

namespace weishang::api {

void AddSystemRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/healthz", [](HttpRequest&) -> Reply {
    HttpResponse resp;
    resp.body = R"({"status":"ok"})";
    return resp;
  });
  r.Add(Method::kGet, "/metrics", [](HttpRequest&) -> Reply {
    HttpResponse resp;
    resp.content_type = "text/plain; version=0.0.4";
    resp.body = Metrics::Global().Render();
    return resp;
  });
  // The contract, compiled in (docs/openapi.yaml). It changes only with the
  // binary, so clients and proxies may keep it a while, though not forever:
  // the next deploy may change it at the same URL.
  r.Add(Method::kGet, "/openapi.json", [](HttpRequest&) -> Reply {
    HttpResponse resp;
    resp.body = std::string(OpenApiJson());
    resp.headers.emplace_back("Cache-Control", "public, max-age=300");
    return resp;
  });
}

}  // namespace weishang::api
