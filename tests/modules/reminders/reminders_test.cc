// The reminders module on a real database (both engines): the run-out
// arithmetic (quantities, overlapping purchases, a new cycle after the
// reminder), one reminder per cycle, a followed reminder, the batch rebuild
// agreeing with the purchase-by-purchase path, the report's figures, care
// plans' checks and the customers' dates.
#include "modules/reminders/reminders.h"

#include <gtest/gtest.h>

#include "modules/reminders/reminders_errors.h"
#include "testing/temp_db.h"

namespace weishang::reminders {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{51}, kOther{52};
constexpr CustomerId kAnn{2001}, kBob{2002};
constexpr ProductId kFormula{3001}, kWipes{3002}, kToy{3003};
constexpr Timestamp kT0 = 1'800'000'000'000;

Cycle Formula() { return Cycle{kFormula, 30, 5, 0}; }

TEST(RunOut, QuantityTimesCycleDaysFromThePurchase) {
  Supply s = AddPurchase(Supply{}, Formula(), kT0, 2);
  EXPECT_EQ(s.cycle_start, kT0);
  EXPECT_EQ(s.runs_out_at, kT0 + 60 * kDay);
  EXPECT_EQ(s.due_at, kT0 + 55 * kDay);
  EXPECT_EQ(s.window_end, kT0 + 65 * kDay);
  EXPECT_EQ(s.purchases, 1);
  Supply none = AddPurchase(Supply{}, Formula(), kT0, 0);
  EXPECT_EQ(none.purchases, 0) << "a quantity below 1 changes nothing";
}

TEST(RunOut, APurchaseBeforeTheReminderAddsToWhatIsLeft) {
  Supply s = AddPurchase(Supply{}, Formula(), kT0, 1);  // runs out at day 30
  s = AddPurchase(s, Formula(), kT0 + 10 * kDay, 2);    // +60 days on top
  EXPECT_EQ(s.cycle_start, kT0) << "the same cycle goes on";
  EXPECT_EQ(s.runs_out_at, kT0 + 90 * kDay);
  EXPECT_EQ(s.due_at, kT0 + 85 * kDay);
  EXPECT_EQ(s.purchases, 2);
}

TEST(RunOut, APurchaseAfterTheReminderBeginsANewCycleKeepingTheRest) {
  Supply s = AddPurchase(Supply{}, Formula(), kT0, 1);  // due day 25, out day 30
  s.state = SupplyState::kReminded;
  s = AddPurchase(s, Formula(), kT0 + 27 * kDay, 1);
  EXPECT_EQ(s.cycle_start, kT0 + 27 * kDay);
  EXPECT_EQ(s.runs_out_at, kT0 + 60 * kDay) << "3 days left + 30";
  EXPECT_EQ(s.state, SupplyState::kWaiting);
  // Long after the run-out: the new supply starts at the purchase.
  s = AddPurchase(s, Formula(), kT0 + 100 * kDay, 1);
  EXPECT_EQ(s.cycle_start, kT0 + 100 * kDay);
  EXPECT_EQ(s.runs_out_at, kT0 + 130 * kDay);
  EXPECT_EQ(s.purchases, 3);
}

class RemindersTest : public ::testing::Test {
 protected:
  RemindersTest() : clock_(kT0), svc_(clock_) {}

  template <class Fn>
  auto W(Fn&& fn) {
    auto r = storage::WriteValue(db_.db(), fn);
    EXPECT_TRUE(r) << r.error().code << ": " << r.error().message;
    return r;
  }
  template <class Fn>
  auto R(Fn&& fn) {
    auto r = storage::ReadValue(db_.db(), fn);
    EXPECT_TRUE(r) << r.error().code << ": " << r.error().message;
    return r;
  }
  void Buy(CustomerId c, ProductId p, Timestamp at, std::int64_t qty, MerchantId m = kShop) {
    ASSERT_TRUE(
        db_.db().Write([&](storage::Tx& tx) { return svc_.RecordPurchase(tx, m, c, p, at, qty); }));
  }
  Supply SupplyOf(CustomerId c, ProductId p) {
    auto s = R([&](storage::Tx& tx) { return svc_.SupplyOf(tx, kShop, c, p); });
    EXPECT_TRUE(s && *s);
    return **s;
  }
  std::vector<Supply> Due(Timestamp now) {
    auto d = R([&](storage::Tx& tx) { return svc_.DueSupplies(tx, now, 100); });
    return d ? *d : std::vector<Supply>{};
  }

