// The outbox and its dispatcher on a real database (both engines): events
// reach their handlers in order per merchant, exactly once in effect even
// with two dispatchers racing, a failing handler parks the event and the
// merchant's later ones, retries back off until dead, and a replay resumes.
#include "events/dispatcher.h"

#include <future>
#include <thread>

#include "events/parking.h"
#include "testing/temp_db.h"

namespace weishang::events {
namespace {

using testing::TempDb;

constexpr MerchantId kShopA{101};
constexpr MerchantId kShopB{202};

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = db_.db().Write([](storage::Tx& tx) {
      return tx.ExecScript("CREATE TABLE test_seen (seq BIGINT PRIMARY KEY, merchant_id BIGINT)");
    });
    ASSERT_TRUE(made) << made.error().message;
  }

  void EmitOne(MerchantId merchant, std::string_view kind = "order.paid") {
    auto ok = db_.db().Write([&](storage::Tx& tx) {
      return Emit(tx, {merchant, kind, 1, "ord_1", "{}"}, clock_.Now());
    });
    ASSERT_TRUE(ok) << ok.error().message;
  }

  // A handler that records each event it gets in test_seen (its effect,
  // committed with the cursor), and fails for merchants in `failing_`.
  Handler Recorder(std::string name = "recorder") {
    return Handler{name, {"order.paid"}, [this](storage::Tx& tx, const Event& e) -> Result<void> {
                     if (failing_.count(e.merchant_id)) {
                       return Fail(ErrorKind::kUnavailable, "test.endpoint_down", "down");
                     }
                     auto ok = tx.Exec("INSERT INTO test_seen (seq, merchant_id) VALUES (?, ?)",
                                       {e.seq, e.merchant_id});
                     if (!ok) return Fail(ok.error());
                     return {};
                   }};
  }

  // The sequence numbers handled for `merchant`, in the order they were.
  std::vector<std::int64_t> Seen(MerchantId merchant) {
    std::vector<std::int64_t> out;
    auto ok = db_.db().Read([&](storage::Tx& tx) -> Result<void> {
      auto rows =
          tx.Query("SELECT seq FROM test_seen WHERE merchant_id = ? ORDER BY seq", {merchant});
      if (!rows) return Fail(rows.error());
      for (const auto& r : *rows) out.push_back(r.Int(0));
      return {};
    });
    EXPECT_TRUE(ok);
    return out;
  }

  std::int64_t Count(const std::string& sql) {
    auto n = db_.Read([&](storage::Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne(sql);
      if (!row) return Fail(row.error());
      return (*row)->Int(0);
    });
    EXPECT_TRUE(n);
    return n ? *n : -1;
  }

  TempDb db_;
  FakeClock clock_{1'800'000'000'000};
  std::set<MerchantId> failing_;
};

TEST_F(DispatcherTest, AHandlerStartsAfterWhatWasRecordedBeforeIt) {
  EmitOne(kShopA);
  Dispatcher d(db_.db(), clock_, {Recorder()});
  ASSERT_TRUE(d.Start());
  d.Stop();
  EmitOne(kShopA);
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Seen(kShopA).size(), 1u);
}

TEST_F(DispatcherTest, AHandlerFromHistoryStartsAtTheOldestEventKept) {
  EmitOne(kShopA);
  Handler h = Recorder();
  h.from_history = true;
  Dispatcher d(db_.db(), clock_, {h});
  ASSERT_TRUE(d.Start());
  d.Stop();
  EmitOne(kShopA);
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Seen(kShopA).size(), 2u);
}

TEST_F(DispatcherTest, DeliversEachEventOnceInOrderAndPassesOtherKinds) {
  Dispatcher d(db_.db(), clock_, {Recorder()});
  ASSERT_TRUE(d.Start());
  d.Stop();
  for (int i = 0; i < 5; ++i) {
    EmitOne(kShopA);
    EmitOne(kShopB, "product.changed");
  }
  ASSERT_TRUE(d.RunOnce());
  ASSERT_TRUE(d.RunOnce());  // nothing new: nothing twice
  auto seen = Seen(kShopA);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_TRUE(Seen(kShopB).empty());
  EXPECT_EQ(Count("SELECT position FROM events_cursor WHERE handler = 'recorder'"),
            Count("SELECT MAX(seq) FROM events_outbox"));
}

TEST_F(DispatcherTest, TwoDispatchersRacingHandleEveryEventExactlyOnce) {
  auto other = db_.OpenAnother();
  Dispatcher first(db_.db(), clock_, {Recorder()});
  Dispatcher second(*other, clock_, {Recorder()});
  ASSERT_TRUE(first.Start());
  first.Stop();
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 10; ++i) EmitOne(round % 2 ? kShopA : kShopB);
    auto a = std::async(std::launch::async, [&] { return first.RunOnce(); });
    auto b = std::async(std::launch::async, [&] { return second.RunOnce(); });
    // A unit that lost the race to move the cursor fails and rolls back.
    (void)a.get();
    (void)b.get();
  }
  ASSERT_TRUE(first.RunOnce());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM test_seen"), 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_parked"), 0);
  other->Close();
}

