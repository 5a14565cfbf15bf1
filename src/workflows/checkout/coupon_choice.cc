// Prices the order once without a coupon (so a problem with the order
// itself is the answer), then once per offered coupon: the pricing rules
// decide, never a second copy of them.
#include "workflows/checkout/coupon_choice.h"

#include "modules/pricing/pricing_errors.h"

namespace weishang::workflows {
namespace {

bool Offered(const pricing::CouponRecord& r, Timestamp now) {
  const pricing::Coupon& c = r.coupon;
  return r.status == pricing::PromotionStatus::kActive && c.valid_from <= now &&
         now < c.valid_until && (c.total_quantity == 0 || c.used_count < c.total_quantity);
}

// The sentence the quote gave about the coupon it left unused.
std::string WhyUnused(const pricing::Quote& q, const std::string& code) {
  std::string head = "coupon " + code + " ";
  for (const auto& e : q.explanations) {
    if (e.rfind(head, 0) == 0) return e;
  }
  return "coupon " + code + " is not used on this order";
}

}  // namespace

Result<std::vector<CouponChoice>> ChooseCoupons(storage::Tx& tx, Modules& m,
                                                const PlaceOrderRequest& req, Timestamp now,
                                                SnapshotCache* cache) {
  PlaceOrderRequest plain = req;
  plain.quote.coupon_code.clear();
  plain.explain = false;
  auto base = PrepareOrder(tx, m, plain, now, cache);
  if (!base) return Fail(base.error());
  auto coupons = m.promotions.ListCoupons(tx, req.quote.merchant_id);
  if (!coupons) return Fail(coupons.error());
  std::vector<CouponChoice> out;
  for (auto& record : *coupons) {
    if (out.size() == kMaxOfferedCoupons) break;
    if (!Offered(record, now)) continue;
    PlaceOrderRequest with = req;
    with.quote.coupon_code = record.coupon.code;
    with.explain = true;
    CouponChoice choice{std::move(record), std::nullopt, std::nullopt};
    auto priced = PrepareOrder(tx, m, with, now, cache);
    if (!priced) {
      choice.reason = priced.error();
    } else if (!priced->quote.coupon_id.valid()) {
      choice.reason = Invalid(pricing::errors::kCouponNotUsed,
                              WhyUnused(priced->quote, choice.coupon.coupon.code));
    } else {
      choice.quote = std::move(priced->quote);
    }
    out.push_back(std::move(choice));
  }
  return out;
}

}  // namespace weishang::workflows
