// The CPU a checkout costs on its connection's thread, outside the database:
// decoding the request, rendering the answer (the order), the log line.
// Under load these compete with the single SQLite writer for the same cores.
#include <benchmark/benchmark.h>

#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/store_decoders.h"
#include "api/routes/support.h"

namespace weishang::api {
namespace {

order::Order PlacedOrder() {
  order::Order o;
  o.id = OrderId(211823372405112833);
  o.merchant_id = MerchantId(211823372405112800);
  o.token = "otk_2wqz2pkhafwg_3ccadca45e62396561503e1cf9d32230";
  o.buyer = {"压测", "13800000000", "湖南", "长沙市岳麓区 1 号", ""};
  o.totals = {34500, 0, 0, 0, 0, 34500};
  o.pay_deadline = 1795380944532;
  o.created_at = 1795379144533;
  const char* specs[] = {"规格: 3只装", "规格: 6只装", "规格: 礼盒"};
  for (int i = 0; i < 3; ++i) {
    order::Line l;
    l.line_no = i + 1;
    l.sku_id = SkuId(211823372405112900 + i);
    l.product_id = ProductId(211823372405112899);
    l.title = "湘味咸鸭 办公室零食";
    l.spec_text = specs[i];
    l.unit_price = 3900 + 3000 * i;
    l.quantity = 1 + (i == 1);
    l.payable = l.unit_price * l.quantity;
    o.lines.push_back(l);
  }
  return o;
}

void BM_RenderCheckoutAnswer(benchmark::State& state) {
  order::Order o = PlacedOrder();
  for (auto _ : state) {
    std::string body = RenderBuyerOrder(o);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_RenderCheckoutAnswer);

void BM_DecodeCheckoutRequest(benchmark::State& state) {
  const std::string body =
      R"({"lines":[{"sku_id":"sku_2wqz2pilv6kh","quantity":1},{"sku_id":"sku_2wqz2pilv6ki","quantity":2},)"
      R"({"sku_id":"sku_2wqz2pilv6kj","quantity":1}],"buyer":{"name":"压测","phone":"13800000000",)"
      R"("region":"湖南","address":"长沙市岳麓区 1 号"}})";
  HttpRequest req;
  req.body = body;
  for (auto _ : state) {
    BodyArena arena;  // as the checkout route does
    auto parsed = Body(req, arena);
    auto in = DecodeOrderRequest(*parsed, MerchantId(7), /*need_buyer=*/true);
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_DecodeCheckoutRequest);

void BM_RequestLogLine(benchmark::State& state) {
  HttpRequest req;
  req.method = Method::kPost;
  req.request_id = "rcb081d-123456";
  for (auto _ : state) {
    std::string line =
        RequestLogLine(1795379144533, req, "/store/v1/{shop}/checkout", 201, 0.0084, 1522);
    benchmark::DoNotOptimize(line);
  }
}
BENCHMARK(BM_RequestLogLine);

}  // namespace
}  // namespace weishang::api
