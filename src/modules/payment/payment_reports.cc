// Reads for the console's reports: money per day, and the callback log.
#include <map>

#include "modules/payment/payment.h"

namespace weishang::payment {

Result<std::vector<DayMoney>> PaymentService::MoneyPerDay(Tx& tx, MerchantId merchant,
                                                          Timestamp from, Timestamp to,
                                                          Timestamp utc_offset) {
  // A payment counts when its money arrived (confirmed_at), a refund when it
  // was made: the days are those of the money, not of the orders.
  auto received = tx.Query(
      "SELECT (confirmed_at + ?) / 86400000, CAST(COALESCE(SUM(amount), 0) AS BIGINT)"
      " FROM payment_payment WHERE merchant_id = ? AND status = 'succeeded'"
      " AND confirmed_at >= ? AND confirmed_at < ? GROUP BY 1",
      {utc_offset, merchant, from, to});
  if (!received) return Fail(received.error());
  auto refunded = tx.Query(
      "SELECT (created_at + ?) / 86400000, CAST(COALESCE(SUM(amount), 0) AS BIGINT)"
      " FROM payment_refund WHERE merchant_id = ? AND created_at >= ? AND created_at < ?"
      " GROUP BY 1",
      {utc_offset, merchant, from, to});
  if (!refunded) return Fail(refunded.error());
  std::map<std::int64_t, DayMoney> days;
  for (const auto& r : *received) {
    DayMoney& d = days[r.Int(0)];
    d.day = r.Int(0);
    d.received = r.Int(1);
  }
  for (const auto& r : *refunded) {
    DayMoney& d = days[r.Int(0)];
    d.day = r.Int(0);
    d.refunded = r.Int(1);
  }
  std::vector<DayMoney> out;
  out.reserve(days.size());
  for (auto& [day, money] : days) out.push_back(money);
  return out;
}

Result<std::vector<CallbackLogEntry>> PaymentService::ListCallbacks(Tx& tx, MerchantId merchant,
                                                                    Id after, int limit) {
  std::string sql =
      "SELECT id, provider, payload, signature_ok, outcome, received_at FROM payment_callback_log"
      " WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (after != 0) {
    sql += " AND id < ?";
    params.emplace_back(after);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<CallbackLogEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    out.push_back(CallbackLogEntry{r.Int(0), r.Str(1), r.Str(2), r.Bool(3), r.Str(4), r.Int(5)});
  }
  return out;
}

}  // namespace weishang::payment
