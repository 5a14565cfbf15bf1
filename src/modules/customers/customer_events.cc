#include "modules/customers/customer_events.h"

#include "core/json_writer.h"

namespace weishang::customers {
namespace {

JsonWriter& Millis(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t) {
  w.Key(key);
  return t ? w.Int(*t) : w.Null();
}

}  // namespace

std::string ChangedPayload(const Customer& c) {
  JsonWriter w(384);
  w.BeginObject().IdField("customer_id", c.id).Field("ordinal", c.ordinal);
  w.Field("gender", TextOf(kGenderText, c.gender)).Field("birthday", c.birthday);
  w.Field("province", c.province).Field("city", c.city).Field("channel", c.channel);
  w.IdField("owner_staff_id", c.owner_staff_id).Field("stage", TextOf(kStageText, c.stage));
  w.Field("orders_count", c.orders_count).Field("spent_total", c.spent_total);
  Millis(w, "first_order_at", c.first_order_at);
  Millis(w, "last_order_at", c.last_order_at);
  w.Field("created_at", c.created_at).IdField("merged_into", c.merged_into);
  w.Key("erased").Bool(c.erased_at.has_value());
  w.Key("fields").BeginObject();
  for (const auto& [key, value] : c.fields) w.Field(key, value);
  w.EndObject();
  return w.EndObject().Take();
}

Result<void> EmitChanged(Tx& tx, const Customer& c, Timestamp now) {
  return events::Emit(tx,
                      events::NewEvent{c.merchant_id, kCustomerChanged, kCustomerEventVersion,
                                       EncodeId(c.id), ChangedPayload(c)},
                      now);
}

Result<void> EmitMerged(Tx& tx, const Customer& kept, CustomerId merged, std::string_view reason,
                        std::string_view actor, Timestamp now) {
  JsonWriter w(160);
  w.BeginObject().IdField("kept_id", kept.id).IdField("merged_id", merged);
  w.Field("reason", reason).Field("actor", actor);
  return events::Emit(tx,
                      events::NewEvent{kept.merchant_id, kCustomerMerged, kCustomerEventVersion,
                                       EncodeId(kept.id), w.EndObject().Take()},
                      now);
}

Result<void> EmitPurchased(Tx& tx, const Customer& c, OrderId order, Timestamp paid_at,
                           const std::vector<PurchasedLine>& lines, Timestamp now) {
  JsonWriter w(160 + 96 * lines.size());
  w.BeginObject().IdField("customer_id", c.id).Field("ordinal", c.ordinal);
  w.IdField("order_id", order).Field("paid_at", paid_at);
  w.Key("lines").BeginArray();
  for (const PurchasedLine& l : lines) {
    w.BeginObject().IdField("product_id", l.product_id).IdField("sku_id", l.sku_id);
    w.IdField("category_id", l.category_id).Field("quantity", l.quantity).EndObject();
  }
  w.EndArray();
  return events::Emit(tx,
                      events::NewEvent{c.merchant_id, kCustomerPurchased, kCustomerEventVersion,
                                       EncodeId(c.id), w.EndObject().Take()},
                      now);
}

Result<void> EmitReturned(Tx& tx, const Customer& c, OrderId order, Timestamp paid_at,
                          const std::vector<ReturnedLine>& lines, Timestamp now) {
  JsonWriter w(160 + 64 * lines.size());
  w.BeginObject().IdField("customer_id", c.id).Field("ordinal", c.ordinal);
  w.IdField("order_id", order).Field("paid_at", paid_at);
  w.Key("lines").BeginArray();
  for (const ReturnedLine& l : lines) {
    w.BeginObject().IdField("product_id", l.product_id).Field("quantity", l.quantity);
    w.Field("returned", l.returned).EndObject();
  }
  w.EndArray();
  return events::Emit(tx,
                      events::NewEvent{c.merchant_id, kCustomerReturned, kCustomerEventVersion,
                                       EncodeId(c.id), w.EndObject().Take()},
                      now);
}

}  // namespace weishang::customers