  FakeClock clock_;
  ReminderService svc_;
  TempDb db_;
};

TEST_F(RemindersTest, ACycleIsCheckedAndOnlyProductsWithOneGetSupplies) {
  auto bad = db_.db().Write([&](storage::Tx& tx) -> Result<void> {
    auto c = svc_.SetCycle(tx, kShop, Cycle{kFormula, 0, 0, 0});
    if (!c) return Fail(c.error());
    return {};
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errors::kInvalidField);
  auto lead = db_.db().Write([&](storage::Tx& tx) -> Result<void> {
    auto c = svc_.SetCycle(tx, kShop, Cycle{kFormula, 10, 10, 0});
    if (!c) return Fail(c.error());
    return {};
  });
  ASSERT_FALSE(lead);
  W([&](storage::Tx& tx) { return svc_.SetCycle(tx, kShop, Formula()); });
  Buy(kAnn, kToy, kT0, 1);  // no cycle: nothing kept
  Buy(kAnn, kFormula, kT0, 2);
  auto toy = R([&](storage::Tx& tx) { return svc_.SupplyOf(tx, kShop, kAnn, kToy); });
  ASSERT_TRUE(toy);
  EXPECT_FALSE(*toy);
  EXPECT_EQ(SupplyOf(kAnn, kFormula).runs_out_at, kT0 + 60 * kDay);
  auto other = R([&](storage::Tx& tx) { return svc_.Cycles(tx, kOther); });
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty()) << "another shop sees none of them";
}

TEST_F(RemindersTest, OneReminderPerCycleAndAPurchaseInItsWindowFollowsIt) {
  W([&](storage::Tx& tx) { return svc_.SetCycle(tx, kShop, Formula()); });
  Buy(kAnn, kFormula, kT0, 1);              // due day 25
  Buy(kBob, kFormula, kT0 + 10 * kDay, 1);  // due day 35
  Buy(kAnn, kFormula, kT0 + 5 * kDay, 1);   // overlapping: due day 55
  EXPECT_TRUE(Due(kT0 + 30 * kDay).empty());
  auto due = Due(kT0 + 55 * kDay);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].customer_id, kBob);
  EXPECT_EQ(due[1].customer_id, kAnn);
  EXPECT_EQ(due[1].runs_out_at, kT0 + 60 * kDay);
  ASSERT_TRUE(
      db_.db().Write([&](storage::Tx& tx) { return svc_.MarkReminded(tx, due[1], TaskId(9001)); }));
  auto again =
      db_.db().Write([&](storage::Tx& tx) { return svc_.MarkReminded(tx, due[1], TaskId(9002)); });
  ASSERT_FALSE(again) << "one reminder per cycle";
  EXPECT_EQ(again.error().code, errors::kSupplyMoved);
  ASSERT_TRUE(db_.db().Write([&](storage::Tx& tx) { return svc_.MarkLapsed(tx, due[0]); }));
  EXPECT_TRUE(Due(kT0 + 55 * kDay).empty());
  // Ann buys again inside her window (day 55 .. 65): followed, a new cycle.
  Buy(kAnn, kFormula, kT0 + 58 * kDay, 1);
  Supply s = SupplyOf(kAnn, kFormula);
  EXPECT_EQ(s.cycle_start, kT0 + 58 * kDay);
  EXPECT_EQ(s.state, SupplyState::kWaiting);
  EXPECT_EQ(s.runs_out_at, kT0 + 90 * kDay);
  // A repeat of a purchase already counted changes nothing.
  Buy(kAnn, kFormula, kT0 + 58 * kDay, 1);
  EXPECT_EQ(SupplyOf(kAnn, kFormula).runs_out_at, kT0 + 90 * kDay);

  auto report = R([&](storage::Tx& tx) { return svc_.Report(tx, kShop); });
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ((*report)[0].product_id, kFormula);
  EXPECT_EQ((*report)[0].buyers, 2);
  EXPECT_EQ((*report)[0].repeat_buyers, 1);
  EXPECT_EQ((*report)[0].reminders_sent, 1);
  EXPECT_EQ((*report)[0].reminders_followed, 1);
}

TEST_F(RemindersTest, APurchaseAfterTheWindowDoesNotFollowTheReminder) {
  W([&](storage::Tx& tx) { return svc_.SetCycle(tx, kShop, Formula()); });
  Buy(kAnn, kFormula, kT0, 1);
  auto due = Due(kT0 + 25 * kDay);
  ASSERT_EQ(due.size(), 1u);
  ASSERT_TRUE(
      db_.db().Write([&](storage::Tx& tx) { return svc_.MarkReminded(tx, due[0], TaskId(9001)); }));
  Buy(kAnn, kFormula, kT0 + 40 * kDay, 1);  // window ended on day 35
  auto report = R([&](storage::Tx& tx) { return svc_.Report(tx, kShop); });
  ASSERT_TRUE(report && report->size() == 1);
  EXPECT_EQ((*report)[0].reminders_sent, 1);
  EXPECT_EQ((*report)[0].reminders_followed, 0);
}

