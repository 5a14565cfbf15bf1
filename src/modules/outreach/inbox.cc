// The store message centre: a customer's sent deliveries with their
// campaign's text, unread counts, marking read.
#include "modules/outreach/outreach.h"
#include "modules/outreach/outreach_errors.h"

namespace weishang::outreach {
namespace {

constexpr const char* kSelect =
    "SELECT d.id, d.campaign_id, c.kind, c.title, c.body, c.product_id, d.created_at, d.read_at"
    " FROM outreach_delivery d JOIN outreach_campaign c ON c.id = d.campaign_id AND"
    " c.merchant_id = d.merchant_id WHERE d.merchant_id = ? AND d.customer_id = ? AND"
    " d.outcome = 'sent'";

Message FromRow(const storage::Row& r) {
  Message m;
  m.id = r.IdAt(0);
  m.campaign = r.IdAt(1);
  m.kind = FromText(kKindText, r.Str(2)).value_or(Kind::kPromotional);
  m.title = r.Str(3);
  m.body = r.Str(4);
  m.product = r.OptIdAt(5);
  m.created_at = r.Int(6);
  m.read_at = r.OptInt(7);
  return m;
}

}  // namespace

Result<std::vector<Message>> OutreachService::Messages(Tx& tx, MerchantId merchant,
                                                       CustomerId customer,
                                                       std::optional<DeliveryId> before,
                                                       int limit) {
  Id below = before ? before->value() : INT64_MAX;
  auto rows = tx.Query(std::string(kSelect) + " AND d.id < ? ORDER BY d.id DESC LIMIT ?",
                       {merchant, customer, below, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Message> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::int64_t> OutreachService::Unread(Tx& tx, MerchantId merchant, CustomerId customer) {
  auto row = tx.QueryOne(
      "SELECT COUNT(*) FROM outreach_delivery WHERE merchant_id = ? AND customer_id = ? AND"
      " outcome = 'sent' AND read_at IS NULL",
      {merchant, customer});
  if (!row) return Fail(row.error());
  return *row ? (**row).Int(0) : 0;
}

Result<Message> OutreachService::MarkRead(Tx& tx, MerchantId merchant, CustomerId customer,
                                          DeliveryId id) {
  auto row = tx.QueryOne(std::string(kSelect) + " AND d.id = ?", {merchant, customer, id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kMessageNotFound, "no such message"));
  Message m = FromRow(**row);
  if (m.read_at) return m;
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE outreach_delivery SET read_at = ? WHERE id = ? AND merchant_id = ? AND"
      " customer_id = ? AND read_at IS NULL",
      {now, id, merchant, customer});
  if (!ok) return Fail(ok.error());
  m.read_at = now;
  return m;
}

}  // namespace weishang::outreach
