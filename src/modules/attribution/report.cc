// The growth report's figures of every campaign and channel code over a
// period, without reading every order: visits and new customers per
// campaign and per channel code from an index ordered by (code, time), so
// they are grouped as they are read (schema/0002_growth_report.sql), and
// the orders from their daily sums (attribution_order_day).
#include "modules/attribution/attribution.h"

namespace weishang::attribution {
namespace {

// The two groupings: by campaign and by channel code.
struct By {
  const char* column;
  std::map<Id, PeriodFigures> PeriodReport::*figures;
};
constexpr By kBy[] = {{"campaign_id", &PeriodReport::campaigns},
                      {"channel_id", &PeriodReport::channels}};

}  // namespace

Result<PeriodReport> AttributionService::PeriodFiguresOf(Tx& tx, MerchantId merchant,
                                                         Timestamp from, Timestamp to) {
  PeriodReport out;
  for (const By& by : kBy) {
    std::string column = by.column;
    auto& figures = out.*by.figures;
    // Touches through the code's links and scans (attribution_touch_of_…).
    auto visits = tx.Query("SELECT " + column +
                               ", COUNT(*) FROM attribution_touch WHERE merchant_id = ? AND " +
                               column + " IS NOT NULL AND at >= ? AND at < ? GROUP BY " + column,
                           {merchant, from, to});
    if (!visits) return Fail(visits.error());
    for (const auto& r : *visits) figures[r.Int(0)].visits = r.Int(1);
    // New customers by day of the period (attribution_acquisition_of_…).
    auto brought = tx.Query("SELECT " + column +
                                ", (at - ?) / ?, COUNT(*) FROM attribution_acquisition"
                                " WHERE merchant_id = ? AND " +
                                column + " IS NOT NULL AND at >= ? AND at < ? GROUP BY 1, 2",
                            {from, kDay, merchant, from, to});
    if (!brought) return Fail(brought.error());
    for (const auto& r : *brought) {
      PeriodFigures& f = figures[r.Int(0)];
      f.new_customers += r.Int(2);
      f.new_customers_by_day[r.Int(1)] += r.Int(2);
    }
  }
  // Paid orders placed in the period, by the day they were paid.
  std::int64_t first = ReportDay(from), end = ReportDay(to);
  auto orders = tx.Query(
      "SELECT campaign_id, channel_id, paid_day, SUM(orders), SUM(revenue), SUM(discount)"
      " FROM attribution_order_day WHERE merchant_id = ? AND placed_day >= ? AND placed_day < ?"
      " GROUP BY campaign_id, channel_id, paid_day",
      {merchant, first, end});
  if (!orders) return Fail(orders.error());
  for (const auto& r : *orders) {
    std::int64_t day = r.Int(2) - first + 1, n = r.Int(3);
    Fen revenue = r.Int(4), discount = r.Int(5);
    for (auto [id, figures] :
         {std::pair{r.Int(0), &out.campaigns}, std::pair{r.Int(1), &out.channels}}) {
      if (id == 0) continue;
      PeriodFigures& f = (*figures)[id];
      f.orders += n;
      f.revenue += revenue;
      f.discount += discount;
      f.revenue_by_paid_day[day] += revenue;
    }
  }
  return out;
}

}  // namespace weishang::attribution
