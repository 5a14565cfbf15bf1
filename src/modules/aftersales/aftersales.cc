#include "modules/aftersales/aftersales.h"

#include "core/json_writer.h"
#include "events/outbox.h"
#include "modules/aftersales/aftersales_errors.h"

namespace weishang::aftersales {

std::string EventKind(Status s) { return std::string("aftersales.") + StatusName(s); }

Result<Request> AftersalesService::Announce(Tx& tx, Result<Request> r) {
  if (!r) return r;
  std::string subject = EncodeId(r->id);
  JsonWriter w(192);
  w.BeginObject().Field("aftersales_id", subject).IdField("order_id", r->order_id);
  w.Field("kind", KindName(r->kind)).Field("status", StatusName(r->status));
  w.Field("refund_amount", r->refund_amount).Field("refund_postage", r->refund_postage);
  w.EndObject();
  auto ok =
      events::Emit(tx, {r->merchant_id, EventKind(r->status), 1, subject, w.Take()}, clock_.Now());
  if (!ok) return Fail(ok.error());
  return r;
}
namespace {

constexpr const char* kColumns =
    "id, merchant_id, order_id, kind, status, reason, buyer_note, refuse_reason, refund_amount,"
    " refund_postage, return_carrier, return_tracking_no, replacement_carrier,"
    " replacement_tracking_no, decided_by, decided_at, created_at";

Request FromRow(const storage::Row& r) {
  Request q;
  q.id = r.IdAt(0);
  q.merchant_id = r.IdAt(1);
  q.order_id = r.IdAt(2);
  q.kind = ParseKind(r.Str(3)).value_or(Kind::kRefundOnly);
  q.status = ParseStatus(r.Str(4)).value_or(Status::kRequested);
  q.reason = r.Str(5);
  q.buyer_note = r.Str(6);
  q.refuse_reason = r.Str(7);
  q.refund_amount = r.Int(8);
  q.refund_postage = r.Int(9);
  q.return_carrier = r.Str(10);
  q.return_tracking_no = r.Str(11);
  q.replacement_carrier = r.Str(12);
  q.replacement_tracking_no = r.Str(13);
  q.decided_by = r.OptIdAt(14);
  q.decided_at = r.OptInt(15);
  q.created_at = r.Int(16);
  return q;
}

Result<void> LoadLines(Tx& tx, Request& q) {
  auto rows = tx.Query(
      "SELECT line_no, sku_id, quantity, amount FROM aftersales_line WHERE request_id = ?"
      " AND merchant_id = ? ORDER BY line_no",
      {q.id, q.merchant_id});
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    q.lines.push_back(Line{static_cast<int>(r.Int(0)), r.IdAt(1), r.Int(2), r.Int(3)});
  }
  return {};
}

Result<std::vector<Request>> Collect(Tx& tx, Result<storage::Rows> rows) {
  if (!rows) return Fail(rows.error());
  std::vector<Request> out;
  for (const auto& r : *rows) {
    out.push_back(FromRow(r));
    if (auto ok = LoadLines(tx, out.back()); !ok) return Fail(ok.error());
  }
  return out;
}

}  // namespace

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kNoReasonReturn:
      return "no_reason_return";
    case Kind::kQualityReturn:
      return "quality_return";
    case Kind::kExchange:
      return "exchange";
    case Kind::kRefundOnly:
      return "refund_only";
  }
  return "refund_only";
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (Kind k : {Kind::kNoReasonReturn, Kind::kQualityReturn, Kind::kExchange, Kind::kRefundOnly}) {
    if (s == KindName(k)) return k;
  }
  return std::nullopt;
}

const char* StatusName(Status s) {
  switch (s) {
    case Status::kRequested:
      return "requested";
    case Status::kApproved:
      return "approved";
    case Status::kReturning:
      return "returning";
    case Status::kReceived:
      return "received";
    case Status::kRefunded:
      return "refunded";
    case Status::kExchanged:
      return "exchanged";
    case Status::kRefused:
      return "refused";
    case Status::kWithdrawn:
      return "withdrawn";
  }
  return "requested";
}

