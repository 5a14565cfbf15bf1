// Repurchase reminders and care plans across modules: orders paid through
// the sandbox become purchases (customers handler), the reminders handler
// moves the supplies and dates, and the jobs make the owner's tasks once per
// cause (a run-out cycle, a birthday per year, a milestone, a delivery).
#include "workflows/reminders/reminder_flows.h"

#include <gtest/gtest.h>

#include <chrono>

#include "cli/demo.h"
#include "cli/demo_reminders.h"
#include "events/dispatcher.h"
#include "events/parking.h"
#include "queries/shop_time.h"
#include "testing/shop_fixture.h"
#include "workflows/aftersales/aftersales_flows.h"
#include "workflows/customers/customer_flows.h"

namespace weishang::workflows {
namespace {

class ReminderFlowsTest : public testing::ShopFixture {
 protected:
  ReminderFlowsTest() : reminders_(clock_) {}
  void SetUp() override {
    ShopFixture::SetUp();
    ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<void> {
      if (auto ok = events::CreateCursor(tx, "customers", 0, 0); !ok) return ok;
      return events::CreateCursor(tx, "reminders", 0, 0);
    }));
  }
  // Delivers every event recorded so far (the customers handler's own events too).
  void Dispatch() {
    events::Dispatcher d(db(), clock_,
                         {CustomerHandler(m_.customers, m_), RemindersHandler(reminders_, m_)});
    for (int i = 0; i < 3; ++i) {
      auto passed = d.RunOnce();
      ASSERT_TRUE(passed) << passed.error().code << ": " << passed.error().message;
    }
  }
  std::pair<ProductId, SkuId> MakeProduct(const std::string& title) {
    SkuId sku = MakeSku(title, 1000, 100);
    auto p = storage::ReadValue(db(), [&](storage::Tx& tx) -> Result<ProductId> {
      auto row = tx.QueryOne("SELECT product_id FROM catalog_sku WHERE id = ?", {sku});
      if (!row) return Fail(row.error());
      return ProductId((**row).Int(0));
    });
    EXPECT_TRUE(p);
    return {*p, sku};
  }
  order::Order Buy(SkuId sku, int quantity, const std::string& phone = "13800000001") {
    auto placed = Place(Request({{sku, quantity}}, "", phone));
    EXPECT_TRUE(placed) << placed.error().message;
    PaySandbox(*placed);
    Dispatch();
    return *placed;
  }
  std::vector<crm::Task> Tasks() {
    crm::TaskFilter f;
    f.limit = 100;
    auto t = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.crm.ListTasks(tx, merchant_, f); });
    EXPECT_TRUE(t);
    return t ? *t : std::vector<crm::Task>{};
  }
  customers::Customer Customer(const std::string& phone = "13800000001") {
    auto c = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return m_.customers.FindByIdentity(tx, merchant_, {customers::IdentityKind::kPhone, phone});
    });
    EXPECT_TRUE(c && *c);
    return **c;
  }
  JobTally RunReminders() {
    auto t = RunRepurchaseReminders(db(), m_, reminders_, clock_.Now());
    EXPECT_TRUE(t) << t.error().message;
    return t ? *t : JobTally{};
  }
  JobTally RunCare() {
    auto t = RunCareTasks(db(), m_, reminders_, clock_.Now());
    EXPECT_TRUE(t) << t.error().message;
    return t ? *t : JobTally{};
  }
  void SavePlan(reminders::CarePlan p) {
    ASSERT_TRUE(storage::WriteValue(
        db(), [&](storage::Tx& tx) { return reminders_.SetCarePlan(tx, merchant_, p); }));
  }
  // The date `days` shop days from now, in `year`, as YYYY-MM-DD.
  std::string DateIn(int days, int year) {
    using namespace std::chrono;
    year_month_day d{sys_days(std::chrono::days(queries::ShopDay(clock_.Now()) + days))};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
  }

  // Refunds `quantity` units of the order's first line before shipping.
  void RefundBeforeShipping(const order::Order& o, std::int64_t quantity) {
    auto asked = storage::WriteValue(db(), [&](storage::Tx& tx) {
      return RequestAftersales(
          tx, m_,
          {merchant_, o.token, aftersales::Kind::kRefundOnly, "买多了", "", {{1, quantity}}});
    });
    ASSERT_TRUE(asked) << asked.error().message;
    identity::Principal owner{merchant_, staff_, identity::Role::kOwner, "店主"};
    auto done = storage::WriteValue(
        db(), [&](storage::Tx& tx) { return ApproveAftersales(tx, m_, owner, asked->id); });
    ASSERT_TRUE(done) << done.error().message;
    Dispatch();
  }
  std::optional<reminders::Supply> SupplyOf(CustomerId c, ProductId p) {
    auto s = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return reminders_.SupplyOf(tx, merchant_, c, p); });
    EXPECT_TRUE(s);
    return s ? *s : std::nullopt;
  }
  std::optional<reminders::Cycle> CycleOf(ProductId p) {
    auto c = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return reminders_.CycleOf(tx, merchant_, p); });
    EXPECT_TRUE(c);
    return c ? *c : std::nullopt;
  }
  std::int64_t CatalogCycle(ProductId p) {
    auto product = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.catalog.GetProduct(tx, merchant_, p); });
    EXPECT_TRUE(product);
    return product ? product->consumption_cycle_days : -1;
  }

  reminders::ReminderService reminders_;
};

