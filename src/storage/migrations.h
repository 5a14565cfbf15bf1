// Schema migrations. Each module keeps its own numbered .sql files in
// src/modules/<module>/schema/; the build embeds them (cmake/EmbedSql.cmake)
// and the composition root applies every module's list at start.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace weishang::storage {

struct Migration {
  std::string_view module;   // "catalog"
  int version;               // 1, 2, ... per module, from the file name 0001_…
  std::string_view name;     // "0001_catalog"
  std::string_view sql;      // may use the tokens below
};

// Replaces the few type tokens that differ between engines:
//   ${PK}   INTEGER PRIMARY KEY (SQLite rowid) | BIGINT PRIMARY KEY
//   ${BLOB} BLOB | BYTEA
//   ${WITHOUT_ROWID}  after a table keyed by a composite primary key: WITHOUT ROWID | ""
std::string RenderSql(Engine engine, std::string_view sql);

// Applies, in order, every migration not yet recorded in schema_migrations,
// each in its own unit of work. Returns how many were applied. Idempotent,
// and safe to run concurrently from several nodes on PostgreSQL: each unit
// holds an advisory lock, so one node applies a migration and the others
// find it recorded.
Result<int> ApplyMigrations(Database& db, const std::vector<Migration>& migrations);

}  // namespace weishang::storage
