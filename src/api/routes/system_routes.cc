// GET /healthz, GET /metrics, GET /openapi.json, and with serve
// --test-clock POST /sandbox/v1/clock.
#include "api/app.h"
#include "api/json/codecs.h"
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
  // A test clock: moves the server's time forward (never back) so a test
  // sees deadlines pass: groups expire, vouchers lapse, the jobs run on the
  // next tick. Only when served with --test-clock.
  if (s.config.advance_clock) {
    r.Add(Method::kPost, "/sandbox/v1/clock", [&s](HttpRequest& req) -> Reply {
      auto body = Body(req);
      if (!body) return ErrorResponse(body.error());
      JsonReader r(*body);
      std::int64_t seconds = r.Int("advance_seconds", {.min = 1, .max = 366LL * 24 * 3600});
      if (auto bad = r.Error()) return ErrorResponse(*bad);
      Timestamp now = s.config.advance_clock(seconds * 1000);
      return JsonResponse(200, json::object{{"now", TimeOrNull(now)}});
    });
  }
}

}  // namespace weishang::api
