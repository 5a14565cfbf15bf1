#include "workflows/reminders/reminder_flows.h"

#include <chrono>
#include <map>

#include "core/json.h"
#include "core/utf8.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_events.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customers_errors.h"
#include "modules/order/order_events.h"
#include "modules/reminders/reminders_errors.h"
#include "queries/shop_time.h"

namespace weishang::workflows {
namespace {

using reminders::CareKind;
using reminders::ReminderService;

constexpr int kBatch = 500;
constexpr std::int64_t kCatchUpDays = 7;
constexpr Timestamp kCareHour = 9 * kHour;  // care tasks are due at 09:00 shop time

// customer.purchased: quantities of one order summed per product.
Result<void> Purchased(storage::Tx& tx, ReminderService& reminders, const events::Event& e) {
  auto payload = ParseObject(e.payload);
  if (!payload) return {};
  JsonReader r(*payload);
  auto customer = DecodeId<CustomerId>(r.Str("customer_id"));
  Timestamp paid_at = r.Int("paid_at");
  if (!customer || !payload->contains("lines") || !payload->at("lines").is_array()) return {};
  std::map<Id, std::int64_t> quantities;
  for (const auto& line : payload->at("lines").as_array()) {
    if (!line.is_object()) continue;
    JsonReader l(line.as_object());
    auto product = DecodeId<ProductId>(l.Str("product_id"));
    if (product) quantities[product->value()] += l.Int("quantity");
  }
  for (const auto& [product, quantity] : quantities) {
    auto ok = reminders.RecordPurchase(tx, e.merchant_id, *customer, ProductId(product), paid_at,
                                       quantity);
    if (!ok) return ok;
  }
  return {};
}

// customer.returned: the customer's supplies again, from what they kept.
Result<void> Returned(storage::Tx& tx, Modules& m, ReminderService& reminders,
                      const events::Event& e) {
  auto customer = DecodeId<CustomerId>(e.subject);
  if (!customer) return {};
  auto rebuilt = RebuildSupplies(tx, m, reminders, e.merchant_id, {.customer = *customer});
  if (!rebuilt) return Fail(rebuilt.error());
  return {};
}

// customer.merged: the purchases are the kept record's now.
Result<void> Merged(storage::Tx& tx, Modules& m, ReminderService& reminders,
                    const events::Event& e) {
  auto payload = ParseObject(e.payload);
  if (!payload) return {};
  JsonReader r(*payload);
  auto kept = DecodeId<CustomerId>(r.Str("kept_id"));
  auto merged = DecodeId<CustomerId>(r.Str("merged_id"));
  if (!kept || !merged) return {};
  if (auto ok = reminders.MoveCustomer(tx, e.merchant_id, *merged, *kept); !ok) return ok;
  auto rebuilt = RebuildSupplies(tx, m, reminders, e.merchant_id, {.customer = *kept});
  if (!rebuilt) return Fail(rebuilt.error());
  return {};
}

// product.changed: the product's cycle as the catalog has it now (read, not
// taken from the payload, so that a late event never undoes a later edit).
Result<void> ProductChanged(storage::Tx& tx, Modules& m, ReminderService& reminders,
                            const events::Event& e) {
  auto id = DecodeId<ProductId>(e.subject);
  if (!id) return {};
  auto product = m.catalog.GetProduct(tx, e.merchant_id, *id);
  if (!product) {
    if (product.error().code == catalog::errors::kProductNotFound) return {};
    return Fail(product.error());
  }
  auto days = static_cast<int>(product->consumption_cycle_days);
  auto had = reminders.CycleOf(tx, e.merchant_id, *id);
  if (!had) return Fail(had.error());
  if (days == 0) {
    if (!*had) return {};
    auto cleared = reminders.ClearCycle(tx, e.merchant_id, *id);
    if (!cleared) return Fail(cleared.error());
    return {};
  }
  if (*had && (*had)->cycle_days == days) return {};
  reminders::Cycle c{*id, days,
                     std::min(*had ? (*had)->lead_days : reminders::kDefaultLeadDays, days - 1)};
  auto set = reminders.SetCycle(tx, e.merchant_id, c);
  if (!set) return Fail(set.error());
  auto rebuilt = RebuildSupplies(tx, m, reminders, e.merchant_id, {.product = *id});
  if (!rebuilt) return Fail(rebuilt.error());
  return {};
}

// customer.changed: the birthday and every field value (the module keeps the dates).
Result<void> Changed(storage::Tx& tx, ReminderService& reminders, const events::Event& e) {
  auto payload = ParseObject(e.payload);
  if (!payload) return {};
  JsonReader r(*payload);
  auto customer = DecodeId<CustomerId>(r.Str("customer_id"));
  if (!customer) return {};
  bool gone = r.Bool("erased") ||
              (payload->contains("merged_into") && !payload->at("merged_into").is_null());
  std::vector<std::pair<std::string, std::string>> fields;
  if (payload->contains("fields") && payload->at("fields").is_object()) {
    for (const auto& [key, value] : payload->at("fields").as_object()) {
      if (value.is_string()) fields.emplace_back(key, std::string(value.as_string()));
    }
  }
  return reminders.RecordDates(tx, e.merchant_id, *customer, r.Str("birthday"), fields, gone);
}

// order.received: the delivery plan's follow-up.
Result<void> Received(storage::Tx& tx, Modules& m, ReminderService& reminders,
                      const events::Event& e) {
  auto plan = reminders.CarePlanOf(tx, e.merchant_id, CareKind::kDelivery);
  if (!plan) return Fail(plan.error());
  if (!plan->enabled) return {};
  auto order = DecodeId<OrderId>(e.subject);
  if (!order) return {};
  auto customer = m.customers.CustomerOfOrder(tx, e.merchant_id, *order);
  if (!customer) return Fail(customer.error());
  if (!*customer || (*customer)->erased_at) return {};
  crm::TaskInput in;
  in.customer_id = (*customer)->id;
  in.owner = (*customer)->owner_staff_id;
  in.kind = crm::TaskKind::kCare;
  in.title = "收货回访：订单 " + EncodeId(*order);
  in.due_at = e.created_at + plan->days * kDay;
  in.source_key = "care:delivery:" + EncodeId(*order);
  auto made = m.crm.CreateTask(tx, e.merchant_id, in);
  if (!made) return Fail(made.error());
  return {};
}

// A customer a care task or a reminder is for: the record kept after merges,
// or nullopt when they are gone (erased, or not found).
Result<std::optional<customers::Customer>> Living(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                  CustomerId id) {
  auto c = m.customers.Get(tx, merchant, id);
  if (!c) {
    if (c.error().code == customers::errors::kNotFound) return std::optional<customers::Customer>();
    return Fail(c.error());
  }
  if (c->erased_at) return std::optional<customers::Customer>();
  return std::optional<customers::Customer>(std::move(*c));
}

std::chrono::year_month_day DayOf(std::int64_t shop_day) {
  return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(shop_day)));
}

