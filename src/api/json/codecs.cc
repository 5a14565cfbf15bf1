#include "api/json/codecs.h"

#include "core/json_writer.h"

namespace weishang::api {
namespace {

template <class T>
json::value IdOrNull(const std::optional<T>& id) {
  if (!id) return nullptr;
  return json::value(EncodeId(*id));
}

}  // namespace

json::object EncodeProductCard(const catalog::Product& p) {
  return json::object{{"id", EncodeId(p.id)},
                      {"title", p.title},
                      {"subtitle", p.subtitle},
                      {"image_url", p.main_image ? json::value(p.main_image->url) : json::value()}};
}

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 7) return phone.substr(0, std::min<std::size_t>(3, phone.size())) + "****";
  return phone.substr(0, 3) + "****" + phone.substr(phone.size() - 4);
}

json::value TimeOrNull(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return json::value(FormatIso8601(*t));
}

// Written with the streaming writer: checkout renders this for every order.
std::string RenderBuyerOrder(const order::Order& o) {
  JsonWriter w(640 + 400 * o.lines.size());
  w.BeginObject().IdField("id", o.id).Field("status", order::StatusName(o.status));
  w.Key("buyer")
      .BeginObject()
      .Field("name", o.buyer.name)
      .Field("phone", o.buyer.phone)
      .Field("region", o.buyer.region)
      .Field("address", o.buyer.address)
      .Field("note", o.buyer.note)
      .Field("province", o.buyer.province)
      .Field("city", o.buyer.city)
      .Field("district", o.buyer.district)
      .Field("postal_code", o.buyer.postal_code)
      .EndObject();
  const auto& t = o.totals;
  w.Key("totals")
      .BeginObject()
      .Field("merchandise_total", t.merchandise_total)
      .Field("item_discount", t.item_discount)
      .Field("order_discount", t.order_discount)
      .Field("coupon_discount", t.coupon_discount)
      .Field("postage", t.postage)
      .Field("total", t.total)
      .EndObject();
  w.Field("refunded_total", o.refunded_total);
  w.Key("lines").BeginArray();
  for (const auto& l : o.lines) {
    w.BeginObject()
        .Field("line_no", l.line_no)
        .IdField("sku_id", l.sku_id)
        .IdField("product_id", l.product_id)
        .Field("title", l.title)
        .Field("spec", l.spec_text)
        .Field("unit_price", l.unit_price)
        .Field("quantity", l.quantity)
        .Field("item_discount", l.item_discount)
        .Field("order_discount_share", l.order_discount_share)
        .Field("coupon_share", l.coupon_share)
        .Field("payable", l.payable)
        .Field("refunded_quantity", l.refunded_quantity)
        .Field("refunded_amount", l.refunded_amount);
    // The services the product promised when it was bought: what the buyer may ask for.
    auto offers = [&l](aftersales::Kind k) {
      return (l.aftersales_flags & aftersales::KindBit(k)) != 0;
    };
    w.Key("aftersales").BeginObject();
    w.Key("no_reason_7d").Bool(offers(aftersales::Kind::kNoReasonReturn));
    w.Key("quality_return").Bool(offers(aftersales::Kind::kQualityReturn));
    w.Key("exchange").Bool(offers(aftersales::Kind::kExchange));
    w.Key("refund_only").Bool(offers(aftersales::Kind::kRefundOnly));
    w.EndObject().EndObject();
  }
  w.EndArray();
  w.TimeField("pay_deadline", o.pay_deadline);
  w.TimeField("paid_at", o.paid_at);
  w.Field("payment_provider", o.payment_provider);
  w.Key("shipment").BeginObject().Field("carrier", o.carrier).Field("tracking_no", o.tracking_no);
  w.TimeField("shipped_at", o.shipped_at);
  w.EndObject();
  w.TimeField("receive_deadline", o.receive_deadline);
  w.TimeField("received_at", o.received_at);
  w.TimeField("completed_at", o.completed_at);
  w.TimeField("cancelled_at", o.cancelled_at);
  w.Field("cancel_reason", o.cancel_reason).TimeField("created_at", o.created_at);
  if (!o.token.empty()) w.Field("order_token", o.token);
  return w.EndObject().Take();
}

