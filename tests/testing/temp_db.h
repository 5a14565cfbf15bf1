// A real SQLite database in a fresh temporary directory, with every module's
// migrations applied; removed when the object goes away. For module and
// workflow tests: a real engine, as cheap as a fake.
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "cli/schema.h"
#include "storage/migrations.h"
#include "storage/sqlite/sqlite_database.h"

namespace weishang::testing {

class TempDb {
 public:
  TempDb() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("weishang-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    auto db = storage::SqliteDatabase::Open({.path = (dir_ / "test.db").string()});
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
    auto applied = storage::ApplyMigrations(*db_, cli::AllMigrations());
    if (!applied) throw std::runtime_error(applied.error().message);
  }
  ~TempDb() {
    db_->Close();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  storage::SqliteDatabase& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
};

}  // namespace weishang::testing
