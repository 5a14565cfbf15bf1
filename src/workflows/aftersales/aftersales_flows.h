// After-sales across modules: the buyer's request checked against the
// order and the product's promised services, the merchant's decision, goods
// coming back (stock restored), and refunds through the payment provider,
// recorded per order line. Each takes the caller's unit of work.
#pragma once

#include <string>
#include <vector>

#include "modules/aftersales/aftersales.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct AftersalesLineRequest {
  int line_no = 0;
  std::int64_t quantity = 0;
};

struct AftersalesRequestInput {
  MerchantId merchant_id;
  std::string order_token;
  aftersales::Kind kind = aftersales::Kind::kRefundOnly;
  std::string reason;
  std::string note;
  std::vector<AftersalesLineRequest> lines;  // empty = every line, all units not yet covered
};

// Opens a request. Fails with aftersales.order_not_eligible (the order is not
// paid, or is already settled), aftersales.service_not_offered (the product
// did not promise this service), aftersales.window_closed (past 7 days for a
// no-reason return, past the shop's window otherwise), aftersales.invalid_line,
// aftersales.quantity_exceeded.
Result<aftersales::Request> RequestAftersales(storage::Tx& tx, Modules& m,
                                              const AftersalesRequestInput& in);

// Whether `by` may decide on a request of `kind`. Refunds move money, so
// approving a refund-only request or a return (its refund follows when the
// goods arrive) needs Permission::kMoney (owner, admin, finance); an exchange
// needs kAftersales. Refusing needs either. identity.forbidden (403) if not.
Result<void> MayDecide(const identity::Principal& by, aftersales::Kind kind, bool approving);

// Approval by `by` (see MayDecide); a refund-only request is refunded at once.
Result<aftersales::Request> ApproveAftersales(storage::Tx& tx, Modules& m,
                                              const identity::Principal& by, AftersalesId id);
// Refusal by `by`, with a reason the buyer sees (aftersales.reason_required).
Result<aftersales::Request> RefuseAftersales(storage::Tx& tx, Modules& m,
                                             const identity::Principal& by, AftersalesId id,
                                             const std::string& reason);
// The buyer reports the parcel sent back.
Result<aftersales::Request> ShipBack(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     const std::string& order_token, AftersalesId id,
                                     const std::string& carrier, const std::string& tracking_no);
// The buyer withdraws their request (requested or approved, not yet shipped
// back). aftersales.not_found for a request of another order.
Result<aftersales::Request> WithdrawAftersales(storage::Tx& tx, Modules& m, MerchantId merchant,
                                               const std::string& order_token, AftersalesId id);
// The returned goods arrived: stock is restored; a return is refunded.
Result<aftersales::Request> ReceiveReturn(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          AftersalesId id, StaffId staff);
// An exchange's replacement is sent (its units leave stock).
Result<aftersales::Request> ShipReplacement(storage::Tx& tx, Modules& m, MerchantId merchant,
                                            AftersalesId id, const std::string& carrier,
                                            const std::string& tracking_no);

// The refund for `quantity` more units of a line that paid `payable` for
// `line_quantity` units, `already` of which were covered before. Sums of
// successive partial refunds equal `payable` exactly.
Fen ProportionalRefund(Fen payable, std::int64_t line_quantity, std::int64_t already,
                       std::int64_t quantity);

}  // namespace weishang::workflows
