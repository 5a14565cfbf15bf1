#include "workflows/orders/order_flows.h"

#include "core/json_writer.h"
#include "modules/groupbuy/groupbuy.h"
#include "modules/order/order_errors.h"
#include "modules/payment/payment_errors.h"
#include "modules/presale/presale.h"

namespace weishang::workflows {
namespace {

std::vector<inventory::Units> UnitsOf(const order::Order& o) {
  std::vector<inventory::Units> units;
  for (const auto& l : o.lines) units.push_back(inventory::Units{l.sku_id, l.quantity});
  return units;
}

}  // namespace

Result<payment::Payment> StartSandboxPayment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                             const std::string& order_token) {
  auto o = m.orders.GetByToken(tx, merchant, order_token);
  if (!o) return Fail(o.error());
  if (o->status != order::Status::kPendingPayment) {
    return Fail(Conflict(order::errors::kNotAwaitingPayment,
                         std::string("the order is ") + order::StatusName(o->status)));
  }
  return m.payments.CreateSandbox(tx, merchant, o->id, o->totals.total);
}

Result<payment::Payment> HandleSandboxCallback(storage::Tx& tx, Modules& m, MerchantId merchant,
                                               const std::string& body,
                                               const std::string& signature) {
  auto applied = m.payments.ApplySandboxCallback(tx, merchant, body, signature);
  if (!applied) return Fail(applied.error());
  auto& [pay, changed] = *applied;
  if (auto logged = m.payments.LogCallback(tx, merchant, "sandbox", body, true,
                                           changed ? "applied" : "repeat");
      !logged) {
    return Fail(logged.error());
  }
  if (!changed) return pay;
  auto paid = m.orders.MarkPaid(tx, merchant, pay.order_id, "sandbox", "system");
  if (paid) return pay;
  if (paid.error().code != order::errors::kNotAwaitingPayment) return Fail(paid.error());
  // The money arrived for an order that is no longer payable: send it back.
  // This payment, not the order's first: that may be the one that paid it.
  auto refund = m.payments.RefundPayment(tx, merchant, pay.id, pay.amount, "late payment");
  if (!refund) return Fail(refund.error());
  auto ev = m.orders.AddEvent(tx, merchant, pay.order_id, "late_payment_refunded", "system",
                              FormatYuan(pay.amount));
  if (!ev) return Fail(ev.error());
  return m.payments.Get(tx, merchant, pay.id);
}

Result<order::Order> ConfirmManualPayment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          OrderId order_id, Fen amount, const std::string& method,
                                          const std::string& reference, StaffId staff) {
  auto o = m.orders.Get(tx, merchant, order_id);
  if (!o) return o;
  if (o->status != order::Status::kPendingPayment) {
    return Fail(Conflict(order::errors::kNotAwaitingPayment,
                         std::string("the order is ") + order::StatusName(o->status)));
  }
  if (amount != o->totals.total) {
    return Fail(
        Conflict(payment::errors::kAmountMismatch,
                 "the confirmed amount must equal the order total " + FormatYuan(o->totals.total)));
  }
  auto pay = m.payments.ConfirmManual(tx, merchant, order_id, amount, method, reference, staff);
  if (!pay) return Fail(pay.error());
  return m.orders.MarkPaid(tx, merchant, order_id, "manual", EncodeId(staff));
}

Result<order::Order> ShipOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id,
                               const std::string& carrier, const std::string& tracking_no,
                               const std::string& actor) {
  // A group buy's order ships once its group has filled.
  if (auto ok = groupbuy::CheckShippable(tx, merchant, order_id); !ok) return Fail(ok.error());
  // A pre-sale's order ships from its ship date, a deposit order once its
  // balance is paid (and its balance order ships with it).
  if (auto ok = presale::CheckShippable(tx, merchant, order_id, m.clock.Now()); !ok) {
    return Fail(ok.error());
  }
  auto shop = m.identity.GetMerchant(tx, merchant);
  if (!shop) return Fail(shop.error());
  auto balance = presale::BalanceShippingWith(tx, merchant, order_id);
  if (!balance) return Fail(balance.error());
  auto shipped = m.orders.Ship(tx, merchant, order_id, carrier, tracking_no,
                               shop->settings.auto_receive_days, actor);
  if (!shipped || !*balance) return shipped;
  auto with = m.orders.Ship(tx, merchant, **balance, carrier, tracking_no,
                            shop->settings.auto_receive_days, actor);
  if (!with) return Fail(with.error());
  return shipped;
}

