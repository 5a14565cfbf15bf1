#include "storage/sqlite/sqlite_connection.h"

#include <mutex>

#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

// Process-wide settings, applied once before SQLite initialises itself.
// Memory statistics off: with them on (Debian's build), every allocation and
// free inside SQLite takes one global mutex, which all connections share.
// Nothing reads those statistics.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 bool read_only) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Fail(ErrorKind::kUnavailable, storage::errors::kOpenFailed,
                "cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  auto conn = std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
  // WAL lets readers run beside the single writer; synchronous=FULL makes
  // every COMMIT durable (the WAL is fsynced before COMMIT returns).
  // SqliteDatabase's writer lowers it to NORMAL and fsyncs on another thread
  // (wal_syncer.h). The writer never checkpoints: the checkpointer thread does.
  // The writer's page cache is small on purpose: what it touches is the right
  // edges of a few B-trees, and at every COMMIT SQLite scans the cache's whole
  // hash table (pcache1TruncateUnsafe): at 64 MB that scan was a tenth of the
  // writer's time; at 8 MB the raw checkout rate rose ~15%.
  const char* pragmas = read_only
                            ? "PRAGMA query_only=1; PRAGMA cache_size=-16000;"
                            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                              " PRAGMA cache_size=-8000; PRAGMA wal_autocheckpoint=0;"
                              " PRAGMA journal_size_limit=67108864; PRAGMA temp_store=MEMORY;";
  if (auto ok = conn->Script(pragmas); !ok) return Fail(ok.error());
  // After the pragmas: wal_autocheckpoint replaces the hook.
  sqlite3_wal_hook(
      db,
      [](void* self, sqlite3*, const char*, int frames) {
        static_cast<SqliteConnection*>(self)->wal_frames_ = frames;
        return SQLITE_OK;
      },
      conn.get());
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Error SqliteConnection::LastError(std::string_view sql) const {
  int code = sqlite3_extended_errcode(db_);
  std::string msg = std::string(sqlite3_errmsg(db_)) + " [" + std::string(sql.substr(0, 120)) + "]";
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error{ErrorKind::kConflict, storage::errors::kUniqueViolation, msg};
  }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    return Error{ErrorKind::kUnavailable, storage::errors::kBusy, msg};
  }
  if ((code & 0xff) == SQLITE_CONSTRAINT) {
    return Error{ErrorKind::kConflict, storage::errors::kConstraintViolation, msg};
  }
  return Error{ErrorKind::kInternal, storage::errors::kError, msg};
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, Params params) {
  sqlite3_stmt* stmt = nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    stmt = it->second;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  } else {
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return Fail(LastError(sql));
    }
    cache_.emplace(std::string(sql), stmt);
  }
  int i = 1;
  for (const Param& p : params) {
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(stmt, i);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, i, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, i, v);
          } else {
            return sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
          }
        },
        p.value());
    if (rc != SQLITE_OK) return Fail(LastError(sql));
    ++i;
  }
  return stmt;
}

Result<Rows> SqliteConnection::Query(std::string_view sql, Params params) {
  auto stmt = Prepare(sql, params);
  if (!stmt) return Fail(stmt.error());
  Rows rows;
  for (;;) {
    int rc = sqlite3_step(*stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error e = LastError(sql);
      sqlite3_reset(*stmt);
      return Fail(std::move(e));
    }
    int n = sqlite3_column_count(*stmt);
    std::vector<Row::Value> values;
    values.reserve(n);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(*stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(*stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(*stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(*stmt, c));
          values.emplace_back(std::string(text, sqlite3_column_bytes(*stmt, c)));
        }
      }
    }
    rows.emplace_back(std::move(values));
  }
  sqlite3_reset(*stmt);
  return rows;
}

Result<std::int64_t> SqliteConnection::Exec(std::string_view sql, Params params) {
  auto stmt = Prepare(sql, params);
  if (!stmt) return Fail(stmt.error());
  int rc;
  while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    Error e = LastError(sql);
    sqlite3_reset(*stmt);
    return Fail(std::move(e));
  }
  sqlite3_reset(*stmt);
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

SqliteConnection::Checkpoint SqliteConnection::CheckpointPassive() {
  Checkpoint c;
  c.ran = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &c.wal_frames,
                                    &c.copied) == SQLITE_OK;
  return c;
}

Result<void> SqliteConnection::Script(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Error e = LastError(sql);
    if (err) {
      e.message = err;
      sqlite3_free(err);
    }
    return Fail(std::move(e));
  }
  return {};
}

}  // namespace weishang::storage
