// The one JSON line logged per answered request.
#include <gtest/gtest.h>

#include "api/app.h"
#include "core/json.h"

namespace weishang::api {
namespace {

TEST(RequestLogLine, IsOneJsonObjectWithLatencyInMilliseconds) {
  HttpRequest req;
  req.method = Method::kPost;
  req.request_id = "r\"1";  // escaped like any string value
  Timestamp t = 0;
  ASSERT_TRUE(ParseIso8601("2026-11-22T08:30:00.250Z", &t));
  EXPECT_EQ(RequestLogLine(t, req, "/store/v1/{shop}/checkout", 201, 0.0084126, 1522),
            R"({"ts":"2026-11-22T08:30:00.250Z","rid":"r\"1","method":"POST",)"
            R"("route":"/store/v1/{shop}/checkout","status":201,"latency_ms":8.413,"bytes":1522})");
  auto line = json::parse(RequestLogLine(t, req, "/healthz", 200, 0.000004, 2));
  EXPECT_EQ(line.at("latency_ms").as_double(), 0.004);
  EXPECT_EQ(
      json::parse(RequestLogLine(t, req, "/x", 500, 12.3456789, 0)).at("latency_ms").as_double(),
      12345.679);
}

}  // namespace
}  // namespace weishang::api
