// The console's promotions: coupons, limited-time SKU discounts and full
// reductions, under /admin/v1/{coupons,discounts,reductions}.
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/pricing/pricing_errors.h"
#include "workflows/promotions/create_promotions.h"
#include "workflows/promotions/list_discounts.h"

namespace weishang::api {
namespace {

using identity::Permission;

Timestamp ReadTime(JsonReader& r, std::string_view key) {
  std::string text = r.Str(key, {.max_len = 40});
  Timestamp t = 0;
  if (!text.empty() && !ParseIso8601(text, &t)) r.Reject(key, "must be an ISO-8601 time");
  return t;
}

Reply CreateCoupon(Services& s, HttpRequest& req, const identity::Principal& who, JsonReader& r) {
  pricing::Coupon c;
  c.code = r.Str("code", {.max_len = 32, .min_len = 1});
  std::string name = r.Str("name", {.required = false, .max_len = 100});
  std::string kind = r.Str("kind", {.max_len = 10});
  c.kind = kind == "percent" ? pricing::CouponKind::kPercent : pricing::CouponKind::kFixed;
  if (!r.Error() && kind != "percent" && kind != "fixed")
    r.Reject("kind", "must be fixed or percent");
  c.amount_off = r.Int("amount_off", {.required = false, .max = kMaxFen});
  c.percent_off_bp = r.Int("percent_off_bp", {.required = false, .max = 10000});
  c.max_off = r.Int("max_off", {.required = false, .max = kMaxFen});
  c.min_spend = r.Int("min_spend", {.required = false, .max = kMaxFen});
  c.valid_from = ReadTime(r, "valid_from");
  c.valid_until = ReadTime(r, "valid_until");
  c.per_customer_limit = r.Int("per_customer_limit", {.required = false, .max = 1000});
  c.total_quantity = r.Int("total_quantity", {.required = false, .max = 100'000'000});
  if (r.Error()) return ErrorResponse(*r.Error());
  if (name.empty()) name = c.code;
  MerchantId m = who.merchant_id;
  return IdempotentWrite(s, req, m, "admin.coupon",
                         [&s, m, c, name](Tx& tx) -> Result<json::value> {
                           auto rec = s.modules.promotions.CreateCoupon(tx, m, c, name);
                           if (!rec) return Fail(rec.error());
                           return EncodeCoupon(*rec);
                         });
}

Reply CreateDiscount(Services& s, HttpRequest& req, const identity::Principal& who, JsonReader& r) {
  pricing::SkuDiscount d;
  auto sku = DecodeId<SkuId>(r.Str("sku_id", {.max_len = 40}));
  d.name = r.Str("name", {.max_len = 100, .min_len = 1});
  std::string kind = r.Str("kind", {.max_len = 20});
  d.kind =
      kind == "fixed_price" ? pricing::DiscountKind::kFixedPrice : pricing::DiscountKind::kPercent;
  if (!r.Error() && kind != "percent" && kind != "fixed_price")
    r.Reject("kind", "must be percent or fixed_price");
  d.percent_bp = r.Int("percent_bp", {.required = false, .max = 10000, .fallback = 10000});
  d.fixed_price = r.Int("fixed_price", {.required = false, .max = kMaxFen});
  d.starts_at = ReadTime(r, "starts_at");
  d.ends_at = ReadTime(r, "ends_at");
  if (!r.Error() && !sku) r.Reject("sku_id", "is not a product option id");
  if (r.Error()) return ErrorResponse(*r.Error());
  d.sku_id = *sku;
  MerchantId m = who.merchant_id;
  return IdempotentWrite(s, req, m, "admin.discount", [&s, m, d](Tx& tx) -> Result<json::value> {
    auto rec = workflows::CreateSkuDiscount(tx, s.modules, m, d);
    if (!rec) return Fail(rec.error());
    return EncodeSkuDiscount(*rec);
  });
}

Reply CreateReduction(Services& s, HttpRequest& req, const identity::Principal& who,
                      JsonReader& r) {
  pricing::FullReduction f;
  f.name = r.Str("name", {.max_len = 100, .min_len = 1});
  f.starts_at = ReadTime(r, "starts_at");
  f.ends_at = ReadTime(r, "ends_at");
  const auto& tiers = r.Array("tiers", true, 5);
  for (std::size_t i = 0; i < tiers.size() && !r.Error(); ++i) {
    if (!tiers[i].is_object()) {
      r.Reject("tiers", "must be a list of {threshold, off}");
      break;
    }
    JsonReader tr(tiers[i].as_object(), "tiers[" + std::to_string(i) + "]");
    pricing::ReductionTier t{tr.Int("threshold", {.min = 1, .max = kMaxFen}),
                             tr.Int("off", {.min = 1, .max = kMaxFen})};
    if (tr.Error()) return ErrorResponse(*tr.Error());
    f.tiers.push_back(t);
  }
  for (const auto& p : r.StrList("product_ids")) {
    auto id = DecodeId<ProductId>(p);
    if (!id)
      r.Reject("product_ids", "holds an id that is not a product id");
    else
      f.product_ids.push_back(*id);
  }
  for (const auto& c : r.StrList("category_ids")) {
    auto id = DecodeId<CategoryId>(c);
    if (!id)
      r.Reject("category_ids", "holds an id that is not a category id");
    else
      f.category_ids.push_back(*id);
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId m = who.merchant_id;
  return IdempotentWrite(s, req, m, "admin.reduction", [&s, m, f](Tx& tx) -> Result<json::value> {
    auto rec = workflows::CreateFullReduction(tx, s.modules, m, f);
    if (!rec) return Fail(rec.error());
    return EncodeReduction(*rec);
  });
}

using CreateFn = Reply (*)(Services&, HttpRequest&, const identity::Principal&, JsonReader&);

// POST create for one kind of promotion.
void AddCreate(Router& router, Services& s, const std::string& path, CreateFn create) {
  router.Add(Method::kPost, path, [&s, create](HttpRequest& req) -> Reply {
    auto who = Authorize(s, req, Permission::kPromotionWrite);
    if (!who) return ErrorResponse(who.error());
    auto body = Body(req);
    if (!body) return ErrorResponse(body.error());
    JsonReader r(*body);
    return create(s, req, *who, r);
  });
}

// GET list and POST create for one kind of promotion.
template <class ListFn, class Encode>
void AddCollection(Router& router, Services& s, const std::string& path, ListFn list, Encode encode,
                   CreateFn create) {
  router.Add(Method::kGet, path, [&s, list, encode](HttpRequest& req) -> Reply {
    auto who = Authorize(s, req, Permission::kRead);
    if (!who) return ErrorResponse(who.error());
    return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
      auto items = (s.modules.promotions.*list)(tx, who->merchant_id);
      if (!items) return Fail(items.error());
      json::array out;
      for (const auto& it : *items) out.push_back(encode(it));
      return json::object{{"items", std::move(out)}};
    });
  });
  AddCreate(router, s, path, create);
}

// GET /admin/v1/discounts: each discount with its SKU's product and spec.
Reply ListDiscounts(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto items = workflows::ListSkuDiscounts(tx, s.modules, who->merchant_id);
    if (!items) return Fail(items.error());
    json::array out;
    for (const auto& it : *items) {
      json::object d = EncodeSkuDiscount(it.record);
      if (it.sku) {
        d["product"] = json::object{{"id", EncodeId(it.sku->product_id)},
                                    {"title", it.sku->title},
                                    {"spec_text", it.sku->spec_text}};
      }
      out.push_back(std::move(d));
    }
    return json::object{{"items", std::move(out)}};
  });
}

