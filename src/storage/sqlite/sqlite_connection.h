// One SQLite connection with a cache of prepared statements. Not
// thread-safe: owned by the writer thread or lent out by the read pool.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/database.h"

namespace weishang::storage {

class SqliteConnection {
 public:
  // Opens `path`; read-only connections never take the write lock.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool read_only);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<Rows> Query(std::string_view sql, Params params);
  Result<std::int64_t> Exec(std::string_view sql, Params params);
  // Runs one or more statements without parameters.
  Result<void> Script(std::string_view sql);
  // Copies committed WAL frames into the database file without blocking
  // the writer or readers (a PASSIVE checkpoint).
  struct Checkpoint {
    bool ran = false;    // false: another checkpoint was running
    int wal_frames = 0;  // frames in the WAL
    int copied = 0;      // of which are in the database file now
  };
  Checkpoint CheckpointPassive();

  // Frames in the WAL after this connection's last commit (a wal_hook).
  int wal_frames() const { return wal_frames_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql, Params params);
  Error LastError(std::string_view sql) const;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  int wal_frames_ = 0;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

}  // namespace weishang::storage
