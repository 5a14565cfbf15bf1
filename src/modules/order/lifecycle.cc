// Order state transitions and the timers that drive some of them. Every
// transition is one conditional UPDATE (`WHERE status = from`), so two
// racing transitions can't both win, and each appends to the trail.
#include "modules/order/order.h"
#include "modules/order/order_errors.h"
#include "modules/order/order_events.h"

namespace weishang::order {
namespace {

std::string_view EventKindFor(Status to) {
  switch (to) {
    case Status::kPendingPayment:
      return kOrderPlaced;
    case Status::kPaid:
      return kOrderPaid;
    case Status::kShipped:
      return kOrderShipped;
    case Status::kReceived:
      return kOrderReceived;
    case Status::kCompleted:
      return kOrderCompleted;
    case Status::kCancelled:
      return kOrderCancelled;
  }
  return kOrderPlaced;
}

}  // namespace

Result<Order> OrderService::Transition(Tx& tx, MerchantId merchant, OrderId order_id, Status from,
                                       Status to, const std::string& error_code,
                                       const std::string& set_sql,
                                       std::vector<storage::Param> set_params,
                                       const std::string& actor, const std::string& detail) {
  std::string sql = "UPDATE order_order SET status = ?, updated_at = ?";
  if (!set_sql.empty()) sql += ", " + set_sql;
  sql += " WHERE id = ? AND merchant_id = ? AND status = ?";
  std::vector<storage::Param> params{StatusName(to), clock_.Now()};
  params.insert(params.end(), set_params.begin(), set_params.end());
  params.insert(params.end(), {order_id, merchant, StatusName(from)});
  auto changed = tx.Exec(sql, storage::Params(params.data(), params.size()));
  if (!changed) return Fail(changed.error());
  if (*changed == 0) {
    auto current = Get(tx, merchant, order_id);
    if (!current) return current;  // order.not_found
    return Fail(Conflict(error_code, std::string("the order is ") + StatusName(current->status)));
  }
  std::string kind = to == Status::kCancelled ? "cancelled" : StatusName(to);
  if (auto ev = AddEvent(tx, merchant, order_id, kind, actor, detail); !ev) return Fail(ev.error());
  auto o = Get(tx, merchant, order_id);
  if (!o) return o;
  // The domain event, in this same unit (docs/events.md).
  if (auto emitted = EmitOrderEvent(tx, *o, EventKindFor(to), actor,
                                    to == Status::kCancelled ? detail : "", clock_.Now());
      !emitted) {
    return Fail(emitted.error());
  }
  return o;
}

Result<Order> OrderService::MarkPaid(Tx& tx, MerchantId merchant, OrderId order_id,
                                     const std::string& provider, const std::string& actor) {
  return Transition(tx, merchant, order_id, Status::kPendingPayment, Status::kPaid,
                    order::errors::kNotAwaitingPayment, "paid_at = ?, payment_provider = ?",
                    {clock_.Now(), provider}, actor, provider);
}

Result<Order> OrderService::Ship(Tx& tx, MerchantId merchant, OrderId order_id,
                                 const std::string& carrier, const std::string& tracking_no,
                                 std::int64_t auto_receive_days, const std::string& actor) {
  Timestamp now = clock_.Now();
  return Transition(tx, merchant, order_id, Status::kPaid, Status::kShipped,
                    order::errors::kNotShippable,
                    "carrier = ?, tracking_no = ?, shipped_at = ?, receive_deadline = ?",
                    {carrier, tracking_no, now, now + auto_receive_days * kDay}, actor,
                    carrier + " " + tracking_no);
}

Result<Order> OrderService::ConfirmReceipt(Tx& tx, MerchantId merchant, OrderId order_id,
                                           std::int64_t aftersales_days, const std::string& actor) {
  Timestamp now = clock_.Now();
  // The receivable settles only after the after-sales window has passed.
  return Transition(tx, merchant, order_id, Status::kShipped, Status::kReceived,
                    order::errors::kNotReceivable, "received_at = ?, settle_at = ?",
                    {now, now + aftersales_days * kDay}, actor, "");
}

Result<Order> OrderService::Cancel(Tx& tx, MerchantId merchant, OrderId order_id,
                                   const std::string& reason, const std::string& actor) {
  return Transition(tx, merchant, order_id, Status::kPendingPayment, Status::kCancelled,
                    order::errors::kNotCancellable, "cancelled_at = ?, cancel_reason = ?",
                    {clock_.Now(), reason}, actor, reason);
}

Result<Order> OrderService::CloseRefunded(Tx& tx, MerchantId merchant, OrderId order_id,
                                          const std::string& actor) {
  return Transition(tx, merchant, order_id, Status::kPaid, Status::kCancelled,
                    order::errors::kNotClosable, "cancelled_at = ?, cancel_reason = 'refunded'",
                    {clock_.Now()}, actor, "refunded in full before shipping");
}

Result<Order> OrderService::Complete(Tx& tx, MerchantId merchant, OrderId order_id,
                                     const std::string& actor) {
  return Transition(tx, merchant, order_id, Status::kReceived, Status::kCompleted,
                    order::errors::kNotSettleable, "completed_at = ?", {clock_.Now()}, actor, "");
}

Result<void> OrderService::RecordRefund(Tx& tx, MerchantId merchant, OrderId order_id, int line_no,
                                        std::int64_t quantity, Fen amount,
                                        const std::string& actor) {
  if (line_no > 0) {
    auto changed = tx.Exec(
        "UPDATE order_line SET refunded_quantity = refunded_quantity + ?,"
        " refunded_amount = refunded_amount + ? WHERE order_id = ? AND merchant_id = ?"
        " AND line_no = ? AND refunded_quantity + ? <= quantity AND refunded_amount + ? <= payable",
        {quantity, amount, order_id, merchant, line_no, quantity, amount});
    if (!changed) return Fail(changed.error());
    if (*changed == 0) {
      return Fail(Conflict(order::errors::kRefundExceedsPaid,
                           "the refund exceeds what was paid for the line"));
    }
  }
  auto changed = tx.Exec(
      "UPDATE order_order SET refunded_total = refunded_total + ?, updated_at = ?"
      " WHERE id = ? AND merchant_id = ? AND refunded_total + ? <= total",
      {amount, clock_.Now(), order_id, merchant, amount});
  if (!changed) return Fail(changed.error());
  if (*changed == 0) {
    return Fail(Conflict(order::errors::kRefundExceedsPaid, "the refund exceeds what was paid"));
  }
  std::string detail = "line " + std::to_string(line_no) + " x" + std::to_string(quantity) + " " +
                       FormatYuan(amount);
  return AddEvent(tx, merchant, order_id, "refunded", actor, detail);
}

Result<void> OrderService::HoldSettlement(Tx& tx, MerchantId merchant, OrderId order_id,
                                          Timestamp until) {
  auto ok = tx.Exec(
      "UPDATE order_order SET settle_at = ? WHERE id = ? AND merchant_id = ? AND status = "
      "'received'"
      " AND settle_at < ?",
      {until, order_id, merchant, until});
  if (!ok) return Fail(ok.error());
  return {};
}

namespace {

Result<std::vector<DueOrder>> Due(Tx& tx, const char* sql, Timestamp now, int limit) {
  auto rows = tx.Query(sql, {now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<DueOrder> out;
  for (const auto& r : *rows) out.push_back(DueOrder{r.IdAt(0), r.IdAt(1)});
  return out;
}

}  // namespace

// These read through the partial indexes on the timer columns.
Result<std::vector<DueOrder>> OrderService::DuePaymentTimeouts(Tx& tx, Timestamp now, int limit) {
  return Due(tx,
             "SELECT merchant_id, id FROM order_order WHERE status = 'pending_payment'"
             " AND pay_deadline <= ? ORDER BY pay_deadline LIMIT ?",
             now, limit);
}

Result<std::vector<DueOrder>> OrderService::DueAutoReceipts(Tx& tx, Timestamp now, int limit) {
  return Due(tx,
             "SELECT merchant_id, id FROM order_order WHERE status = 'shipped'"
             " AND receive_deadline <= ? ORDER BY receive_deadline LIMIT ?",
             now, limit);
}

Result<std::vector<DueOrder>> OrderService::DueSettlements(Tx& tx, Timestamp now, int limit) {
  return Due(tx,
             "SELECT merchant_id, id FROM order_order WHERE status = 'received'"
             " AND settle_at <= ? ORDER BY settle_at LIMIT ?",
             now, limit);
}

}  // namespace weishang::order
