// Idempotency records on a real database (both engines): the first answer
// is kept and returned to every repeat, a key reused for another request is
// refused, two units with one key at once never fail (PostgreSQL claims the
// key first), and old records are forgotten.
#include "modules/idempotency/idempotency.h"

#include <gtest/gtest.h>

#include <future>

#include "testing/temp_db.h"

namespace weishang::idempotency {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{21};

// A unit that creates "something" under `key`: counts creations in a test
// table, so a second creation would show.
Result<StoredResponse> Create(storage::Tx& tx, const std::string& key, const std::string& hash,
                              Timestamp now) {
  auto seen = Find(tx, kShop, "test.create", key, hash);
  if (!seen) return Fail(seen.error());
  if (*seen) return **seen;
  auto made = tx.Exec("INSERT INTO test_made (idem_key) VALUES (?)", {key});
  if (!made) return Fail(made.error());
  StoredResponse answer{201, R"({"made":")" + key + R"("})"};
  if (auto ok = Save(tx, kShop, "test.create", key, hash, answer, now); !ok)
    return Fail(ok.error());
  return answer;
}

// The same creation, with its answer known up front: Claim first, then
// create, or fail after the claim when `fail` is set (the rollback frees the
// key).
Result<StoredResponse> ClaimThenCreate(storage::Tx& tx, const std::string& key,
                                       const std::string& hash, bool fail = false) {
  StoredResponse answer{201, R"({"made":")" + key + R"("})"};
  auto earlier = Claim(tx, kShop, "test.claim", key, hash, answer, 1000);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) return **earlier;
  if (fail) return Fail(Conflict("test.out_of_stock", "nothing left"));
  auto made = tx.Exec("INSERT INTO test_made (idem_key) VALUES (?)", {key});
  if (!made) return Fail(made.error());
  return answer;
}

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.db().Write(
        [](storage::Tx& tx) { return tx.ExecScript("CREATE TABLE test_made (idem_key TEXT)"); }));
  }
  std::int64_t Made() {
    auto n = db_.Read([](storage::Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne("SELECT COUNT(*) FROM test_made");
      if (!row) return Fail(row.error());
      return (*row)->Int(0);
    });
    return n ? *n : -1;
  }
  TempDb db_;
};

TEST_F(IdempotencyTest, ARepeatGetsTheFirstAnswerAndCreatesNothing) {
  auto first = db_.Write([](storage::Tx& tx) { return Create(tx, "k1", "h", 1000); });
  auto again = db_.Write([](storage::Tx& tx) { return Create(tx, "k1", "h", 2000); });
  ASSERT_TRUE(first);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(Made(), 1);
}

TEST_F(IdempotencyTest, AKeyUsedForAnotherRequestIsRefused) {
  ASSERT_TRUE(db_.Write([](storage::Tx& tx) { return Create(tx, "k2", "h1", 1000); }));
  auto other = db_.Write([](storage::Tx& tx) { return Create(tx, "k2", "h2", 1000); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "idempotency.key_reused");
}

TEST_F(IdempotencyTest, ManyUnitsWithOneKeyAtOnceCreateOnceAndAllGetTheAnswer) {
  std::vector<std::future<Result<StoredResponse>>> all;
  for (int i = 0; i < 12; ++i) {
    all.push_back(std::async(std::launch::async, [&] {
      return db_.Write([](storage::Tx& tx) { return Create(tx, "k3", "h", 1000); });
    }));
  }
  for (auto& f : all) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().code << ": " << r.error().message;
    EXPECT_EQ(r->status, 201);
  }
  EXPECT_EQ(Made(), 1);
}

TEST_F(IdempotencyTest, AClaimedKeyAnswersEveryRepeatWithTheClaimAndCreatesOnce) {
  std::vector<std::future<Result<StoredResponse>>> all;
  for (int i = 0; i < 12; ++i) {
    all.push_back(std::async(std::launch::async, [&] {
      return db_.Write([](storage::Tx& tx) { return ClaimThenCreate(tx, "c1", "h"); });
    }));
  }
  for (auto& f : all) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().code << ": " << r.error().message;
    EXPECT_EQ(r->body, R"({"made":"c1"})");
  }
  EXPECT_EQ(Made(), 1);
  auto other = db_.Write([](storage::Tx& tx) { return ClaimThenCreate(tx, "c1", "h2"); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "idempotency.key_reused");
}

TEST_F(IdempotencyTest, AClaimWhoseCreationFailedLeavesTheKeyFree) {
  auto failed = db_.Write([](storage::Tx& tx) { return ClaimThenCreate(tx, "c2", "h", true); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "test.out_of_stock");
  auto retried = db_.Write([](storage::Tx& tx) { return ClaimThenCreate(tx, "c2", "h"); });
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(Made(), 1);
}

TEST_F(IdempotencyTest, RecordsPastTheirRetentionAreForgotten) {
  ASSERT_TRUE(db_.Write([](storage::Tx& tx) { return Create(tx, "old", "h", 1000); }));
  ASSERT_TRUE(db_.Write([](storage::Tx& tx) { return Create(tx, "new", "h", 5000); }));
  auto forgotten = db_.Write([](storage::Tx& tx) { return ForgetBefore(tx, 2000, 100); });
  ASSERT_TRUE(forgotten);
  EXPECT_EQ(*forgotten, 1);
  ASSERT_TRUE(db_.Write([](storage::Tx& tx) { return Create(tx, "old", "h", 6000); }));
  EXPECT_EQ(Made(), 3) << "a forgotten key is a new request";
}

}  // namespace
}  // namespace weishang::idempotency