TEST_F(RemindersTest, TheBatchRebuildAgreesWithThePurchaseByPurchasePath) {
  Cycle wipes{kWipes, 10, 2, 0};
  W([&](storage::Tx& tx) { return svc_.SetCycle(tx, kShop, Formula()); });
  W([&](storage::Tx& tx) { return svc_.SetCycle(tx, kShop, wipes); });
  std::vector<Bought> bought = {
      {kAnn, kFormula, kT0 + 5 * kDay, 1},
      {kAnn, kFormula, kT0, 1},
      {kAnn, kWipes, kT0, 3},
      {kBob, kFormula, kT0 + 2 * kDay, 2},
      {kBob, kToy, kT0, 1},
      {kAnn, kFormula, kT0 + 40 * kDay, 1},
  };
  for (const auto& b : {bought[1], bought[0], bought[2], bought[3], bought[5]}) {
    Buy(b.customer_id, b.product_id, b.paid_at, b.quantity);
  }
  Supply ann = SupplyOf(kAnn, kFormula), ann_wipes = SupplyOf(kAnn, kWipes),
         bob = SupplyOf(kBob, kFormula);
  clock_.Set(kT0 + 50 * kDay);
  auto tally = W([&](storage::Tx& tx) { return svc_.Rebuild(tx, kShop, {}, bought); });
  ASSERT_TRUE(tally);
  EXPECT_EQ(tally->supplies, 3);
  for (const auto& [before, after] :
       {std::pair{ann, SupplyOf(kAnn, kFormula)}, std::pair{ann_wipes, SupplyOf(kAnn, kWipes)},
        std::pair{bob, SupplyOf(kBob, kFormula)}}) {
    EXPECT_EQ(before.cycle_start, after.cycle_start);
    EXPECT_EQ(before.runs_out_at, after.runs_out_at);
    EXPECT_EQ(before.due_at, after.due_at);
    EXPECT_EQ(before.purchases, after.purchases);
  }
  // As of day 50: wipes ran out on day 30 (window to day 32): lapsed; Bob's
  // formula (out day 62, due day 57) waits; Ann's (out day 90) waits.
  EXPECT_EQ(SupplyOf(kAnn, kWipes).state, SupplyState::kLapsed);
  EXPECT_EQ(tally->lapsed, 1);
  EXPECT_EQ(tally->due, 0);
  EXPECT_EQ(Due(kT0 + 57 * kDay).size(), 1u);
}

TEST_F(RemindersTest, CarePlansAreCheckedAndDatesFollowTheCustomer) {
  auto plans = R([&](storage::Tx& tx) { return svc_.CarePlans(tx, kShop); });
  ASSERT_TRUE(plans);
  ASSERT_EQ(plans->size(), 3u);
  EXPECT_FALSE((*plans)[0].enabled) << "off until saved";
  EXPECT_EQ((*plans)[1].milestones, (std::vector<int>{12, 36, 72}));
  CarePlan bad{CareKind::kMilestone, true, 7, "Baby", {12}, 0};
  auto refused = db_.db().Write([&](storage::Tx& tx) -> Result<void> {
    auto p = svc_.SetCarePlan(tx, kShop, bad);
    if (!p) return Fail(p.error());
    return {};
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errors::kInvalidField);
  CarePlan ok{CareKind::kMilestone, true, 7, "baby_birthday", {72, 12, 12}, 0};
  auto saved = W([&](storage::Tx& tx) { return svc_.SetCarePlan(tx, kShop, ok); });
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->milestones, (std::vector<int>{12, 72}));
  auto behind = R([&](storage::Tx& tx) { return svc_.CareRunsBehind(tx, 1'000'000, 10); });
  ASSERT_TRUE(behind);
  EXPECT_EQ(behind->size(), 1u) << "saving a plan starts the merchant's care run";

  ASSERT_TRUE(db_.db().Write([&](storage::Tx& tx) {
    return svc_.RecordDates(tx, kShop, kAnn, "1990-05-01",
                            {{"baby_birthday", "2025-05-03"}, {"note", "hello"}}, false);
  }));
  auto on = R([&](storage::Tx& tx) {
    return svc_.DatesOn(tx, kShop, "birthday", {"05-01", "05-02"}, false);
  });
  ASSERT_TRUE(on && on->size() == 1);
  EXPECT_EQ((*on)[0].customer_id, kAnn);
  auto child = R([&](storage::Tx& tx) {
    return svc_.DatesOn(tx, kShop, "field:baby_birthday", {"2025-05-03"}, true);
  });
  ASSERT_TRUE(child && child->size() == 1);
  auto text =
      R([&](storage::Tx& tx) { return svc_.DatesOn(tx, kShop, "field:note", {"hello"}, true); });
  ASSERT_TRUE(text);
  EXPECT_TRUE(text->empty()) << "only dates are kept";
  ASSERT_TRUE(db_.db().Write(
      [&](storage::Tx& tx) { return svc_.RecordDates(tx, kShop, kAnn, "", {}, true); }));
  on = R([&](storage::Tx& tx) { return svc_.DatesOn(tx, kShop, "birthday", {"05-01"}, false); });
  ASSERT_TRUE(on);
  EXPECT_TRUE(on->empty()) << "an erased or merged record's dates are forgotten";
}

}  // namespace
}  // namespace weishang::reminders
