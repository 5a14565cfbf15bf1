// The storage seam's contract, run unchanged on SQLite and on PostgreSQL:
// what a unit of work may rely on whichever engine is underneath.
#include <atomic>
#include <limits>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "modules/inventory/inventory.h"
#include "storage/contract_fixture.h"

namespace weishang::storage {
namespace {

Error Boom() { return Error{ErrorKind::kConflict, "test.boom", "the unit gives up"}; }

TEST_P(DatabaseContract, AUnitCommitsWhole) {
  auto ok = db().Write([](Tx& tx) -> Result<void> {
    for (int id : {1, 2, 3}) {
      auto r = tx.Exec("INSERT INTO contract_item (id, name) VALUES (?, ?)", {id, "a"});
      if (!r) return Fail(r.error());
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(Count(), 3);
}

TEST_P(DatabaseContract, AUnitReturningAnErrorChangesNothing) {
  auto r = db().Write([](Tx& tx) -> Result<void> {
    auto first = tx.Exec("INSERT INTO contract_item (id, name) VALUES (1, 'a')");
    if (!first) return Fail(first.error());
    return Fail(Boom());
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "test.boom");
  EXPECT_EQ(Count(), 0);
}

TEST_P(DatabaseContract, AFailingUnitAmongConcurrentOnesRollsBackOnlyItself) {
  std::vector<std::future<Result<void>>> outcomes;
  for (int i = 0; i < 40; ++i) {
    outcomes.push_back(SubmitAsync([i](Tx& tx) -> Result<void> {
      auto r = tx.Exec("INSERT INTO contract_item (id, name) VALUES (?, 'c')", {i});
      if (!r) return Fail(r.error());
      if (i % 4 == 0) return Fail(Boom());
      return {};
    }));
  }
  for (int i = 0; i < 40; ++i) EXPECT_EQ(static_cast<bool>(outcomes[i].get()), i % 4 != 0) << i;
  EXPECT_EQ(Count(), 30);
}

TEST_P(DatabaseContract, AfterCommitHooksRunAfterCommitAndBeforeDone) {
  std::atomic<int> hook_saw = -1;
  auto promise = std::make_shared<std::promise<bool>>();
  auto hook_ran_first = promise->get_future();
  db().Submit(
      [&](Tx& tx) -> Result<void> {
        auto r = tx.Exec("INSERT INTO contract_item (id, name) VALUES (7, 'h')");
        if (!r) return Fail(r.error());
        // Another connection sees the row only once it is committed.
        tx.AfterCommit([&] { hook_saw = static_cast<int>(Count()); });
        return {};
      },
      [&, promise](Result<void> r) { promise->set_value(r && hook_saw.load() != -1); });
  EXPECT_TRUE(hook_ran_first.get());
  EXPECT_EQ(hook_saw.load(), 1);
}

TEST_P(DatabaseContract, AfterCommitHooksOfARolledBackUnitNeverRun) {
  std::atomic<bool> ran = false;
  auto r = db().Write([&](Tx& tx) -> Result<void> {
    tx.AfterCommit([&] { ran = true; });
    return Fail(Boom());
  });
  EXPECT_FALSE(r);
  ASSERT_TRUE(db().Write([](Tx&) -> Result<void> { return {}; }));
  EXPECT_FALSE(ran.load());
}

TEST_P(DatabaseContract, ADuplicateKeyIsAUniqueViolation) {
  ASSERT_TRUE(Insert(1, "one"));
  auto same_id = Insert(1, "other");
  ASSERT_FALSE(same_id);
  EXPECT_EQ(same_id.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(same_id.error().code, "storage.unique_violation");
  auto same_tag = Insert(2, "one");
  ASSERT_FALSE(same_tag);
  EXPECT_EQ(same_tag.error().code, "storage.unique_violation");
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseContract, ABrokenCheckOrNotNullIsAConstraintViolation) {
  for (const char* sql : {"INSERT INTO contract_counter (id, n) VALUES (1, -5)",
                          "INSERT INTO contract_counter (id, n) VALUES (2, NULL)"}) {
    auto r = db().Write([&](Tx& tx) -> Result<void> {
      auto ok = tx.Exec(sql);
      if (!ok) return Fail(ok.error());
      return {};
    });
    ASSERT_FALSE(r) << sql;
    EXPECT_EQ(r.error().kind, ErrorKind::kConflict) << sql;
    EXPECT_EQ(r.error().code, "storage.constraint_violation") << sql;
  }
}

TEST_P(DatabaseContract, ParametersOfEveryTypeRoundTrip) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  struct Case {
    std::int64_t id;
    std::optional<std::string> name;
    std::optional<std::int64_t> qty;
    double ratio;
  };
  const std::vector<Case> cases = {{1, "湘味咸鸭", kMin, 0.25},
                                   {2, "", kMax, -1e300},
                                   {3, std::nullopt, std::nullopt, 0},
                                   {4, "it's a \"?\" -- 'quoted' ?", 0, 3.5},
                                   {5, "\\ back\\slash % _", -1, 1e-9}};
  auto ok = db().Write([&](Tx& tx) -> Result<void> {
    for (const Case& c : cases) {
      auto r = tx.Exec("INSERT INTO contract_item (id, name, qty, ratio) VALUES (?, ?, ?, ?)",
                       {c.id, c.name, c.qty, c.ratio});
      if (!r) return Fail(r.error());
    }
    return {};
  });
  ASSERT_TRUE(ok) << ok.error().message;
  for (const Case& c : cases) {
    auto row = ReadValue(db(), [&](Tx& tx) {
      return tx.QueryOne("SELECT name, qty, ratio, id FROM contract_item WHERE id = ?", {c.id});
    });
    ASSERT_TRUE(row && *row) << c.id;
    const Row& r = **row;
    EXPECT_EQ(r.OptStr(0), c.name) << c.id;
    EXPECT_EQ(r.OptInt(1), c.qty) << c.id;
    EXPECT_DOUBLE_EQ(r.Real(2), c.ratio) << c.id;
    EXPECT_EQ(r.Int(3), c.id);
  }
  // Text parameters match exactly, and a '?' inside a literal is no placeholder.
  auto found = ReadValue(db(), [&](Tx& tx) {
    return tx.QueryOne("SELECT id, 'what?' FROM contract_item WHERE name = ? AND qty = ?",
                       {"湘味咸鸭", kMin});
  });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->Int(0), 1);
  EXPECT_EQ((*found)->Str(1), "what?");
}

TEST_P(DatabaseContract, AggregatesAndComparisonsReadAsIntegers) {
  ASSERT_TRUE(db().Write([](Tx& tx) -> Result<void> {
    auto r = tx.Exec("INSERT INTO contract_item (id, qty) VALUES (1, 40), (2, 2)");
    if (!r) return Fail(r.error());
    return {};
  }));
  auto row = ReadValue(db(), [](Tx& tx) {
    return tx.QueryOne(
        "SELECT COUNT(*), COALESCE(SUM(qty), 0), MAX(qty), 1 = 1, 1 = 2,"
        " (SELECT COALESCE(SUM(qty), 0) FROM contract_item WHERE id > 99) FROM contract_item");
  });
  ASSERT_TRUE(row && *row) << (row ? "" : row.error().message);
  const Row& r = **row;
  EXPECT_EQ(r.Int(0), 2);
  EXPECT_EQ(r.Int(1), 42);
  EXPECT_EQ(r.Int(2), 40);
  EXPECT_TRUE(r.Bool(3));
  EXPECT_FALSE(r.Bool(4));
  EXPECT_EQ(r.Int(5), 0);
}

TEST_P(DatabaseContract, ExecCountsTheRowsItChanged) {
  ASSERT_TRUE(Insert(1, "a"));
  ASSERT_TRUE(Insert(2, "b"));
  auto changed = WriteValue(db(), [](Tx& tx) {
    return tx.Exec("UPDATE contract_item SET qty = ? WHERE id >= ?", {5, 1});
  });
  ASSERT_TRUE(changed);
  EXPECT_EQ(*changed, 2);
  auto none = WriteValue(
      db(), [](Tx& tx) { return tx.Exec("UPDATE contract_item SET qty = 1 WHERE id = ?", {99}); });
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
}

TEST_P(DatabaseContract, ReadSeesCommittedDataOnly) {
  std::promise<void> inserted, release;
  auto release_future = release.get_future().share();
  auto outcome = SubmitAsync([&](Tx& tx) -> Result<void> {
    auto r = tx.Exec("INSERT INTO contract_item (id, name) VALUES (1, 'pending')");
    if (!r) return Fail(r.error());
    inserted.set_value();
    release_future.wait();
    return {};
  });
  inserted.get_future().wait();
  EXPECT_EQ(Count(), 0);
  release.set_value();
  ASSERT_TRUE(outcome.get());
  EXPECT_EQ(Count(), 1);
}

TEST_P(DatabaseContract, ConcurrentBuyersNeverOversell) {
  FakeClock clock(1'795'000'000'000);
  inventory::InventoryService stock(clock);
  constexpr MerchantId kMerchant{7};
  constexpr SkuId kSku{70};
  ASSERT_TRUE(db().Write([&](Tx& tx) { return stock.SetAvailable(tx, kMerchant, kSku, 20); }));
  std::vector<std::future<Result<void>>> buyers;
  for (int i = 0; i < 64; ++i) {
    buyers.push_back(SubmitAsync([&](Tx& tx) { return stock.Take(tx, kMerchant, {{kSku, 1}}); }));
  }
  int sold = 0;
  for (auto& b : buyers) {
    Result<void> r = b.get();
    if (r) {
      ++sold;
    } else {
      EXPECT_EQ(r.error().code, "inventory.insufficient_stock");
    }
  }
  EXPECT_EQ(sold, 20);
  auto left = ReadValue(db(), [&](Tx& tx) { return stock.Available(tx, kMerchant, {kSku}); });
  ASSERT_TRUE(left);
  EXPECT_EQ(left->at(kSku), 0);
}

TEST_P(DatabaseContract, MigrationsAreIdempotent) {
  auto again = ApplyMigrations(db(), cli::AllMigrations());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, 0);
}

TEST_P(DatabaseContract, AClosedDatabaseRefusesWork) {
  db().Close();
  db().Close();
  auto r = db().Write([](Tx&) -> Result<void> { return {}; });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "storage.closed");
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseContract,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), EngineName);

}  // namespace
}  // namespace weishang::storage
