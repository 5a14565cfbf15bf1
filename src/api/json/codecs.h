// JSON encoders for what the API returns, one function per type. Ids are
// shown prefixed, money as integer fen, times as ISO-8601 UTC.
#pragma once

#include <vector>

#include "core/json.h"
#include "modules/aftersales/aftersales.h"
#include "modules/catalog/product.h"
#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "modules/pricing/promotions.h"
#include "workflows/orders/order_views.h"

namespace weishang::api {

// The whole order as the console sees it (buyer phone in full).
json::object EncodeOrder(const order::Order& o);
// The order as its buyer sees it: the same, without internal fields.
json::object EncodeBuyerOrder(const order::Order& o);
// The same, as JSON text, without building a document (checkout's answer).
std::string RenderBuyerOrder(const order::Order& o);
// A line of an order list: no lines, phone masked (138****5678).
json::object EncodeOrderSummary(const order::Order& o);
json::array EncodeEvents(const std::vector<order::Event>& events);
json::object EncodePayment(const payment::Payment& p);
json::object EncodeAftersales(const aftersales::Request& r);
// GET /admin/v1/orders/{id}: the order with its trail, payments and requests.
json::object EncodeOrderDetail(const workflows::OrderDetail& d);
// GET /store/v1/{shop}/orders/{token}: the buyer's order, trail and requests.
json::object EncodeBuyerOrderDetail(const workflows::OrderDetail& d);
// GET /admin/v1/finance/summary.
json::object EncodeFinanceSummary(const workflows::FinanceSummary& s);
json::object EncodeCoupon(const pricing::CouponRecord& c);
json::object EncodeSkuDiscount(const pricing::DiscountRecord& d);
json::object EncodeReduction(const pricing::ReductionRecord& r);

// A product as a campaign page shows it: id, title, subtitle, main image.
json::object EncodeProductCard(const catalog::Product& p);

// "13812345678" -> "138****5678"; shorter strings keep their first 3 chars.
std::string MaskPhone(const std::string& phone);

// ISO time or null.
json::value TimeOrNull(const std::optional<Timestamp>& t);

}  // namespace weishang::api

namespace weishang::pricing {
struct Quote;
}
namespace weishang::api {
// A quote with prefixed ids (pricing::EncodeQuote uses plain integers).
json::object EncodeQuoteForApi(const pricing::Quote& q);
}  // namespace weishang::api
