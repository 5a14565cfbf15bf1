#include "modules/identity/identity.h"

#include "core/crypto.h"
#include "core/json.h"
#include "events/outbox.h"
#include "modules/identity/identity_errors.h"
#include "storage/storage_errors.h"

namespace weishang::identity {
namespace {

constexpr const char* kMerchantColumns =
    "id, slug, name, description, logo_url, contact_phone, status, settings, created_at";

Merchant MerchantFromRow(const storage::Row& r) {
  Merchant m;
  m.id = r.IdAt(0);
  m.slug = r.Str(1);
  m.name = r.Str(2);
  m.description = r.Str(3);
  m.logo_url = r.Str(4);
  m.contact_phone = r.Str(5);
  m.status = FromText(kMerchantStatusText, r.Str(6)).value_or(MerchantStatus::kSuspended);
  m.settings = DecodeSettings(r.Str(7));
  m.created_at = r.Int(8);
  return m;
}

Staff StaffFromRow(const storage::Row& r) {
  Staff s;
  s.id = r.IdAt(0);
  s.merchant_id = r.IdAt(1);
  s.login = r.Str(2);
  s.name = r.Str(3);
  s.role = ParseRole(r.Str(4)).value_or(Role::kStaff);
  s.status = FromText(kStaffStatusText, r.Str(5)).value_or(StaffStatus::kDisabled);
  s.created_at = r.Int(6);
  return s;
}

Error Unauthenticated() {
  return Error{ErrorKind::kUnauthenticated, errors::kUnauthenticated,
               "missing, expired or revoked token"};
}

}  // namespace

bool ValidSlug(const std::string& slug) {
  if (slug.size() < 3 || slug.size() > 32 || slug.front() == '-') return false;
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::string EncodeSettings(const ShopSettings& s) {
  json::object o;
  o["postage_flat_fee"] = s.postage_flat_fee;
  // Written even when null (free postage off): DecodeSettings reads an absent
  // key as the default threshold.
  o["postage_free_above"] =
      s.postage_free_above ? json::value(*s.postage_free_above) : json::value(nullptr);
  json::array regions;
  for (const auto& r : s.postage_excluded_regions) regions.emplace_back(r);
  o["postage_excluded_regions"] = std::move(regions);
  o["payment_timeout_minutes"] = s.payment_timeout_minutes;
  o["auto_receive_days"] = s.auto_receive_days;
  o["aftersales_window_days"] = s.aftersales_window_days;
  return json::serialize(o);
}

ShopSettings DecodeSettings(const std::string& text) {
  ShopSettings s;
  auto obj = ParseObject(text);
  if (!obj) return s;
  JsonReader r(*obj);
  s.postage_flat_fee =
      r.Int("postage_flat_fee", {.required = false, .fallback = s.postage_flat_fee});
  if (obj->contains("postage_free_above")) {
    s.postage_free_above = r.OptInt("postage_free_above");
  }
  s.postage_excluded_regions = r.StrList("postage_excluded_regions");
  s.payment_timeout_minutes =
      r.Int("payment_timeout_minutes", {.required = false, .fallback = s.payment_timeout_minutes});
  s.auto_receive_days =
      r.Int("auto_receive_days", {.required = false, .fallback = s.auto_receive_days});
  s.aftersales_window_days =
      r.Int("aftersales_window_days", {.required = false, .fallback = s.aftersales_window_days});
  return s;
}

Result<IssuedToken> IdentityService::SignUp(Tx& tx, const SignUpInput& in) {
  if (!ValidSlug(in.slug)) {
    return Fail(
        Invalid(errors::kInvalidSlug, "shop slug must be 3-32 characters of a-z, 0-9 and '-'"));
  }
  auto taken = tx.QueryOne("SELECT 1 FROM identity_merchant WHERE slug = ?", {in.slug});
  if (!taken) return Fail(taken.error());
  if (*taken) return Fail(Conflict(errors::kSlugTaken, "shop slug '" + in.slug + "' is taken"));
  Timestamp now = clock_.Now();
  auto merchant_id = ids_.Next<MerchantId>();
  auto m = tx.Exec(
      "INSERT INTO identity_merchant (id, slug, name, settings, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      {merchant_id, in.slug, in.shop_name, EncodeSettings(ShopSettings{}), now, now});
  if (!m) return Fail(m.error());
  auto staff_id = ids_.Next<StaffId>();
  auto s = tx.Exec(
      "INSERT INTO identity_staff (id, merchant_id, login, name, role, password_hash, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, 'owner', ?, ?, ?)",
      {staff_id, merchant_id, in.owner_login, in.owner_name, in.password_hash, now, now});
  if (!s) return Fail(s.error());
  return IssueToken(tx, staff_id);
}

Result<std::pair<StaffId, std::string>> IdentityService::FindCredentials(
    Tx& tx, const std::string& shop_slug, const std::string& login) {
  auto row = tx.QueryOne(
      "SELECT s.id, s.password_hash FROM identity_staff s JOIN identity_merchant m"
      " ON m.id = s.merchant_id WHERE m.slug = ? AND s.login = ? AND s.status = 'active'"
      " AND m.status = 'active'",
      {shop_slug, login});
  if (!row) return Fail(row.error());
  if (!*row) {
    return Fail(ErrorKind::kUnauthenticated, errors::kInvalidCredentials,
                "unknown shop, login or password");
  }
  return std::make_pair(StaffId((*row)->Int(0)), (*row)->Str(1));
}

Result<StaffCredentials> IdentityService::GetCredentials(Tx& tx, MerchantId merchant_id,
                                                         StaffId staff_id) {
  auto row = tx.QueryOne(
      "SELECT m.slug, s.login, s.name, s.password_hash FROM identity_staff s"
      " JOIN identity_merchant m ON m.id = s.merchant_id WHERE s.merchant_id = ? AND s.id = ?",
      {merchant_id, staff_id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kStaffNotFound, "no such staff member"));
  return StaffCredentials{(*row)->Str(0), (*row)->Str(1), (*row)->Str(2), (*row)->Str(3)};
}

Result<std::int64_t> IdentityService::ChangePassword(Tx& tx, const Principal& who,
                                                     const std::string& verified_hash,
                                                     const std::string& new_hash,
                                                     const std::string& keep_token) {
  Timestamp now = clock_.Now();
  // Conditional on the hash verified outside the transaction: of two changes
  // racing with the same current password, the second finds it gone.
  auto changed = tx.Exec(
      "UPDATE identity_staff SET password_hash = ?, updated_at = ?"
      " WHERE merchant_id = ? AND id = ? AND password_hash = ?",
      {new_hash, now, who.merchant_id, who.staff_id, verified_hash});
  if (!changed) return Fail(changed.error());
  if (*changed == 0) {
    return Fail(Conflict(errors::kPasswordChanged,
                         "the password was changed meanwhile; log in again with the new one"));
  }
  // Whoever else held a session (a stolen token, another device) loses it.
  return tx.Exec(
      "UPDATE identity_token SET revoked_at = ? WHERE staff_id = ? AND merchant_id = ?"
      " AND revoked_at IS NULL AND token_hash <> ?",
      {now, who.staff_id, who.merchant_id, Sha256Hex(keep_token)});
}

Result<IssuedToken> IdentityService::IssueToken(Tx& tx, StaffId staff_id) {
  auto row =
      tx.QueryOne("SELECT merchant_id, role, name FROM identity_staff WHERE id = ?", {staff_id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kStaffNotFound, "no such staff member"));
  IssuedToken out;
  out.token = "wst_" + RandomHex(32);
  Timestamp now = clock_.Now();
  out.expires_at = now + kTokenLifetime;
  out.principal = Principal{(*row)->IdAt(0), staff_id,
                            ParseRole((*row)->Str(1)).value_or(Role::kStaff), (*row)->Str(2)};
  auto ins = tx.Exec(
      "INSERT INTO identity_token (token_hash, merchant_id, staff_id, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {Sha256Hex(out.token), out.principal.merchant_id, staff_id, now, out.expires_at});
  if (!ins) return Fail(ins.error());
  return out;
}

Result<Principal> IdentityService::Authenticate(Tx& tx, const std::string& token) {
  if (token.empty() || token.size() > 200) return Fail(Unauthenticated());
  auto row = tx.QueryOne(
      "SELECT t.merchant_id, t.staff_id, s.role, s.name FROM identity_token t"
      " JOIN identity_staff s ON s.id = t.staff_id AND s.merchant_id = t.merchant_id"
      " JOIN identity_merchant m ON m.id = t.merchant_id"
      " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?"
      " AND s.status = 'active' AND m.status = 'active'",
      {Sha256Hex(token), clock_.Now()});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Unauthenticated());
  const auto& r = **row;
  return Principal{r.IdAt(0), r.IdAt(1), ParseRole(r.Str(2)).value_or(Role::kStaff), r.Str(3)};
}

Result<void> IdentityService::Revoke(Tx& tx, const std::string& token) {
  auto ok = tx.Exec(
      "UPDATE identity_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
      {clock_.Now(), Sha256Hex(token)});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<Merchant> IdentityService::GetMerchant(Tx& tx, MerchantId merchant_id) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kMerchantColumns + " FROM identity_merchant WHERE id = ?",
      {merchant_id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kMerchantNotFound, "no such shop"));
  return MerchantFromRow(**row);
}

Result<std::optional<Merchant>> IdentityService::FindMerchantBySlug(Tx& tx,
                                                                    const std::string& slug) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kMerchantColumns + " FROM identity_merchant WHERE slug = ?", {slug});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Merchant>();
  return std::optional<Merchant>(MerchantFromRow(**row));
}

