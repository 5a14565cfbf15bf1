#include "modules/pricing/promotions.h"

#include "core/json.h"
#include "core/money.h"
#include "events/outbox.h"
#include "modules/pricing/pricing_errors.h"
#include "storage/storage_errors.h"

namespace weishang::pricing {
namespace {

// Records promotion.changed for a promotion `rec` just written, and passes it on.
template <class Rec, class PromotionId>
Result<Rec> Announce(Tx& tx, Result<Rec> rec, MerchantId merchant, PromotionId id,
                     std::string_view type, std::string_view action, Timestamp now) {
  if (!rec) return rec;
  std::string subject = EncodeId(id);
  std::string payload = "{\"promotion_id\":\"" + subject + "\",\"type\":\"" + std::string(type) +
                        "\",\"action\":\"" + std::string(action) + "\"}";
  auto ok = events::Emit(tx, {merchant, kPromotionChanged, 1, subject, payload}, now);
  if (!ok) return Fail(ok.error());
  return rec;
}

}  // namespace
namespace {

constexpr const char* kCouponColumns =
    "id, code, name, kind, amount_off, percent_off_bp, max_off, min_spend, valid_from,"
    " valid_until, per_customer_limit, total_quantity, used_count, status, created_at";

CouponRecord CouponFromRow(const storage::Row& r) {
  CouponRecord rec;
  Coupon& c = rec.coupon;
  c.id = r.IdAt(0);
  c.code = r.Str(1);
  rec.name = r.Str(2);
  c.kind = r.Str(3) == "percent" ? CouponKind::kPercent : CouponKind::kFixed;
  c.amount_off = r.Int(4);
  c.percent_off_bp = r.Int(5);
  c.max_off = r.Int(6);
  c.min_spend = r.Int(7);
  c.valid_from = r.Int(8);
  c.valid_until = r.Int(9);
  c.per_customer_limit = r.Int(10);
  c.total_quantity = r.Int(11);
  c.used_count = r.Int(12);
  rec.status = FromText(kPromotionStatusText, r.Str(13)).value_or(PromotionStatus::kArchived);
  rec.created_at = r.Int(14);
  return rec;
}

constexpr const char* kDiscountColumns =
    "id, sku_id, name, kind, percent_bp, fixed_price, starts_at, ends_at, status";

DiscountRecord DiscountFromRow(const storage::Row& r) {
  DiscountRecord rec;
  SkuDiscount& d = rec.discount;
  d.id = r.IdAt(0);
  d.sku_id = r.IdAt(1);
  d.name = r.Str(2);
  d.kind = r.Str(3) == "fixed_price" ? DiscountKind::kFixedPrice : DiscountKind::kPercent;
  d.percent_bp = r.Int(4);
  d.fixed_price = r.Int(5);
  d.starts_at = r.Int(6);
  d.ends_at = r.Int(7);
  rec.status = FromText(kPromotionStatusText, r.Str(8)).value_or(PromotionStatus::kEnded);
  return rec;
}

constexpr const char* kReductionColumns =
    "id, name, tiers, product_ids, category_ids, starts_at, ends_at, status";

template <class T>
std::vector<T> IdsFromJson(const std::string& text) {
  std::vector<T> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    if (x.is_int64()) out.push_back(T(x.as_int64()));
  }
  return out;
}

template <class T>
std::string IdsToJson(const std::vector<T>& ids) {
  json::array a;
  for (T id : ids) a.emplace_back(id.value());
  return json::serialize(a);
}

ReductionRecord ReductionFromRow(const storage::Row& r) {
  ReductionRecord rec;
  FullReduction& f = rec.reduction;
  f.id = r.IdAt(0);
  f.name = r.Str(1);
  boost::system::error_code ec;
  auto tiers = json::parse(r.Str(2), ec);
  if (!ec && tiers.is_array()) {
    for (const auto& t : tiers.as_array()) {
      if (!t.is_array() || t.as_array().size() != 2) continue;
      f.tiers.push_back(
          ReductionTier{t.as_array()[0].to_number<Fen>(), t.as_array()[1].to_number<Fen>()});
    }
  }
  f.product_ids = IdsFromJson<ProductId>(r.Str(3));
  f.category_ids = IdsFromJson<CategoryId>(r.Str(4));
  f.starts_at = r.Int(5);
  f.ends_at = r.Int(6);
  rec.status = FromText(kPromotionStatusText, r.Str(7)).value_or(PromotionStatus::kEnded);
  return rec;
}

Error Bad(std::string message) {
  return Invalid(pricing::errors::kInvalidPromotion, std::move(message));
}

}  // namespace

