// The fixture of the storage contract suite: one test body, run once per
// engine. The PostgreSQL instances need WEISHANG_TEST_PG_URL (scripts/
// with-postgres sets it) and are skipped, saying so, without it.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "testing/temp_db.h"

namespace weishang::storage {

// A scratch table owned by this suite, created in every engine by the same SQL.
inline constexpr const char* kItemTable =
    "CREATE TABLE contract_item (id ${PK}, name TEXT, qty BIGINT, ratio DOUBLE PRECISION,"
    " tag TEXT);"
    " CREATE UNIQUE INDEX contract_item_tag ON contract_item (tag);"
    " CREATE TABLE contract_counter (id ${PK}, n BIGINT NOT NULL CHECK (n >= 0))";

class DatabaseContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgres && testing::PostgresTestUrl().empty()) {
      GTEST_SKIP() << testing::kNoPostgres;
    }
    temp_ = std::make_unique<testing::TempDb>(GetParam(), Migrate());
    auto made =
        db().Write([](Tx& tx) { return tx.ExecScript(RenderSql(tx.engine(), kItemTable)); });
    ASSERT_TRUE(made) << made.error().message;
  }

  // Whether the module migrations are applied before each test.
  virtual bool Migrate() const { return true; }

  Database& db() { return temp_->db(); }
  testing::TempDb& temp() { return *temp_; }

  // Queues `unit` and returns a future for its outcome.
  std::future<Result<void>> SubmitAsync(Unit unit) {
    auto promise = std::make_shared<std::promise<Result<void>>>();
    auto future = promise->get_future();
    db().Submit(std::move(unit), [promise](Result<void> r) { promise->set_value(std::move(r)); });
    return future;
  }

  Result<void> Insert(std::int64_t id, const std::string& tag) {
    return db().Write([&](Tx& tx) -> Result<void> {
      auto ok =
          tx.Exec("INSERT INTO contract_item (id, name, tag) VALUES (?, ?, ?)", {id, "x", tag});
      if (!ok) return Fail(ok.error());
      return {};
    });
  }

  std::int64_t Count(const std::string& table = "contract_item") {
    auto n = ReadValue(db(), [&](Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne("SELECT COUNT(*) FROM " + table);
      if (!row) return Fail(row.error());
      return (*row)->Int(0);
    });
    EXPECT_TRUE(n) << n.error().message;
    return n ? *n : -1;
  }

 private:
  std::unique_ptr<testing::TempDb> temp_;
};

inline std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace weishang::storage
