// After-sales requests (售后): the four services a product may offer, and the
// state of each request.
//
//   refund_only:                 requested -> approved -> refunded
//   no_reason_return / quality_return:
//                                requested -> approved -> returning -> received -> refunded
//   exchange:                    requested -> approved -> returning -> received -> exchanged
//   any open request:            -> refused (staff, with a reason) | withdrawn (buyer)
//
// This module keeps the requests; workflows/aftersales moves money and stock.
// Writes take the caller's Tx. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::aftersales {

using storage::Tx;

enum class Kind { kNoReasonReturn, kQualityReturn, kExchange, kRefundOnly };
const char* KindName(Kind k);
std::optional<Kind> ParseKind(std::string_view s);
// The bit of `k` in an order line's after-sales mask (what the product offered).
inline int KindBit(Kind k) { return 1 << static_cast<int>(k); }
inline bool ReturnsGoods(Kind k) { return k != Kind::kRefundOnly; }

// Days after receipt within which a no-reason return may be asked for (七天无理由).
inline constexpr std::int64_t kNoReasonDays = 7;

enum class Status {
  kRequested,
  kApproved,
  kReturning,
  kReceived,
  kRefunded,
  kExchanged,
  kRefused,
  kWithdrawn
};
const char* StatusName(Status s);
std::optional<Status> ParseStatus(std::string_view s);
bool IsOpen(Status s);

struct Line {
  int line_no = 0;
  SkuId sku_id;
  std::int64_t quantity = 0;
  Fen amount = 0;  // refund due for these units
};

struct Request {
  AftersalesId id;
  MerchantId merchant_id;
  OrderId order_id;
  Kind kind = Kind::kRefundOnly;
  Status status = Status::kRequested;
  std::string reason, buyer_note, refuse_reason;
  Fen refund_amount = 0;   // lines' amounts
  Fen refund_postage = 0;  // postage refunded with them (full refunds before shipping)
  std::string return_carrier, return_tracking_no, replacement_carrier, replacement_tracking_no;
  std::optional<StaffId> decided_by;
  std::optional<Timestamp> decided_at;
  Timestamp created_at = 0;
  std::vector<Line> lines;
};

struct NewRequest {
  MerchantId merchant_id;
  OrderId order_id;
  Kind kind = Kind::kRefundOnly;
  std::string reason, buyer_note;
  Fen refund_postage = 0;
  std::vector<Line> lines;
};

struct ListFilter {
  std::optional<Status> status;
  AftersalesId after;
  int limit = 20;
};

// Every change of a request's status records "aftersales.<status>"
// (aftersales.requested, .approved, .refunded, ...; docs/events.md) in the
// change's unit: v1 {"aftersales_id","order_id","kind","status",
// "refund_amount","refund_postage"}.
std::string EventKind(Status s);

class AftersalesService {
 public:
  AftersalesService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  Result<Request> Create(Tx& tx, const NewRequest& in);
  // aftersales.not_found (404) when absent or another merchant's.
  Result<Request> Get(Tx& tx, MerchantId merchant, AftersalesId id);
  Result<std::vector<Request>> ListForOrder(Tx& tx, MerchantId merchant, OrderId order_id);
  Result<std::vector<Request>> List(Tx& tx, MerchantId merchant, const ListFilter& f);
  // How many of the merchant's requests are in each status now; statuses
  // with none are left out.
  Result<std::vector<std::pair<Status, std::int64_t>>> CountByStatus(Tx& tx, MerchantId merchant);
  Result<bool> HasOpenRequest(Tx& tx, MerchantId merchant, OrderId order_id);
  // Units of an order line already covered by requests that are not refused
  // or withdrawn.
  Result<std::int64_t> CoveredQuantity(Tx& tx, MerchantId merchant, OrderId order_id, int line_no);

  // Transitions; aftersales.invalid_transition (409) from any other status.
  Result<Request> Approve(Tx& tx, MerchantId merchant, AftersalesId id, StaffId staff);
  Result<Request> Refuse(Tx& tx, MerchantId merchant, AftersalesId id, StaffId staff,
                         const std::string& reason);
  Result<Request> Withdraw(Tx& tx, MerchantId merchant, AftersalesId id);
  Result<Request> MarkReturning(Tx& tx, MerchantId merchant, AftersalesId id,
                                const std::string& carrier, const std::string& tracking_no);
  Result<Request> MarkReceived(Tx& tx, MerchantId merchant, AftersalesId id);
  Result<Request> MarkRefunded(Tx& tx, MerchantId merchant, AftersalesId id);
  Result<Request> MarkExchanged(Tx& tx, MerchantId merchant, AftersalesId id,
                                const std::string& carrier, const std::string& tracking_no);

 private:
  // Records the event of `r`'s new status and passes `r` on.
  Result<Request> Announce(Tx& tx, Result<Request> r);
  Result<Request> Move(Tx& tx, MerchantId merchant, AftersalesId id,
                       std::initializer_list<Status> from, Status to, const std::string& set_sql,
                       std::vector<storage::Param> params);
  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::aftersales
