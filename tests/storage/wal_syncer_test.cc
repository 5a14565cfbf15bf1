// The SQLite adapter answers a commit only after the WalSyncer's fsync; what
// happens when that fsync cannot be done.
#include "storage/sqlite/wal_syncer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "storage/sqlite/sqlite_database.h"

namespace weishang::storage {
namespace {

std::filesystem::path ScratchDir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-syncer-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(WalSyncer, AnswersEveryHandedOverCommitInOrderAndCloseWaitsForThem) {
  auto dir = ScratchDir();
  std::ofstream(dir / "db-wal") << "frames";
  std::vector<int> answered;
  {
    WalSyncer syncer((dir / "db-wal").string());
    for (int i = 0; i < 100; ++i) {
      syncer.AfterCommit([&answered, i](Result<void> synced) {
        ASSERT_TRUE(synced) << synced.error().message;
        answered.push_back(i);  // one syncer thread: no lock needed
      });
    }
    syncer.Close();
    EXPECT_TRUE(syncer.Healthy());
  }
  ASSERT_EQ(answered.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(answered[i], i);
  std::filesystem::remove_all(dir);
}

TEST(WalSyncer, AWalThatCannotBeSyncedFailsTheAnswersAndEveryLaterOne) {
  WalSyncer syncer("/nonexistent-weishang-dir/db-wal");
  std::vector<std::string> codes;
  for (int i = 0; i < 3; ++i) {
    syncer.AfterCommit(
        [&codes](Result<void> synced) { codes.push_back(synced ? "ok" : synced.error().code); });
  }
  syncer.Close();
  EXPECT_EQ(codes, (std::vector<std::string>{"storage.sync_failed", "storage.sync_failed",
                                             "storage.sync_failed"}));
  EXPECT_FALSE(syncer.Healthy());
}

TEST(SqliteDatabase, AnAnsweredCommitSurvivesReopening) {
  auto dir = ScratchDir();
  std::string path = (dir / "db.sqlite").string();
  {
    auto db = SqliteDatabase::Open({.path = path});
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Write([](Tx& tx) -> Result<void> {
      auto ok = tx.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
      if (!ok) return ok;
      auto in = tx.Exec("INSERT INTO t (id, v) VALUES (?, ?)", {1, "kept"});
      if (!in) return Fail(in.error());
      return {};
    }));
    // No Close(): the destructor must not lose what it answered.
  }
  auto db = SqliteDatabase::Open({.path = path});
  ASSERT_TRUE(db);
  auto v = ReadValue(**db, [](Tx& tx) -> Result<std::string> {
    auto row = tx.QueryOne("SELECT v FROM t WHERE id = ?", {1});
    if (!row) return Fail(row.error());
    if (!*row) return Fail(Error{ErrorKind::kNotFound, "test.missing", "the row is gone"});
    return (*row)->Str(0);
  });
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(*v, "kept");
  (*db)->Close();
  std::filesystem::remove_all(dir);
}

TEST(SqliteDatabase, TheWalStartsOverOnceItIsLongAndCopied) {
  // Under steady writes a PASSIVE checkpoint never catches up by itself;
  // the writer finishes the copy so the WAL is reused from its start. The
  // background checkpoint is kept out of the way (an hour's interval): while
  // it holds the checkpoint lock the writer skips its copy, and on a busy
  // machine a slow fsync could hold it long enough for the WAL to pass the
  // bound below by timing alone.
  auto dir = ScratchDir();
  std::string path = (dir / "db.sqlite").string();
  auto db = SqliteDatabase::Open({.path = path,
                                  .checkpoint_interval = std::chrono::hours(1),
                                  .wal_restart_frames = 64,
                                  .wal_catch_up_frames = 1 << 20});
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->Write(
      [](Tx& tx) { return tx.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); }));
  const std::string blob(3000, 'x');  // about a page per row
  for (int i = 0; i < 2000; ++i) {
    ASSERT_TRUE((*db)->Write([&](Tx& tx) -> Result<void> {
      auto in = tx.Exec("INSERT INTO t (v) VALUES (?)", {blob});
      if (!in) return Fail(in.error());
      return {};
    }));
  }
  // 2000 pages written: without starting over the WAL would hold them all.
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), 1u << 20);
  auto n = ReadValue(**db, [](Tx& tx) -> Result<std::int64_t> {
    auto row = tx.QueryOne("SELECT COUNT(*) FROM t");
    if (!row) return Fail(row.error());
    return (*row)->Int(0);
  });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2000);
  (*db)->Close();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace weishang::storage
