// The merchant's side: decide, receive goods back, refund, exchange.
#include "modules/aftersales/aftersales_errors.h"
#include "modules/identity/identity_errors.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::workflows {
namespace {

std::vector<inventory::Units> UnitsOf(const aftersales::Request& r) {
  std::vector<inventory::Units> units;
  for (const auto& l : r.lines) units.push_back(inventory::Units{l.sku_id, l.quantity});
  return units;
}

// Sends the money back through the order's payment provider and records it
// on each order line (postage as line 0).
Result<aftersales::Request> Refund(storage::Tx& tx, Modules& m, const aftersales::Request& r,
                                   const std::string& actor) {
  Fen total = r.refund_amount + r.refund_postage;
  if (total > 0) {
    auto refund = m.payments.RefundOrder(tx, r.merchant_id, r.order_id, total,
                                         std::string("after-sales ") + EncodeId(r.id));
    if (!refund) return Fail(refund.error());
  }
  for (const auto& l : r.lines) {
    auto ok = m.orders.RecordRefund(tx, r.merchant_id, r.order_id, l.line_no, l.quantity, l.amount,
                                    actor);
    if (!ok) return Fail(ok.error());
  }
  if (r.kind == aftersales::Kind::kRefundOnly) {
    auto o = m.orders.Get(tx, r.merchant_id, r.order_id);
    if (!o) return Fail(o.error());
    if (o->status == order::Status::kPaid) {
      // Refunded before shipping: those units never leave the shelf.
      if (auto back = m.inventory.Restore(tx, r.merchant_id, UnitsOf(r)); !back)
        return Fail(back.error());
    }
  }
  if (r.refund_postage > 0) {
    auto ok = m.orders.RecordRefund(tx, r.merchant_id, r.order_id, 0, 0, r.refund_postage, actor);
    if (!ok) return Fail(ok.error());
    // Everything refunded before shipping: the order closes.
    auto closed = m.orders.CloseRefunded(tx, r.merchant_id, r.order_id, actor);
    if (!closed) return Fail(closed.error());
  }
  return m.aftersales.MarkRefunded(tx, r.merchant_id, r.id);
}

}  // namespace

Result<void> MayDecide(const identity::Principal& by, aftersales::Kind kind, bool approving) {
  using identity::Permission;
  bool moves_money = kind != aftersales::Kind::kExchange;
  bool allowed = approving && moves_money ? identity::Allows(by.role, Permission::kMoney)
                                          : identity::Allows(by.role, Permission::kAftersales) ||
                                                identity::Allows(by.role, Permission::kMoney);
  if (allowed) return {};
  return Fail(Denied(identity::errors::kForbidden,
                     std::string("role '") + identity::RoleName(by.role) +
                         "' may not approve a refund; it needs the money permission"
                         " (owner, admin or finance)"));
}

Result<aftersales::Request> ApproveAftersales(storage::Tx& tx, Modules& m,
                                              const identity::Principal& by, AftersalesId id) {
  auto current = m.aftersales.Get(tx, by.merchant_id, id);
  if (!current) return current;
  if (auto may = MayDecide(by, current->kind, /*approving=*/true); !may) return Fail(may.error());
  auto r = m.aftersales.Approve(tx, by.merchant_id, id, by.staff_id);
  if (!r) return r;
  if (r->kind == aftersales::Kind::kRefundOnly) return Refund(tx, m, *r, EncodeId(by.staff_id));
  return r;
}

Result<aftersales::Request> RefuseAftersales(storage::Tx& tx, Modules& m,
                                             const identity::Principal& by, AftersalesId id,
                                             const std::string& reason) {
  if (reason.empty())
    return Fail(Invalid(aftersales::errors::kReasonRequired, "say why the request is refused"));
  auto current = m.aftersales.Get(tx, by.merchant_id, id);
  if (!current) return current;
  if (auto may = MayDecide(by, current->kind, /*approving=*/false); !may) return Fail(may.error());
  auto r = m.aftersales.Refuse(tx, by.merchant_id, id, by.staff_id, reason);
  if (!r) return r;
  auto ev = m.orders.AddEvent(tx, by.merchant_id, r->order_id, "aftersales_refused",
                              EncodeId(by.staff_id), reason);
  if (!ev) return Fail(ev.error());
  return r;
}

// The buyer's request `id`, reached through their order token: a request of
// another order answers as an unknown one does.
Result<aftersales::Request> BuyersRequest(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          const std::string& order_token, AftersalesId id) {
  auto o = m.orders.GetByToken(tx, merchant, order_token);
  if (!o) return Fail(o.error());
  auto r = m.aftersales.Get(tx, merchant, id);
  if (!r) return r;
  if (r->order_id != o->id)
    return Fail(NotFound(aftersales::errors::kNotFound, "no such after-sales request"));
  return r;
}

Result<aftersales::Request> ShipBack(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     const std::string& order_token, AftersalesId id,
                                     const std::string& carrier, const std::string& tracking_no) {
  if (auto r = BuyersRequest(tx, m, merchant, order_token, id); !r) return r;
  return m.aftersales.MarkReturning(tx, merchant, id, carrier, tracking_no);
}

Result<aftersales::Request> WithdrawAftersales(storage::Tx& tx, Modules& m, MerchantId merchant,
                                               const std::string& order_token, AftersalesId id) {
  if (auto r = BuyersRequest(tx, m, merchant, order_token, id); !r) return r;
  return m.aftersales.Withdraw(tx, merchant, id);
}

Result<aftersales::Request> ReceiveReturn(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          AftersalesId id, StaffId staff) {
  auto r = m.aftersales.MarkReceived(tx, merchant, id);
  if (!r) return r;
  // The goods are back on the shelf.
  if (auto ok = m.inventory.Restore(tx, merchant, UnitsOf(*r)); !ok) return Fail(ok.error());
  auto ev = m.orders.AddEvent(tx, merchant, r->order_id, "return_received", EncodeId(staff),
                              EncodeId(r->id));
  if (!ev) return Fail(ev.error());
  if (r->kind == aftersales::Kind::kExchange) return r;
  return Refund(tx, m, *r, EncodeId(staff));
}

Result<aftersales::Request> ShipReplacement(storage::Tx& tx, Modules& m, MerchantId merchant,
                                            AftersalesId id, const std::string& carrier,
                                            const std::string& tracking_no) {
  auto r = m.aftersales.MarkExchanged(tx, merchant, id, carrier, tracking_no);
  if (!r) return r;
  if (auto ok = m.inventory.Take(tx, merchant, UnitsOf(*r)); !ok) return Fail(ok.error());
  auto ev = m.orders.AddEvent(tx, merchant, r->order_id, "replacement_shipped", "merchant",
                              carrier + " " + tracking_no);
  if (!ev) return Fail(ev.error());
  return r;
}

}  // namespace weishang::workflows
