// Interactions and tasks on a real database (both engines): the inbox's
// views and scope, once-per-key generated tasks, complete/snooze/reassign,
// and open tasks following a handover.
#include "modules/crm/crm.h"

#include <gtest/gtest.h>

#include "modules/crm/crm_errors.h"
#include "testing/temp_db.h"

namespace weishang::crm {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{51}, kOther{52};
constexpr StaffId kAmy{1001}, kBen{1002};
constexpr CustomerId kCus{2001}, kCus2{2002};

class CrmTest : public ::testing::Test {
 protected:
  CrmTest() : clock_(1'800'000'000'000), ids_(1), crm_(clock_, ids_) {}
  Task Make(CustomerId c, StaffId owner, Timestamp due, std::string key = "") {
    auto t = db_.Write([&](storage::Tx& tx) {
      return crm_.CreateTask(
          tx, kShop,
          {c, owner, key.empty() ? TaskKind::kManual : TaskKind::kCare, "回访", due, key});
    });
    EXPECT_TRUE(t) << t.error().message;
    return *t;
  }
  std::vector<Task> List(TaskFilter f, MerchantId shop = kShop) {
    auto l = db_.Read([&](storage::Tx& tx) { return crm_.ListTasks(tx, shop, f); });
    EXPECT_TRUE(l);
    return *l;
  }

  FakeClock clock_;
  IdGenerator ids_;
  CrmService crm_;
  TempDb db_;
};

TEST_F(CrmTest, TheInboxShowsEachMembersOpenTasksByDueTimeAndTheDoneOnes) {
  Timestamp now = clock_.Now();
  Task late = Make(kCus, kAmy, now - kDay);
  Task soon = Make(kCus, kAmy, now + kHour);
  Task later = Make(kCus2, kAmy, now + 5 * kDay);
  Make(kCus2, kBen, now);
  TaskFilter mine;
  mine.owner = kAmy;
  auto open = List(mine);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].id, late.id);
  EXPECT_EQ(open[2].id, later.id);
  mine.due_before = now + kDay;
  EXPECT_EQ(List(mine).size(), 2u);
  mine.due_before.reset();
  mine.limit = 2;
  auto first = List(mine);
  mine.after = first.back().id;
  auto rest = List(mine);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, later.id) << "the cursor continues by due time";
  EXPECT_EQ(List({}).size(), 4u) << "no owner filter: everyone's";
  EXPECT_TRUE(List({}, kOther).empty());

  auto done = db_.Write([&](storage::Tx& tx) { return crm_.Complete(tx, kShop, soon.id, kAmy); });
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, TaskStatus::kDone);
  auto again = db_.Write([&](storage::Tx& tx) { return crm_.Complete(tx, kShop, soon.id, kAmy); });
  EXPECT_EQ(again.error().code, errors::kTaskDone);
  auto foreign =
      db_.Write([&](storage::Tx& tx) { return crm_.Complete(tx, kShop, late.id, kBen); });
  EXPECT_EQ(foreign.error().code, errors::kTaskNotFound) << "another member's task";
  auto elsewhere =
      db_.Write([&](storage::Tx& tx) { return crm_.Complete(tx, kOther, late.id, std::nullopt); });
  EXPECT_EQ(elsewhere.error().code, errors::kTaskNotFound);
  TaskFilter closed;
  closed.status = TaskStatus::kDone;
  ASSERT_EQ(List(closed).size(), 1u);
  EXPECT_EQ(List(closed)[0].id, soon.id);

  auto past =
      db_.Write([&](storage::Tx& tx) { return crm_.Snooze(tx, kShop, late.id, now - 1, kAmy); });
  EXPECT_EQ(past.error().code, errors::kInvalidField);
  auto snoozed = db_.Write(
      [&](storage::Tx& tx) { return crm_.Snooze(tx, kShop, late.id, now + 9 * kDay, kAmy); });
  ASSERT_TRUE(snoozed);
  mine.after = TaskId();
  mine.limit = 20;
  EXPECT_EQ(List(mine).back().id, late.id) << "now due last";
}

TEST_F(CrmTest, AGeneratedTaskIsMadeOncePerKeyAndOpenTasksFollowTheCustomer) {
  Task a = Make(kCus, kAmy, clock_.Now(), "care:birthday:2026");
  Task b = Make(kCus, kAmy, clock_.Now() + kDay, "care:birthday:2026");
  EXPECT_EQ(a.id, b.id);
  Task other = Make(kCus, kAmy, clock_.Now());
  ASSERT_TRUE(
      db_.Write([&](storage::Tx& tx) { return crm_.Complete(tx, kShop, other.id, std::nullopt); }));
  auto moved =
      db_.Write([&](storage::Tx& tx) { return crm_.MoveOpenTasks(tx, kShop, kCus, kBen); });
  ASSERT_TRUE(moved);
  EXPECT_EQ(*moved, 1) << "only the open one";
  TaskFilter ben;
  ben.owner = kBen;
  ASSERT_EQ(List(ben).size(), 1u);
  EXPECT_EQ(List(ben)[0].id, a.id);
  auto back = db_.Write([&](storage::Tx& tx) { return crm_.Reassign(tx, kShop, a.id, kAmy); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->owner, std::optional<StaffId>(kAmy));
}

TEST_F(CrmTest, InteractionsAreCheckedAndListedNewestFirst) {
  auto log = [&](InteractionKind k, std::string summary, Timestamp at) {
    return db_.Write([&](storage::Tx& tx) {
      return crm_.LogInteraction(tx, kShop, {InteractionId(), kCus, kAmy, k, summary, at, 0});
    });
  };
  ASSERT_TRUE(log(InteractionKind::kCall, "电话回访", clock_.Now() - kDay));
  ASSERT_TRUE(log(InteractionKind::kLike, "点赞了朋友圈", 0));
  EXPECT_EQ(log(InteractionKind::kNote, "", 0).error().code, errors::kInvalidField);
  EXPECT_EQ(log(InteractionKind::kNote, "x", clock_.Now() + kDay).error().code,
            errors::kInvalidField);
  auto list = db_.Read([&](storage::Tx& tx) { return crm_.Interactions(tx, kShop, kCus, 10); });
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).kind, InteractionKind::kLike);
  auto none = db_.Read([&](storage::Tx& tx) { return crm_.Interactions(tx, kOther, kCus, 10); });
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace weishang::crm
