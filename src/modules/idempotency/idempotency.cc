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

Result<std::optional<StoredResponse>> Find(storage::Tx& tx, MerchantId merchant,
                                           const std::string& scope, const std::string& key,
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

Result<void> Save(storage::Tx& tx, MerchantId merchant, const std::string& scope,
                  const std::string& key, const std::string& request_hash,
                  const StoredResponse& response, Timestamp now) {
  // SQLite's one writer ran Find in this same unit, so no other unit can hold
  // the key: the plain insert, on checkout's hot path, skips the conflict check.
  bool pg = tx.engine() == storage::Engine::kPostgres;
  auto ok =
      tx.Exec(pg ? "INSERT INTO idempotency_record (merchant_id, scope, idem_key, request_hash,"
                   " status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT DO NOTHING"
                 : "INSERT INTO idempotency_record (merchant_id, scope, idem_key, request_hash,"
                   " status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {merchant, scope, key, request_hash, response.status, response.body, now});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) {
    // PostgreSQL: a unit with the same key committed while this one ran.
    // Start over and answer with its record.
    return Fail(ErrorKind::kUnavailable, storage::kRunAgain,
                "a concurrent request with this Idempotency-Key committed first");
  }
  return {};
}

Result<std::optional<StoredResponse>> Claim(storage::Tx& tx, MerchantId merchant,
                                            const std::string& scope, const std::string& key,
                                            const std::string& request_hash,
                                            const StoredResponse& response, Timestamp now) {
  auto inserted = tx.Exec(
      "INSERT INTO idempotency_record (merchant_id, scope, idem_key, request_hash, status, body,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {merchant, scope, key, request_hash, response.status, response.body, now});
  if (!inserted) return Fail(inserted.error());
  if (*inserted == 1) return std::optional<StoredResponse>();
  // The key had a record: committed before this statement began, since the
  // insert waited for any unit still holding it.
  auto earlier = Find(tx, merchant, scope, key, request_hash);
  if (!earlier) return Fail(earlier.error());
  if (!*earlier) {
    // Forgotten in between by the retention job: start over.
    return Fail(ErrorKind::kUnavailable, storage::kRunAgain,
                "an earlier record of this Idempotency-Key vanished while it was read");
  }
  return earlier;
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