// POST {path}: ends (or archives) one promotion, whose id type `PromotionId`
// comes from the service function `end`.
template <class Rec, class PromotionId, class Encode>
void AddEnd(Router& router, Services& s, const std::string& path, std::string not_found_code,
            Result<Rec> (pricing::PromotionService::*end)(Tx&, MerchantId, PromotionId),
            Encode encode) {
  router.Add(Method::kPost, path, [&s, not_found_code, end, encode](HttpRequest& req) -> Reply {
    auto who = Authorize(s, req, Permission::kPromotionWrite);
    if (!who) return ErrorResponse(who.error());
    auto id = PathId<PromotionId>(req, "id", not_found_code);
    if (!id) return ErrorResponse(id.error());
    MerchantId m = who->merchant_id;
    PromotionId target = *id;
    return WriteThen<Rec>(
        s, [&s, m, target, end](Tx& tx) { return (s.modules.promotions.*end)(tx, m, target); },
        [encode](const Rec& rec) { return json::value(encode(rec)); });
  });
}

}  // namespace

void AddPromotionRoutes(Router& r, Services& s) {
  using P = pricing::PromotionService;
  AddCollection(r, s, "/admin/v1/coupons", &P::ListCoupons, EncodeCoupon, CreateCoupon);
  AddEnd(r, s, "/admin/v1/coupons/{id}/archive", pricing::errors::kCouponNotFound,
         &P::ArchiveCoupon, EncodeCoupon);
  r.Add(Method::kGet, "/admin/v1/discounts", [&s](HttpRequest& q) { return ListDiscounts(s, q); });
  AddCreate(r, s, "/admin/v1/discounts", CreateDiscount);
  AddEnd(r, s, "/admin/v1/discounts/{id}/end", pricing::errors::kDiscountNotFound,
         &P::EndSkuDiscount, EncodeSkuDiscount);
  AddCollection(r, s, "/admin/v1/reductions", &P::ListReductions, EncodeReduction, CreateReduction);
  AddEnd(r, s, "/admin/v1/reductions/{id}/end", pricing::errors::kReductionNotFound,
         &P::EndReduction, EncodeReduction);
}

}  // namespace weishang::api
