// The events the customers module records (docs/events.md has the payloads).
// customer.changed carries all of a customer's facts, so a reaction (tags,
// segment bitmaps) never reads the customer back.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "events/outbox.h"
#include "modules/customers/customers.h"

namespace weishang::customers {

inline constexpr std::string_view kCustomerChanged = "customer.changed";
inline constexpr std::string_view kCustomerMerged = "customer.merged";
inline constexpr std::string_view kCustomerPurchased = "customer.purchased";
inline constexpr std::string_view kCustomerReturned = "customer.returned";
inline constexpr int kCustomerEventVersion = 1;

// {"customer_id","ordinal","gender","birthday","province","city","channel",
//  "owner_staff_id"|null,"stage","orders_count","spent_total",
//  "first_order_at"|null,"last_order_at"|null,"created_at",
//  "merged_into"|null,"erased","fields":{}}
std::string ChangedPayload(const Customer& c);

Result<void> EmitChanged(Tx& tx, const Customer& c, Timestamp now);
// {"kept_id","merged_id","reason","actor"}
Result<void> EmitMerged(Tx& tx, const Customer& kept, CustomerId merged, std::string_view reason,
                        std::string_view actor, Timestamp now);
// {"customer_id","ordinal","order_id","paid_at","lines":[{product_id,sku_id,category_id,quantity}]}
Result<void> EmitPurchased(Tx& tx, const Customer& c, OrderId order, Timestamp paid_at,
                           const std::vector<PurchasedLine>& lines, Timestamp now);
// Units of a paid order refunded since: {"customer_id","ordinal","order_id",
// "paid_at","lines":[{product_id,quantity,returned}]}, each line whose
// returned units went up, with its quantity bought and returned so far.
Result<void> EmitReturned(Tx& tx, const Customer& c, OrderId order, Timestamp paid_at,
                          const std::vector<ReturnedLine>& lines, Timestamp now);

}  // namespace weishang::customers
