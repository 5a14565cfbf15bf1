// A real database with every module's migrations applied, removed when the
// object goes away: the one place tests get a database. For module and
// workflow tests: a real engine, as cheap as a fake.
//
// The engine comes from the environment, so one test binary runs on both:
//   WEISHANG_TEST_DB=sqlite (or unset)  a SQLite file in a fresh temporary directory
//   WEISHANG_TEST_DB=postgres           a fresh database, CREATE DATABASE'd through
//                                       WEISHANG_TEST_PG_URL and dropped afterwards
// ctest registers every storage-using binary twice (`name` and `name_pg`);
// scripts/with-postgres provides the server and the URL. Without the URL the
// PostgreSQL runs are skipped, each test saying why.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "cli/registry.h"
#include "storage/migrations.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace weishang::testing {

// The URL of the maintenance database of the test server, or "" when unset.
inline std::string PostgresTestUrl() {
  const char* url = std::getenv("WEISHANG_TEST_PG_URL");
  return url ? url : "";
}

// The engine this test process runs on.
inline storage::Engine TestEngine() {
  const char* name = std::getenv("WEISHANG_TEST_DB");
  return name && std::string(name) == "postgres" ? storage::Engine::kPostgres
                                                 : storage::Engine::kSqlite;
}

inline constexpr const char* kNoPostgres =
    "WEISHANG_TEST_PG_URL is not set: skipping the PostgreSQL run"
    " (make test, or scripts/with-postgres ctest, provides a server)";

// `url` with its database name replaced by `dbname`.
inline std::string WithDatabase(const std::string& url, const std::string& dbname) {
  std::size_t authority = url.find("://");
  std::size_t slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  std::size_t query = url.find('?');
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, slash) + "/" + dbname + tail;
}

class TempDb {
 public:
  TempDb() : TempDb(TestEngine()) {}
  // `migrate` false leaves the database empty, for tests of migrations.
  explicit TempDb(storage::Engine engine, bool migrate = true) : engine_(engine) {
    std::random_device rd;
    std::string tag = std::to_string(rd()) + std::to_string(rd());
    dir_ = std::filesystem::temp_directory_path() / ("weishang-test-" + tag);
    std::filesystem::create_directories(dir_);
    if (engine == storage::Engine::kPostgres) {
      OpenPostgres("weishang_test_" + tag);
    } else {
      auto db = storage::SqliteDatabase::Open({.path = (dir_ / "test.db").string()});
      if (!db) throw std::runtime_error(db.error().message);
      db_ = std::move(*db);
    }
    if (!migrate) return;
    auto applied = storage::ApplyMigrations(*db_, cli::AllMigrations());
    if (!applied) throw std::runtime_error(applied.error().message);
  }
  ~TempDb() {
    db_->Close();
    db_.reset();
    if (!dbname_.empty()) {
      if (auto admin = storage::PgConnection::Open(PostgresTestUrl())) {
        (void)(*admin)->Script("DROP DATABASE IF EXISTS " + dbname_ + " WITH (FORCE)");
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  storage::Database& db() { return *db_; }

  // `fn(tx) -> Result<T>` as a durable write, or on a read snapshot.
  template <class Fn>
  auto Write(Fn&& fn) {
    return storage::WriteValue(*db_, [&](storage::Tx& tx) { return fn(tx); });
  }
  template <class Fn>
  auto Read(Fn&& fn) {
    return storage::ReadValue(*db_, [&](storage::Tx& tx) { return fn(tx); });
  }
  storage::Engine engine() const { return engine_; }
  // A fresh directory for files beside the database (uploads); removed too.
  const std::filesystem::path& dir() const { return dir_; }
  // The --db argument that reaches this database from `weishang`.
  std::string url() const {
    return dbname_.empty() ? (dir_ / "test.db").string() : WithDatabase(PostgresTestUrl(), dbname_);
  }
  // A second, independent Database over the same data, as another node (or
  // process) would open it. The caller closes it before this object dies.
  std::unique_ptr<storage::Database> OpenAnother() const {
    if (engine_ == storage::Engine::kPostgres) {
      auto db = storage::PostgresDatabase::Open({.conninfo = url()});
      if (!db) throw std::runtime_error(db.error().message);
      return std::move(*db);
    }
    auto db = storage::SqliteDatabase::Open({.path = url()});
    if (!db) throw std::runtime_error(db.error().message);
    return std::move(*db);
  }

 private:
  void OpenPostgres(const std::string& dbname) {
    std::string admin_url = PostgresTestUrl();
    if (admin_url.empty()) throw std::runtime_error(kNoPostgres);
    auto admin = storage::PgConnection::Open(admin_url);
    if (!admin) throw std::runtime_error(admin.error().message);
    if (auto made = (*admin)->Script("CREATE DATABASE " + dbname); !made) {
      throw std::runtime_error(made.error().message);
    }
    dbname_ = dbname;
    auto db = storage::PostgresDatabase::Open({.conninfo = WithDatabase(admin_url, dbname)});
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
  }

  storage::Engine engine_;
  std::filesystem::path dir_;
  std::string dbname_;  // set when the database is a PostgreSQL one this object made
  std::unique_ptr<storage::Database> db_;
};

// Skips every test of a process told to run on PostgreSQL without a server.
class SkipWithoutPostgres : public ::testing::Environment {
 public:
  void SetUp() override {
    if (TestEngine() == storage::Engine::kPostgres && PostgresTestUrl().empty()) {
      GTEST_SKIP() << kNoPostgres;
    }
  }
};

inline ::testing::Environment* const kSkipWithoutPostgres =
    ::testing::AddGlobalTestEnvironment(new SkipWithoutPostgres);

// A gtest fixture over one TempDb, with its Write and Read at hand.
class TempDbTest : public ::testing::Test {
 protected:
  template <class Fn>
  auto Write(Fn&& fn) {
    return db_.Write(std::forward<Fn>(fn));
  }
  template <class Fn>
  auto Read(Fn&& fn) {
    return db_.Read(std::forward<Fn>(fn));
  }

  TempDb db_;
};

}  // namespace weishang::testing