std::string Two(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string MonthDay(const std::chrono::year_month_day& d) {
  return Two(static_cast<unsigned>(d.month())) + "-" + Two(static_cast<unsigned>(d.day()));
}
std::string Ymd(const std::chrono::year_month_day& d) {
  return std::to_string(static_cast<int>(d.year())) + "-" + MonthDay(d);
}

// The birth dates whose `months`-month anniversary is `target` (an
// anniversary on a day the month lacks falls on its last day).
std::vector<std::string> BirthsFor(const std::chrono::year_month_day& target, int months) {
  using namespace std::chrono;
  year_month ym = year_month(target.year(), target.month()) - std::chrono::months(months);
  std::vector<std::string> out;
  if (year_month_day(ym / target.day()).ok()) out.push_back(Ymd(ym / target.day()));
  if (target.day() == year_month_day_last(target.year(), month_day_last(target.month())).day()) {
    for (unsigned d = static_cast<unsigned>(target.day()) + 1; d <= 31; ++d) {
      year_month_day b = ym / day(d);
      if (b.ok()) out.push_back(Ymd(b));
    }
  }
  return out;
}

Result<int> CreateCareTask(storage::Tx& tx, Modules& m, MerchantId merchant, CustomerId id,
                           std::string title, Timestamp due_at, std::string source_key) {
  auto c = Living(tx, m, merchant, id);
  if (!c) return Fail(c.error());
  if (!*c) return 0;
  crm::TaskInput in;
  in.customer_id = (*c)->id;
  in.owner = (*c)->owner_staff_id;
  in.kind = crm::TaskKind::kCare;
  in.title = std::move(title);
  in.due_at = due_at;
  in.source_key = std::move(source_key);
  auto made = m.crm.CreateTask(tx, merchant, in);
  if (!made) return Fail(made.error());
  return 1;
}

// The birthday and milestone tasks of one shop day.
Result<int> CareForDay(storage::Tx& tx, Modules& m, ReminderService& reminders, MerchantId merchant,
                       std::int64_t day) {
  int made = 0;
  Timestamp due_at = queries::ShopDayStart(day) + kCareHour;
  auto birthday = reminders.CarePlanOf(tx, merchant, CareKind::kBirthday);
  if (!birthday) return Fail(birthday.error());
  if (birthday->enabled) {
    auto target = DayOf(day + birthday->days);
    std::vector<std::string> month_days{MonthDay(target)};
    if (target.month() == std::chrono::February && target.day() == std::chrono::day(28) &&
        !target.year().is_leap()) {
      month_days.push_back("02-29");  // a leap-day birthday is kept on the 28th
    }
    auto dates = reminders.DatesOn(tx, merchant, "birthday", month_days, false);
    if (!dates) return Fail(dates.error());
    std::string title = "生日关怀：" + std::to_string(static_cast<unsigned>(target.month())) +
                        "月" + std::to_string(static_cast<unsigned>(target.day())) + "日生日";
    for (const auto& d : *dates) {
      auto n = CreateCareTask(tx, m, merchant, d.customer_id, title, due_at,
                              "care:birthday:" + EncodeId(d.customer_id) + ":" +
                                  std::to_string(static_cast<int>(target.year())));
      if (!n) return Fail(n.error());
      made += *n;
    }
  }
  auto milestone = reminders.CarePlanOf(tx, merchant, CareKind::kMilestone);
  if (!milestone) return Fail(milestone.error());
  if (milestone->enabled) {
    auto target = DayOf(day + milestone->days);
    for (int months : milestone->milestones) {
      auto dates = reminders.DatesOn(tx, merchant, "field:" + milestone->field_key,
                                     BirthsFor(target, months), true);
      if (!dates) return Fail(dates.error());
      std::string title = months % 12 == 0
                              ? "成长关怀：宝宝即将满" + std::to_string(months / 12) + "周岁"
                              : "成长关怀：宝宝即将满" + std::to_string(months) + "个月";
      for (const auto& d : *dates) {
        auto n = CreateCareTask(tx, m, merchant, d.customer_id, title, due_at,
                                "care:milestone:" + EncodeId(d.customer_id) + ":" +
                                    milestone->field_key + ":" + std::to_string(months));
        if (!n) return Fail(n.error());
        made += *n;
      }
    }
  }
  return made;
}

}  // namespace

