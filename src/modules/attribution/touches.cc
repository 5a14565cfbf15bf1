// Touches, first and last touch, credited orders, the window.
#include "modules/attribution/attribution.h"
#include "modules/attribution/attribution_errors.h"

namespace weishang::attribution {
namespace {

constexpr const char* kTouchColumns =
    "id, merchant_id, visitor, customer_id, sharer_id, campaign_id, channel_id, forged, path, at";

Touch TouchFromRow(const storage::Row& r) {
  Touch t;
  t.id = r.IdAt(0);
  t.merchant_id = r.IdAt(1);
  t.visitor = r.Str(2);
  t.customer_id = r.OptIdAt(3);
  t.sharer_id = r.OptIdAt(4);
  t.campaign_id = r.OptIdAt(5);
  t.channel_id = r.OptIdAt(6);
  t.forged = r.Bool(7);
  t.path = r.Str(8);
  t.at = r.Int(9);
  return t;
}

Result<std::optional<Touch>> OneTouch(Tx& tx, const std::string& sql,
                                      const std::vector<storage::Param>& params) {
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<Touch>();
  return std::optional<Touch>(TouchFromRow(rows->front()));
}

constexpr const char* kAttributedOnly =
    " AND (sharer_id IS NOT NULL OR campaign_id IS NOT NULL OR channel_id IS NOT NULL)";

}  // namespace

bool ValidVisitor(std::string_view visitor) {
  if (visitor.size() < 8 || visitor.size() > kMaxVisitorBytes) return false;
  for (char c : visitor) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<Touch> AttributionService::RecordTouch(Tx& tx, MerchantId merchant, std::string_view visitor,
                                              std::optional<CustomerId> customer,
                                              std::string_view code_text, std::string_view path) {
  if (!ValidVisitor(visitor)) {
    return Fail(Invalid(errors::kInvalidVisitor, "visitor is 8-64 letters, digits, - or _"));
  }
  if (!PlausiblePath(path)) {
    return Fail(Invalid(errors::kInvalidField, "path is a path inside the store"));
  }
  Touch t;
  t.id = ids_.Next<TouchId>();
  t.merchant_id = merchant;
  t.visitor = std::string(visitor);
  t.customer_id = customer;
  t.path = std::string(path);
  t.at = clock_.Now();
  if (!code_text.empty()) {
    auto key = KeyOf(tx, merchant);
    if (!key) return Fail(key.error());
    auto code = DecodeCode(*key, code_text);
    if (!code) {
      t.forged = true;
    } else {
      // Sharing with oneself refers nobody.
      if (code->sharer && code->sharer != customer) t.sharer_id = code->sharer;
      t.campaign_id = code->campaign;
      t.channel_id = code->channel;
    }
  }
  auto ok = tx.Exec(std::string("INSERT INTO attribution_touch (") + kTouchColumns +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {t.id, merchant, t.visitor, t.customer_id, t.sharer_id, t.campaign_id,
                     t.channel_id, t.forged, t.path, t.at});
  if (!ok) return Fail(ok.error());
  return t;
}

Result<std::optional<Touch>> AttributionService::FirstTouch(Tx& tx, MerchantId merchant,
                                                            std::string_view visitor) {
  return OneTouch(tx,
                  std::string("SELECT ") + kTouchColumns +
                      " FROM attribution_touch WHERE merchant_id = ? AND visitor = ?" +
                      kAttributedOnly + " ORDER BY at, id LIMIT 1",
                  {merchant, visitor});
}

Result<std::optional<Touch>> AttributionService::LastTouch(Tx& tx, MerchantId merchant,
                                                           std::string_view visitor,
                                                           std::optional<CustomerId> customer,
                                                           Timestamp at) {
  auto days = WindowDays(tx, merchant);
  if (!days) return Fail(days.error());
  Timestamp from = at - *days * kDay;
  std::string sql = std::string("SELECT ") + kTouchColumns +
                    " FROM attribution_touch WHERE merchant_id = ? AND at > ? AND at <= ?" +
                    kAttributedOnly;
  std::vector<storage::Param> params{merchant, from, at};
  if (customer) {
    sql += " AND (visitor = ? OR customer_id = ?) AND (sharer_id IS NULL OR sharer_id <> ?)";
    params.insert(params.end(), {visitor, *customer, *customer});
  } else {
    sql += " AND visitor = ?";
    params.emplace_back(visitor);
  }
  return OneTouch(tx, sql + " ORDER BY at DESC, id DESC LIMIT 1", params);
}

Result<void> AttributionService::LinkVisitor(Tx& tx, MerchantId merchant, std::string_view visitor,
                                             CustomerId customer) {
  auto ok = tx.Exec(
      "UPDATE attribution_touch SET customer_id = ? WHERE merchant_id = ? AND visitor = ?"
      " AND customer_id IS NULL",
      {customer, merchant, visitor});
  if (!ok) return Fail(ok.error());
  // A sharer who opened their own link before signing in refers nobody.
  auto self = tx.Exec(
      "UPDATE attribution_touch SET sharer_id = NULL WHERE merchant_id = ? AND visitor = ?"
      " AND sharer_id = ?",
      {merchant, visitor, customer});
  if (!self) return Fail(self.error());
  return {};
}

Result<Acquisition> AttributionService::RecordAcquisition(Tx& tx, MerchantId merchant,
                                                          CustomerId customer, const Touch& touch) {
  std::optional<CustomerId> sharer = touch.sharer_id;
  if (sharer == customer) sharer.reset();
  auto ok = tx.Exec(
      "INSERT INTO attribution_acquisition (merchant_id, customer_id, touch_id, sharer_id,"
      " campaign_id, channel_id, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {merchant, customer, touch.id, sharer, touch.campaign_id, touch.channel_id, touch.at});
  if (!ok) return Fail(ok.error());
  auto kept = AcquisitionOf(tx, merchant, customer);
  if (!kept) return Fail(kept.error());
  if (!*kept) return Fail(Internal("attribution.not_kept", "the acquisition was not kept"));
  return **kept;
}

Result<std::optional<Acquisition>> AttributionService::AcquisitionOf(Tx& tx, MerchantId merchant,
                                                                     CustomerId customer) {
  auto row = tx.QueryOne(
      "SELECT customer_id, touch_id, sharer_id, campaign_id, channel_id, at FROM"
      " attribution_acquisition WHERE merchant_id = ? AND customer_id = ?",
      {merchant, customer});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Acquisition>();
  const storage::Row& r = **row;
  return std::optional<Acquisition>(
      Acquisition{r.IdAt(0), r.IdAt(1), r.OptIdAt(2), r.OptIdAt(3), r.OptIdAt(4), r.Int(5)});
}

Result<void> AttributionService::CreditOrder(Tx& tx, MerchantId merchant, const OrderCredit& c) {
  auto ok = tx.Exec(
      "INSERT INTO attribution_order (merchant_id, order_id, visitor, customer_id, touch_id,"
      " sharer_id, campaign_id, channel_id, total, discount, placed_at, paid_at, refunded)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {merchant, c.order_id, c.visitor, c.customer_id, c.touch_id, c.sharer_id, c.campaign_id,
       c.channel_id, c.total, c.discount, c.placed_at, c.paid_at, c.refunded});
  if (!ok) return Fail(ok.error());
  if (*ok == 0 || !c.paid_at) return {};
  return AddToDay(tx, merchant, c, 1, c.total - c.refunded, c.discount);
}

Result<std::optional<OrderCredit>> AttributionService::CreditOf(Tx& tx, MerchantId merchant,
                                                                OrderId order) {
  auto row = tx.QueryOne(
      "SELECT order_id, visitor, customer_id, touch_id, sharer_id, campaign_id, channel_id,"
      " total, placed_at, paid_at, refunded, discount FROM attribution_order"
      " WHERE merchant_id = ? AND order_id = ?",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<OrderCredit>();
  const storage::Row& r = **row;
  OrderCredit c;
  c.order_id = r.IdAt(0);
  c.visitor = r.Str(1);
  c.customer_id = r.OptIdAt(2);
  c.touch_id = r.IdAt(3);
  c.sharer_id = r.OptIdAt(4);
  c.campaign_id = r.OptIdAt(5);
  c.channel_id = r.OptIdAt(6);
  c.total = r.Int(7);
  c.placed_at = r.Int(8);
  c.paid_at = r.OptInt(9);
  c.refunded = r.Int(10);
  c.discount = r.Int(11);
  return std::optional<OrderCredit>(c);
}

Result<void> AttributionService::MarkPaid(Tx& tx, MerchantId merchant, OrderId order,
                                          Timestamp paid_at) {
  auto ok = tx.Exec(
      "UPDATE attribution_order SET paid_at = ? WHERE merchant_id = ? AND order_id = ?"
      " AND paid_at IS NULL",
      {paid_at, merchant, order});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) return {};
  auto credit = CreditOf(tx, merchant, order);
  if (!credit) return Fail(credit.error());
  if (!*credit) return {};
  const OrderCredit& c = **credit;
  return AddToDay(tx, merchant, c, 1, c.total - c.refunded, c.discount);
}

Result<void> AttributionService::MarkRefunded(Tx& tx, MerchantId merchant, OrderId order,
                                              Fen refunded) {
  auto credit = CreditOf(tx, merchant, order);
  if (!credit) return Fail(credit.error());
  if (!*credit || (*credit)->refunded >= refunded) return {};
  auto ok = tx.Exec(
      "UPDATE attribution_order SET refunded = ? WHERE merchant_id = ? AND order_id = ?"
      " AND refunded < ?",
      {refunded, merchant, order, refunded});
  if (!ok) return Fail(ok.error());
  const OrderCredit& c = **credit;
  if (*ok == 0 || !c.paid_at) return {};
  return AddToDay(tx, merchant, c, 0, -(refunded - c.refunded), 0);
}

Result<void> AttributionService::AddToDay(Tx& tx, MerchantId merchant, const OrderCredit& c,
                                          std::int64_t orders, Fen revenue, Fen discount) {
  if (!c.campaign_id && !c.channel_id) return {};
  auto ok = tx.Exec(
      "INSERT INTO attribution_order_day (merchant_id, placed_day, campaign_id, channel_id,"
      " paid_day, orders, revenue, discount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (merchant_id, placed_day, campaign_id, channel_id, paid_day) DO UPDATE SET"
      " orders = attribution_order_day.orders + excluded.orders,"
      " revenue = attribution_order_day.revenue + excluded.revenue,"
      " discount = attribution_order_day.discount + excluded.discount",
      {merchant, ReportDay(c.placed_at), c.campaign_id ? c.campaign_id->value() : 0,
       c.channel_id ? c.channel_id->value() : 0, ReportDay(c.paid_at.value_or(c.placed_at)), orders,
       revenue, discount});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> AttributionService::SetOrderCustomer(Tx& tx, MerchantId merchant, OrderId order,
                                                  CustomerId customer) {
  auto ok = tx.Exec(
      "UPDATE attribution_order SET customer_id = ? WHERE merchant_id = ? AND order_id = ?"
      " AND customer_id IS NULL",
      {customer, merchant, order});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> AttributionService::MoveCustomer(Tx& tx, MerchantId merchant, CustomerId from,
                                              CustomerId to) {
  for (const char* table : {"attribution_touch", "attribution_order"}) {
    auto ok = tx.Exec(std::string("UPDATE ") + table +
                          " SET customer_id = ? WHERE merchant_id = ? AND customer_id = ?",
                      {to, merchant, from});
    if (!ok) return Fail(ok.error());
  }
  // The kept record keeps its own first touch; it takes the merged one's
  // when it had none (the earlier of the two is not known to be more right).
  auto moved = tx.Exec(
      "INSERT INTO attribution_acquisition (merchant_id, customer_id, touch_id, sharer_id,"
      " campaign_id, channel_id, at) SELECT merchant_id, ?, touch_id, CASE WHEN sharer_id = ?"
      " THEN NULL ELSE sharer_id END, campaign_id, channel_id, at FROM attribution_acquisition"
      " WHERE merchant_id = ? AND customer_id = ? ON CONFLICT DO NOTHING",
      {to, to, merchant, from});
  if (!moved) return Fail(moved.error());
  auto gone =
      tx.Exec("DELETE FROM attribution_acquisition WHERE merchant_id = ? AND customer_id = ?",
              {merchant, from});
  if (!gone) return Fail(gone.error());
  return {};
}

namespace {

// Figures grouped by `column` (channel_id or campaign_id) of the three tables.
Result<std::map<Id, Figures>> FiguresBy(Tx& tx, MerchantId merchant, const std::string& column) {
  std::map<Id, Figures> out;
  auto visits = tx.Query("SELECT " + column +
                             ", COUNT(*) FROM attribution_touch WHERE"
                             " merchant_id = ? AND " +
                             column + " IS NOT NULL GROUP BY " + column,
                         {merchant});
  if (!visits) return Fail(visits.error());
  for (const auto& r : *visits) out[r.Int(0)].visits = r.Int(1);
  auto brought = tx.Query("SELECT " + column +
                              ", COUNT(*) FROM attribution_acquisition WHERE"
                              " merchant_id = ? AND " +
                              column + " IS NOT NULL GROUP BY " + column,
                          {merchant});
  if (!brought) return Fail(brought.error());
  for (const auto& r : *brought) out[r.Int(0)].new_customers = r.Int(1);
  auto orders = tx.Query("SELECT " + column +
                             ", COUNT(*), SUM(total - refunded) FROM"
                             " attribution_order WHERE merchant_id = ? AND " +
                             column + " IS NOT NULL AND paid_at IS NOT NULL GROUP BY " + column,
                         {merchant});
  if (!orders) return Fail(orders.error());
  for (const auto& r : *orders) {
    out[r.Int(0)].orders = r.Int(1);
    out[r.Int(0)].revenue = r.Int(2);
  }
  return out;
}

}  // namespace

Result<std::map<Id, Figures>> AttributionService::ChannelFigures(Tx& tx, MerchantId merchant) {
  return FiguresBy(tx, merchant, "channel_id");
}

Result<std::map<Id, Figures>> AttributionService::CampaignFigures(Tx& tx, MerchantId merchant) {
  return FiguresBy(tx, merchant, "campaign_id");
}

Result<int> AttributionService::WindowDays(Tx& tx, MerchantId merchant) {
  auto row =
      tx.QueryOne("SELECT window_days FROM attribution_settings WHERE merchant_id = ?", {merchant});
  if (!row) return Fail(row.error());
  if (!*row) return kDefaultWindowDays;
  return static_cast<int>((**row).Int(0));
}

Result<int> AttributionService::SetWindowDays(Tx& tx, MerchantId merchant, int days) {
  if (days < 1 || days > kMaxWindowDays) {
    return Fail(Invalid(errors::kInvalidField, "window_days is 1-90"));
  }
  auto ok = tx.Exec(
      "INSERT INTO attribution_settings (merchant_id, window_days, updated_at) VALUES (?, ?, ?)"
      " ON CONFLICT (merchant_id) DO UPDATE SET window_days = excluded.window_days,"
      " updated_at = excluded.updated_at",
      {merchant, days, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return days;
}

}  // namespace weishang::attribution
