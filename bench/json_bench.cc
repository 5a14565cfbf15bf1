// JSON encode and decode of a storefront product page (Boost.JSON), the
// work the product-detail route does on a cache miss and a client on a hit.
#include <benchmark/benchmark.h>

#include "core/json.h"

namespace weishang {
namespace {

json::object ProductPage() {
  json::array skus, images;
  for (int i = 0; i < 6; ++i) {
    skus.push_back(json::object{{"id", "sku_2wqkqqblex3" + std::to_string(i)},
                                {"spec_values", json::array{"6只装", "微辣"}},
                                {"spec_text", "规格: 6只装 / 口味: 微辣"},
                                {"price", 6900 + i * 100},
                                {"list_price", 7900},
                                {"stock", 120 - i},
                                {"sold_out", false}});
  }
  for (int i = 0; i < 6; ++i) {
    images.emplace_back("/media/mch_2wqkqqblex34/img_2wqkqqblex4" + std::to_string(i) + ".jpg");
  }
  return {{"id", "prd_2wqkqqblex40"},
          {"title", "湘味咸鸭 办公室零食 洞庭湖麻鸭"},
          {"subtitle", "洞庭湖麻鸭，古法腌制，开袋即食"},
          {"description", std::string(600, 'x')},
          {"category_id", "cat_2wqkqqblex39"},
          {"main_image_url", images[0]},
          {"detail_image_urls", images},
          {"consumption_cycle_days", 0},
          {"aftersales", json::object{{"no_reason_7d", true},
                                      {"quality_return", true},
                                      {"exchange", true},
                                      {"refund_only", true}}},
          {"spec_options",
           json::array{json::object{{"name", "规格"}, {"values", json::array{"3只装", "6只装"}}},
                       json::object{{"name", "口味"}, {"values", json::array{"微辣", "特辣"}}}}},
          {"skus", std::move(skus)}};
}

void BM_EncodeProductPage(benchmark::State& state) {
  json::object page = ProductPage();
  for (auto _ : state) {
    std::string out = json::serialize(page);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_EncodeProductPage);

void BM_DecodeProductPage(benchmark::State& state) {
  std::string text = json::serialize(ProductPage());
  for (auto _ : state) {
    auto v = ParseObject(text);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeProductPage);

}  // namespace
}  // namespace weishang
