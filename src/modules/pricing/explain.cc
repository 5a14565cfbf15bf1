#include "modules/pricing/explain.h"

#include <algorithm>

#include "modules/pricing/rules.h"

namespace weishang::pricing::internal {
namespace {

template <class T>
std::string Quoted(const std::string& name, T id) {
  return "'" + name + "' (#" + std::to_string(id.value()) + ")";
}

// 1000 -> "10%", 1250 -> "12.5%".
std::string FormatPercent(std::int64_t basis_points) {
  std::string text = std::to_string(basis_points / 100);
  if (basis_points % 100 != 0) {
    std::string fraction = std::to_string(100 + basis_points % 100).substr(1);
    if (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text + "%";
}

std::string InactiveReason(Timestamp now, Timestamp starts_at) {
  return now < starts_at ? " has not started yet" : " has ended";
}

// Why discount `d` (index `j`) did or did not price line `i`.
std::string ExplainDiscount(const QuoteInput& input, const Candidates& candidates,
                            const Choice& choice, std::size_t i, std::size_t j) {
  const CartLine& line = input.lines[i];
  const SkuDiscount& d = input.discounts[j];
  const std::string head = "SKU " + std::to_string(line.sku_id.value()) + " '" + line.title +
                           "': limited-time discount " + Quoted(d.name, d.id);
  if (!IsLive(input.now, d.starts_at, d.ends_at)) {
    return head + InactiveReason(input.now, d.starts_at);
  }
  const std::optional<Fen> price = DiscountedUnitPrice(d, line.unit_price);
  if (!price) return head + " is malformed and was ignored";
  if (*price >= line.unit_price) {
    return head + " would not lower the price " + FormatYuan(line.unit_price) + ", ignored";
  }
  const LineOption& chosen = candidates.options[i][choice.option[i]];
  if (chosen.discount == static_cast<int>(j)) {
    return head + " applied: " + FormatYuan(line.unit_price) + " -> " + FormatYuan(*price) +
           " each, saving " + FormatYuan(line.unit_price * line.quantity - chosen.subtotal);
  }
  if (chosen.discount >= 0 && chosen.unit_price == *price) {
    return head +
           " not used: " + Quoted(input.discounts[chosen.discount].name, chosen.discount_id) +
           " gives the same price";
  }
  if (chosen.discount >= 0 && chosen.unit_price < *price) {
    return head +
           " not used: " + Quoted(input.discounts[chosen.discount].name, chosen.discount_id) +
           " gives a lower price";
  }
  // The chosen price is higher: giving up this discount keeps the goods
  // above a reduction tier, the coupon's minimum spend or free postage.
  const std::string instead =
      chosen.discount < 0 ? "the list price"
                          : Quoted(input.discounts[chosen.discount].name, chosen.discount_id);
  return head + " not used: the order total is lower with " + instead +
         ", which keeps the goods high enough for another saving";
}

Fen EligibleGoods(const LiveReduction& live, const Candidates& c, const Choice* choice) {
  Fen eligible = 0;
  for (std::size_t i = 0; i < live.in_scope.size(); ++i) {
    if (live.in_scope[i]) eligible += c.options[i][choice ? choice->option[i] : 0].subtotal;
  }
  return eligible;
}

std::string ExplainReduction(const QuoteInput& input, const Candidates& candidates,
                             const Choice& choice, std::size_t k) {
  const FullReduction& r = input.reductions[k];
  const std::string head = "full reduction " + Quoted(r.name, r.id);
  if (!IsLive(input.now, r.starts_at, r.ends_at)) {
    return head + InactiveReason(input.now, r.starts_at);
  }
  if (UsableTiers(r).empty()) return head + " has no usable tier and was ignored";
  const auto& live_list = candidates.reductions;
  auto live = std::find_if(live_list.begin(), live_list.end(),
                           [&](const LiveReduction& l) { return l.index == static_cast<int>(k); });
  if (live == live_list.end()) return head + " covers no line in the cart";

  const Fen eligible = EligibleGoods(*live, candidates, &choice);
  if (choice.reduction >= 0 && live_list[choice.reduction].index == static_cast<int>(k)) {
    const ReductionTier tier = *ReachedTier(live->tiers, eligible);
    return head + " applied: spend " + FormatYuan(tier.threshold) + ", save " +
           FormatYuan(ReductionOff(live->tiers, eligible)) + ", on eligible goods of " +
           FormatYuan(eligible);
  }
  if (ReductionOff(live->tiers, eligible) > 0 && choice.reduction >= 0) {
    const FullReduction& other = input.reductions[live_list[choice.reduction].index];
    return head + " not used: only one order-level promotion applies, and " +
           Quoted(other.name, other.id) + " gives a lower total";
  }
  if (ReductionOff(live->tiers, eligible) > 0) {
    return head +
           " not used: the order costs less without it, as it would lose the coupon's "
           "minimum spend or free postage";
  }
  if (ReductionOff(live->tiers, EligibleGoods(*live, candidates, nullptr)) > 0) {
    return head + " not used: reaching it means giving up item discounts, which costs more";
  }
  Fen lowest = live->tiers.front().threshold;
  for (const ReductionTier& tier : live->tiers) lowest = std::min(lowest, tier.threshold);
  return head + " not reached: needs eligible goods of " + FormatYuan(lowest) + ", the cart has " +
         FormatYuan(eligible);
}

std::string ExplainCoupon(const Coupon& coupon, const Choice& choice, const Quote& quote) {
  const std::string head =
      "coupon " + coupon.code + " (#" + std::to_string(coupon.id.value()) + ")";
  // Goods after item discounts and the order promotion: the coupon's base.
  const Fen base = quote.merchandise_total - quote.item_discount_total - quote.order_discount_total;
  if (choice.coupon) {
    std::string saving = FormatYuan(quote.coupon_discount);
    if (coupon.kind == CouponKind::kPercent) {
      saving = FormatPercent(coupon.percent_off_bp) + " = " + saving;
      if (coupon.max_off > 0 && quote.coupon_discount == coupon.max_off) saving += " (capped)";
    }
    return head + " applied: " + saving + " off goods of " + FormatYuan(base);
  }
  if (base < coupon.min_spend) {
    return head + " not used: its minimum spend " + FormatYuan(coupon.min_spend) +
           " is met only by giving up other discounts, which costs more";
  }
  if (CouponOff(coupon, base) == 0) return head + " not used: it saves nothing on this order";
  return head +
         " not used: the order costs less without it, as the goods would fall below "
         "the free-postage threshold";
}

std::string ExplainPostage(const PostageRule& rule, const Quote& quote) {
  const Fen goods = quote.total - quote.postage;
  if (rule.flat_fee == 0) return "postage: none charged";
  if (!rule.free_above) return "postage: flat fee " + FormatYuan(rule.flat_fee);
  const std::string threshold = "the free-postage threshold " + FormatYuan(*rule.free_above);
  if (quote.postage == 0) {
    return "postage: free, the goods (" + FormatYuan(goods) + ") reach " + threshold;
  }
  return "postage: flat fee " + FormatYuan(rule.flat_fee) + ", the goods (" + FormatYuan(goods) +
         ") are below " + threshold;
}

}  // namespace

std::vector<std::string> Explain(const QuoteInput& input, const Candidates& candidates,
                                 const Choice& choice, const Quote& quote) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    for (std::size_t j = 0; j < input.discounts.size(); ++j) {
      if (input.discounts[j].sku_id != input.lines[i].sku_id) continue;
      out.push_back(ExplainDiscount(input, candidates, choice, i, j));
    }
  }
  for (std::size_t k = 0; k < input.reductions.size(); ++k) {
    out.push_back(ExplainReduction(input, candidates, choice, k));
  }
  if (input.coupon) out.push_back(ExplainCoupon(*input.coupon, choice, quote));
  out.push_back(ExplainPostage(input.postage, quote));
  if (!input.region && !input.postage.excluded_regions.empty()) {
    out.push_back("destination not given yet: the regions the shop does not serve are not checked");
  }
  if (!choice.exhaustive) {
    out.push_back("many discounted lines: compared " + std::to_string(choice.combinations) +
                  " likely combinations of item discounts, not every one");
  }
  return out;
}

}  // namespace weishang::pricing::internal