Result<order::Order> ConfirmReceipt(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    OrderId order_id, const std::string& actor) {
  auto shop = m.identity.GetMerchant(tx, merchant);
  if (!shop) return Fail(shop.error());
  return m.orders.ConfirmReceipt(tx, merchant, order_id, shop->settings.aftersales_window_days,
                                 actor);
}

Result<order::Order> CancelOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id,
                                 const std::string& reason, const std::string& actor) {
  auto o = m.orders.Cancel(tx, merchant, order_id, reason, actor);
  if (!o) return o;
  // A pre-sale's balance order took no stock: its deposit order holds the units.
  auto balance = presale::IsBalanceOrder(tx, merchant, order_id);
  if (!balance) return Fail(balance.error());
  if (!*balance) {
    if (auto ok = m.inventory.Restore(tx, merchant, UnitsOf(*o)); !ok) return Fail(ok.error());
  }
  if (o->coupon_id) {
    auto released = m.promotions.ReleaseCoupon(tx, merchant, *o->coupon_id, o->id);
    if (!released) return Fail(released.error());
  }
  return o;
}

Result<bool> SettleOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id) {
  // A request opened meanwhile must either be seen here or wait for this unit.
  if (auto locked = m.orders.Lock(tx, merchant, order_id); !locked) return Fail(locked.error());
  auto open = m.aftersales.HasOpenRequest(tx, merchant, order_id);
  if (!open) return Fail(open.error());
  if (*open) {
    // Settle no earlier than a day after the request is resolved; re-checked then.
    auto held = m.orders.HoldSettlement(tx, merchant, order_id, m.clock.Now() + kDay);
    if (!held) return Fail(held.error());
    return false;
  }
  auto done = m.orders.Complete(tx, merchant, order_id, "system");
  if (!done) return Fail(done.error());
  return true;
}

Result<SignedCallback> SignSandboxOutcome(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          PaymentId payment, bool declined, const std::string& ref,
                                          const std::string& payer) {
  auto p = m.payments.Get(tx, merchant, payment);
  if (!p) return Fail(p.error());
  if (declined) {
    return Fail(Conflict(payment::errors::kDeclined,
                         "the payment was declined (sandbox: the buyer's balance is "
                         "insufficient); nothing was charged, pay again or choose another way"));
  }
  // Made with the payment, so this read finds it.
  auto secret = m.payments.SandboxSecret(tx, merchant);
  if (!secret) return Fail(secret.error());
  JsonWriter w(128);
  w.BeginObject().IdField("payment_id", p->id).Field("amount", p->amount);
  w.Field("status", payment::PaymentStatusName(payment::PaymentStatus::kSucceeded));
  w.Field("ref", ref);
  if (!payer.empty()) w.Field("payer", payer);
  std::string body = w.EndObject().Take();
  std::string signature = payment::SignSandbox(*secret, body);
  return SignedCallback{std::move(body), std::move(signature)};
}

Result<order::Order> CancelByBuyer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   const std::string& order_token) {
  auto o = m.orders.GetByToken(tx, merchant, order_token);
  if (!o) return Fail(o.error());
  return CancelOrder(tx, m, merchant, o->id, "cancelled by buyer", "buyer");
}

Result<order::Order> ConfirmReceiptByBuyer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                           const std::string& order_token) {
  auto o = m.orders.GetByToken(tx, merchant, order_token);
  if (!o) return Fail(o.error());
  return ConfirmReceipt(tx, m, merchant, o->id, "buyer");
}

}  // namespace weishang::workflows