std::optional<Status> ParseStatus(std::string_view s) {
  for (Status st : {Status::kRequested, Status::kApproved, Status::kReturning, Status::kReceived,
                    Status::kRefunded, Status::kExchanged, Status::kRefused, Status::kWithdrawn}) {
    if (s == StatusName(st)) return st;
  }
  return std::nullopt;
}

bool IsOpen(Status s) {
  return s == Status::kRequested || s == Status::kApproved || s == Status::kReturning ||
         s == Status::kReceived;
}

Result<Request> AftersalesService::Create(Tx& tx, const NewRequest& in) {
  Request q;
  q.id = ids_.Next<AftersalesId>();
  Timestamp now = clock_.Now();
  for (const auto& l : in.lines) q.refund_amount += l.amount;
  auto ok = tx.Exec(
      "INSERT INTO aftersales_request (id, merchant_id, order_id, kind, status, reason, buyer_note,"
      " refund_amount, refund_postage, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?)",
      {q.id, in.merchant_id, in.order_id, KindName(in.kind), in.reason, in.buyer_note,
       q.refund_amount, in.refund_postage, now, now});
  if (!ok) return Fail(ok.error());
  for (const auto& l : in.lines) {
    auto li = tx.Exec(
        "INSERT INTO aftersales_line (request_id, line_no, merchant_id, sku_id, quantity, amount)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {q.id, l.line_no, in.merchant_id, l.sku_id, l.quantity, l.amount});
    if (!li) return Fail(li.error());
  }
  return Announce(tx, Get(tx, in.merchant_id, q.id));
}

Result<Request> AftersalesService::Get(Tx& tx, MerchantId merchant, AftersalesId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             " FROM aftersales_request WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(aftersales::errors::kNotFound, "no such after-sales request"));
  Request q = FromRow(**row);
  if (auto ok = LoadLines(tx, q); !ok) return Fail(ok.error());
  return q;
}

Result<std::vector<Request>> AftersalesService::ListForOrder(Tx& tx, MerchantId merchant,
                                                             OrderId order_id) {
  return Collect(tx, tx.Query(std::string("SELECT ") + kColumns +
                                  " FROM aftersales_request WHERE order_id = ? AND merchant_id = ?"
                                  " ORDER BY id",
                              {order_id, merchant}));
}

Result<std::vector<Request>> AftersalesService::List(Tx& tx, MerchantId merchant,
                                                     const ListFilter& f) {
  std::string status = f.status ? StatusName(*f.status) : "";
  std::string sql =
      std::string("SELECT ") + kColumns + " FROM aftersales_request WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (f.status) {
    sql += " AND status = ?";
    params.emplace_back(status);
  }
  if (f.after.valid()) {
    sql += " AND id < ?";
    params.emplace_back(f.after);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  return Collect(tx, tx.Query(sql, storage::Params(params.data(), params.size())));
}

Result<std::vector<std::pair<Status, std::int64_t>>> AftersalesService::CountByStatus(
    Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(
      "SELECT status, COUNT(*) FROM aftersales_request WHERE merchant_id = ? GROUP BY status",
      {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<std::pair<Status, std::int64_t>> out;
  for (const auto& r : *rows) {
    if (auto st = ParseStatus(r.Str(0))) out.emplace_back(*st, r.Int(1));
  }
  return out;
}

Result<bool> AftersalesService::HasOpenRequest(Tx& tx, MerchantId merchant, OrderId order_id) {
  auto row = tx.QueryOne(
      "SELECT COUNT(*) FROM aftersales_request WHERE order_id = ? AND merchant_id = ?"
      " AND status IN ('requested', 'approved', 'returning', 'received')",
      {order_id, merchant});
  if (!row) return Fail(row.error());
  return (*row)->Int(0) > 0;
}

Result<std::int64_t> AftersalesService::CoveredQuantity(Tx& tx, MerchantId merchant,
                                                        OrderId order_id, int line_no) {
  auto row = tx.QueryOne(
      "SELECT COALESCE(SUM(l.quantity), 0) FROM aftersales_line l JOIN aftersales_request r"
      " ON r.id = l.request_id WHERE r.order_id = ? AND r.merchant_id = ? AND l.line_no = ?"
      " AND r.status NOT IN ('refused', 'withdrawn')",
      {order_id, merchant, line_no});
  if (!row) return Fail(row.error());
  return (*row)->Int(0);
}

Result<Request> AftersalesService::Move(Tx& tx, MerchantId merchant, AftersalesId id,
                                        std::initializer_list<Status> from, Status to,
                                        const std::string& set_sql,
                                        std::vector<storage::Param> extra) {
  auto current = Get(tx, merchant, id);
  if (!current) return current;
  if (std::find(from.begin(), from.end(), current->status) == from.end()) {
    return Fail(Conflict(aftersales::errors::kInvalidTransition,
                         std::string("the request is ") + StatusName(current->status) +
                             " and cannot become " + StatusName(to)));
  }
  std::string sql = "UPDATE aftersales_request SET status = ?, updated_at = ?";
  if (!set_sql.empty()) sql += ", " + set_sql;
  sql += " WHERE id = ? AND merchant_id = ? AND status = ?";
  std::vector<storage::Param> params{StatusName(to), clock_.Now()};
  params.insert(params.end(), extra.begin(), extra.end());
  params.insert(params.end(), {id, merchant, StatusName(current->status)});
  auto changed = tx.Exec(sql, storage::Params(params.data(), params.size()));
  if (!changed) return Fail(changed.error());
  if (*changed == 0)
    return Fail(Conflict(aftersales::errors::kInvalidTransition, "the request changed meanwhile"));
  return Announce(tx, Get(tx, merchant, id));
}

Result<Request> AftersalesService::Approve(Tx& tx, MerchantId merchant, AftersalesId id,
                                           StaffId staff) {
  return Move(tx, merchant, id, {Status::kRequested}, Status::kApproved,
              "decided_by = ?, decided_at = ?", {staff, clock_.Now()});
}

Result<Request> AftersalesService::Refuse(Tx& tx, MerchantId merchant, AftersalesId id,
                                          StaffId staff, const std::string& reason) {
  return Move(tx, merchant, id, {Status::kRequested, Status::kReturning, Status::kApproved},
              Status::kRefused, "decided_by = ?, decided_at = ?, refuse_reason = ?",
              {staff, clock_.Now(), reason});
}

Result<Request> AftersalesService::Withdraw(Tx& tx, MerchantId merchant, AftersalesId id) {
  return Move(tx, merchant, id, {Status::kRequested, Status::kApproved}, Status::kWithdrawn, "",
              {});
}

Result<Request> AftersalesService::MarkReturning(Tx& tx, MerchantId merchant, AftersalesId id,
                                                 const std::string& carrier,
                                                 const std::string& tracking_no) {
  return Move(tx, merchant, id, {Status::kApproved}, Status::kReturning,
              "return_carrier = ?, return_tracking_no = ?", {carrier, tracking_no});
}

Result<Request> AftersalesService::MarkReceived(Tx& tx, MerchantId merchant, AftersalesId id) {
  return Move(tx, merchant, id, {Status::kApproved, Status::kReturning}, Status::kReceived, "", {});
}

Result<Request> AftersalesService::MarkRefunded(Tx& tx, MerchantId merchant, AftersalesId id) {
  return Move(tx, merchant, id, {Status::kApproved, Status::kReceived}, Status::kRefunded, "", {});
}

Result<Request> AftersalesService::MarkExchanged(Tx& tx, MerchantId merchant, AftersalesId id,
                                                 const std::string& carrier,
                                                 const std::string& tracking_no) {
  return Move(tx, merchant, id, {Status::kReceived}, Status::kExchanged,
              "replacement_carrier = ?, replacement_tracking_no = ?", {carrier, tracking_no});
}

}  // namespace weishang::aftersales