events::Handler RemindersHandler(reminders::ReminderService& reminders, Modules& m) {
  return events::Handler{
      "reminders",
      {std::string(customers::kCustomerPurchased), std::string(customers::kCustomerChanged),
       std::string(customers::kCustomerReturned), std::string(customers::kCustomerMerged),
       std::string(catalog::kProductChanged), std::string(order::kOrderReceived)},
      [&reminders, &m](storage::Tx& tx, const events::Event& e) -> Result<void> {
        if (e.kind == customers::kCustomerPurchased) return Purchased(tx, reminders, e);
        if (e.kind == customers::kCustomerChanged) return Changed(tx, reminders, e);
        if (e.kind == customers::kCustomerReturned) return Returned(tx, m, reminders, e);
        if (e.kind == customers::kCustomerMerged) return Merged(tx, m, reminders, e);
        if (e.kind == catalog::kProductChanged) return ProductChanged(tx, m, reminders, e);
        return Received(tx, m, reminders, e);
      },
      nullptr,
      /*from_history=*/true};
}

Result<reminders::RebuildTally> RebuildSupplies(storage::Tx& tx, Modules& m,
                                                reminders::ReminderService& reminders,
                                                MerchantId merchant,
                                                const reminders::Scope& scope) {
  // Only the lines of products with a cycle: the others make no supply.
  customers::CustomerService::LineScope lines{{}, scope.customer};
  if (scope.product) {
    lines.products.push_back(*scope.product);
  } else {
    auto cycles = reminders.Cycles(tx, merchant);
    if (!cycles) return Fail(cycles.error());
    if (cycles->empty()) return reminders.Rebuild(tx, merchant, scope, {});
    for (const auto& c : *cycles) lines.products.push_back(c.product_id);
  }
  std::vector<reminders::Bought> bought;
  auto ok = m.customers.ScanPurchaseLines(
      tx, merchant, lines, 20000,
      [&bought](CustomerId c, ProductId p, Timestamp paid_at, std::int64_t quantity) {
        bought.push_back(reminders::Bought{c, p, paid_at, quantity});
      });
  if (!ok) return Fail(ok.error());
  return reminders.Rebuild(tx, merchant, scope, std::move(bought));
}

