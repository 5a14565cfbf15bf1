#include "api/app.h"

#include <atomic>
#include <charconv>

#include "api/error_status.h"
#include "core/clock.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/request_errors.h"

namespace weishang::api {
namespace {

// "r<boot time, hex>-<counter>": unique within a run, and across restarts
// unless two start in the same millisecond.
std::string NextRequestId() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t boot = static_cast<std::uint64_t>(SystemClock().Now());
  char buf[40];
  buf[0] = 'r';
  char* end = std::to_chars(buf + 1, buf + 20, boot & 0xffffff, 16).ptr;
  *end++ = '-';
  end = std::to_chars(end, buf + sizeof buf, counter.fetch_add(1, std::memory_order_relaxed)).ptr;
  return std::string(buf, end);
}

const std::string kUnmatched = "unmatched";

}  // namespace

App::App(Services services, const std::vector<RouteTable>& tables)
    : services_(std::move(services)),
      per_ip_(services_.config.rate_per_ip, services_.config.burst_per_ip) {
  for (const RouteTable& add : tables) add(router_, services_);
  for (const auto& r : router_.routes()) MetricsFor(r->pattern);
  MetricsFor(kUnmatched);
}

App::RouteMetrics& App::MetricsFor(const std::string& route) {
  auto& slot = metrics_[route];
  if (!slot) {
    slot = std::make_unique<RouteMetrics>();
    slot->latency =
        &Metrics::Global().GetHistogram("weishang_http_request_seconds", "Request latency by route",
                                        "route=\"" + route + "\"", LatencyBuckets());
  }
  return *slot;
}

Reply App::Handle(HttpRequest& req) {
  if (req.request_id.empty()) req.request_id = NextRequestId();
  if (!per_ip_.Allow(req.remote_ip)) {
    return ErrorResponse(Error{ErrorKind::kRateLimited, request_errors::kRateLimited,
                               "too many requests; slow down"});
  }
  bool path_known = false;
  const Route* route = router_.Match(req, &path_known);
  if (route == nullptr) {
    if (path_known) {
      HttpResponse r =
          ErrorResponse(Error{ErrorKind::kInvalidArgument, request_errors::kMethodNotAllowed,
                              "this path does not accept that method"});
      r.status = 405;
      return r;
    }
    return ErrorResponse(NotFound(request_errors::kNoRoute, "no such endpoint: " + req.path));
  }
  req.route = &route->pattern;
  return route->handler(req);
}

void App::Observe(const HttpRequest& req, int status, double seconds, std::size_t bytes) {
  const std::string& route = req.route ? *req.route : kUnmatched;
  RouteMetrics& rm = *metrics_.at(route);  // every pattern was registered at start
  rm.latency->Observe(seconds);
  if (status >= 100 && status < 600) {
    Counter* c = rm.by_status[status].load(std::memory_order_acquire);
    if (c == nullptr) {  // first answer with this status: register the series
      c = &Metrics::Global().GetCounter(
          "weishang_http_requests_total", "Requests by route and status",
          "route=\"" + route + "\",status=\"" + std::to_string(status) + "\"");
      rm.by_status[status].store(c, std::memory_order_release);
    }
    c->Add();
  }
  LogLine(RequestLogLine(services_.clock.Now(), req, route, status, seconds, bytes));
}

std::string RequestLogLine(Timestamp now, const HttpRequest& req, std::string_view route,
                           int status, double seconds, std::size_t bytes) {
  JsonWriter w(256);
  w.BeginObject()
      .TimeField("ts", now)
      .Field("rid", req.request_id)
      .Field("method", MethodName(req.method));
  w.Field("route", route).Field("status", status);
  // Milliseconds with three decimals ("8.412"), from whole microseconds.
  auto micros = static_cast<std::int64_t>(seconds * 1e6 + 0.5);
  int frac = static_cast<int>(micros % 1000);
  char ms[32];
  char* end = std::to_chars(ms, ms + 24, micros / 1000).ptr;
  *end++ = '.';
  *end++ = static_cast<char>('0' + frac / 100);
  *end++ = static_cast<char>('0' + frac / 10 % 10);
  *end++ = static_cast<char>('0' + frac % 10);
  w.Key("latency_ms").Raw(std::string_view(ms, end - ms));
  return w.Field("bytes", static_cast<std::int64_t>(bytes)).EndObject().Take();
}

}  // namespace weishang::api
