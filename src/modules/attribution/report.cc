// The growth report's figures of every campaign and channel code over a
// period: each table read once over the period (an index range holding
// every column read: schema/0002_growth_report.sql), grouped by campaign,
// channel code and day, and spread over both maps here.
#include "modules/attribution/attribution.h"

namespace weishang::attribution {
namespace {

// Adds `fn` to the campaign's and the channel's figures the row names.
template <typename Fn>
void Spread(PeriodReport& out, std::optional<std::int64_t> campaign,
            std::optional<std::int64_t> channel, Fn fn) {
  if (campaign) fn(out.campaigns[*campaign]);
  if (channel) fn(out.channels[*channel]);
}

}  // namespace

Result<PeriodReport> AttributionService::PeriodFiguresOf(Tx& tx, MerchantId merchant,
                                                         Timestamp from, Timestamp to) {
  PeriodReport out;
  auto visits = tx.Query(
      "SELECT campaign_id, channel_id, COUNT(*) FROM attribution_touch WHERE merchant_id = ?"
      " AND at >= ? AND at < ? AND (campaign_id IS NOT NULL OR channel_id IS NOT NULL)"
      " GROUP BY campaign_id, channel_id",
      {merchant, from, to});
  if (!visits) return Fail(visits.error());
  for (const auto& r : *visits) {
    std::int64_t n = r.Int(2);
    Spread(out, r.OptInt(0), r.OptInt(1), [&](PeriodFigures& f) { f.visits += n; });
  }
  // Day of the period: whole days since `from`, rounded down.
  auto brought = tx.Query(
      "SELECT campaign_id, channel_id, (at - ?) / ?, COUNT(*) FROM attribution_acquisition"
      " WHERE merchant_id = ? AND at >= ? AND at < ?"
      " AND (campaign_id IS NOT NULL OR channel_id IS NOT NULL) GROUP BY 1, 2, 3",
      {from, kDay, merchant, from, to});
  if (!brought) return Fail(brought.error());
  for (const auto& r : *brought) {
    std::int64_t day = r.Int(2), n = r.Int(3);
    Spread(out, r.OptInt(0), r.OptInt(1), [&](PeriodFigures& f) {
      f.new_customers += n;
      f.new_customers_by_day[day] += n;
    });
  }
  // Day of payment: whole days after `from`, rounded up (payback counts in
  // whole days, growth::NumbersOf); 0 at or before `from`.
  auto orders = tx.Query(
      "SELECT campaign_id, channel_id,"
      " CASE WHEN paid_at <= ? THEN 0 ELSE (paid_at - ? + ?) / ? END,"
      " COUNT(*), SUM(total - refunded), SUM(discount) FROM attribution_order"
      " WHERE merchant_id = ? AND placed_at >= ? AND placed_at < ? AND paid_at IS NOT NULL"
      " AND (campaign_id IS NOT NULL OR channel_id IS NOT NULL) GROUP BY 1, 2, 3",
      {from, from, kDay - 1, kDay, merchant, from, to});
  if (!orders) return Fail(orders.error());
  for (const auto& r : *orders) {
    std::int64_t day = r.Int(2), n = r.Int(3);
    Fen revenue = r.Int(4), discount = r.Int(5);
    Spread(out, r.OptInt(0), r.OptInt(1), [&](PeriodFigures& f) {
      f.orders += n;
      f.revenue += revenue;
      f.discount += discount;
      f.revenue_by_paid_day[day] += revenue;
    });
  }
  return out;
}

}  // namespace weishang::attribution
