#include "storage/migrations.h"

#include <set>
#include <utility>

#include "core/clock.h"

namespace weishang::storage {
namespace {

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

constexpr std::string_view kLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))";

// Any fixed number, the same in every node: "WEISHANG" in ASCII.
constexpr std::int64_t kMigrationLock = 0x5745495348414e47;

// Several nodes may migrate one PostgreSQL database at once. Each migration
// unit first takes a transaction-scoped advisory lock, so the units queue up;
// the check that follows runs on a fresh READ COMMITTED snapshot and sees
// what the node before committed. SQLite needs nothing: one process owns the
// writer, and a second writer waits on the file lock.
Result<void> LockOutOtherNodes(Tx& tx) {
  if (tx.engine() != Engine::kPostgres) return {};
  auto locked = tx.Query("SELECT pg_advisory_xact_lock(?)", {kMigrationLock});
  if (!locked) return Fail(locked.error());
  return {};
}

}  // namespace

std::string RenderSql(Engine engine, std::string_view sql) {
  std::string out(sql);
  bool pg = engine == Engine::kPostgres;
  ReplaceAll(out, "${PK}", pg ? "BIGINT PRIMARY KEY" : "INTEGER PRIMARY KEY");
  ReplaceAll(out, "${BLOB}", pg ? "BYTEA" : "BLOB");
  // Tables keyed by a composite primary key are stored in that key's B-tree
  // in SQLite, saving a second tree (and its pages on every commit).
  ReplaceAll(out, "${WITHOUT_ROWID}", pg ? "" : "WITHOUT ROWID");
  return out;
}

Result<int> ApplyMigrations(Database& db, const std::vector<Migration>& migrations) {
  auto ledger = db.Write([](Tx& tx) -> Result<void> {
    if (auto locked = LockOutOtherNodes(tx); !locked) return locked;
    return tx.ExecScript(kLedger);
  });
  if (!ledger) return Fail(ledger.error());
  int applied = 0;
  for (const Migration& m : migrations) {
    bool did = false;
    auto ok = db.Write([&](Tx& tx) -> Result<void> {
      if (auto locked = LockOutOtherNodes(tx); !locked) return locked;
      auto seen = tx.QueryOne("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?",
                              {m.module, m.version});
      if (!seen) return Fail(seen.error());
      if (*seen) return {};
      if (auto r = tx.ExecScript(RenderSql(tx.engine(), m.sql)); !r) {
        return Fail(Internal("storage.migration_failed",
                             std::string(m.name) + ": " + r.error().message));
      }
      auto rec = tx.Exec(
          "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
          {m.module, m.version, m.name, SystemClock().Now()});
      if (!rec) return Fail(rec.error());
      did = true;
      return {};
    });
    if (!ok) return Fail(ok.error());
    if (did) ++applied;
  }
  return applied;
}

}  // namespace weishang::storage
