// Creating and reading orders.
#include "modules/order/order.h"

#include "core/crypto.h"
#include "modules/order/order_errors.h"
#include "modules/order/order_events.h"

namespace weishang::order {
namespace {

constexpr const char* kOrderColumns =
    "id, merchant_id, status, buyer_name, buyer_phone, ship_region, ship_address, buyer_note,"
    " merchandise_total, item_discount, order_discount, coupon_discount, postage, total,"
    " refunded_total, coupon_id, promotion_id, pay_deadline, paid_at, payment_provider, carrier,"
    " tracking_no, shipped_at, receive_deadline, received_at, settle_at, completed_at,"
    " cancelled_at, cancel_reason, created_at, ship_province, ship_city, ship_district,"
    " ship_postal_code";

Order OrderFromRow(const storage::Row& r) {
  Order o;
  o.id = r.IdAt(0);
  o.merchant_id = r.IdAt(1);
  o.status = ParseStatus(r.Str(2)).value_or(Status::kPendingPayment);
  o.buyer = Buyer{r.Str(3), r.Str(4), r.Str(5), r.Str(6), r.Str(7)};
  o.totals = Totals{r.Int(8), r.Int(9), r.Int(10), r.Int(11), r.Int(12), r.Int(13)};
  o.refunded_total = r.Int(14);
  o.coupon_id = r.OptIdAt(15);
  o.promotion_id = r.OptIdAt(16);
  o.pay_deadline = r.Int(17);
  o.paid_at = r.OptInt(18);
  o.payment_provider = r.Str(19);
  o.carrier = r.Str(20);
  o.tracking_no = r.Str(21);
  o.shipped_at = r.OptInt(22);
  o.receive_deadline = r.OptInt(23);
  o.received_at = r.OptInt(24);
  o.settle_at = r.OptInt(25);
  o.completed_at = r.OptInt(26);
  o.cancelled_at = r.OptInt(27);
  o.cancel_reason = r.Str(28);
  o.created_at = r.Int(29);
  o.buyer.province = r.Str(30);
  o.buyer.city = r.Str(31);
  o.buyer.district = r.Str(32);
  o.buyer.postal_code = r.Str(33);
  return o;
}

Error OrderNotFound() { return NotFound(order::errors::kNotFound, "no such order"); }

Result<void> LoadLines(Tx& tx, Order& o) {
  auto rows = tx.Query(
      "SELECT line_no, sku_id, product_id, title, spec_text, unit_price, quantity, item_discount,"
      " order_discount_share, coupon_share, payable, aftersales_flags, refunded_quantity,"
      " refunded_amount"
      " FROM order_line WHERE order_id = ? AND merchant_id = ? ORDER BY line_no",
      {o.id, o.merchant_id});
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    o.lines.push_back(Line{static_cast<int>(r.Int(0)), r.IdAt(1), r.IdAt(2), r.Str(3), r.Str(4),
                           r.Int(5), r.Int(6), r.Int(7), r.Int(8), r.Int(9), r.Int(10),
                           static_cast<int>(r.Int(11)), r.Int(12), r.Int(13)});
  }
  return {};
}

}  // namespace

const char* StatusName(Status s) {
  switch (s) {
    case Status::kPendingPayment:
      return "pending_payment";
    case Status::kPaid:
      return "paid";
    case Status::kShipped:
      return "shipped";
    case Status::kReceived:
      return "received";
    case Status::kCompleted:
      return "completed";
    case Status::kCancelled:
      return "cancelled";
  }
  return "pending_payment";
}

std::optional<Status> ParseStatus(std::string_view s) {
  for (Status st : {Status::kPendingPayment, Status::kPaid, Status::kShipped, Status::kReceived,
                    Status::kCompleted, Status::kCancelled}) {
    if (s == StatusName(st)) return st;
  }
  return std::nullopt;
}

