// The buyer's side: is this request allowed for this order and product?
#include "modules/aftersales/aftersales_errors.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::workflows {
namespace {

using aftersales::Kind;

Result<void> CheckOrderAndWindow(const order::Order& o, Kind kind, std::int64_t window_days,
                                 Timestamp now) {
  using order::Status;
  if (o.status == Status::kPendingPayment || o.status == Status::kCancelled ||
      o.status == Status::kCompleted) {
    return Fail(Conflict(aftersales::errors::kOrderNotEligible,
                         std::string("after-sales is not available for a ") +
                             order::StatusName(o.status) + " order"));
  }
  if (aftersales::ReturnsGoods(kind) && o.status == Status::kPaid) {
    return Fail(Conflict(aftersales::errors::kOrderNotEligible,
                         "the goods have not shipped yet: ask for a refund instead"));
  }
  if (o.received_at) {
    std::int64_t days = kind == Kind::kNoReasonReturn
                            ? aftersales::kNoReasonDays
                            : std::max(window_days, aftersales::kNoReasonDays);
    if (now > *o.received_at + days * kDay) {
      return Fail(Conflict(
          aftersales::errors::kWindowClosed,
          "the after-sales window closed " + std::to_string(days) + " days after receipt"));
    }
  }
  return {};
}

}  // namespace

Fen ProportionalRefund(Fen payable, std::int64_t line_quantity, std::int64_t already,
                       std::int64_t quantity) {
  // floor(payable * n / q) for the units covered after and before: the last
  // unit picks up the remainder, so the parts add up to `payable`.
  return payable * (already + quantity) / line_quantity - payable * already / line_quantity;
}

Result<aftersales::Request> RequestAftersales(storage::Tx& tx, Modules& m,
                                              const AftersalesRequestInput& in) {
  auto o = m.orders.GetByToken(tx, in.merchant_id, in.order_token);
  if (!o) return Fail(o.error());
  // Two requests for the same units must not both pass the coverage check.
  if (auto locked = m.orders.Lock(tx, in.merchant_id, o->id); !locked) return Fail(locked.error());
  auto shop = m.identity.GetMerchant(tx, in.merchant_id);
  if (!shop) return Fail(shop.error());
  if (auto ok =
          CheckOrderAndWindow(*o, in.kind, shop->settings.aftersales_window_days, m.clock.Now());
      !ok) {
    return Fail(ok.error());
  }
  std::vector<AftersalesLineRequest> wanted = in.lines;
  if (wanted.empty()) {
    for (const auto& l : o->lines) wanted.push_back({l.line_no, 0});
  }
  aftersales::NewRequest req{in.merchant_id, o->id, in.kind, in.reason, in.note, 0, {}};
  bool whole_order = true;
  for (const auto& w : wanted) {
    auto line = std::find_if(o->lines.begin(), o->lines.end(),
                             [&](const auto& l) { return l.line_no == w.line_no; });
    if (line == o->lines.end()) {
      return Fail(Invalid(aftersales::errors::kInvalidLine,
                          "the order has no line " + std::to_string(w.line_no)));
    }
    if ((line->aftersales_flags & aftersales::KindBit(in.kind)) == 0) {
      return Fail(Conflict(aftersales::errors::kServiceNotOffered,
                           line->title + " does not offer " + aftersales::KindName(in.kind)));
    }
    auto covered = m.aftersales.CoveredQuantity(tx, in.merchant_id, o->id, line->line_no);
    if (!covered) return Fail(covered.error());
    std::int64_t left = line->quantity - *covered;
    std::int64_t qty = w.quantity == 0 ? left : w.quantity;
    if (qty < 1 || qty > left) {
      return Fail(Conflict(aftersales::errors::kQuantityExceeded,
                           "at most " + std::to_string(left) + " units of line " +
                               std::to_string(line->line_no) + " can still be returned"));
    }
    if (*covered > 0 || qty < line->quantity) whole_order = false;
    req.lines.push_back(
        aftersales::Line{line->line_no, line->sku_id, qty,
                         ProportionalRefund(line->payable, line->quantity, *covered, qty)});
  }
  if (wanted.size() < o->lines.size()) whole_order = false;
  // Postage comes back only when the whole order is refunded before it ships.
  if (whole_order && in.kind == Kind::kRefundOnly && o->status == order::Status::kPaid) {
    req.refund_postage = o->totals.postage;
  }
  auto created = m.aftersales.Create(tx, req);
  if (!created) return created;
  auto ev =
      m.orders.AddEvent(tx, in.merchant_id, o->id, "aftersales_requested", "buyer",
                        std::string(aftersales::KindName(in.kind)) + " " + EncodeId(created->id));
  if (!ev) return Fail(ev.error());
  return created;
}

}  // namespace weishang::workflows