json::object EncodeBuyerOrder(const order::Order& o) {
  return json::parse(RenderBuyerOrder(o)).as_object();
}

json::object EncodeOrder(const order::Order& o) {
  json::object out = EncodeBuyerOrder(o);
  out["coupon_id"] = IdOrNull(o.coupon_id);
  out["promotion_id"] = IdOrNull(o.promotion_id);
  out["settle_at"] = TimeOrNull(o.settle_at);
  return out;
}

json::object EncodeOrderSummary(const order::Order& o) {
  return {{"id", EncodeId(o.id)},
          {"status", order::StatusName(o.status)},
          {"buyer_name", o.buyer.name},
          {"buyer_phone", MaskPhone(o.buyer.phone)},
          {"region", o.buyer.region},
          {"total", o.totals.total},
          {"refunded_total", o.refunded_total},
          {"tracking_no", o.tracking_no},
          {"created_at", FormatIso8601(o.created_at)},
          {"paid_at", TimeOrNull(o.paid_at)}};
}

json::array EncodeEvents(const std::vector<order::Event>& events) {
  json::array out;
  for (const auto& e : events) {
    out.push_back(json::object{{"seq", e.seq},
                               {"at", FormatIso8601(e.at)},
                               {"kind", e.kind},
                               {"actor", e.actor},
                               {"detail", e.detail}});
  }
  return out;
}

json::object EncodePayment(const payment::Payment& p) {
  return {{"id", EncodeId(p.id)},
          {"order_id", EncodeId(p.order_id)},
          {"provider", payment::ProviderName(p.provider)},
          {"amount", p.amount},
          {"status", payment::PaymentStatusName(p.status)},
          {"method", p.method},
          {"reference", p.reference},
          {"confirmed_by", IdOrNull(p.confirmed_by)},
          {"confirmed_at", TimeOrNull(p.confirmed_at)},
          {"refunded", p.refunded},
          {"created_at", FormatIso8601(p.created_at)}};
}

json::object EncodeAftersales(const aftersales::Request& r) {
  json::array lines;
  for (const auto& l : r.lines) {
    lines.push_back(json::object{{"line_no", l.line_no},
                                 {"sku_id", EncodeId(l.sku_id)},
                                 {"quantity", l.quantity},
                                 {"amount", l.amount}});
  }
  return {{"id", EncodeId(r.id)},
          {"order_id", EncodeId(r.order_id)},
          {"kind", aftersales::KindName(r.kind)},
          {"status", aftersales::StatusName(r.status)},
          {"reason", r.reason},
          {"note", r.buyer_note},
          {"refuse_reason", r.refuse_reason},
          {"refund_amount", r.refund_amount},
          {"refund_postage", r.refund_postage},
          {"return_shipment",
           json::object{{"carrier", r.return_carrier}, {"tracking_no", r.return_tracking_no}}},
          {"replacement_shipment", json::object{{"carrier", r.replacement_carrier},
                                                {"tracking_no", r.replacement_tracking_no}}},
          {"decided_by", IdOrNull(r.decided_by)},
          {"decided_at", TimeOrNull(r.decided_at)},
          {"created_at", FormatIso8601(r.created_at)},
          {"lines", std::move(lines)}};
}

namespace {

json::array EncodeRequests(const std::vector<aftersales::Request>& requests) {
  json::array out;
  for (const auto& r : requests) out.push_back(EncodeAftersales(r));
  return out;
}

}  // namespace

json::object EncodeOrderDetail(const workflows::OrderDetail& d) {
  json::object out = EncodeOrder(d.order);
  out["events"] = EncodeEvents(d.events);
  json::array payments;
  for (const auto& p : d.payments) payments.push_back(EncodePayment(p));
  out["payments"] = std::move(payments);
  out["aftersales"] = EncodeRequests(d.aftersales);
  return out;
}

