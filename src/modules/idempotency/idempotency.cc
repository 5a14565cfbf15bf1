#include "modules/idempotency/idempotency.h"

#include "modules/idempotency/idempotency_errors.h"

namespace weishang::idempotency {

bool ValidKey(const std::string& key) {
  if (key.empty() || key.size() > 128) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

Result<std::optional<StoredResponse>> Find(storage::Tx& tx, Id merchant, const std::string& scope,
                                           const std::string& key,
                                           const std::string& request_hash) {
  auto row = tx.QueryOne(
      "SELECT request_hash, status, body FROM idempotency_record"
      " WHERE merchant_id = ? AND scope = ? AND idem_key = ?",
      {merchant, scope, key});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<StoredResponse>();
  if ((*row)->Str(0) != request_hash) {
    return Fail(Conflict(idempotency::errors::kKeyReused,
                         "this Idempotency-Key was already used for a different request"));
  }
  return std::optional<StoredResponse>(
      StoredResponse{static_cast<int>((*row)->Int(1)), (*row)->Str(2)});
}

// A claim's status until Save writes the real one; never seen by another
// unit (it is replaced before the claiming unit commits).
constexpr int kClaimed = 0;

Result<std::optional<StoredResponse>> Begin(storage::Tx& tx, Id merchant, const std::string& scope,
                                            const std::string& key, const std::string& request_hash,
                                            Timestamp now) {
  if (tx.engine() == storage::Engine::kSqlite) return Find(tx, merchant, scope, key, request_hash);
  auto claimed = tx.Exec(
      "INSERT INTO idempotency_record (merchant_id, scope, idem_key, request_hash, status, body,"
      " created_at) VALUES (?, ?, ?, ?, ?, '', ?) ON CONFLICT DO NOTHING",
      {merchant, scope, key, request_hash, kClaimed, now});
  if (!claimed) return Fail(claimed.error());
  if (*claimed == 1) return std::optional<StoredResponse>();
  // Another unit holds the key and has committed: its answer is visible now.
  return Find(tx, merchant, scope, key, request_hash);
}

Result<void> Save(storage::Tx& tx, Id merchant, const std::string& scope, const std::string& key,
                  const std::string& request_hash, const StoredResponse& response, Timestamp now) {
  if (tx.engine() == storage::Engine::kPostgres) {
    auto ok = tx.Exec(
        "UPDATE idempotency_record SET status = ?, body = ?, created_at = ?"
        " WHERE merchant_id = ? AND scope = ? AND idem_key = ? AND status = ?",
        {response.status, response.body, now, merchant, scope, key, kClaimed});
    if (!ok) return Fail(ok.error());
    if (*ok != 1) return Fail(Internal(idempotency::errors::kNotClaimed, "Save without Begin"));
    return {};
  }
  auto ok = tx.Exec(
      "INSERT INTO idempotency_record (merchant_id, scope, idem_key, request_hash, status, body,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {merchant, scope, key, request_hash, response.status, response.body, now});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<bool> AnyBefore(storage::Tx& tx, Timestamp cutoff) {
  auto row = tx.QueryOne("SELECT 1 FROM idempotency_record WHERE created_at < ? LIMIT 1", {cutoff});
  if (!row) return Fail(row.error());
  return row->has_value();
}

Result<std::int64_t> ForgetBefore(storage::Tx& tx, Timestamp cutoff, int limit) {
  // Row values and LIMIT in a subquery: both SQLite and PostgreSQL take it.
  return tx.Exec(
      "DELETE FROM idempotency_record WHERE (merchant_id, scope, idem_key) IN"
      " (SELECT merchant_id, scope, idem_key FROM idempotency_record"
      "  WHERE created_at < ? ORDER BY created_at LIMIT ?)",
      {cutoff, limit});
}

}  // namespace weishang::idempotency