Result<void> ValidateCoupon(const Coupon& c) {
  if (c.code.empty() || c.code.size() > 32) return Fail(Bad("coupon code must be 1-32 characters"));
  if (c.kind == CouponKind::kFixed && (c.amount_off <= 0 || c.amount_off > kMaxFen)) {
    return Fail(Bad("a fixed coupon needs amount_off between 1 fen and the maximum amount"));
  }
  if (c.kind == CouponKind::kPercent && (c.percent_off_bp <= 0 || c.percent_off_bp >= 10000)) {
    return Fail(Bad("a percent coupon needs percent_off_bp between 1 and 9999"));
  }
  if (c.min_spend < 0 || c.min_spend > kMaxFen || c.max_off < 0 || c.max_off > kMaxFen) {
    return Fail(Bad("min_spend and max_off must be between 0 and the maximum amount"));
  }
  if (c.valid_until <= c.valid_from) return Fail(Bad("valid_until must be after valid_from"));
  if (c.per_customer_limit < 0 || c.total_quantity < 0) {
    return Fail(Bad("limits must be 0 (unlimited) or positive"));
  }
  return {};
}

Result<void> ValidateSkuDiscount(const SkuDiscount& d) {
  if (d.kind == DiscountKind::kPercent && (d.percent_bp <= 0 || d.percent_bp >= 10000)) {
    return Fail(Bad("percent_bp (the share of the price charged) must be between 1 and 9999"));
  }
  if (d.kind == DiscountKind::kFixedPrice && (d.fixed_price <= 0 || d.fixed_price > kMaxFen)) {
    return Fail(Bad("fixed_price must be positive"));
  }
  if (d.ends_at <= d.starts_at) return Fail(Bad("ends_at must be after starts_at"));
  return {};
}

Result<void> ValidateReduction(const FullReduction& r) {
  if (r.tiers.empty() || r.tiers.size() > 5) return Fail(Bad("a full reduction needs 1-5 tiers"));
  for (const auto& t : r.tiers) {
    if (t.threshold <= 0 || t.off <= 0 || t.off >= t.threshold || t.threshold > kMaxFen) {
      return Fail(Bad("each tier needs 0 < off < threshold"));
    }
  }
  if (r.ends_at <= r.starts_at) return Fail(Bad("ends_at must be after starts_at"));
  return {};
}

Result<CouponRecord> PromotionService::CreateCoupon(Tx& tx, MerchantId merchant, const Coupon& c,
                                                    const std::string& name) {
  if (auto ok = ValidateCoupon(c); !ok) return Fail(ok.error());
  auto id = ids_.Next<CouponId>();
  auto ok = tx.Exec(
      "INSERT INTO pricing_coupon (id, merchant_id, code, name, kind, amount_off, percent_off_bp,"
      " max_off, min_spend, valid_from, valid_until, per_customer_limit, total_quantity, "
      "created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, merchant, c.code, name, c.kind == CouponKind::kPercent ? "percent" : "fixed",
       c.amount_off, c.percent_off_bp, c.max_off, c.min_spend, c.valid_from, c.valid_until,
       c.per_customer_limit, c.total_quantity, clock_.Now()});
  if (!ok) {
    if (ok.error().code == storage::errors::kUniqueViolation) {
      return Fail(
          Conflict(pricing::errors::kCouponCodeTaken, "coupon code '" + c.code + "' exists"));
    }
    return Fail(ok.error());
  }
  return GetCouponById(tx, merchant, id);
}

Result<CouponRecord> PromotionService::GetCouponById(Tx& tx, MerchantId merchant, CouponId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCouponColumns +
                             " FROM pricing_coupon WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(pricing::errors::kCouponNotFound, "no such coupon"));
  return CouponFromRow(**row);
}

Result<std::vector<CouponRecord>> PromotionService::ListCoupons(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kCouponColumns +
                           " FROM pricing_coupon WHERE merchant_id = ? ORDER BY id DESC LIMIT 500",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<CouponRecord> out;
  for (const auto& r : *rows) out.push_back(CouponFromRow(r));
  return out;
}

Result<CouponRecord> PromotionService::ArchiveCoupon(Tx& tx, MerchantId merchant,
                                                     CouponId coupon_id) {
  auto ok =
      tx.Exec("UPDATE pricing_coupon SET status = 'archived' WHERE id = ? AND merchant_id = ?",
              {coupon_id, merchant});
  if (!ok) return Fail(ok.error());
  return GetCouponById(tx, merchant, coupon_id);
}

