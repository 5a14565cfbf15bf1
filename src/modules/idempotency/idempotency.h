// Remembers the first answer to each creating request, keyed by merchant,
// scope (the route) and the client's Idempotency-Key, so a retried request
// returns the same result and creates nothing new. The record is written in
// the same unit of work as the thing it created. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::idempotency {

struct StoredResponse {
  int status = 200;
  std::string body;
};

// How long a key is remembered. A retry after that is a new request and
// creates anew (Stripe keeps keys 24 hours; a week covers any client's
// retries, and a buyer's tapping twice).
inline constexpr Timestamp kRetention = 7 * kDay;

// Keys are 1-128 printable ASCII characters.
bool ValidKey(const std::string& key);

// The stored answer for (merchant, scope, key), if any. A creating unit calls
// it first: with an answer, it answers with that and creates nothing;
// without, it creates and then calls Save in the same unit. Fails with
// kConflict, "idempotency.key_reused", when the key was used for a different
// request (its hash differs).
Result<std::optional<StoredResponse>> Find(storage::Tx& tx, MerchantId merchant,
                                           const std::string& scope, const std::string& key,
                                           const std::string& request_hash);

// Records the answer of a creation, in the unit that created.
// Two units with one key at once: on SQLite the single writer runs them one
// after the other, so the second's Find sees the first's record. On
// PostgreSQL both may pass Find; the second's insert then waits for the
// first to end, and if the first committed, fails with storage::kRunAgain:
// the adapter runs the unit again, whose Find now sees the first answer.
// No duplicate ever fails with a unique violation.
Result<void> Save(storage::Tx& tx, MerchantId merchant, const std::string& scope,
                  const std::string& key, const std::string& request_hash,
                  const StoredResponse& response, Timestamp now);

// Find and Save in one statement, for a creation whose answer is known
// before it creates (checkout draws its order's id and token first): records
// `response` for the key unless the key already has a record, and returns
// that earlier answer, if any. With nullopt, this unit owns the key and must
// create what `response` names before it commits; if it fails, its rollback
// frees the key. A concurrent unit with the same key waits at the insert for
// this one to end (PostgreSQL), or runs after it (SQLite's one writer), and
// then gets this unit's answer. idempotency.key_reused (409) when the key was
// used for a different request.
Result<std::optional<StoredResponse>> Claim(storage::Tx& tx, MerchantId merchant,
                                            const std::string& scope, const std::string& key,
                                            const std::string& request_hash,
                                            const StoredResponse& response, Timestamp now);

// Whether any record, of any merchant, was created before `cutoff` (one
// index probe: the timed job reads this before it takes the writer).
Result<bool> AnyBefore(storage::Tx& tx, Timestamp cutoff);

// Forgets up to `limit` records created before `cutoff`, oldest first, of
// every merchant; returns how many. Run by a timed job with now - kRetention.
Result<std::int64_t> ForgetBefore(storage::Tx& tx, Timestamp cutoff, int limit);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::idempotency