OrderIdentity OrderService::NewIdentity() {
  OrderIdentity identity;
  identity.id = ids_.Next<OrderId>();
  std::string secret = RandomHex(16);
  identity.token = MakeToken(kOrderTokenPrefix, identity.id.value(), secret);
  identity.secret_hash = Sha256Hex(secret);
  return identity;
}

Result<Order> OrderService::Create(Tx& tx, const NewOrder& in) {
  return Create(tx, in, NewIdentity());
}

Result<Order> OrderService::Create(Tx& tx, const NewOrder& in, const OrderIdentity& identity) {
  SHOP_CHECK(!in.lines.empty(), "an order needs lines; the quote refuses empty carts");
  Order o;
  o.id = identity.id;
  o.merchant_id = in.merchant_id;
  o.token = identity.token;
  o.buyer = in.buyer;
  o.totals = in.totals;
  o.coupon_id = in.coupon_id;
  o.promotion_id = in.promotion_id;
  o.pay_deadline = in.pay_deadline;
  o.created_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO order_order (id, merchant_id, secret_hash, status, buyer_name, buyer_phone,"
      " ship_region, ship_address, buyer_note, merchandise_total, item_discount, order_discount,"
      " coupon_discount, postage, total, coupon_id, promotion_id, pay_deadline, created_at,"
      " updated_at, ship_province, ship_city, ship_district, ship_postal_code) VALUES (?, ?, ?,"
      " 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {o.id,
       o.merchant_id,
       identity.secret_hash,
       o.buyer.name,
       o.buyer.phone,
       o.buyer.region,
       o.buyer.address,
       o.buyer.note,
       o.totals.merchandise_total,
       o.totals.item_discount,
       o.totals.order_discount,
       o.totals.coupon_discount,
       o.totals.postage,
       o.totals.total,
       o.coupon_id,
       o.promotion_id,
       o.pay_deadline,
       o.created_at,
       o.created_at,
       o.buyer.province,
       o.buyer.city,
       o.buyer.district,
       o.buyer.postal_code});
  if (!ok) return Fail(ok.error());
  // All lines in one statement: one pass through the engine instead of n.
  std::string sql =
      "INSERT INTO order_line (order_id, line_no, merchant_id, sku_id, product_id, title,"
      " spec_text, unit_price, quantity, item_discount, order_discount_share, coupon_share,"
      " payable, aftersales_flags) VALUES ";
  std::vector<storage::Param> params;
  params.reserve(in.lines.size() * 14);
  o.lines.reserve(in.lines.size());  // params view into these strings: no reallocation
  for (const Line& given : in.lines) {
    Line& line = o.lines.emplace_back(given);
    line.line_no = static_cast<int>(o.lines.size());
    sql += line.line_no == 1 ? "" : ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    params.insert(params.end(), {o.id, line.line_no, o.merchant_id, line.sku_id, line.product_id,
                                 line.title, line.spec_text, line.unit_price, line.quantity,
                                 line.item_discount, line.order_discount_share, line.coupon_share,
                                 line.payable, line.aftersales_flags});
  }
  if (auto l = tx.Exec(sql, storage::Params(params.data(), params.size())); !l)
    return Fail(l.error());
  // The trail's first entry, "placed", is this row itself (see Events).
  auto emitted = EmitOrderEvent(tx, o, kOrderPlaced, "buyer", "", o.created_at);
  if (!emitted) return Fail(emitted.error());
  return o;
}

Result<Order> OrderService::Get(Tx& tx, MerchantId merchant, OrderId order_id) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kOrderColumns + " FROM order_order WHERE id = ? AND merchant_id = ?",
      {order_id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(OrderNotFound());
  Order o = OrderFromRow(**row);
  if (auto ok = LoadLines(tx, o); !ok) return Fail(ok.error());
  return o;
}

Result<Order> OrderService::GetByToken(Tx& tx, MerchantId merchant, const std::string& token) {
  auto parts = SplitToken(kOrderTokenPrefix, token);
  if (!parts) return Fail(OrderNotFound());
  auto row = tx.QueryOne("SELECT secret_hash FROM order_order WHERE id = ? AND merchant_id = ?",
                         {parts->first, merchant});
  if (!row) return Fail(row.error());
  if (!*row || !SecureEquals((*row)->Str(0), Sha256Hex(parts->second)))
    return Fail(OrderNotFound());
  return Get(tx, merchant, OrderId(parts->first));
}