Result<Coupon> PromotionService::GetCoupon(Tx& tx, MerchantId merchant, const std::string& code,
                                           const std::string& customer) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCouponColumns +
                             " FROM pricing_coupon WHERE merchant_id = ? AND code = ?"
                             " AND status = 'active'",
                         {merchant, code});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(pricing::errors::kCouponNotFound, "no coupon '" + code + "'"));
  Coupon c = CouponFromRow(**row).coupon;
  if (!customer.empty()) {
    auto used = tx.QueryOne(
        "SELECT COUNT(*) FROM pricing_coupon_use WHERE coupon_id = ? AND customer_key = ?"
        " AND status = 'used'",
        {c.id, customer});
    if (!used) return Fail(used.error());
    c.used_by_this_customer = (*used)->Int(0);
  }
  return c;
}

Result<void> PromotionService::RedeemCoupon(Tx& tx, MerchantId merchant, CouponId coupon_id,
                                            OrderId order_id, const std::string& customer) {
  // Take a copy first: the conditional UPDATE also locks the coupon row in
  // PostgreSQL, so the per-customer count below can't race.
  auto took = tx.Exec(
      "UPDATE pricing_coupon SET used_count = used_count + 1 WHERE id = ? AND merchant_id = ?"
      " AND (total_quantity = 0 OR used_count < total_quantity)",
      {coupon_id, merchant});
  if (!took) return Fail(took.error());
  if (*took == 0)
    return Fail(Conflict(pricing::errors::kCouponExhausted, "every copy of this coupon is used"));
  auto limit = tx.QueryOne(
      "SELECT c.per_customer_limit, (SELECT COUNT(*) FROM pricing_coupon_use u WHERE"
      " u.coupon_id = c.id AND u.customer_key = ? AND u.status = 'used') FROM pricing_coupon c"
      " WHERE c.id = ?",
      {customer, coupon_id});
  if (!limit) return Fail(limit.error());
  if ((*limit)->Int(0) > 0 && (*limit)->Int(1) >= (*limit)->Int(0)) {
    return Fail(Conflict(pricing::errors::kCouponLimitReached,
                         "you have used this coupon the most times allowed"));
  }
  auto ok = tx.Exec(
      "INSERT INTO pricing_coupon_use (coupon_id, order_id, merchant_id, customer_key, status, "
      "used_at)"
      " VALUES (?, ?, ?, ?, 'used', ?)",
      {coupon_id, order_id, merchant, customer, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> PromotionService::ReleaseCoupon(Tx& tx, MerchantId merchant, CouponId coupon_id,
                                             OrderId order_id) {
  auto released = tx.Exec(
      "UPDATE pricing_coupon_use SET status = 'released' WHERE coupon_id = ? AND order_id = ?"
      " AND merchant_id = ? AND status = 'used'",
      {coupon_id, order_id, merchant});
  if (!released) return Fail(released.error());
  if (*released == 0) return {};
  auto ok = tx.Exec(
      "UPDATE pricing_coupon SET used_count = used_count - 1 WHERE id = ? AND merchant_id = ?"
      " AND used_count > 0",
      {coupon_id, merchant});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<DiscountRecord> PromotionService::CreateSkuDiscount(Tx& tx, MerchantId merchant,
                                                           const SkuDiscount& d) {
  if (auto ok = ValidateSkuDiscount(d); !ok) return Fail(ok.error());
  auto id = ids_.Next<SkuDiscountId>();
  auto ok = tx.Exec(
      "INSERT INTO pricing_sku_discount (id, merchant_id, sku_id, name, kind, percent_bp,"
      " fixed_price, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, merchant, d.sku_id, d.name, d.kind == DiscountKind::kPercent ? "percent" : "fixed_price",
       d.percent_bp, d.fixed_price, d.starts_at, d.ends_at, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return Announce(tx, GetDiscount(tx, merchant, id), merchant, id, "sku_discount", "created",
                  clock_.Now());
}

Result<DiscountRecord> PromotionService::GetDiscount(Tx& tx, MerchantId merchant,
                                                     SkuDiscountId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kDiscountColumns +
                             " FROM pricing_sku_discount WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(pricing::errors::kDiscountNotFound, "no such discount"));
  return DiscountFromRow(**row);
}

Result<std::vector<DiscountRecord>> PromotionService::ListSkuDiscounts(Tx& tx,
                                                                       MerchantId merchant) {
  auto rows =
      tx.Query(std::string("SELECT ") + kDiscountColumns +
                   " FROM pricing_sku_discount WHERE merchant_id = ? ORDER BY id DESC LIMIT 500",
               {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<DiscountRecord> out;
  for (const auto& r : *rows) out.push_back(DiscountFromRow(r));
  return out;
}

Result<DiscountRecord> PromotionService::EndSkuDiscount(Tx& tx, MerchantId merchant,
                                                        SkuDiscountId id) {
  auto ok =
      tx.Exec("UPDATE pricing_sku_discount SET status = 'ended' WHERE id = ? AND merchant_id = ?",
              {id, merchant});
  if (!ok) return Fail(ok.error());
  return Announce(tx, GetDiscount(tx, merchant, id), merchant, id, "sku_discount", "ended",
                  clock_.Now());
}

Result<std::vector<SkuDiscount>> PromotionService::LiveSkuDiscounts(Tx& tx, MerchantId merchant,
                                                                    const std::vector<SkuId>& skus,
                                                                    Timestamp now) {
  std::vector<SkuDiscount> out;
  for (SkuId sku : skus) {
    auto rows = tx.Query(std::string("SELECT ") + kDiscountColumns +
                             " FROM pricing_sku_discount WHERE merchant_id = ? AND sku_id = ?"
                             " AND status = 'active' AND starts_at <= ? AND ends_at > ?",
                         {merchant, sku, now, now});
    if (!rows) return Fail(rows.error());
    for (const auto& r : *rows) out.push_back(DiscountFromRow(r).discount);
  }
  return out;
}

Result<ReductionRecord> PromotionService::CreateReduction(Tx& tx, MerchantId merchant,
                                                          const FullReduction& r) {
  if (auto ok = ValidateReduction(r); !ok) return Fail(ok.error());
  json::array tiers;
  for (const auto& t : r.tiers) tiers.push_back(json::array{t.threshold, t.off});
  auto id = ids_.Next<FullReductionId>();
  auto ok = tx.Exec(
      "INSERT INTO pricing_full_reduction (id, merchant_id, name, tiers, product_ids, category_ids,"
      " starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, merchant, r.name, json::serialize(tiers), IdsToJson(r.product_ids),
       IdsToJson(r.category_ids), r.starts_at, r.ends_at, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return Announce(tx, GetReduction(tx, merchant, id), merchant, id, "full_reduction", "created",
                  clock_.Now());
}

Result<ReductionRecord> PromotionService::GetReduction(Tx& tx, MerchantId merchant,
                                                       FullReductionId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kReductionColumns +
                             " FROM pricing_full_reduction WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(pricing::errors::kReductionNotFound, "no such full reduction"));
  return ReductionFromRow(**row);
}

Result<std::vector<ReductionRecord>> PromotionService::ListReductions(Tx& tx, MerchantId merchant) {
  auto rows =
      tx.Query(std::string("SELECT ") + kReductionColumns +
                   " FROM pricing_full_reduction WHERE merchant_id = ? ORDER BY id DESC LIMIT 200",
               {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<ReductionRecord> out;
  for (const auto& r : *rows) out.push_back(ReductionFromRow(r));
  return out;
}

Result<ReductionRecord> PromotionService::EndReduction(Tx& tx, MerchantId merchant,
                                                       FullReductionId id) {
  auto ok =
      tx.Exec("UPDATE pricing_full_reduction SET status = 'ended' WHERE id = ? AND merchant_id = ?",
              {id, merchant});
  if (!ok) return Fail(ok.error());
  return Announce(tx, GetReduction(tx, merchant, id), merchant, id, "full_reduction", "ended",
                  clock_.Now());
}

Result<std::vector<FullReduction>> PromotionService::LiveReductions(Tx& tx, MerchantId merchant,
                                                                    Timestamp now) {
  auto rows =
      tx.Query(std::string("SELECT ") + kReductionColumns +
                   " FROM pricing_full_reduction WHERE merchant_id = ? AND status = 'active'"
                   " AND ends_at > ? AND starts_at <= ?",
               {merchant, now, now});
  if (!rows) return Fail(rows.error());
  std::vector<FullReduction> out;
  for (const auto& r : *rows) out.push_back(ReductionFromRow(r).reduction);
  return out;
}

}  // namespace weishang::pricing
