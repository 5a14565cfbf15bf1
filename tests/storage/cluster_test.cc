// What nodes sharing one PostgreSQL database coordinate through it: node ids
// and job locks (PgNodeLocks) and cache notices (PgChangeFeed), including
// what happens when a node's session is killed. PostgreSQL only: SQLite has
// one process and none of this.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/postgres/pg_change_feed.h"
#include "storage/postgres/pg_node_locks.h"
#include "testing/temp_db.h"

namespace weishang::storage {
namespace {

using namespace std::chrono_literals;

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::PostgresTestUrl().empty()) GTEST_SKIP() << testing::kNoPostgres;
    temp_ = std::make_unique<testing::TempDb>(Engine::kPostgres, /*migrate=*/false);
    auto admin = PgConnection::Open(temp_->url());
    ASSERT_TRUE(admin) << admin.error().message;
    admin_ = std::move(*admin);
  }

  std::unique_ptr<PgNodeLocks> Join(
      std::optional<int> node, std::function<void()> on_lost = [] {}) {
    auto locks = PgNodeLocks::Open(temp_->url(), node, std::move(on_lost));
    EXPECT_TRUE(locks) << locks.error().message;
    return locks ? std::move(*locks) : nullptr;
  }

  // Ends every session of this database named `application`, as a network
  // failure or an operator's pg_terminate_backend would, and returns their
  // process ids.
  std::string Kill(const std::string& application) {
    const Param params[] = {application};
    auto killed = admin_->Query(
        "SELECT string_agg(pid::text, ','), bool_and(pg_terminate_backend(pid))"
        " FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?",
        params);
    EXPECT_TRUE(killed && !killed->front().IsNull(0)) << "no session named " << application;
    return killed ? killed->front().Str(0) : "";
  }

  // Sessions named `application` that are not among the `killed` ones.
  std::int64_t NewSessions(const std::string& application, const std::string& killed) {
    const Param params[] = {application, killed};
    auto n = admin_->Query(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND application_name = ? AND pid <> ALL (string_to_array(?, ',')::int[])",
        params);
    return n ? n->front().Int(0) : -1;
  }

  std::unique_ptr<testing::TempDb> temp_;
  std::unique_ptr<PgConnection> admin_;
};

template <class Pred>
bool Eventually(Pred done, std::chrono::milliseconds within = 5s) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TEST_F(ClusterTest, ANodeIdHeldByALiveNodeIsRefusedAndFreedWhenItLeaves) {
  auto first = Join(5);
  ASSERT_TRUE(first);
  auto second = PgNodeLocks::Open(temp_->url(), 5, [] {});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "storage.node_id_taken");
  EXPECT_NE(second.error().message.find("weishang node 5"), std::string::npos)
      << second.error().message;
  first->Close();
  auto again = Join(5);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->node_id(), 5);
}

TEST_F(ClusterTest, WithoutAnIdANodeTakesTheLowestFreeOne) {
  auto zero = Join(std::nullopt);
  auto two = Join(2);
  auto one = Join(std::nullopt);
  auto three = Join(std::nullopt);
  ASSERT_TRUE(zero && one && two && three);
  EXPECT_EQ(zero->node_id(), 0);
  EXPECT_EQ(one->node_id(), 1);
  EXPECT_EQ(three->node_id(), 3);
}

TEST_F(ClusterTest, AJobRunsOnOneNodeAtATime) {
  auto a = Join(std::nullopt);
  auto b = Join(std::nullopt);
  ASSERT_TRUE(a && b);
  Result<bool> same = true, other = false;
  auto ran = a->RunExclusively("job:cancel", [&] {
    same = b->RunExclusively("job:cancel", [] { ADD_FAILURE() << "ran on both nodes"; });
    other = b->RunExclusively("job:settle", [] {});
  });
  ASSERT_TRUE(ran && same && other);
  EXPECT_TRUE(*ran);
  EXPECT_FALSE(*same) << "B must skip a job A is running";
  EXPECT_TRUE(*other) << "other jobs are not held";
  auto after = b->RunExclusively("job:cancel", [] {});
  ASSERT_TRUE(after);
  EXPECT_TRUE(*after) << "A's lock is released when its tick ends";
}

