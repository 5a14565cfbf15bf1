#include "modules/pricing/rules.h"

#include <algorithm>

#include "modules/pricing/pricing_errors.h"

namespace weishang::pricing::internal {
namespace {
constexpr std::int64_t kFullBasisPoints = 10000;
}  // namespace

std::optional<Fen> DiscountedUnitPrice(const SkuDiscount& discount, Fen list_price) {
  switch (discount.kind) {
    case DiscountKind::kPercent:
      if (discount.percent_bp < 0 || discount.percent_bp > kFullBasisPoints) return std::nullopt;
      // Rounded per unit, so every unit of a line costs the same and a
      // partial refund by units is exact.
      return ApplyBasisPoints(list_price, discount.percent_bp);
    case DiscountKind::kFixedPrice:
      if (discount.fixed_price < 0) return std::nullopt;
      return discount.fixed_price;
  }
  return std::nullopt;
}

std::vector<ReductionTier> UsableTiers(const FullReduction& reduction) {
  std::vector<ReductionTier> tiers;
  for (const ReductionTier& tier : reduction.tiers) {
    if (tier.threshold >= 0 && tier.off > 0 && tier.off <= kMaxFen) tiers.push_back(tier);
  }
  return tiers;
}

std::optional<ReductionTier> ReachedTier(const std::vector<ReductionTier>& tiers, Fen eligible) {
  std::optional<ReductionTier> best;
  for (const ReductionTier& tier : tiers) {
    if (eligible < tier.threshold) continue;
    // Normally the highest threshold saves the most; a merchant's odd table
    // (a higher tier saving less) still gives the customer the best saving.
    if (!best || tier.off > best->off) best = tier;
  }
  return best;
}

Fen ReductionOff(const std::vector<ReductionTier>& tiers, Fen eligible) {
  Fen off = 0;
  for (const ReductionTier& tier : tiers) {
    if (eligible >= tier.threshold && tier.off > off) off = tier.off;
  }
  return std::min(off, eligible);
}

bool InScope(const FullReduction& reduction, const CartLine& line) {
  if (reduction.product_ids.empty() && reduction.category_ids.empty()) return true;
  const auto& products = reduction.product_ids;
  if (std::find(products.begin(), products.end(), line.product_id) != products.end()) return true;
  if (!line.category_id.valid()) return false;
  const auto& categories = reduction.category_ids;
  return std::find(categories.begin(), categories.end(), line.category_id) != categories.end();
}

std::optional<Error> CheckCouponUsable(const Coupon& coupon, Timestamp now) {
  const bool malformed = coupon.amount_off < 0 || coupon.amount_off > kMaxFen ||
                         coupon.max_off < 0 || coupon.min_spend < 0 || coupon.percent_off_bp < 0 ||
                         coupon.percent_off_bp > kFullBasisPoints ||
                         coupon.valid_until <= coupon.valid_from;
  if (malformed) {
    return Invalid(errors::kCouponInvalid, "coupon " + coupon.code + " is malformed");
  }
  if (now < coupon.valid_from) {
    return Invalid(errors::kCouponNotStarted, "coupon " + coupon.code + " is not valid yet");
  }
  if (now >= coupon.valid_until) {
    return Invalid(errors::kCouponExpired, "coupon " + coupon.code + " has expired");
  }
  // The customer's own limit first: "you already used it" says more than
  // "none left" when both hold.
  if (coupon.per_customer_limit > 0 && coupon.used_by_this_customer >= coupon.per_customer_limit) {
    return Conflict(errors::kCouponLimitReached,
                    "coupon " + coupon.code + " was already used the allowed number of times");
  }
  if (coupon.total_quantity > 0 && coupon.used_count >= coupon.total_quantity) {
    return Conflict(errors::kCouponExhausted, "coupon " + coupon.code + " has run out");
  }
  return std::nullopt;
}

Fen CouponOff(const Coupon& coupon, Fen base) {
  Fen off = 0;
  switch (coupon.kind) {
    case CouponKind::kFixed:
      off = coupon.amount_off;
      break;
    case CouponKind::kPercent:
      off = ApplyBasisPoints(base, coupon.percent_off_bp);
      if (coupon.max_off > 0) off = std::min(off, coupon.max_off);
      break;
  }
  return std::clamp<Fen>(off, 0, base);
}

Fen PostageFor(const PostageRule& rule, Fen goods) {
  if (rule.free_above && goods >= *rule.free_above) return 0;
  return rule.flat_fee;
}

std::string PostageReason(const PostageRule& rule, Fen goods) {
  if (rule.flat_fee == 0) return "no postage";
  if (!rule.free_above) return "flat fee " + FormatYuan(rule.flat_fee);
  if (goods >= *rule.free_above) return "free above " + FormatYuan(*rule.free_above);
  return "flat fee " + FormatYuan(rule.flat_fee) + ", free above " + FormatYuan(*rule.free_above);
}

bool RegionExcluded(const PostageRule& rule, const std::string& region) {
  // Byte prefixes of valid UTF-8 text end on a character boundary, so
  // "新疆" matches "新疆维吾尔自治区" and never half a character.
  for (const std::string& excluded : rule.excluded_regions) {
    if (!excluded.empty() && region.starts_with(excluded)) return true;
  }
  return false;
}

}  // namespace weishang::pricing::internal