ShopSettings SettingsPatch::AppliedTo(ShopSettings s) const {
  if (postage_flat_fee) s.postage_flat_fee = *postage_flat_fee;
  if (postage_free_above) s.postage_free_above = *postage_free_above;
  if (postage_excluded_regions) s.postage_excluded_regions = *postage_excluded_regions;
  if (payment_timeout_minutes) s.payment_timeout_minutes = *payment_timeout_minutes;
  if (auto_receive_days) s.auto_receive_days = *auto_receive_days;
  if (aftersales_window_days) s.aftersales_window_days = *aftersales_window_days;
  return s;
}

Result<Merchant> IdentityService::UpdateShop(Tx& tx, MerchantId merchant_id, const ShopUpdate& u) {
  if (tx.engine() == storage::Engine::kPostgres) {
    // Read-modify-write: hold the row so a concurrent edit waits for this one.
    auto locked =
        tx.Query("SELECT id FROM identity_merchant WHERE id = ? FOR UPDATE", {merchant_id});
    if (!locked) return Fail(locked.error());
  }
  auto current = GetMerchant(tx, merchant_id);
  if (!current) return current;
  Merchant m = *current;
  if (u.name) m.name = *u.name;
  if (u.description) m.description = *u.description;
  if (u.logo_url) m.logo_url = *u.logo_url;
  if (u.contact_phone) m.contact_phone = *u.contact_phone;
  if (u.settings) m.settings = u.settings->AppliedTo(m.settings);
  auto ok = tx.Exec(
      "UPDATE identity_merchant SET name = ?, description = ?, logo_url = ?, contact_phone = ?,"
      " settings = ?, updated_at = ? WHERE id = ?",
      {m.name, m.description, m.logo_url, m.contact_phone, EncodeSettings(m.settings), clock_.Now(),
       merchant_id});
  if (!ok) return Fail(ok.error());
  std::string subject = EncodeId(merchant_id);
  auto emitted = events::Emit(
      tx, {merchant_id, kShopChanged, 1, subject, "{\"merchant_id\":\"" + subject + "\"}"},
      clock_.Now());
  if (!emitted) return Fail(emitted.error());
  return m;
}

