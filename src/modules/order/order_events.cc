#include "modules/order/order_events.h"

#include "core/json_writer.h"

namespace weishang::order {

std::string OrderEventPayload(const Order& o, std::string_view actor, std::string_view reason) {
  JsonWriter w(128);
  w.BeginObject().IdField("order_id", o.id).Field("status", StatusName(o.status));
  w.Field("total", o.totals.total).Field("refunded_total", o.refunded_total).Field("actor", actor);
  if (!reason.empty()) w.Field("reason", reason);
  if (o.status == Status::kPendingPayment) {
    // order.placed: who bought, so the customers handler reads no order.
    w.Key("buyer").BeginObject().Field("name", o.buyer.name).Field("phone", o.buyer.phone);
    w.Field("region", o.buyer.region).Field("province", o.buyer.province);
    w.Field("city", o.buyer.city).Field("district", o.buyer.district).EndObject();
  }
  return w.EndObject().Take();
}

std::string OrderSnapshot(const Order& o) {
  JsonWriter w(256 + 96 * o.lines.size());
  w.BeginObject().IdField("order_id", o.id).Field("status", StatusName(o.status));
  w.Field("total", o.totals.total).Field("postage", o.totals.postage);
  w.Field("refunded_total", o.refunded_total);
  w.Key("buyer").BeginObject().Field("name", o.buyer.name).Field("phone", o.buyer.phone);
  w.Field("region", o.buyer.region).Field("province", o.buyer.province);
  w.Field("city", o.buyer.city).Field("district", o.buyer.district).EndObject();
  w.Key("lines").BeginArray();
  for (const Line& l : o.lines) {
    w.BeginObject().Field("line_no", l.line_no).IdField("sku_id", l.sku_id);
    w.IdField("product_id", l.product_id).Field("quantity", l.quantity);
    w.Field("payable", l.payable).EndObject();
  }
  w.EndArray();
  if (o.coupon_id) w.IdField("coupon_id", *o.coupon_id);
  return w.EndObject().Take();
}

Result<void> EmitOrderEvent(Tx& tx, const Order& o, std::string_view kind, std::string_view actor,
                            std::string_view reason, Timestamp now) {
  return events::Emit(tx,
                      events::NewEvent{o.merchant_id, kind, kOrderEventVersion, EncodeId(o.id),
                                       OrderEventPayload(o, actor, reason)},
                      now);
}

}  // namespace weishang::order
