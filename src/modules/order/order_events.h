// The events the order module records (docs/events.md has the payloads).
// Every order transition records its event in the transition's own unit of
// work, so whoever moves an order (a route, a timed job, the CLI) emits it.
#pragma once

#include <string_view>

#include "core/error.h"
#include "events/outbox.h"
#include "modules/order/order.h"

namespace weishang::order {

inline constexpr std::string_view kOrderPlaced = "order.placed";
inline constexpr std::string_view kOrderPaid = "order.paid";
inline constexpr std::string_view kOrderShipped = "order.shipped";
inline constexpr std::string_view kOrderReceived = "order.received";
inline constexpr std::string_view kOrderCompleted = "order.completed";
inline constexpr std::string_view kOrderCancelled = "order.cancelled";
inline constexpr int kOrderEventVersion = 1;

// The payload of every order.* event (version 1), kept small because every
// checkout writes one: {"order_id","status","total","refunded_total","actor"},
// "reason" on a cancellation, and "buyer":{"name","phone","region",
// "province","city","district"} on order.placed (the customers handler matches the buyer without a
// read). Who needs more reads the order by id (webhooks add it as "order", see OrderSnapshot).
std::string OrderEventPayload(const Order& o, std::string_view actor, std::string_view reason);

// The order as JSON for those who get it with an event (webhooks):
// {"order_id","status","total","postage","refunded_total","buyer":{name,phone,region},
//  "lines":[{line_no,sku_id,product_id,quantity,payable}],"coupon_id"?}.
std::string OrderSnapshot(const Order& o);

// Records `kind` for `o` in the caller's unit.
Result<void> EmitOrderEvent(Tx& tx, const Order& o, std::string_view kind, std::string_view actor,
                            std::string_view reason, Timestamp now);

}  // namespace weishang::order