Result<Staff> IdentityService::GetStaff(Tx& tx, MerchantId merchant_id, StaffId staff_id) {
  auto row = tx.QueryOne(
      "SELECT id, merchant_id, login, name, role, status, created_at FROM identity_staff"
      " WHERE merchant_id = ? AND id = ?",
      {merchant_id, staff_id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kStaffNotFound, "no such staff member"));
  return StaffFromRow(**row);
}

Result<Staff> IdentityService::CreateStaff(Tx& tx, const Principal& by, const StaffInput& in) {
  if ((in.role == Role::kOwner || in.role == Role::kAdmin) && by.role != Role::kOwner) {
    return Fail(Denied(errors::kForbiddenRole, "only the owner may create owners or admins"));
  }
  Timestamp now = clock_.Now();
  auto id = ids_.Next<StaffId>();
  auto ok = tx.Exec(
      "INSERT INTO identity_staff (id, merchant_id, login, name, role, password_hash, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {id, by.merchant_id, in.login, in.name, RoleName(in.role), in.password_hash, now, now});
  if (!ok) {
    if (ok.error().code == storage::errors::kUniqueViolation) {
      return Fail(Conflict(errors::kLoginTaken, "login '" + in.login + "' is taken in this shop"));
    }
    return Fail(ok.error());
  }
  return GetStaff(tx, by.merchant_id, id);
}

Result<std::vector<Staff>> IdentityService::ListStaff(Tx& tx, MerchantId merchant_id) {
  auto rows = tx.Query(
      "SELECT id, merchant_id, login, name, role, status, created_at FROM identity_staff"
      " WHERE merchant_id = ? ORDER BY id",
      {merchant_id});
  if (!rows) return Fail(rows.error());
  std::vector<Staff> out;
  for (const auto& r : *rows) out.push_back(StaffFromRow(r));
  return out;
}

Result<void> IdentityService::KeepAnotherOwner(Tx& tx, MerchantId merchant_id, StaffId staff_id) {
  // Two owners demoting each other at once must not both succeed: the
  // merchant's row lock (PostgreSQL; SQLite has one writer) makes the second
  // count wait for the first to commit. See docs/decisions/0006, Isolation.
  auto locked =
      tx.Exec("UPDATE identity_merchant SET updated_at = updated_at WHERE id = ?", {merchant_id});
  if (!locked) return Fail(locked.error());
  auto others = tx.QueryOne(
      "SELECT COUNT(*) FROM identity_staff WHERE merchant_id = ? AND id <> ? AND role = 'owner'"
      " AND status = 'active'",
      {merchant_id, staff_id});
  if (!others) return Fail(others.error());
  if (!*others || (*others)->Int(0) == 0) {
    return Fail(Conflict(errors::kLastOwner,
                         "the shop's last active owner cannot be demoted or disabled;"
                         " make another staff member owner first"));
  }
  return {};
}

Result<Staff> IdentityService::UpdateStaff(Tx& tx, const Principal& by, StaffId staff_id,
                                           std::optional<Role> role,
                                           std::optional<StaffStatus> status) {
  auto target = GetStaff(tx, by.merchant_id, staff_id);
  if (!target) return target;
  bool touches_privileged = target->role == Role::kOwner || target->role == Role::kAdmin ||
                            (role && (*role == Role::kOwner || *role == Role::kAdmin));
  if (touches_privileged && by.role != Role::kOwner) {
    return Fail(Denied(errors::kForbiddenRole, "only the owner may change owners or admins"));
  }
  if (staff_id == by.staff_id && status && *status != StaffStatus::kActive) {
    return Fail(Conflict(errors::kCannotDisableSelf, "you cannot disable your own account"));
  }
  bool stays_active_owner = role.value_or(target->role) == Role::kOwner &&
                            status.value_or(target->status) == StaffStatus::kActive;
  if (target->role == Role::kOwner && target->status == StaffStatus::kActive &&
      !stays_active_owner) {
    auto kept = KeepAnotherOwner(tx, by.merchant_id, staff_id);
    if (!kept) return Fail(kept.error());
  }
  auto ok = tx.Exec(
      "UPDATE identity_staff SET role = ?, status = ?, updated_at = ? WHERE merchant_id = ? AND id "
      "= ?",
      {RoleName(role.value_or(target->role)),
       TextOf(kStaffStatusText, status.value_or(target->status)), clock_.Now(), by.merchant_id,
       staff_id});
  if (!ok) return Fail(ok.error());
  if (status && *status == StaffStatus::kDisabled) {
    // A disabled account loses its sessions at once.
    auto rv = tx.Exec(
        "UPDATE identity_token SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL",
        {clock_.Now(), staff_id});
    if (!rv) return Fail(rv.error());
  }
  return GetStaff(tx, by.merchant_id, staff_id);
}

}  // namespace weishang::identity