TEST_F(ReminderFlowsTest, RefundedUnitsDoNotLast) {
  auto [masks, sku] = MakeProduct("面膜 10片");
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{masks, 30, 5, 0});
  }));
  order::Order o = Buy(sku, 3);
  CustomerId buyer = Customer().id;
  auto before = SupplyOf(buyer, masks);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->runs_out_at, o.created_at + 90 * kDay);

  RefundBeforeShipping(o, 2);  // one box kept: 30 days
  auto after = SupplyOf(buyer, masks);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->runs_out_at, before->cycle_start + 30 * kDay);
  EXPECT_EQ(after->due_at, before->cycle_start + 25 * kDay);

  clock_.Advance(26 * kDay);
  EXPECT_EQ(RunReminders().handled, 1) << "reminded for the box kept, 60 days early otherwise";

  RefundBeforeShipping(o, 1);  // the last box too: nothing was bought
  EXPECT_FALSE(SupplyOf(buyer, masks));
  // The batch rebuild agrees: a product's supplies from the lines less their returns.
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return RebuildSupplies(tx, m_, reminders_, merchant_, {.product = masks});
  }));
  EXPECT_FALSE(SupplyOf(buyer, masks));
}

TEST_F(ReminderFlowsTest, OneCycleWhereverItIsEdited) {
  auto [formula, sku] = MakeProduct("奶粉");
  Buy(sku, 1);
  // The catalog's field (the product API, a CSV import) sets the reminders' cycle.
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return m_.catalog.SetConsumptionCycle(tx, merchant_, formula, 20);
  }));
  Dispatch();
  auto c = CycleOf(formula);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->cycle_days, 20);
  EXPECT_EQ(c->lead_days, reminders::kDefaultLeadDays);
  ASSERT_TRUE(SupplyOf(Customer().id, formula)) << "the purchase history was read";

  // The repurchase screen's cycle is the catalog's too; its lead days stay.
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{formula, 40, 7, 0});
  }));
  EXPECT_EQ(CatalogCycle(formula), 40);
  Dispatch();
  EXPECT_EQ(CycleOf(formula)->lead_days, 7);

  // A shorter cycle keeps the lead below it; 0 clears it.
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return m_.catalog.SetConsumptionCycle(tx, merchant_, formula, 4);
  }));
  Dispatch();
  EXPECT_EQ(CycleOf(formula)->cycle_days, 4);
  EXPECT_EQ(CycleOf(formula)->lead_days, 3);
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return m_.catalog.SetConsumptionCycle(tx, merchant_, formula, 0);
  }));
  Dispatch();
  EXPECT_FALSE(CycleOf(formula));
  EXPECT_FALSE(SupplyOf(Customer().id, formula));

  // Clearing on the screen clears the catalog's.
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{formula, 30, 5, 0});
  }));
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return ClearProductCycle(tx, m_, reminders_, merchant_, formula);
  }));
  EXPECT_EQ(CatalogCycle(formula), 0);
}

TEST_F(ReminderFlowsTest, AMergedCustomersSuppliesAreTheKeptRecords) {
  auto [formula, sku] = MakeProduct("奶粉");
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{formula, 30, 5, 0});
  }));
  order::Order first = Buy(sku, 1, "13800000001");
  clock_.Advance(kDay);
  Buy(sku, 1, "13800000002");  // the same mother, her second phone
  CustomerId kept = Customer("13800000001").id;
  CustomerId merged = Customer("13800000002").id;
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return m_.customers.Merge(tx, merchant_, kept, merged, "manual", "stf");
  }));
  Dispatch();
  EXPECT_FALSE(SupplyOf(merged, formula));
  auto s = SupplyOf(kept, formula);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->purchases, 2);
  EXPECT_EQ(s->runs_out_at, first.created_at + 60 * kDay) << "both tins, one supply";
}

