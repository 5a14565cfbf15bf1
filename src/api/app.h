// The request handler: rate limits, routing, and the per-request log line
// and metrics. Knows no socket (server.cc does) and no SQL (modules do).
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "api/http/message.h"
#include "api/http/rate_limiter.h"
#include "api/http/router.h"
#include "api/services.h"
#include "core/metrics.h"

namespace weishang::api {

// The JSON log line of one answered request (one per request, on stdout).
std::string RequestLogLine(Timestamp now, const HttpRequest& req, std::string_view route,
                           int status, double seconds, std::size_t bytes);

// A resource's routes, added to the router once at start. Each module's
// descriptor (cli/registry.cc) lists its own.
using RouteTable = std::function<void(Router&, Services&)>;

class App {
 public:
  // Serves the routes `tables` add, in that order.
  App(Services services, const std::vector<RouteTable>& tables);

  // Answers one request. Thread-safe.
  Reply Handle(HttpRequest& req);
  // Records the log line and metrics of an answered request.
  void Observe(const HttpRequest& req, int status, double seconds, std::size_t bytes);

  const Router& router() const { return router_; }

 private:
  // A route's series, resolved once so a request touches no registry lock.
  struct RouteMetrics {
    Histogram* latency = nullptr;
    std::array<std::atomic<Counter*>, 600> by_status{};
  };
  RouteMetrics& MetricsFor(const std::string& route);

  Services services_;
  Router router_;
  RateLimiter per_ip_;
  std::unordered_map<std::string, std::unique_ptr<RouteMetrics>> metrics_;  // read-only after start
};

// Route tables, one per resource file in api/routes/.
void AddSystemRoutes(Router& r, Services& s);
void AddAuthRoutes(Router& r, Services& s);
void AddShopRoutes(Router& r, Services& s);
void AddOrderRoutes(Router& r, Services& s);
void AddAftersalesRoutes(Router& r, Services& s);
void AddPromotionRoutes(Router& r, Services& s);
void AddStoreOrderRoutes(Router& r, Services& s);
void AddStorePaymentRoutes(Router& r, Services& s);
void AddStoreAftersalesRoutes(Router& r, Services& s);
void AddStoreShareRoutes(Router& r, Services& s);
// The origin links and QR codes name: serve --public-url, or, when that is
// not set, "http://" + the request's Host (store.invalid_host, 422).
Result<std::string> PublicOrigin(Services& s, const HttpRequest& req);
void AddStoreAddressRoutes(Router& r, Services& s);
void AddCatalogRoutes(Router& r, Services& s);
void AddStoreCatalogRoutes(Router& r, Services& s);
void AddWebRoutes(Router& r, Services& s);
void AddReportRoutes(Router& r, Services& s);

}  // namespace weishang::api