Result<CycleView> SetProductCycle(storage::Tx& tx, Modules& m,
                                  reminders::ReminderService& reminders, MerchantId merchant,
                                  const reminders::Cycle& cycle) {
  auto product = m.catalog.GetProduct(tx, merchant, cycle.product_id);
  if (!product) return Fail(product.error());
  auto set = reminders.SetCycle(tx, merchant, cycle);
  if (!set) return Fail(set.error());
  auto kept = m.catalog.SetConsumptionCycle(tx, merchant, cycle.product_id, set->cycle_days);
  if (!kept) return Fail(kept.error());
  auto rebuilt = RebuildSupplies(tx, m, reminders, merchant, {.product = cycle.product_id});
  if (!rebuilt) return Fail(rebuilt.error());
  return CycleView{*set, product->title};
}

Result<bool> ClearProductCycle(storage::Tx& tx, Modules& m, reminders::ReminderService& reminders,
                               MerchantId merchant, ProductId product) {
  auto p = m.catalog.SetConsumptionCycle(tx, merchant, product, 0);
  if (!p) return Fail(p.error());
  return reminders.ClearCycle(tx, merchant, product);
}

Result<std::vector<CycleView>> LoadCycles(storage::Tx& tx, Modules& m,
                                          reminders::ReminderService& reminders,
                                          MerchantId merchant) {
  auto cycles = reminders.Cycles(tx, merchant);
  if (!cycles) return Fail(cycles.error());
  std::vector<CycleView> out;
  for (const auto& c : *cycles) {
    auto p = m.catalog.GetProduct(tx, merchant, c.product_id);
    out.push_back(CycleView{c, p ? p->title : ""});
  }
  return out;
}

