#include "modules/pricing/pricing.h"

#include <numeric>

#include "modules/pricing/allocation.h"
#include "modules/pricing/explain.h"
#include "modules/pricing/pricing_errors.h"
#include "modules/pricing/rules.h"
#include "modules/pricing/search.h"

namespace weishang::pricing {
namespace {

using internal::Candidates;
using internal::Choice;

std::string SkuLabel(const CartLine& line) { return "SKU " + std::to_string(line.sku_id.value()); }

// Checks the cart and the postage rule; returns the merchandise total at
// list prices. Quantities are checked before amounts, as PriceCart promises.
Result<Fen> ValidateCart(const QuoteInput& input) {
  if (input.lines.empty()) return Fail(Invalid(errors::kEmptyCart, "the cart is empty"));
  for (const CartLine& line : input.lines) {
    if (line.quantity < 1 || line.quantity > kMaxQuantity) {
      return Fail(Invalid(errors::kInvalidQuantity,
                          SkuLabel(line) + ": quantity must be between 1 and 9999"));
    }
  }
  const PostageRule& postage = input.postage;
  if (postage.flat_fee < 0 || postage.free_above.value_or(0) < 0) {
    return Fail(Invalid(errors::kInvalidAmount, "postage amounts must not be negative"));
  }
  if (postage.flat_fee > kMaxFen) {
    return Fail(Invalid(errors::kAmountTooLarge, "the postage fee is too large"));
  }
  Fen total = 0;
  for (const CartLine& line : input.lines) {
    if (line.unit_price < 0) {
      return Fail(Invalid(errors::kInvalidAmount, SkuLabel(line) + ": price is negative"));
    }
    // unit_price <= kMaxFen and quantity <= 9999 keep the product in int64.
    if (line.unit_price > kMaxFen || line.unit_price * line.quantity > kMaxFen ||
        total + line.unit_price * line.quantity > kMaxFen) {
      return Fail(Invalid(errors::kAmountTooLarge,
                          SkuLabel(line) + ": the amount exceeds " + FormatYuan(kMaxFen)));
    }
    total += line.unit_price * line.quantity;
  }
  return total;
}

// Region, then the coupon's own state, then its minimum spend. Minimum spend
// is measured after the other savings, so the most any combination can
// offer is the list total: below that, no combination can use the coupon.
Result<void> CheckRegionAndCoupon(const QuoteInput& input, Fen merchandise_total) {
  if (input.region && internal::RegionExcluded(input.postage, *input.region)) {
    return Fail(Invalid(errors::kRegionNotServed, "the shop does not deliver to " + *input.region));
  }
  if (!input.coupon) return {};
  const Coupon& coupon = *input.coupon;
  if (auto problem = internal::CheckCouponUsable(coupon, input.now)) return Fail(*problem);
  if (merchandise_total < coupon.min_spend) {
    return Fail(Invalid(errors::kCouponMinSpendNotMet,
                        "coupon " + coupon.code + " needs a spend of " +
                            FormatYuan(coupon.min_spend) + ", the cart has " +
                            FormatYuan(merchandise_total)));
  }
  return {};
}

QuoteLine PriceLine(const CartLine& line, const internal::LineOption& option,
                    const QuoteInput& input) {
  QuoteLine out;
  out.sku_id = line.sku_id;
  out.product_id = line.product_id;
  out.title = line.title;
  out.quantity = line.quantity;
  out.unit_price = line.unit_price;
  out.discounted_unit_price = option.unit_price;
  out.list_subtotal = line.unit_price * line.quantity;
  out.item_discount = out.list_subtotal - option.subtotal;
  if (option.discount >= 0) {
    const SkuDiscount& discount = input.discounts[option.discount];
    out.item_discount_id = discount.id;
    out.item_discount_name = discount.name;
  }
  out.payable = option.subtotal;
  return out;
}

std::vector<Fen> Payables(const Quote& quote) {
  std::vector<Fen> payables;
  payables.reserve(quote.lines.size());
  for (const QuoteLine& line : quote.lines) payables.push_back(line.payable);
  return payables;
}

void ApplyReduction(const internal::LiveReduction& live, const FullReduction& reduction,
                    Quote* quote) {
  // Shared only among the lines in scope, by what each still costs.
  std::vector<Fen> weights = Payables(*quote);
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] *= live.in_scope[i];
  const Fen eligible = std::accumulate(weights.begin(), weights.end(), Fen{0});
  const Fen off = internal::ReductionOff(live.tiers, eligible);
  const std::vector<Fen> shares = internal::AllocateProportionally(off, weights);
  for (std::size_t i = 0; i < shares.size(); ++i) {
    quote->lines[i].order_discount_share = shares[i];
    quote->lines[i].payable -= shares[i];
  }
  quote->order_discount_total = off;
  quote->order_promotion_id = reduction.id;
  quote->order_promotion_name = reduction.name;
}

void ApplyCoupon(const Coupon& coupon, Quote* quote) {
  const std::vector<Fen> weights = Payables(*quote);
  const Fen base = std::accumulate(weights.begin(), weights.end(), Fen{0});
  const Fen off = internal::CouponOff(coupon, base);
  const std::vector<Fen> shares = internal::AllocateProportionally(off, weights);
  for (std::size_t i = 0; i < shares.size(); ++i) {
    quote->lines[i].coupon_share = shares[i];
    quote->lines[i].payable -= shares[i];
  }
  quote->coupon_discount = off;
  quote->coupon_id = coupon.id;
  quote->coupon_code = coupon.code;
}

Quote BuildQuote(const QuoteInput& input, const Candidates& candidates, const Choice& choice) {
  Quote quote;
  quote.lines.reserve(input.lines.size());
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const internal::LineOption& option = candidates.options[i][choice.option[i]];
    quote.lines.push_back(PriceLine(input.lines[i], option, input));
    quote.merchandise_total += quote.lines.back().list_subtotal;
    quote.item_discount_total += quote.lines.back().item_discount;
  }
  if (choice.reduction >= 0) {
    const internal::LiveReduction& live = candidates.reductions[choice.reduction];
    ApplyReduction(live, input.reductions[live.index], &quote);
  }
  if (choice.coupon) ApplyCoupon(*input.coupon, &quote);

  Fen goods = 0;
  for (const QuoteLine& line : quote.lines) goods += line.payable;
  SHOP_CHECK(goods == quote.merchandise_total - quote.item_discount_total -
                          quote.order_discount_total - quote.coupon_discount,
             "line payables must add up to the order's goods total");
  quote.postage = internal::PostageFor(input.postage, goods);
  if (input.explain) quote.postage_reason = internal::PostageReason(input.postage, goods);
  quote.total = goods + quote.postage;
  SHOP_CHECK(quote.total >= 0 && quote.total == choice.total,
             "the quote must match the combination the search priced");
  return quote;
}

}  // namespace

Result<Quote> PriceCart(const QuoteInput& input) {
  Result<Fen> merchandise_total = ValidateCart(input);
  if (!merchandise_total) return Fail(merchandise_total.error());
  if (auto ok = CheckRegionAndCoupon(input, *merchandise_total); !ok) return Fail(ok.error());

  const Candidates candidates = internal::BuildCandidates(input);
  const Choice choice = internal::FindBestChoice(candidates);
  Quote quote = BuildQuote(input, candidates, choice);
  if (input.explain) quote.explanations = internal::Explain(input, candidates, choice, quote);
  return quote;
}

}  // namespace weishang::pricing
