// Pricing a typical cart: 10 lines, two live SKU discounts, a two-tier full
// reduction and a percent coupon, with free postage in play. The search
// compares 4 item-level combinations here. No BENCHMARK_MAIN: link with
// benchmark::benchmark_main (bench/CMakeLists.txt).
#include <benchmark/benchmark.h>

#include "modules/pricing/pricing.h"

namespace weishang::pricing {
namespace {

constexpr Timestamp kNow = 1'700'000'000'000;

QuoteInput TenLineCart() {
  QuoteInput in;
  in.now = kNow;
  in.region = "广东省";
  in.postage = PostageRule{1000, Fen{9900}, {"新疆", "西藏"}};
  for (Id sku = 1; sku <= 10; ++sku) {
    in.lines.push_back(CartLine{SkuId(sku), ProductId(100 + sku), CategoryId(sku % 3),
                                1990 + 500 * sku, 1 + sku % 2, "item " + std::to_string(sku)});
  }
  in.discounts.push_back(SkuDiscount{SkuDiscountId(1), SkuId(3), DiscountKind::kPercent, 8000, 0,
                                     kNow - kDay, kNow + kDay, "Double 11 20% off"});
  in.discounts.push_back(SkuDiscount{SkuDiscountId(2), SkuId(7), DiscountKind::kFixedPrice, 10000,
                                     3990, kNow - kDay, kNow + kDay, "flash price"});
  in.reductions.push_back(FullReduction{FullReductionId(1),
                                        "spend 300 save 30 / 600 save 80",
                                        kNow - kDay,
                                        kNow + kDay,
                                        {{30000, 3000}, {60000, 8000}},
                                        {},
                                        {}});
  Coupon coupon;
  coupon.id = CouponId(1);
  coupon.code = "VIP10";
  coupon.kind = CouponKind::kPercent;
  coupon.percent_off_bp = 1000;
  coupon.max_off = 5000;
  coupon.min_spend = 20000;
  coupon.valid_from = kNow - kDay;
  coupon.valid_until = kNow + kDay;
  coupon.per_customer_limit = 1;
  coupon.total_quantity = 1000;
  coupon.used_count = 10;
  in.coupon = coupon;
  return in;
}

void BM_PriceTenLineCart(benchmark::State& state) {
  const QuoteInput input = TenLineCart();
  for (auto _ : state) {
    Result<Quote> quote = PriceCart(input);
    benchmark::DoNotOptimize(quote);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PriceTenLineCart);

}  // namespace
}  // namespace weishang::pricing
