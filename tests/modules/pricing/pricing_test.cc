// Unit and property tests of the pricing rules. The worked cases live in the
// scenario files (tests/data/pricing); these cover invariants and edges.
#include "modules/pricing/pricing.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>

#include "modules/pricing/allocation.h"
#include "modules/pricing/quote_json.h"

namespace weishang::pricing {
namespace {

constexpr Timestamp kNow = 1'700'000'000'000;

// Test data names ids by number: Line(1, …) is SKU 1 of product 10.
CartLine Line(Id sku, Fen price, std::int64_t quantity = 1) {
  return CartLine{SkuId(sku), ProductId(sku * 10),          CategoryId(), price,
                  quantity,   "item " + std::to_string(sku)};
}

SkuDiscount Percent(Id id, Id sku, std::int64_t charge_bp) {
  SkuDiscount d;
  d.id = SkuDiscountId(id);
  d.sku_id = SkuId(sku);
  d.kind = DiscountKind::kPercent;
  d.percent_bp = charge_bp;
  d.starts_at = kNow - kDay;
  d.ends_at = kNow + kDay;
  d.name = "sale " + std::to_string(id);
  return d;
}

FullReduction Reduction(Id id, std::vector<ReductionTier> tiers) {
  return FullReduction{FullReductionId(id),
                       "spend and save " + std::to_string(id),
                       kNow - kDay,
                       kNow + kDay,
                       std::move(tiers),
                       {},
                       {}};
}

Coupon FixedCoupon(Id id, Fen off, Fen min_spend = 0) {
  Coupon c;
  c.id = CouponId(id);
  c.code = "C" + std::to_string(id);
  c.kind = CouponKind::kFixed;
  c.amount_off = off;
  c.min_spend = min_spend;
  c.valid_from = kNow - kDay;
  c.valid_until = kNow + kDay;
  return c;
}

QuoteInput Cart(std::vector<CartLine> lines) {
  QuoteInput in;
  in.lines = std::move(lines);
  in.now = kNow;
  return in;
}

Fen SumPayables(const Quote& q) {
  Fen sum = 0;
  for (const QuoteLine& line : q.lines) sum += line.payable;
  return sum;
}

TEST(PricingTest, QuotesWithoutExplanationsHaveTheSameNumbers) {
  QuoteInput in = Cart({Line(1, 3900, 2), Line(2, 6900)});
  in.discounts = {Percent(5, 1, 8000)};
  in.reductions = {Reduction(7, {{9900, 1000}})};
  in.coupon = FixedCoupon(9, 500, 5000);
  Result<Quote> told = PriceCart(in);
  in.explain = false;
  Result<Quote> silent = PriceCart(in);
  ASSERT_TRUE(told && silent);
  EXPECT_FALSE(told->explanations.empty());
  EXPECT_TRUE(silent->explanations.empty());
  EXPECT_EQ(silent->total, told->total);
  EXPECT_EQ(silent->coupon_discount, told->coupon_discount);
  EXPECT_EQ(silent->order_discount_total, told->order_discount_total);
  for (std::size_t i = 0; i < told->lines.size(); ++i)
    EXPECT_EQ(silent->lines[i].payable, told->lines[i].payable);
}

TEST(PricingTest, CouponNeverMakesTotalNegative) {
  QuoteInput in = Cart({Line(1, 300), Line(2, 200)});
  in.coupon = FixedCoupon(9, 100000);
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->coupon_discount, 500);
  EXPECT_EQ(q->total, 0);
  for (const QuoteLine& line : q->lines) EXPECT_EQ(line.payable, 0);
}

TEST(PricingTest, PostageIsNotDiscountedByCoupons) {
  QuoteInput in = Cart({Line(1, 300)});
  in.postage.flat_fee = 800;
  in.coupon = FixedCoupon(9, 100000);
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->postage, 800);
  EXPECT_EQ(q->total, 800);
}

TEST(PricingTest, PercentDiscountRoundsHalfUpPerUnit) {
  // 50% of 4995 fen is 2497.5: half up gives 2498 per unit, times 3.
  QuoteInput in = Cart({Line(1, 4995, 3)});
  in.discounts = {Percent(5, 1, 5000)};
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->lines[0].discounted_unit_price, 2498);
  EXPECT_EQ(q->lines[0].payable, 2498 * 3);
}

TEST(PricingTest, DiscountNeverRaisesAPrice) {
  QuoteInput in = Cart({Line(1, 1000)});
  SkuDiscount dearer;
  dearer.id = SkuDiscountId(5);
  dearer.sku_id = SkuId(1);
  dearer.kind = DiscountKind::kFixedPrice;
  dearer.fixed_price = 1200;
  dearer.ends_at = kNow + kDay;
  in.discounts = {dearer};
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->total, 1000);
  EXPECT_FALSE(q->lines[0].item_discount_id.valid());
}

TEST(PricingTest, TimeWindowsIncludeTheStartAndExcludeTheEnd) {
  QuoteInput in = Cart({Line(1, 1000), Line(2, 1000)});
  in.discounts = {Percent(5, 1, 5000), Percent(6, 2, 5000)};
  in.discounts[0].starts_at = kNow;
  in.discounts[1].ends_at = kNow;
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->lines[0].payable, 500);
  EXPECT_EQ(q->lines[1].payable, 1000);
}

TEST(PricingTest, ExhaustedCouponIsAConflictWithAStableCode) {
  QuoteInput in = Cart({Line(1, 1000)});
  in.coupon = FixedCoupon(9, 100);
  in.coupon->total_quantity = 10;
  in.coupon->used_count = 10;
  Result<Quote> q = PriceCart(in);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(q.error().code, "pricing.coupon_exhausted");
}

