// Owner sign-up, staff login and logout, "who am I", and password change.
//   POST /admin/v1/auth/signup   {shop, shop_name, login, name, password}
//   POST /admin/v1/auth/login    {shop, login, password}
//   POST /admin/v1/auth/logout
//   GET  /admin/v1/me
//   POST /admin/v1/me/password   {current_password, new_password}
// Every password is hashed or verified on the password pool (password_jobs.h).
#include "api/app.h"
#include "api/routes/password_jobs.h"
#include "api/routes/support.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity_errors.h"
#include "modules/identity/login_throttle.h"
#include "modules/identity/password_policy.h"
#include "modules/identity/passwords.h"

namespace weishang::api {
namespace {

json::object EncodeToken(const identity::IssuedToken& t) {
  return {{"token", t.token},
          {"expires_at", FormatIso8601(t.expires_at)},
          {"merchant_id", EncodeId(t.principal.merchant_id)},
          {"staff_id", EncodeId(t.principal.staff_id)},
          {"role", identity::RoleName(t.principal.role)}};
}

Reply SignUp(Services& s, HttpRequest& req) {
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  identity::SignUpInput in;
  in.slug = r.Str("shop", {.max_len = 32});
  in.shop_name = r.Str("shop_name", {.max_len = 100, .min_len = 1});
  in.owner_login = r.Str("login", {.max_len = 100, .min_len = 3});
  in.owner_name = r.Str("name", {.required = false, .max_len = 100});
  std::string password = r.Str("password", {.max_len = 200});
  if (r.Error()) return ErrorResponse(*r.Error());
  if (in.owner_name.empty()) in.owner_name = in.owner_login;
  auto strong = identity::CheckPassword(password, {in.owner_login, in.slug, in.owner_name});
  if (!strong) return ErrorResponse(strong.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  // Hashed on the password pool, outside the write, so neither a connection
  // thread nor the writer waits on argon2id.
  return OnPasswordPool(s, [&s, in, password, keyed = IdempotencyOnly(req)]() -> Reply {
    identity::SignUpInput hashed = in;
    hashed.password_hash = s.passwords.Hash(password);
    // No merchant exists yet: sign-ups are keyed in the platform's scope (0).
    return IdempotentWrite(s, keyed, /*merchant_id=*/MerchantId(), "auth.signup",
                           [&s, hashed](Tx& tx) -> Result<json::value> {
                             auto issued = s.modules.identity.SignUp(tx, hashed);
                             if (!issued) return Fail(issued.error());
                             return EncodeToken(*issued);
                           });
  });
}

Error InvalidCredentials() {
  return Error{ErrorKind::kUnauthenticated, identity::errors::kInvalidCredentials,
               "unknown shop, login or password"};
}

Reply Login(Services& s, HttpRequest& req) {
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string shop = r.Str("shop", {.max_len = 32});
  std::string login = r.Str("login", {.max_len = 100});
  std::string password = r.Str("password", {.max_len = 200});
  if (r.Error()) return ErrorResponse(*r.Error());
  // Throttled before anything else: a refused guess costs no argon2id. An
  // unknown login counts like a known one, so the throttle tells nothing.
  identity::LoginGuard::Attempt attempt{identity::LoginGuard::AccountKey(shop, login),
                                        req.remote_ip};
  if (Timestamp wait = s.logins.Admit(attempt); wait > 0) return LoginThrottled(wait);
  auto creds = storage::ReadValue(
      s.db, [&](Tx& tx) { return s.modules.identity.FindCredentials(tx, shop, login); });
  if (!creds && creds.error().code != identity::errors::kInvalidCredentials) {
    s.logins.Finish(attempt, identity::AttemptOutcome::kNotRun);
    return ErrorResponse(creds.error());
  }
  // An unknown login is verified too (against a dummy hash), so the answer
  // takes as long as for a known one.
  std::optional<std::string> hash;
  StaffId staff_id;
  if (creds) {
    staff_id = creds->first;
    hash = creds->second;
  }
  return OnPasswordPool(
      s,
      [&s, attempt, hash, staff_id, password]() -> Reply {
        bool ok = s.passwords.Verify(hash, password);
        s.logins.Finish(
            attempt, ok ? identity::AttemptOutcome::kSucceeded : identity::AttemptOutcome::kFailed);
        if (!ok) return ErrorResponse(InvalidCredentials());
        return WriteThen<identity::IssuedToken>(
            s, [&s, staff_id](Tx& tx) { return s.modules.identity.IssueToken(tx, staff_id); },
            [](const identity::IssuedToken& t) { return json::value(EncodeToken(t)); });
      },
      [&s, attempt] { s.logins.Finish(attempt, identity::AttemptOutcome::kNotRun); });
}

Reply Logout(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, identity::Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  std::string token = req.authorization.substr(7);
  return WriteThen<bool>(
      s,
      [&s, token](Tx& tx) -> Result<bool> {
        auto ok = s.modules.identity.Revoke(tx, token);
        if (!ok) return Fail(ok.error());
        return true;
      },
      [](const bool&) {
        return json::value(json::object{{"revoked", true}});
      });
}

Reply Me(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, identity::Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return Ok(json::object{{"merchant_id", EncodeId(who->merchant_id)},
                         {"staff_id", EncodeId(who->staff_id)},
                         {"name", who->name},
                         {"role", identity::RoleName(who->role)}});
}

// Verifies the current password (throttled like a login, since a stolen
// token could otherwise guess it), then stores the new one's hash and ends
// every other session of the caller.
Reply ChangePassword(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, identity::Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string current = r.Str("current_password", {.max_len = 200});
  std::string fresh = r.Str("new_password", {.max_len = 200});
  if (r.Error()) return ErrorResponse(*r.Error());
  identity::Principal me = *who;
  auto creds = storage::ReadValue(s.db, [&](Tx& tx) {
    return s.modules.identity.GetCredentials(tx, me.merchant_id, me.staff_id);
  });
  if (!creds) return ErrorResponse(creds.error());
  auto strong = identity::CheckPassword(fresh, {creds->login, creds->shop, creds->name});
  if (!strong) return ErrorResponse(strong.error());
  identity::LoginGuard::Attempt attempt{identity::LoginGuard::AccountKey(creds->shop, creds->login),
                                        req.remote_ip};
  if (Timestamp wait = s.logins.Admit(attempt); wait > 0) return LoginThrottled(wait);
  std::string token = req.authorization.substr(7);  // Authorize checked "Bearer "
  return OnPasswordPool(
      s,
      [&s, attempt, me, hash = creds->password_hash, current, fresh, token]() -> Reply {
        bool ok = s.passwords.Verify(hash, current);
        s.logins.Finish(
            attempt, ok ? identity::AttemptOutcome::kSucceeded : identity::AttemptOutcome::kFailed);
        if (!ok) {
          return ErrorResponse(Invalid(identity::errors::kWrongPassword,
                                       "current_password is not this account's password"));
        }
        std::string new_hash = s.passwords.Hash(fresh);
        return WriteThen<std::int64_t>(
            s,
            [&s, me, hash, new_hash, token](Tx& tx) {
              return s.modules.identity.ChangePassword(tx, me, hash, new_hash, token);
            },
            [](const std::int64_t& revoked) {
              return json::value(json::object{{"changed", true}, {"revoked_tokens", revoked}});
            });
      },
      [&s, attempt] { s.logins.Finish(attempt, identity::AttemptOutcome::kNotRun); });
}

}  // namespace

void AddAuthRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/admin/v1/auth/signup", [&s](HttpRequest& q) { return SignUp(s, q); });
  r.Add(Method::kPost, "/admin/v1/auth/login", [&s](HttpRequest& q) { return Login(s, q); });
  r.Add(Method::kPost, "/admin/v1/auth/logout", [&s](HttpRequest& q) { return Logout(s, q); });
  r.Add(Method::kGet, "/admin/v1/me", [&s](HttpRequest& q) { return Me(s, q); });
  r.Add(Method::kPost, "/admin/v1/me/password",
        [&s](HttpRequest& q) { return ChangePassword(s, q); });
}

}  // namespace weishang::api
