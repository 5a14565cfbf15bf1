// Customer sessions: opaque tokens, only their SHA-256 stored (decision 0005,
// as staff tokens), with an expiry and a sign-out.
#include "core/crypto.h"
#include "modules/accounts/accounts.h"
#include "modules/accounts/accounts_errors.h"

namespace weishang::accounts {
namespace {

constexpr std::string_view kTokenPrefix = "wsc_";

Error Unauthenticated() {
  return Error{ErrorKind::kUnauthenticated, errors::kUnauthenticated,
               "sign in to the store first (Authorization: Bearer wsc_…)"};
}

}  // namespace

Result<IssuedSession> AccountService::OpenSession(Tx& tx, MerchantId merchant, CustomerId customer,
                                                  std::string_view method) {
  IssuedSession out;
  out.token = std::string(kTokenPrefix) + RandomHex(32);
  Timestamp now = clock_.Now();
  out.session = Session{ids_.Next<CustomerSessionId>(), merchant, customer, std::string(method),
                        now + kSessionLifetime};
  auto ok = tx.Exec(
      "INSERT INTO accounts_session (token_hash, id, merchant_id, customer_id, method,"
      " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {Sha256Hex(out.token), out.session.id, merchant, customer, method, now,
       out.session.expires_at});
  if (!ok) return Fail(ok.error());
  return out;
}

Result<Session> AccountService::Resolve(Tx& tx, MerchantId merchant, std::string_view token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 100) return Fail(Unauthenticated());
  auto row = tx.QueryOne(
      "SELECT id, customer_id, method, expires_at FROM accounts_session"
      " WHERE token_hash = ? AND merchant_id = ? AND revoked_at IS NULL AND expires_at > ?",
      {Sha256Hex(token), merchant, clock_.Now()});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Unauthenticated());
  const storage::Row& r = **row;
  return Session{r.IdAt(0), merchant, r.IdAt(1), r.Str(2), r.Int(3)};
}

Result<void> AccountService::CloseSession(Tx& tx, MerchantId merchant, std::string_view token) {
  auto ok = tx.Exec(
      "UPDATE accounts_session SET revoked_at = ? WHERE token_hash = ? AND merchant_id = ?"
      " AND revoked_at IS NULL",
      {clock_.Now(), Sha256Hex(token), merchant});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::accounts