Result<std::vector<Order>> OrderService::List(Tx& tx, MerchantId merchant, const ListFilter& f) {
  std::string sql =
      std::string("SELECT ") + kOrderColumns + " FROM order_order WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  std::string status = f.status ? StatusName(*f.status) : "";
  if (f.status) {
    sql += " AND status = ?";
    params.emplace_back(status);
  }
  if (f.created_from) {
    sql += " AND created_at >= ?";
    params.emplace_back(*f.created_from);
  }
  if (f.created_to) {
    sql += " AND created_at < ?";
    params.emplace_back(*f.created_to);
  }
  if (!f.buyer_phone.empty()) {
    sql += " AND buyer_phone = ?";
    params.emplace_back(f.buyer_phone);
  }
  if (f.after.valid()) {
    sql += " AND id < ?";
    params.emplace_back(f.after);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Order> out;
  for (const auto& r : *rows) out.push_back(OrderFromRow(r));
  return out;
}

Result<std::vector<Event>> OrderService::Events(Tx& tx, MerchantId merchant, OrderId order_id) {
  // "placed" (seq 1) is the order row itself; the trail's rows follow it.
  auto rows = tx.Query(
      "SELECT 1, created_at, 'placed', 'buyer', '' FROM order_order WHERE id = ? AND merchant_id = "
      "?"
      " UNION ALL SELECT seq, at, kind, actor, detail FROM order_event"
      " WHERE order_id = ? AND merchant_id = ? ORDER BY 1",
      {order_id, merchant, order_id, merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Event> out;
  for (const auto& r : *rows) {
    out.push_back(Event{static_cast<int>(r.Int(0)), r.Int(1), r.Str(2), r.Str(3), r.Str(4)});
  }
  return out;
}

Result<std::vector<StatusTotals>> OrderService::Totals(Tx& tx, MerchantId merchant, Timestamp from,
                                                       Timestamp to) {
  auto rows = tx.Query(
      "SELECT status, COUNT(*), CAST(COALESCE(SUM(total), 0) AS BIGINT),"
      " CAST(COALESCE(SUM(refunded_total), 0) AS BIGINT) FROM order_order"
      " WHERE merchant_id = ? AND created_at >= ? AND created_at < ? GROUP BY status",
      {merchant, from, to});
  if (!rows) return Fail(rows.error());
  std::vector<StatusTotals> out;
  for (const auto& r : *rows) {
    auto st = ParseStatus(r.Str(0));
    if (st) out.push_back(StatusTotals{*st, r.Int(1), r.Int(2), r.Int(3)});
  }
  return out;
}

Result<void> OrderService::Lock(Tx& tx, MerchantId merchant, OrderId order_id) {
  auto locked =
      tx.Exec("UPDATE order_order SET updated_at = updated_at WHERE id = ? AND merchant_id = ?",
              {order_id, merchant});
  if (!locked) return Fail(locked.error());
  if (*locked == 0) return Fail(OrderNotFound());
  return {};
}

Result<void> OrderService::AddEvent(Tx& tx, MerchantId merchant, OrderId order_id,
                                    const std::string& kind, const std::string& actor,
                                    const std::string& detail) {
  if (auto locked = Lock(tx, merchant, order_id); !locked) return locked;
  auto ok = tx.Exec(
      "INSERT INTO order_event (order_id, seq, merchant_id, at, kind, actor, detail)"
      // seq 1 is "placed", the order row itself (see Events).
      " SELECT ?, COALESCE(MAX(seq), 1) + 1, ?, ?, ?, ?, ? FROM order_event WHERE order_id = ?",
      {order_id, merchant, clock_.Now(), kind, actor, detail, order_id});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::order
