#include "workflows/orders/order_views.h"

namespace weishang::workflows {
namespace {

// The trail and the after-sales requests, which both views show.
Result<OrderDetail> WithTrail(storage::Tx& tx, Modules& m, order::Order o) {
  OrderDetail d;
  auto events = m.orders.Events(tx, o.merchant_id, o.id);
  if (!events) return Fail(events.error());
  auto requests = m.aftersales.ListForOrder(tx, o.merchant_id, o.id);
  if (!requests) return Fail(requests.error());
  d.order = std::move(o);
  d.events = std::move(*events);
  d.aftersales = std::move(*requests);
  return d;
}

}  // namespace

Result<OrderDetail> LoadOrderDetail(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    OrderId order_id) {
  auto o = m.orders.Get(tx, merchant, order_id);
  if (!o) return Fail(o.error());
  auto d = WithTrail(tx, m, std::move(*o));
  if (!d) return d;
  auto payments = m.payments.ListForOrder(tx, merchant, order_id);
  if (!payments) return Fail(payments.error());
  d->payments = std::move(*payments);
  return d;
}

Result<OrderDetail> LoadBuyerOrder(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   const std::string& token) {
  auto o = m.orders.GetByToken(tx, merchant, token);
  if (!o) return Fail(o.error());
  return WithTrail(tx, m, std::move(*o));
}

Result<FinanceSummary> SummariseFinance(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        Timestamp from, Timestamp to) {
  auto rows = m.orders.Totals(tx, merchant, from, to);
  if (!rows) return Fail(rows.error());
  FinanceSummary out;
  for (const auto& r : *rows) {
    Fen net = r.total - r.refunded;
    if (r.status == order::Status::kPaid || r.status == order::Status::kShipped ||
        r.status == order::Status::kReceived) {
      out.receivable_pending += net;
    } else if (r.status == order::Status::kCompleted) {
      out.receivable_settled += net;
    }
    if (r.status != order::Status::kPendingPayment) out.refunded += r.refunded;
  }
  out.by_status = std::move(*rows);
  return out;
}

}  // namespace weishang::workflows
