#include "workflows/customers/customer_flows.h"

#include "core/json.h"
#include "modules/order/order_events.h"

namespace weishang::workflows {
namespace {

constexpr std::string_view kAftersalesRefunded = "aftersales.refunded";

// The order an event is about: the subject of order.*, the payload's
// order_id for aftersales.*.
std::optional<OrderId> OrderOf(const events::Event& e) {
  if (e.kind.starts_with("order.")) return DecodeId<OrderId>(e.subject);
  auto payload = ParseObject(e.payload);
  if (!payload) return std::nullopt;
  return DecodeId<OrderId>(JsonReader(*payload).Str("order_id"));
}

Result<void> Placed(storage::Tx& tx, customers::CustomerService& customers, const order::Order& o) {
  std::string phone = customers::NormalisePhone(o.buyer.phone);
  if (phone.empty()) return {};
  customers::Arrival a;
  a.identities.push_back({customers::IdentityKind::kPhone, phone});
  a.display_name = o.buyer.name;
  a.channel = "checkout";
  a.province = o.buyer.region;
  auto matched = customers.Arrive(tx, o.merchant_id, a, "checkout");
  if (!matched) return Fail(matched.error());
  return customers.LinkOrder(tx, o.merchant_id, matched->customer.id, o.id, o.totals.total,
                             o.created_at);
}

Result<void> Paid(storage::Tx& tx, customers::CustomerService& customers, Modules& m,
                  const order::Order& o) {
  std::vector<customers::PurchasedLine> lines;
  for (const order::Line& l : o.lines) {
    customers::PurchasedLine p{l.product_id, l.sku_id, std::nullopt, l.quantity};
    auto product = m.catalog.GetProduct(tx, o.merchant_id, l.product_id);
    if (product && product->category_id.valid()) p.category_id = product->category_id;
    lines.push_back(p);
  }
  return customers.RecordPaid(tx, o.merchant_id, o.id, o.paid_at.value_or(o.created_at), lines);
}

}  // namespace

events::Handler CustomerHandler(customers::CustomerService& customers, Modules& modules) {
  return events::Handler{
      "customers",
      {std::string(order::kOrderPlaced), std::string(order::kOrderPaid),
       std::string(order::kOrderCancelled), std::string(kAftersalesRefunded)},
      [&customers, &modules](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto id = OrderOf(e);
        if (!id) return {};
        auto o = modules.orders.Get(tx, e.merchant_id, *id);
        if (!o) return Fail(o.error());
        if (e.kind == order::kOrderPlaced) return Placed(tx, customers, *o);
        if (e.kind == order::kOrderPaid) return Paid(tx, customers, modules, *o);
        return customers.RecordRefunded(tx, e.merchant_id, o->id, o->refunded_total);
      }};
}

}  // namespace weishang::workflows
