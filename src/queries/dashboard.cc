#include "queries/dashboard.h"

#include "queries/shop_time.h"

namespace weishang::queries {

Result<Dashboard> ReadDashboard(storage::Tx& tx, const DashboardSources& from, MerchantId merchant,
                                Timestamp now) {
  Dashboard d;
  d.today = ShopDay(now);
  std::int64_t first = d.today - (kDashboardDays - 1);
  Timestamp start = ShopDayStart(first), end = ShopDayStart(d.today + 1);
  d.days.resize(kDashboardDays);
  for (int i = 0; i < kDashboardDays; ++i) d.days[i].day = first + i;
  auto slot = [&](std::int64_t day) -> DayFigures* {
    return day >= first && day <= d.today ? &d.days[day - first] : nullptr;
  };

  auto paid = from.orders.PaidPerDay(tx, merchant, start, end, kShopUtcOffset);
  if (!paid) return Fail(paid.error());
  for (const auto& p : *paid) {
    if (DayFigures* f = slot(p.day)) f->orders = p.orders;
  }
  auto money = from.payments.MoneyPerDay(tx, merchant, start, end, kShopUtcOffset);
  if (!money) return Fail(money.error());
  for (const auto& m : *money) {
    if (DayFigures* f = slot(m.day)) {
      f->paid = m.received;
      f->refunded = m.refunded;
    }
  }
  d.period.day = first;
  for (const auto& f : d.days) {
    d.period.orders += f.orders;
    d.period.paid += f.paid;
    d.period.refunded += f.refunded;
  }

  auto to_ship = from.orders.CountWithStatus(tx, merchant, order::Status::kPaid);
  if (!to_ship) return Fail(to_ship.error());
  d.orders_to_ship = *to_ship;
  auto requests = from.aftersales.CountByStatus(tx, merchant);
  if (!requests) return Fail(requests.error());
  for (const auto& [status, count] : *requests) {
    if (status == aftersales::Status::kRequested) d.aftersales_requested = count;
    if (status == aftersales::Status::kReturning) d.aftersales_returning = count;
    if (status == aftersales::Status::kReceived) d.aftersales_received = count;
  }
  return d;
}

}  // namespace weishang::queries
