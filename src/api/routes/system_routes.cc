// GET /healthz, GET /metrics.
#include "api/app.h"
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
}

}  // namespace weishang::api
