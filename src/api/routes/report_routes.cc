// The console's reports: GET /admin/v1/dashboard (queries/dashboard.h).
#include "api/app.h"
#include "api/routes/support.h"
#include "queries/dashboard.h"
#include "queries/shop_time.h"

namespace weishang::api {
namespace {

using identity::Permission;

// Money figures are for roles with money rights; others get null, and the
// counts they work from.
json::value Money(Fen fen, bool shown) { return shown ? json::value(fen) : json::value(nullptr); }

json::object EncodeFigures(const queries::DayFigures& f, bool money) {
  return {{"orders", f.orders},
          {"paid", Money(f.paid, money)},
          {"refunded", Money(f.refunded, money)},
          {"revenue", Money(f.revenue(), money)}};
}

json::object EncodeDashboard(const queries::Dashboard& d, bool money) {
  json::array days;
  for (const auto& f : d.days) {
    json::object day = EncodeFigures(f, money);
    day["date"] = queries::FormatShopDay(f.day);
    days.push_back(std::move(day));
  }
  return {{"time_zone", queries::kShopUtcOffsetText},
          {"today", queries::FormatShopDay(d.today)},
          {"money_visible", money},
          {"today_figures", EncodeFigures(d.days.back(), money)},
          {"period_figures", EncodeFigures(d.period, money)},
          {"period_from", queries::FormatShopDay(d.period.day)},
          {"orders_to_ship", d.orders_to_ship},
          {"aftersales_to_handle", json::object{{"requested", d.aftersales_requested},
                                                {"returning", d.aftersales_returning},
                                                {"received", d.aftersales_received},
                                                {"total", d.aftersales_to_handle()}}},
          {"days", std::move(days)}};
}

Reply Dashboard(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  bool money = identity::Allows(who->role, Permission::kMoney);
  Timestamp now = s.clock.Now();
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    queries::DashboardSources from{s.modules.orders, s.modules.payments, s.modules.aftersales};
    auto d = queries::ReadDashboard(tx, from, who->merchant_id, now);
    if (!d) return Fail(d.error());
    return EncodeDashboard(*d, money);
  });
}

}  // namespace

void AddReportRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/dashboard", [&s](HttpRequest& q) { return Dashboard(s, q); });
}

}  // namespace weishang::api