TEST_F(DispatcherTest, AFailureParksTheMerchantsEventsInOrderWhileOthersGoOn) {
  Dispatcher d(db_.db(), clock_, {Recorder()});
  ASSERT_TRUE(d.Start());
  d.Stop();
  failing_ = {kShopA};
  EmitOne(kShopA);
  EmitOne(kShopB);
  EmitOne(kShopA);
  EmitOne(kShopB);
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Seen(kShopB).size(), 2u);
  EXPECT_TRUE(Seen(kShopA).empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_parked WHERE state = 'retrying'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_parked WHERE state = 'blocked'"), 1);

  // Back off: nothing is retried before its time.
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Count("SELECT MAX(attempts) FROM events_parked"), 1);
  // The endpoint comes back: the first is retried, then the one behind it.
  failing_.clear();
  clock_.Advance(RetryDelay(1));
  ASSERT_TRUE(d.RunOnce());
  ASSERT_TRUE(d.RunOnce());
  auto seen = Seen(kShopA);
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_parked"), 0);
}

TEST_F(DispatcherTest, RetriesBackOffUntilDeadAndAReplayDeliversInOrder) {
  Dispatcher d(db_.db(), clock_, {Recorder()});
  ASSERT_TRUE(d.Start());
  d.Stop();
  failing_ = {kShopA};
  EmitOne(kShopA);
  EmitOne(kShopA);
  ASSERT_TRUE(d.RunOnce());
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    clock_.Advance(RetryDelay(attempt));
    ASSERT_TRUE(d.RunOnce());
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_parked WHERE state = 'dead'"), 1);
  EXPECT_EQ(Count("SELECT attempts FROM events_parked WHERE state = 'dead'"), kMaxAttempts);
  clock_.Advance(kDay);
  ASSERT_TRUE(d.RunOnce());
  EXPECT_TRUE(Seen(kShopA).empty());  // dead stays dead until replayed

  failing_.clear();
  auto replayed =
      db_.Write([&](storage::Tx& tx) { return Replay(tx, "recorder", kShopA, 0, clock_.Now()); });
  ASSERT_TRUE(replayed);
  EXPECT_EQ(*replayed, 1);
  ASSERT_TRUE(d.RunOnce());
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Seen(kShopA).size(), 2u);
}

// PostgreSQL takes numbers before commit: an event committed after a later
// number must still be delivered first, and a number rolled back skipped.
TEST_F(DispatcherTest, AnEventStillBeingWrittenHoldsBackTheOnesAfterIt) {
  if (db_.engine() != storage::Engine::kPostgres) GTEST_SKIP() << "SQLite numbers in commit order";
  Dispatcher d(db_.db(), clock_, {Recorder()});
  ASSERT_TRUE(d.Start());
  d.Stop();
  std::promise<void> emitted, release;
  auto slow = std::async(std::launch::async, [&] {
    return db_.db().Write([&](storage::Tx& tx) -> Result<void> {
      if (auto ok = Emit(tx, {kShopA, "order.paid", 1, "ord_1", "{}"}, clock_.Now()); !ok)
        return ok;
      emitted.set_value();
      release.get_future().wait();
      return {};
    });
  });
  emitted.get_future().wait();
  EmitOne(kShopA);  // a higher number, committed first
  ASSERT_TRUE(d.RunOnce());
  ASSERT_TRUE(d.RunOnce());
  EXPECT_TRUE(Seen(kShopA).empty());
  release.set_value();
  ASSERT_TRUE(slow.get());
  ASSERT_TRUE(d.RunOnce());
  auto seen = Seen(kShopA);
  ASSERT_EQ(seen.size(), 2u);

  // A number taken by a unit that rolls back never comes: it is passed.
  auto failed = db_.db().Write([&](storage::Tx& tx) -> Result<void> {
    if (auto ok = Emit(tx, {kShopA, "order.paid", 1, "ord_1", "{}"}, clock_.Now()); !ok) return ok;
    return Fail(ErrorKind::kConflict, "test.rollback", "rolled back");
  });
  ASSERT_FALSE(failed);
  EmitOne(kShopA);
  // The gap is final once every transaction of the server (of any database:
  // other tests run beside this one) that was running when it was seen has
  // ended; those are short, but not instant.
  for (int pass = 0; pass < 200 && Seen(kShopA).size() < 3; ++pass) {
    ASSERT_TRUE(d.RunOnce());
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(Seen(kShopA).size(), 3u);
}

TEST_F(DispatcherTest, OldEventsArePrunedOnceEveryHandlerPassedThem) {
  Dispatcher d(db_.db(), clock_, {Recorder()}, {.retention = kDay});
  ASSERT_TRUE(d.Start());
  d.Stop();
  EmitOne(kShopA);
  failing_ = {kShopB};
  EmitOne(kShopB);  // parked: kept
  ASSERT_TRUE(d.RunOnce());
  clock_.Advance(2 * kDay);
  EmitOne(kShopA);  // young: kept
  ASSERT_TRUE(d.RunOnce());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox"), 2);
}

}  // namespace
}  // namespace weishang::events
