#include "cli/demo_reminders.h"

#include <chrono>
#include <cstdio>

#include "modules/reminders/reminders.h"
#include "queries/shop_time.h"
#include "workflows/reminders/reminder_flows.h"

namespace weishang::cli {
namespace {

// YYYY-MM-DD of the shop day `days` from now, in `year`.
std::string DayIn(const Clock& clock, int days, int year) {
  using namespace std::chrono;
  year_month_day d{sys_days(std::chrono::days(queries::ShopDay(clock.Now()) + days))};
  unsigned day = static_cast<unsigned>(d.day());
  if (d.month() == February && day == 29) day = 28;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, static_cast<unsigned>(d.month()), day);
  return buf;
}

}  // namespace

Result<void> SeedDemoReminders(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                               const Clock& clock) {
  reminders::ReminderService service(clock);
  // A 500 ml bottle of shampoo lasts three weeks, a facial mask pack ten days.
  const std::pair<const char*, reminders::Cycle> kCycles[] = {
      {"洗发水", reminders::Cycle{ProductId(), 21, 5, 0}},
      {"面膜", reminders::Cycle{ProductId(), 10, 5, 0}},
  };
  for (const auto& [q, cycle] : kCycles) {
    auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
      catalog::ProductFilter f;
      f.q = q;
      f.limit = 10;
      auto page = m.catalog.ListProducts(tx, merchant, f);
      if (!page) return Fail(page.error());
      for (const auto& p : page->items) {
        reminders::Cycle c = cycle;
        c.product_id = p.id;
        auto set = workflows::SetProductCycle(tx, m, service, merchant, c);
        if (!set) return Fail(set.error());
      }
      return {};
    });
    if (!ok) return ok;
  }
  return db.Write([&](storage::Tx& tx) -> Result<void> {
    customers::FieldDef child;
    child.key = "baby_birthday";
    child.label = "宝宝生日";
    child.kind = customers::FieldKind::kDate;
    if (auto d = m.customers.DefineField(tx, merchant, child); !d) return Fail(d.error());
    const reminders::CarePlan kPlans[] = {
        {reminders::CareKind::kBirthday, true, 3, "", {}, 0},
        {reminders::CareKind::kMilestone, true, 7, "baby_birthday", {12, 36, 72}, 0},
        {reminders::CareKind::kDelivery, true, 3, "", {}, 0},
    };
    for (const auto& p : kPlans) {
      if (auto saved = service.SetCarePlan(tx, merchant, p); !saved) return Fail(saved.error());
    }
    // Customers made so far (the customers handler makes the orders' buyers
    // when the server runs): the newest gets a birthday in three days and a
    // child turning one in seven, so today's care run makes their tasks.
    customers::ListFilter f;
    f.limit = 1;
    auto list = m.customers.List(tx, merchant, f);
    if (!list) return Fail(list.error());
    for (const auto& c : *list) {
      customers::ProfileUpdate u;
      u.birthday = DayIn(clock, 3, 1992);
      if (auto ok = m.customers.UpdateProfile(tx, merchant, c.id, u); !ok) return Fail(ok.error());
      int year = static_cast<int>(std::chrono::year_month_day{
          std::chrono::sys_days(std::chrono::days(queries::ShopDay(clock.Now()) + 7))}
                                      .year());
      auto set =
          m.customers.SetFields(tx, merchant, c.id, {{"baby_birthday", DayIn(clock, 7, year - 1)}});
      if (!set) return Fail(set.error());
    }
    return {};
  });
}

}  // namespace weishang::cli
