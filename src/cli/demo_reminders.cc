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
  // Each consumable's cycle as its product says (shampoo a month, a pack of
  // masks ten days), reminded five days before the customer runs out.
  auto cycles = db.Write([&](storage::Tx& tx) -> Result<void> {
    catalog::ProductFilter f;
    f.limit = 100;
    auto page = m.catalog.ListProducts(tx, merchant, f);
    if (!page) return Fail(page.error());
    for (const auto& item : page->items) {
      auto p = m.catalog.GetProduct(tx, merchant, item.id);
      if (!p) return Fail(p.error());
      if (p->consumption_cycle_days <= 0) continue;
      reminders::Cycle c{p->id, static_cast<int>(p->consumption_cycle_days), 5, 0};
      auto set = workflows::SetProductCycle(tx, m, service, merchant, c);
      if (!set) return Fail(set.error());
    }
    return {};
  });
  if (!cycles) return cycles;
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
    // 冯超's birthday is in three days and 何静's child turns one in seven:
    // today's care run makes both tasks (cli/demo_crm.cc made them).
    auto feng =
        m.customers.FindByIdentity(tx, merchant, {customers::IdentityKind::kPhone, "18600186012"});
    if (!feng) return Fail(feng.error());
    if (*feng) {
      customers::ProfileUpdate u;
      u.birthday = DayIn(clock, 3, 1992);
      auto ok = m.customers.UpdateProfile(tx, merchant, (*feng)->id, u);
      if (!ok) return Fail(ok.error());
    }
    auto he =
        m.customers.FindByIdentity(tx, merchant, {customers::IdentityKind::kPhone, "18700187013"});
    if (!he) return Fail(he.error());
    if (*he) {
      int year = static_cast<int>(std::chrono::year_month_day{
          std::chrono::sys_days(std::chrono::days(queries::ShopDay(clock.Now()) + 7))}
                                      .year());
      auto set = m.customers.SetFields(tx, merchant, (*he)->id,
                                       {{"baby_birthday", DayIn(clock, 7, year - 1)}});
      if (!set) return Fail(set.error());
    }
    return {};
  });
}

}  // namespace weishang::cli