Result<std::vector<RepurchaseLine>> RepurchaseReport(storage::Tx& tx, Modules& m,
                                                     reminders::ReminderService& reminders,
                                                     MerchantId merchant) {
  auto figures = reminders.Report(tx, merchant);
  if (!figures) return Fail(figures.error());
  auto cycles = reminders.Cycles(tx, merchant);
  if (!cycles) return Fail(cycles.error());
  std::map<Id, reminders::Cycle> by_product;
  for (const auto& c : *cycles) by_product.emplace(c.product_id.value(), c);
  std::vector<RepurchaseLine> out;
  for (const auto& f : *figures) {
    RepurchaseLine line{f, "", std::nullopt};
    auto p = m.catalog.GetProduct(tx, merchant, f.product_id);
    if (p) line.title = p->title;
    if (auto c = by_product.find(f.product_id.value()); c != by_product.end())
      line.cycle = c->second;
    out.push_back(std::move(line));
  }
  return out;
}

Result<JobTally> RunRepurchaseReminders(storage::Database& db, Modules& m,
                                        reminders::ReminderService& reminders, Timestamp now) {
  auto due = storage::ReadValue(
      db, [&](storage::Tx& tx) { return reminders.DueSupplies(tx, now, kBatch); });
  if (!due) return Fail(due.error());
  JobTally tally;
  for (const auto& s : *due) {
    auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
      if (s.window_end < now) return reminders.MarkLapsed(tx, s);
      auto c = Living(tx, m, s.merchant_id, s.customer_id);
      if (!c) return Fail(c.error());
      auto product = m.catalog.GetProduct(tx, s.merchant_id, s.product_id);
      if (!product && product.error().code != catalog::errors::kProductNotFound)
        return Fail(product.error());
      if (!*c || !product) return reminders.MarkLapsed(tx, s);
      crm::TaskInput in;
      in.customer_id = (*c)->id;
      in.owner = (*c)->owner_staff_id;
      in.kind = crm::TaskKind::kRepurchase;
      in.title = "复购提醒：" + std::string(Utf8Prefix(product->title, 90));
      in.due_at = s.due_at;
      in.source_key = "repurchase:" + EncodeId(s.customer_id) + ":" + EncodeId(s.product_id) + ":" +
                      std::to_string(s.cycle_start);
      auto task = m.crm.CreateTask(tx, s.merchant_id, in);
      if (!task) return Fail(task.error());
      return reminders.MarkReminded(tx, s, task->id);
    });
    if (ok) {
      ++tally.handled;
    } else if (ok.error().kind == ErrorKind::kConflict) {
      ++tally.conflicts;
    } else {
      return Fail(ok.error());
    }
  }
  return tally;
}

Result<JobTally> RunCareTasks(storage::Database& db, Modules& m,
                              reminders::ReminderService& reminders, Timestamp now) {
  std::int64_t today = queries::ShopDay(now);
  auto behind = storage::ReadValue(
      db, [&](storage::Tx& tx) { return reminders.CareRunsBehind(tx, today, 100); });
  if (!behind) return Fail(behind.error());
  JobTally tally;
  for (const auto& [merchant, last_day] : *behind) {
    auto made = storage::WriteValue(db, [&](storage::Tx& tx) -> Result<int> {
      int n = 0;
      for (std::int64_t day = std::max(last_day + 1, today - kCatchUpDays + 1); day <= today;
           ++day) {
        auto k = CareForDay(tx, m, reminders, merchant, day);
        if (!k) return Fail(k.error());
        n += *k;
      }
      if (auto ok = reminders.MarkCareRun(tx, merchant, today); !ok) return Fail(ok.error());
      return n;
    });
    if (!made) return Fail(made.error());
    tally.handled += *made;
  }
  return tally;
}

std::vector<Job> ReminderJobs(reminders::ReminderService& reminders) {
  return {
      {"repurchase_reminders",
       [&reminders](storage::Database& db, Modules& m, Timestamp now) {
         return RunRepurchaseReminders(db, m, reminders, now);
       }},
      {"care_tasks", [&reminders](storage::Database& db, Modules& m,
                                  Timestamp now) { return RunCareTasks(db, m, reminders, now); }},
  };
}

}  // namespace weishang::workflows
