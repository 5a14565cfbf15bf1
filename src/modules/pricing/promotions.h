// The stored side of pricing: the merchant's coupons (and each use),
// limited-time SKU discounts and full reductions. The price itself is
// computed by PriceCart (pricing.h) from what these functions load.
// Writes take the caller's Tx. Stateless; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "modules/pricing/pricing.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::pricing {

// Recorded when a SKU discount or a full reduction starts or ends
// (docs/events.md): v1
// {"promotion_id","type":"sku_discount"|"full_reduction","action":"created"|"ended"}.
inline constexpr std::string_view kPromotionChanged = "promotion.changed";

using storage::Tx;

// Coupons are archived, discounts and full reductions ended, by staff; none
// is ever deleted. Whether a live one applies also depends on its dates.
enum class PromotionStatus { kActive, kArchived, kEnded };
inline constexpr EnumText<PromotionStatus> kPromotionStatusText[] = {
    {PromotionStatus::kActive, "active"},
    {PromotionStatus::kArchived, "archived"},
    {PromotionStatus::kEnded, "ended"}};

struct CouponRecord {
  Coupon coupon;  // used_by_this_customer is 0 here
  std::string name;
  PromotionStatus status = PromotionStatus::kActive;  // active | archived
  Timestamp created_at = 0;
};

struct ReductionRecord {
  FullReduction reduction;
  PromotionStatus status = PromotionStatus::kActive;  // active | ended
};

struct DiscountRecord {
  SkuDiscount discount;
  PromotionStatus status = PromotionStatus::kActive;  // active | ended
};

class PromotionService {
 public:
  PromotionService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- coupons ---
  // pricing.coupon_code_taken (409); pricing.invalid_coupon (422) for
  // inconsistent fields (see ValidateCoupon).
  Result<CouponRecord> CreateCoupon(Tx& tx, MerchantId merchant, const Coupon& c,
                                    const std::string& name);
  Result<std::vector<CouponRecord>> ListCoupons(Tx& tx, MerchantId merchant);
  Result<CouponRecord> ArchiveCoupon(Tx& tx, MerchantId merchant, CouponId coupon_id);
  // The active coupon with `code`, with this customer's uses counted;
  // pricing.coupon_not_found (404) otherwise.
  Result<Coupon> GetCoupon(Tx& tx, MerchantId merchant, const std::string& code,
                           const std::string& customer);
  // Counts one use by `customer` for `order`. Conditional updates keep the
  // total and per-customer limits exact under concurrency:
  // pricing.coupon_exhausted, pricing.coupon_limit_reached (409).
  Result<void> RedeemCoupon(Tx& tx, MerchantId merchant, CouponId coupon_id, OrderId order_id,
                            const std::string& customer);
  // Gives the use back (the order was cancelled). Idempotent.
  Result<void> ReleaseCoupon(Tx& tx, MerchantId merchant, CouponId coupon_id, OrderId order_id);

  // --- limited-time discounts on SKUs ---
  Result<DiscountRecord> CreateSkuDiscount(Tx& tx, MerchantId merchant, const SkuDiscount& d);
  Result<std::vector<DiscountRecord>> ListSkuDiscounts(Tx& tx, MerchantId merchant);
  Result<DiscountRecord> EndSkuDiscount(Tx& tx, MerchantId merchant, SkuDiscountId discount_id);
  // Active discounts on `skus` whose window contains `now`.
  Result<std::vector<SkuDiscount>> LiveSkuDiscounts(Tx& tx, MerchantId merchant,
                                                    const std::vector<SkuId>& skus, Timestamp now);

  // --- full reductions ---
  Result<ReductionRecord> CreateReduction(Tx& tx, MerchantId merchant, const FullReduction& r);
  Result<std::vector<ReductionRecord>> ListReductions(Tx& tx, MerchantId merchant);
  Result<ReductionRecord> EndReduction(Tx& tx, MerchantId merchant, FullReductionId reduction_id);
  Result<std::vector<FullReduction>> LiveReductions(Tx& tx, MerchantId merchant, Timestamp now);

 private:
  Result<CouponRecord> GetCouponById(Tx& tx, MerchantId merchant, CouponId id);
  Result<DiscountRecord> GetDiscount(Tx& tx, MerchantId merchant, SkuDiscountId id);
  Result<ReductionRecord> GetReduction(Tx& tx, MerchantId merchant, FullReductionId id);

  const Clock& clock_;
  IdGenerator& ids_;
};

// Field checks shared by the console routes and CreateCoupon.
Result<void> ValidateCoupon(const Coupon& c);
Result<void> ValidateSkuDiscount(const SkuDiscount& d);
Result<void> ValidateReduction(const FullReduction& r);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::pricing
