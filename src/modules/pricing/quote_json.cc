#include "modules/pricing/quote_json.h"

namespace weishang::pricing {
namespace {

// Ids of 0 mean "none" inside the engine and null on the wire.
template <class T>
json::value IdOrNull(T id) {
  return id.valid() ? json::value(id.value()) : json::value(nullptr);
}

template <class T>
json::value NameOrNull(T id, const std::string& name) {
  return id.valid() ? json::value(name) : json::value(nullptr);
}

json::object EncodeLine(const QuoteLine& line) {
  json::object out;
  out["sku_id"] = line.sku_id.value();
  out["product_id"] = line.product_id.value();
  out["title"] = line.title;
  out["quantity"] = line.quantity;
  out["unit_price"] = line.unit_price;
  out["discounted_unit_price"] = line.discounted_unit_price;
  out["list_subtotal"] = line.list_subtotal;
  out["item_discount"] = line.item_discount;
  out["item_discount_id"] = IdOrNull(line.item_discount_id);
  out["item_discount_name"] = NameOrNull(line.item_discount_id, line.item_discount_name);
  out["order_discount_share"] = line.order_discount_share;
  out["coupon_share"] = line.coupon_share;
  out["payable"] = line.payable;
  return out;
}

}  // namespace

json::object EncodeQuote(const Quote& quote) {
  json::object out;
  json::array lines;
  lines.reserve(quote.lines.size());
  for (const QuoteLine& line : quote.lines) lines.push_back(EncodeLine(line));
  out["lines"] = std::move(lines);
  out["merchandise_total"] = quote.merchandise_total;
  out["item_discount_total"] = quote.item_discount_total;
  out["order_discount_total"] = quote.order_discount_total;
  out["order_promotion_id"] = IdOrNull(quote.order_promotion_id);
  out["order_promotion_name"] = NameOrNull(quote.order_promotion_id, quote.order_promotion_name);
  out["coupon_discount"] = quote.coupon_discount;
  out["coupon_id"] = IdOrNull(quote.coupon_id);
  out["coupon_code"] = NameOrNull(quote.coupon_id, quote.coupon_code);
  out["postage"] = quote.postage;
  out["postage_reason"] = quote.postage_reason;
  out["total"] = quote.total;
  json::array explanations;
  for (const std::string& text : quote.explanations) explanations.emplace_back(text);
  out["explanations"] = std::move(explanations);
  return out;
}

}  // namespace weishang::pricing
