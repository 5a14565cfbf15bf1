// Loads the snapshot a price depends on, then prices it with pure functions
// ("load once, compute purely").
#include "modules/address/address.h"
#include "modules/address/address_errors.h"
#include "modules/order/order_errors.h"
#include "modules/pricing/pricing_errors.h"
#include "workflows/checkout/checkout.h"

namespace weishang::workflows {
namespace {

// Merges repeated SKUs and refuses silly quantities before touching storage.
Result<std::vector<LineRequest>> NormaliseLines(const std::vector<LineRequest>& lines) {
  if (lines.empty()) return Fail(Invalid(pricing::errors::kEmptyCart, "the order has no lines"));
  std::vector<LineRequest> out;
  out.reserve(lines.size());
  for (const auto& l : lines) {
    if (l.quantity < 1 || l.quantity > order::kMaxLineQuantity) {
      return Fail(
          Invalid(order::errors::kInvalidQuantity,
                  "quantity must be between 1 and " + std::to_string(order::kMaxLineQuantity)));
    }
    auto same =
        std::find_if(out.begin(), out.end(), [&](const auto& o) { return o.sku_id == l.sku_id; });
    if (same != out.end()) {
      if (same->unit_price != l.unit_price) {
        return Fail(Invalid(order::errors::kInvalidQuantity, "one product at two prices"));
      }
      same->quantity += l.quantity;
      if (same->quantity > order::kMaxLineQuantity) {
        return Fail(Invalid(order::errors::kInvalidQuantity, "too many units of one product"));
      }
    } else {
      out.push_back(l);
    }
  }
  if (out.size() > static_cast<std::size_t>(order::kMaxCartLines)) {
    return Fail(Invalid(order::errors::kTooManyLines, "an order holds at most 50 products"));
  }
  return out;
}

// The after-sales services a product promised, frozen on the order line.
int PolicyMask(const catalog::AftersalesPolicy& p) {
  using aftersales::Kind;
  using aftersales::KindBit;
  return (p.no_reason_7d ? KindBit(Kind::kNoReasonReturn) : 0) |
         (p.quality_return ? KindBit(Kind::kQualityReturn) : 0) |
         (p.exchange ? KindBit(Kind::kExchange) : 0) |
         (p.refund_only ? KindBit(Kind::kRefundOnly) : 0);
}

// What a price was computed from, kept for building the order.
struct Priced {
  pricing::Quote quote;
  std::shared_ptr<const MerchantSnapshot> snapshot;  // owns what `skus` points to
  std::vector<const catalog::SkuForSale*> skus;      // one per line, in line order (at most 50)
  const catalog::SkuForSale* Sku(SkuId id) const {
    for (const auto* s : skus) {
      if (s->sku_id == id) return s;
    }
    return nullptr;
  }
  const identity::ShopSettings& settings() const { return snapshot->settings; }
};

Result<std::shared_ptr<const MerchantSnapshot>> Snapshot(storage::Tx& tx, Modules& m,
                                                         MerchantId merchant,
                                                         SnapshotCache* cache) {
  if (cache != nullptr) return cache->Get(tx, m, merchant);
  auto loaded = SnapshotCache::Load(tx, m, merchant);
  if (!loaded) return Fail(loaded.error());
  return std::shared_ptr<const MerchantSnapshot>(std::move(*loaded));
}

bool Live(Timestamp starts_at, Timestamp ends_at, Timestamp now) {
  return starts_at <= now && now < ends_at;
}

Result<Priced> Price(storage::Tx& tx, Modules& m, const QuoteRequest& req, Timestamp now,
                     SnapshotCache* cache, bool explain) {
  auto lines = NormaliseLines(req.lines);
  if (!lines) return Fail(lines.error());
  std::vector<SkuId> sku_ids;
  sku_ids.reserve(lines->size());
  for (const auto& l : *lines) sku_ids.push_back(l.sku_id);
  auto snap = Snapshot(tx, m, req.merchant_id, cache);
  if (!snap) return Fail(snap.error());
  auto skus = SnapshotCache::Skus(tx, m, req.merchant_id, **snap, sku_ids);
  if (!skus) return Fail(skus.error());
  Priced out;
  out.snapshot = std::move(*snap);
  out.skus = std::move(*skus);
  const identity::ShopSettings& settings = out.settings();

  pricing::QuoteInput in;
  in.now = now;
  in.explain = explain;
  in.region = req.region;
  in.postage = pricing::PostageRule{settings.postage_flat_fee, settings.postage_free_above,
                                    settings.postage_excluded_regions};
  in.lines.reserve(lines->size());
  std::vector<SkuId> campaign_priced;  // lines whose price a workflow set
  for (const auto& l : *lines) {
    const auto& sku = *out.Sku(l.sku_id);
    if (l.unit_price) campaign_priced.push_back(l.sku_id);
    in.lines.push_back(pricing::CartLine{sku.sku_id, sku.product_id, sku.category_id,
                                         l.unit_price.value_or(sku.price), l.quantity, sku.title});
  }
  for (const auto& d : out.snapshot->discounts) {
    if (out.Sku(d.sku_id) != nullptr && Live(d.starts_at, d.ends_at, now) &&
        std::find(campaign_priced.begin(), campaign_priced.end(), d.sku_id) ==
            campaign_priced.end())
      in.discounts.push_back(d);
  }
  for (const auto& r : out.snapshot->reductions) {
    if (Live(r.starts_at, r.ends_at, now)) in.reductions.push_back(r);
  }
  if (!req.coupon_code.empty()) {
    auto coupon = m.promotions.GetCoupon(tx, req.merchant_id, req.coupon_code, req.customer_key);
    if (!coupon) return Fail(coupon.error());
    in.coupon = std::move(*coupon);
  }
  auto quote = pricing::PriceCart(in);
  if (!quote) return Fail(quote.error());
  out.quote = std::move(*quote);
  return out;
}

}  // namespace

Result<pricing::Quote> QuoteOrder(storage::Tx& tx, Modules& m, const QuoteRequest& req,
                                  Timestamp now, SnapshotCache* cache) {
  auto priced = Price(tx, m, req, now, cache, /*explain=*/true);
  if (!priced) return Fail(priced.error());
  return std::move(priced->quote);
}

Result<PreparedOrder> PrepareOrder(storage::Tx& tx, Modules& m, const PlaceOrderRequest& req,
                                   Timestamp now, SnapshotCache* cache) {
  QuoteRequest qr = req.quote;
  PreparedOrder out;
  if (!req.cart_token.empty()) {
    auto cart = m.orders.GetCart(tx, qr.merchant_id, req.cart_token);
    if (!cart) return Fail(cart.error());
    out.cart_id = cart->id;
    qr.lines.clear();
    for (const auto& l : cart->lines) {
      qr.lines.push_back(LineRequest{l.sku_id, l.quantity, std::nullopt});
    }
  }
  if (!req.buyer.region.empty()) qr.region = req.buyer.region;
  // An address given in parts must be a real province -> city -> district
  // chain (address.not_a_region otherwise); a postcode is six digits.
  if (!req.buyer.province.empty() || !req.buyer.city.empty() || !req.buyer.district.empty()) {
    auto region = address::CheckRegion(req.buyer.province, req.buyer.city, req.buyer.district);
    if (!region) return Fail(region.error());
  }
  if (!req.buyer.postal_code.empty() &&
      (req.buyer.postal_code.size() != 6 ||
       req.buyer.postal_code.find_first_not_of("0123456789") != std::string::npos)) {
    return Fail(Invalid(address::errors::kInvalidPostalCode, "a postcode is six digits"));
  }
  qr.customer_key = req.buyer.phone;
  auto priced = Price(tx, m, qr, now, cache, req.explain);
  if (!priced) return Fail(priced.error());
  const pricing::Quote& quote = priced->quote;

  order::NewOrder& o = out.order;
  o.merchant_id = qr.merchant_id;
  o.buyer = req.buyer;
  o.totals = order::Totals{quote.merchandise_total,
                           quote.item_discount_total,
                           quote.order_discount_total,
                           quote.coupon_discount,
                           quote.postage,
                           quote.total};
  if (quote.coupon_id.valid()) o.coupon_id = quote.coupon_id;
  if (quote.order_promotion_id.valid()) o.promotion_id = quote.order_promotion_id;
  o.pay_deadline = now + priced->settings().payment_timeout_minutes * kMinute;
  o.lines.reserve(quote.lines.size());
  out.units.reserve(quote.lines.size());
  for (const auto& q : quote.lines) {
    order::Line line;
    line.sku_id = q.sku_id;
    line.product_id = q.product_id;
    line.title = q.title;
    const catalog::SkuForSale& sku = *priced->Sku(q.sku_id);
    line.spec_text = sku.spec_text;
    line.unit_price = q.unit_price;
    line.quantity = q.quantity;
    line.item_discount = q.item_discount;
    line.order_discount_share = q.order_discount_share;
    line.coupon_share = q.coupon_share;
    line.payable = q.payable;
    line.aftersales_flags = PolicyMask(sku.policy);
    o.lines.push_back(std::move(line));
    out.units.push_back(inventory::Units{q.sku_id, q.quantity});
  }
  out.quote = std::move(priced->quote);
  return out;
}

}  // namespace weishang::workflows
