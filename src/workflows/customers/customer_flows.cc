#include "workflows/customers/customer_flows.h"

#include <memory>
#include <unordered_map>

#include "core/json.h"
#include "modules/order/order_events.h"
#include "workflows/attribution/attribution_flows.h"

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

// The buyers recognised in this unit of work, by merchant and phone: a batch
// of orders from one buyer looks them up once.
using Recognised = std::unordered_map<std::string, CustomerId>;

// order.placed: its payload names the buyer, so no order is read. An order
// the checkout credited to a share link or channel code (workflows/
// attribution) names the device: a customer it creates was brought by the
// device's first touch.
Result<void> Placed(storage::Tx& tx, Modules& m, Recognised& seen, const events::Event& e,
                    OrderId order) {
  customers::CustomerService& customers = m.customers;
  auto payload = ParseObject(e.payload);
  if (!payload || !payload->contains("buyer") || !payload->at("buyer").is_object()) return {};
  JsonReader buyer(payload->at("buyer").as_object());
  std::string phone = customers::NormalisePhone(buyer.Str("phone"));
  if (phone.empty()) return {};
  Fen total = JsonReader(*payload).Int("total");
  std::string key = EncodeId(e.merchant_id) + "/" + phone;
  auto credit = m.attribution.CreditOf(tx, e.merchant_id, order);
  if (!credit) return Fail(credit.error());
  auto known = seen.find(key);
  if (known == seen.end() || *credit) {
    customers::Arrival a;
    a.identities.push_back({customers::IdentityKind::kPhone, phone});
    a.display_name = buyer.Str("name");
    a.channel = "checkout";
    // The official names when the checkout gave them (modules/address).
    a.province = buyer.Str("province").empty() ? buyer.Str("region") : buyer.Str("province");
    a.city = buyer.Str("city");
    a.district = buyer.Str("district");
    std::string visitor = *credit ? (*credit)->visitor : "";
    auto source = FillArrivalSource(tx, m, e.merchant_id, visitor, a);
    if (!source) return Fail(source.error());
    auto matched = customers.Arrive(tx, e.merchant_id, a, "checkout");
    if (!matched) return Fail(matched.error());
    if (auto ok = RecordArrivalSource(tx, m, e.merchant_id, visitor, *matched, *source); !ok) {
      return ok;
    }
    known = seen.insert_or_assign(key, matched->customer.id).first;
  }
  if (*credit) {
    auto ok = m.attribution.SetOrderCustomer(tx, e.merchant_id, order, known->second);
    if (!ok) return ok;
  }
  return customers.LinkOrder(tx, e.merchant_id, known->second, order, total, e.created_at);
}

Result<void> Paid(storage::Tx& tx, customers::CustomerService& customers, Modules& m,
                  const order::Order& o) {
  std::vector<ProductId> products;
  for (const order::Line& l : o.lines) products.push_back(l.product_id);
  auto categories = m.catalog.CategoriesOf(tx, o.merchant_id, products);
  if (!categories) return Fail(categories.error());
  std::vector<customers::PurchasedLine> lines;
  for (const order::Line& l : o.lines) {
    customers::PurchasedLine p{l.product_id, l.sku_id, std::nullopt, l.quantity};
    if (auto c = categories->find(l.product_id); c != categories->end()) p.category_id = c->second;
    lines.push_back(p);
  }
  return customers.RecordPaid(tx, o.merchant_id, o.id, o.paid_at.value_or(o.created_at), lines);
}

// order.cancelled, aftersales.refunded: the money off the spend, the units
// off the purchases.
Result<void> Refunded(storage::Tx& tx, customers::CustomerService& customers,
                      const order::Order& o) {
  auto ok = customers.RecordRefunded(tx, o.merchant_id, o.id, o.refunded_total);
  if (!ok) return ok;
  std::vector<std::pair<int, std::int64_t>> returned;
  for (const order::Line& l : o.lines) {
    if (l.refunded_quantity > 0) returned.emplace_back(l.line_no, l.refunded_quantity);
  }
  if (returned.empty()) return {};
  return customers.RecordReturned(tx, o.merchant_id, o.id, returned);
}

}  // namespace

events::Handler CustomerHandler(customers::CustomerService& customers, Modules& modules) {
  auto seen = std::make_shared<Recognised>();
  return events::Handler{
      "customers",
      {std::string(order::kOrderPlaced), std::string(order::kOrderPaid),
       std::string(order::kOrderCancelled), std::string(kAftersalesRefunded)},
      [&customers, &modules, seen](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto id = OrderOf(e);
        if (!id) return {};
        if (e.kind == order::kOrderPlaced) return Placed(tx, modules, *seen, e, *id);
        auto o = modules.orders.Get(tx, e.merchant_id, *id);
        if (!o) return Fail(o.error());
        if (e.kind == order::kOrderPaid) return Paid(tx, customers, modules, *o);
        return Refunded(tx, customers, *o);
      },
      [seen] { seen->clear(); },
      /*from_history=*/true};
}

}  // namespace weishang::workflows