json::object EncodeBuyerOrderDetail(const workflows::OrderDetail& d) {
  json::object out = EncodeBuyerOrder(d.order);
  out["events"] = EncodeEvents(d.events);
  out["aftersales"] = EncodeRequests(d.aftersales);
  return out;
}

json::object EncodeFinanceSummary(const workflows::FinanceSummary& s) {
  json::object by_status;
  for (const auto& r : s.by_status) {
    by_status[order::StatusName(r.status)] =
        json::object{{"orders", r.orders}, {"total", r.total}, {"refunded", r.refunded}};
  }
  return json::object{{"receivable_pending", s.receivable_pending},
                      {"receivable_settled", s.receivable_settled},
                      {"refunded", s.refunded},
                      {"by_status", std::move(by_status)}};
}

json::object EncodeCoupon(const pricing::CouponRecord& rec) {
  const auto& c = rec.coupon;
  return {{"id", EncodeId(c.id)},
          {"code", c.code},
          {"name", rec.name},
          {"kind", c.kind == pricing::CouponKind::kPercent ? "percent" : "fixed"},
          {"amount_off", c.amount_off},
          {"percent_off_bp", c.percent_off_bp},
          {"max_off", c.max_off},
          {"min_spend", c.min_spend},
          {"valid_from", FormatIso8601(c.valid_from)},
          {"valid_until", FormatIso8601(c.valid_until)},
          {"per_customer_limit", c.per_customer_limit},
          {"total_quantity", c.total_quantity},
          {"used_count", c.used_count},
          {"status", TextOf(pricing::kPromotionStatusText, rec.status)}};
}

json::object EncodeSkuDiscount(const pricing::DiscountRecord& rec) {
  const auto& d = rec.discount;
  return {{"id", EncodeId(d.id)},
          {"sku_id", EncodeId(d.sku_id)},
          {"name", d.name},
          {"kind", d.kind == pricing::DiscountKind::kPercent ? "percent" : "fixed_price"},
          {"percent_bp", d.percent_bp},
          {"fixed_price", d.fixed_price},
          {"starts_at", FormatIso8601(d.starts_at)},
          {"ends_at", FormatIso8601(d.ends_at)},
          {"status", TextOf(pricing::kPromotionStatusText, rec.status)}};
}

json::object EncodeReduction(const pricing::ReductionRecord& rec) {
  const auto& r = rec.reduction;
  json::array tiers, products, categories;
  for (const auto& t : r.tiers)
    tiers.push_back(json::object{{"threshold", t.threshold}, {"off", t.off}});
  for (ProductId id : r.product_ids) products.emplace_back(EncodeId(id));
  for (CategoryId id : r.category_ids) categories.emplace_back(EncodeId(id));
  return {{"id", EncodeId(r.id)},
          {"name", r.name},
          {"tiers", std::move(tiers)},
          {"product_ids", std::move(products)},
          {"category_ids", std::move(categories)},
          {"starts_at", FormatIso8601(r.starts_at)},
          {"ends_at", FormatIso8601(r.ends_at)},
          {"status", TextOf(pricing::kPromotionStatusText, rec.status)}};
}

}  // namespace weishang::api

#include "modules/pricing/quote_json.h"

namespace weishang::api {
namespace {

// The pricing module writes bare numbers; the API shows prefixed ids.
template <class T>
void Prefix(json::value& v) {
  if (v.is_int64()) v = json::value(EncodeId(T(v.as_int64())));
}

}  // namespace

json::object EncodeQuoteForApi(const pricing::Quote& q) {
  json::object out = pricing::EncodeQuote(q);
  for (auto& line : out["lines"].as_array()) {
    auto& l = line.as_object();
    Prefix<SkuId>(l["sku_id"]);
    Prefix<ProductId>(l["product_id"]);
    Prefix<SkuDiscountId>(l["item_discount_id"]);
  }
  Prefix<FullReductionId>(out["order_promotion_id"]);
  Prefix<CouponId>(out["coupon_id"]);
  return out;
}

}  // namespace weishang::api