TEST(PricingTest, LineAboveTheMoneyLimitIsRefused) {
  QuoteInput in = Cart({Line(1, kMaxFen / 2, 3)});
  Result<Quote> q = PriceCart(in);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, "pricing.amount_too_large");
}

TEST(PricingTest, ExcludedRegionMatchesTheFullProvinceName) {
  QuoteInput in = Cart({Line(1, 1000)});
  in.postage.excluded_regions = {"新疆", "西藏"};
  in.region = "西藏自治区";
  EXPECT_EQ(PriceCart(in).error().code, "pricing.region_not_served");
  in.region = "广东省";
  EXPECT_TRUE(PriceCart(in).has_value());
}

TEST(PricingTest, TiesGoToFewerPromotions) {
  // The discount and the reduction both save 100 and cannot stack (the
  // discount drops the goods below the tier). Equal totals, one promotion
  // each: no order-level promotion sorts before reduction #7.
  QuoteInput in = Cart({Line(1, 1000)});
  in.discounts = {Percent(5, 1, 9000)};
  in.reductions = {Reduction(7, {{1000, 100}})};
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->total, 900);
  EXPECT_EQ(q->item_discount_total, 100);
  EXPECT_FALSE(q->order_promotion_id.valid());
}

TEST(PricingTest, ManyDiscountedLinesAreStillPricedAndSaySoInTheQuote) {
  QuoteInput in;
  for (Id sku = 1; sku <= 12; ++sku) {
    in.lines.push_back(Line(sku, 1000));
    in.discounts.push_back(Percent(100 + sku, sku, 9000));
    in.discounts.push_back(Percent(200 + sku, sku, 8000));
  }
  in.now = kNow;
  in.reductions = {Reduction(7, {{12000, 3000}})};
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  // List prices reach the tier: 12000 - 3000 beats 12 * 800 = 9600.
  EXPECT_EQ(q->total, 9000);
  EXPECT_NE(q->explanations.back().find("likely combinations"), std::string::npos);
}

TEST(PricingTest, AllocationSharesSumExactlyAndNeverExceedALine) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::vector<Fen> weights(1 + rng() % 12);
    for (Fen& w : weights) w = static_cast<Fen>(rng() % 100000);
    const Fen total = std::accumulate(weights.begin(), weights.end(), Fen{0});
    const Fen amount = static_cast<Fen>(rng() % static_cast<std::uint64_t>(total + 1));
    const std::vector<Fen> shares = internal::AllocateProportionally(amount, weights);
    EXPECT_EQ(std::accumulate(shares.begin(), shares.end(), Fen{0}), amount);
    for (std::size_t i = 0; i < shares.size(); ++i) {
      EXPECT_GE(shares[i], 0);
      EXPECT_LE(shares[i], weights[i]);
    }
  }
}

TEST(PricingTest, AllocationHandlesAmountsNearTheMoneyLimit) {
  const std::vector<Fen> weights = {kMaxFen / 2, kMaxFen / 2};
  const std::vector<Fen> shares = internal::AllocateProportionally(kMaxFen - 1, weights);
  EXPECT_EQ(shares[0] + shares[1], kMaxFen - 1);
}

// Random carts: the quote adds up, and adding a promotion never costs the
// customer more (the search may always ignore it).
TEST(PricingTest, RandomCartsAddUpAndExtraPromotionsNeverRaiseTheTotal) {
  std::mt19937_64 rng(7);
  auto below = [&rng](std::int64_t n) { return static_cast<std::int64_t>(rng() % n); };
  for (int round = 0; round < 500; ++round) {
    QuoteInput in;
    in.now = kNow;
    in.postage = PostageRule{below(2000), 5000 + below(20000), {}};
    const Id lines = 1 + below(6);
    for (Id sku = 1; sku <= lines; ++sku) {
      in.lines.push_back(Line(sku, 100 + below(9000), 1 + below(3)));
      if (below(2) == 0) in.discounts.push_back(Percent(sku, sku, 5000 + below(5000)));
    }
    const Fen threshold = below(30000);
    in.reductions = {Reduction(7, {{threshold, 500 + threshold / 10}})};
    Result<Quote> without_coupon = PriceCart(in);
    ASSERT_TRUE(without_coupon.has_value());
    in.coupon = FixedCoupon(9, below(3000));
    Result<Quote> q = PriceCart(in);
    ASSERT_TRUE(q.has_value());

    EXPECT_LE(q->total, without_coupon->total);
    EXPECT_EQ(SumPayables(*q) + q->postage, q->total);
    EXPECT_GE(q->total, 0);
    for (const QuoteLine& line : q->lines) {
      EXPECT_EQ(
          line.list_subtotal - line.item_discount - line.order_discount_share - line.coupon_share,
          line.payable);
      EXPECT_GE(line.payable, 0);
    }
    in.discounts.clear();
    in.reductions.clear();
    Result<Quote> coupon_only = PriceCart(in);
    ASSERT_TRUE(coupon_only.has_value());
    EXPECT_LE(q->total, coupon_only->total);
  }
}

TEST(PricingTest, EncodedQuoteCarriesMoneyAsIntegerFen) {
  QuoteInput in = Cart({Line(1, 12900)});
  Result<Quote> q = PriceCart(in);
  ASSERT_TRUE(q.has_value());
  const json::object out = EncodeQuote(*q);
  EXPECT_EQ(out.at("total").as_int64(), 12900);
  EXPECT_TRUE(out.at("coupon_id").is_null());
  EXPECT_EQ(out.at("lines").as_array()[0].as_object().at("payable").as_int64(), 12900);
}

}  // namespace
}  // namespace weishang::pricing