TEST_F(ReminderFlowsTest, ARunOutCycleGivesTheOwnerOneRepurchaseTask) {
  auto [formula, sku] = MakeProduct("婴儿奶粉 800g");
  auto [toy, toy_sku] = MakeProduct("玩具");
  // Bought before the cycle was set: the rebuild reads the history.
  Buy(sku, 2);
  Buy(toy_sku, 1);
  auto set = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{formula, 30, 5, 0});
  });
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->title, "婴儿奶粉 800g");
  EXPECT_EQ(RunReminders().handled, 0) << "nothing due yet";
  EXPECT_TRUE(Tasks().empty());

  clock_.Advance(55 * kDay);  // 60 days of formula, reminded 5 days ahead
  EXPECT_EQ(RunReminders().handled, 1);
  EXPECT_EQ(RunReminders().handled, 0) << "once per cycle";
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, crm::TaskKind::kRepurchase);
  EXPECT_EQ(tasks[0].customer_id, Customer().id);
  EXPECT_EQ(tasks[0].title, "复购提醒：婴儿奶粉 800g");

  // She buys again inside the window: followed, and a new cycle gets its own reminder.
  clock_.Advance(2 * kDay);
  Buy(sku, 1);
  auto report = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return RepurchaseReport(tx, m_, reminders_, merchant_); });
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u) << "products with a cycle";
  EXPECT_EQ((*report)[0].figures.buyers, 1);
  EXPECT_EQ((*report)[0].figures.repeat_buyers, 1);
  EXPECT_EQ((*report)[0].figures.reminders_sent, 1);
  EXPECT_EQ((*report)[0].figures.reminders_followed, 1);
  clock_.Advance(30 * kDay);  // 3 days were left + 30
  EXPECT_EQ(RunReminders().handled, 1);
  EXPECT_EQ(Tasks().size(), 2u);
}

TEST_F(ReminderFlowsTest, ACycleWhoseWindowPassedLapsesWithoutATask) {
  auto [formula, sku] = MakeProduct("奶粉");
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return SetProductCycle(tx, m_, reminders_, merchant_, reminders::Cycle{formula, 30, 5, 0});
  }));
  Buy(sku, 1);
  clock_.Advance(40 * kDay);  // due day 25, window to day 35
  EXPECT_EQ(RunReminders().handled, 1);
  EXPECT_TRUE(Tasks().empty());
}

TEST_F(ReminderFlowsTest, BirthdayAndMilestoneTasksOncePerCause) {
  auto [p, sku] = MakeProduct("湿巾");
  Buy(sku, 1);
  customers::Customer c = Customer();
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<customers::Customer> {
    customers::FieldDef def;
    def.key = "baby_birthday";
    def.label = "宝宝生日";
    def.kind = customers::FieldKind::kDate;
    if (auto d = m_.customers.DefineField(tx, merchant_, def); !d) return Fail(d.error());
    customers::ProfileUpdate u;
    u.birthday = DateIn(3, 1990);
    if (auto ok = m_.customers.UpdateProfile(tx, merchant_, c.id, u); !ok) return ok;
    // The child turns 1 in 7 days.
    return m_.customers.SetFields(tx, merchant_, c.id, {{"baby_birthday", DateIn(7, 2025)}});
  }));
  Dispatch();
  SavePlan({reminders::CareKind::kBirthday, true, 3, "", {}, 0});
  SavePlan({reminders::CareKind::kMilestone, true, 7, "baby_birthday", {12, 36}, 0});
  EXPECT_EQ(RunCare().handled, 2);
  EXPECT_EQ(RunCare().handled, 0) << "the day is done";
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 2u);
  for (const auto& t : tasks) {
    EXPECT_EQ(t.kind, crm::TaskKind::kCare);
    EXPECT_EQ(t.customer_id, c.id);
    EXPECT_EQ(t.owner, c.owner_staff_id);
  }
  // The next day: nothing new; a year on (2027 has no 29 February): the
  // birthday again, for the new year, and no milestone (the child turns 2).
  clock_.Advance(kDay);
  EXPECT_EQ(RunCare().handled, 0);
  clock_.Set(testing::kStart + 365 * kDay);
  EXPECT_EQ(RunCare().handled, 1);
  EXPECT_EQ(Tasks().size(), 3u);
}

TEST_F(ReminderFlowsTest, ADeliveryFollowUpIsDueTheDaysAfterReceipt) {
  auto [p, sku] = MakeProduct("奶粉");
  SavePlan({reminders::CareKind::kDelivery, true, 7, "", {}, 0});
  order::Order o = Buy(sku, 1);
  ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) {
    return ShipOrder(tx, m_, merchant_, o.id, "顺丰", "SF1", "staff");
  }));
  clock_.Advance(kDay);
  ASSERT_TRUE(storage::WriteValue(
      db(), [&](storage::Tx& tx) { return ConfirmReceipt(tx, m_, merchant_, o.id, "buyer"); }));
  Timestamp received = clock_.Now();
  Dispatch();
  Dispatch();
  auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, crm::TaskKind::kCare);
  EXPECT_EQ(tasks[0].due_at, received + 7 * kDay);
  EXPECT_EQ(tasks[0].source_key, "care:delivery:" + EncodeId(o.id));
}

}  // namespace
}  // namespace weishang::workflows