TEST_F(ClusterTest, ANodeWhoseSessionWasKilledTakesItsIdBack) {
  std::atomic<bool> lost = false;
  auto a = Join(4, [&] { lost = true; });
  ASSERT_TRUE(a);
  std::string killed = Kill("weishang node 4");
  ASSERT_TRUE(Eventually([&] { return NewSessions("weishang node 4", killed) == 1; }))
      << "the keeper reconnects within a few seconds";
  auto rival = PgNodeLocks::Open(temp_->url(), 4, [] {});
  ASSERT_FALSE(rival);
  EXPECT_EQ(rival.error().code, "storage.node_id_taken");
  auto ran = a->RunExclusively("job:x", [] {});
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_FALSE(lost);
}

TEST_F(ClusterTest, ANodeWhoseIdWasTakenWhileItWasAwayIsToldSo) {
  std::atomic<bool> lost = false;
  // A's keeper first looks at its session 3 s after A starts: the window in
  // which another node takes the id. (With the usual 1 s, A's keeper could
  // reconnect first, and the test would depend on timing.)
  auto opened = PgNodeLocks::Open(
      temp_->url(), 6, [&] { lost = true; }, std::chrono::seconds(3));
  ASSERT_TRUE(opened) << opened.error().message;
  auto& a = *opened;
  Kill("weishang node 6");
  // Another node starts while A's session is gone.
  std::unique_ptr<PgNodeLocks> b;
  ASSERT_TRUE(Eventually(
      [&] {
        auto taken = PgNodeLocks::Open(temp_->url(), 6, [] {});
        if (taken) b = std::move(*taken);
        return b != nullptr;
      },
      2s));
  EXPECT_TRUE(Eventually([&] { return lost.load(); }));
  auto refused =
      a->RunExclusively("job:x", [] { ADD_FAILURE() << "a node without its id ran a job"; });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "storage.node_id_lost");
}

// Collects what a feed hears, from its thread.
struct Heard {
  std::mutex mu;
  std::vector<std::int64_t> merchants;
  PgChangeFeed::OnChange Sink() {
    return [this](std::int64_t m) {
      std::lock_guard lock(mu);
      merchants.push_back(m);
    };
  }
  std::vector<std::int64_t> Get() {
    std::lock_guard lock(mu);
    return merchants;
  }
};

TEST_F(ClusterTest, ANoticeReachesTheOtherNodesAndNotTheSender) {
  Heard heard_a, heard_b;
  auto a = PgChangeFeed::Open(temp_->url(), heard_a.Sink());
  auto b = PgChangeFeed::Open(temp_->url(), heard_b.Sink());
  ASSERT_TRUE(a && b);
  (*a)->Publish(42);
  (*a)->Publish(42);  // merged while queued, or sent twice: either is fine
  (*b)->Publish(7);
  ASSERT_TRUE(Eventually([&] { return !heard_b.Get().empty() && !heard_a.Get().empty(); }));
  std::this_thread::sleep_for(100ms);
  for (auto m : heard_b.Get()) EXPECT_EQ(m, 42);
  EXPECT_EQ(heard_a.Get(), std::vector<std::int64_t>{7});
}

TEST_F(ClusterTest, AFeedWhoseSessionWasKilledListensAgain) {
  Heard heard;
  auto a = PgChangeFeed::Open(temp_->url(), [](std::int64_t) {});
  auto b = PgChangeFeed::Open(temp_->url(), heard.Sink());
  ASSERT_TRUE(a && b);
  std::string killed = Kill("weishang change feed");
  ASSERT_TRUE(Eventually([&] { return NewSessions("weishang change feed", killed) == 2; }));
  (*a)->Publish(9);
  ASSERT_TRUE(Eventually([&] { return !heard.Get().empty(); }));
  EXPECT_EQ(heard.Get().front(), 9);
}

}  // namespace
}  // namespace weishang::storage
