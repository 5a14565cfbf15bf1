// Merchants (tenants), their staff with roles, and opaque bearer tokens.
// Tokens are 32 random bytes shown once; only their SHA-256 is stored, with
// an expiry and a revocation time. Passwords are argon2id hashes, computed by
// the caller outside any transaction (hashing takes tens of milliseconds and
// must not hold the writer). Stateless apart from its references; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "modules/identity/roles.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::identity {

using storage::Tx;

// Recorded when the shop's profile or settings change (docs/events.md):
// v1 {"merchant_id"}.
inline constexpr std::string_view kShopChanged = "shop.changed";

// Per-shop rules other modules read. Stored as JSON on the merchant row;
// absent fields take these defaults.
struct ShopSettings {
  Fen postage_flat_fee = 1000;                   // 10.00 yuan
  std::optional<Fen> postage_free_above = 9900;  // free from 99.00 yuan
  std::vector<std::string> postage_excluded_regions;
  std::int64_t payment_timeout_minutes = 30;
  std::int64_t auto_receive_days = 10;      // after shipping
  std::int64_t aftersales_window_days = 7;  // after receipt
};

// A shop is served while active; a suspended one answers store.shop_not_found
// and its staff cannot sign in.
enum class MerchantStatus { kActive, kSuspended };
inline constexpr EnumText<MerchantStatus> kMerchantStatusText[] = {
    {MerchantStatus::kActive, "active"}, {MerchantStatus::kSuspended, "suspended"}};

// A disabled staff account cannot sign in and has lost its tokens.
enum class StaffStatus { kActive, kDisabled };
inline constexpr EnumText<StaffStatus> kStaffStatusText[] = {{StaffStatus::kActive, "active"},
                                                             {StaffStatus::kDisabled, "disabled"}};

struct Merchant {
  MerchantId id;
  std::string slug;
  std::string name;
  std::string description;
  std::string logo_url;
  std::string contact_phone;
  MerchantStatus status = MerchantStatus::kActive;
  ShopSettings settings;
  Timestamp created_at = 0;
};

struct Staff {
  StaffId id;
  MerchantId merchant_id;
  std::string login;
  std::string name;
  Role role = Role::kStaff;
  StaffStatus status = StaffStatus::kActive;
  Timestamp created_at = 0;
};

// Who is calling an admin route; the scope of every query it makes.
struct Principal {
  MerchantId merchant_id;
  StaffId staff_id;
  Role role = Role::kStaff;
  std::string name;
};

// The staff member whose customers `who` is limited to (the staff role sees
// only the customers it owns), or nullopt for owner and admin, who see all.
inline std::optional<StaffId> OwnedCustomersOnly(const Principal& who) {
  if (SeesAllCustomers(who.role)) return std::nullopt;
  return who.staff_id;
}

struct SignUpInput {
  std::string slug;  // 3-32 of [a-z0-9-], not starting with '-'
  std::string shop_name;
  std::string owner_login;  // phone or e-mail
  std::string owner_name;
  std::string password_hash;  // from HashPassword
};

struct IssuedToken {
  std::string token;  // shown once
  Timestamp expires_at = 0;
  Principal principal;
};

struct StaffInput {
  std::string login;
  std::string name;
  Role role = Role::kStaff;
  std::string password_hash;
};

// The settings a merchant changes in one request; absent fields keep the
// value they have when the update runs (applied inside its unit of work, so
// two concurrent edits of different fields both survive).
struct SettingsPatch {
  std::optional<Fen> postage_flat_fee;
  std::optional<std::optional<Fen>> postage_free_above;  // a null turns free postage off
  std::optional<std::vector<std::string>> postage_excluded_regions;
  std::optional<std::int64_t> payment_timeout_minutes, auto_receive_days, aftersales_window_days;

  // `current` with this patch applied.
  ShopSettings AppliedTo(ShopSettings current) const;
};

// A staff member's stored password hash and the words their password must
// not be built from (password_policy.h).
struct StaffCredentials {
  std::string shop;  // the merchant's slug
  std::string login;
  std::string name;
  std::string password_hash;
};

struct ShopUpdate {
  std::optional<std::string> name, description, logo_url, contact_phone;
  std::optional<SettingsPatch> settings;
};

inline constexpr Timestamp kTokenLifetime = 7 * kDay;

class IdentityService {
 public:
  IdentityService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Creates a merchant, its owner and a first token. Fails with
  // identity.invalid_slug, identity.slug_taken (kConflict).
  Result<IssuedToken> SignUp(Tx& tx, const SignUpInput& in);

  // The password hash and staff id for a login, to verify outside the
  // transaction; identity.invalid_credentials when unknown or disabled.
  Result<std::pair<StaffId, std::string>> FindCredentials(Tx& tx, const std::string& shop_slug,
                                                          const std::string& login);
  // Issues a token for a verified staff member.
  Result<IssuedToken> IssueToken(Tx& tx, StaffId staff_id);
  // The credentials of `staff_id` of `merchant_id`, to verify outside the
  // transaction; identity.staff_not_found (404) when there is no such staff.
  Result<StaffCredentials> GetCredentials(Tx& tx, MerchantId merchant_id, StaffId staff_id);
  // Replaces `who`'s password hash with `new_hash` if it is still
  // `verified_hash` (the one the caller checked the current password
  // against), and revokes every token of theirs but `keep_token` (the
  // caller's). Returns how many tokens were revoked. Fails with
  // identity.password_changed (409) when the hash changed meanwhile.
  Result<std::int64_t> ChangePassword(Tx& tx, const Principal& who,
                                      const std::string& verified_hash, const std::string& new_hash,
                                      const std::string& keep_token);
  // Resolves a bearer token; identity.unauthenticated (kUnauthenticated) when
  // unknown, expired, revoked, or its staff member or merchant is disabled.
  Result<Principal> Authenticate(Tx& tx, const std::string& token);
  // Revokes a token. Revoking twice succeeds.
  Result<void> Revoke(Tx& tx, const std::string& token);

  Result<Merchant> GetMerchant(Tx& tx, MerchantId merchant_id);
  Result<std::optional<Merchant>> FindMerchantBySlug(Tx& tx, const std::string& slug);
  // Applies `update` to the shop as it is when the unit runs (the row is
  // locked first on PostgreSQL), and records shop.changed.
  Result<Merchant> UpdateShop(Tx& tx, MerchantId merchant_id, const ShopUpdate& update);

  // Staff management; every call is scoped to `by.merchant_id`. Only an owner
  // may create or promote to owner/admin (identity.forbidden_role).
  Result<Staff> CreateStaff(Tx& tx, const Principal& by, const StaffInput& in);
  Result<std::vector<Staff>> ListStaff(Tx& tx, MerchantId merchant_id);
  // Changes a staff member's role and/or status (disabling revokes their
  // tokens). Fails with identity.staff_not_found (404),
  // identity.forbidden_role (403: only an owner touches owners and admins),
  // identity.cannot_disable_self, identity.last_owner (409: the shop's last
  // active owner can be neither demoted nor disabled, by anyone),
  Result<Staff> UpdateStaff(Tx& tx, const Principal& by, StaffId staff_id, std::optional<Role> role,
                            std::optional<StaffStatus> status);

 private:
  Result<Staff> GetStaff(Tx& tx, MerchantId merchant_id, StaffId staff_id);
  // identity.last_owner unless the merchant has an active owner other than
  // `staff_id`. Takes the merchant's row lock first.
  Result<void> KeepAnotherOwner(Tx& tx, MerchantId merchant_id, StaffId staff_id);

  const Clock& clock_;
  IdGenerator& ids_;
};

// This module's schema, embedded from schema/*.sql.
const std::vector<storage::Migration>& SchemaMigrations();

// Validates a shop slug: 3-32 characters of a-z, 0-9 and '-'.
bool ValidSlug(const std::string& slug);

// ShopSettings <-> JSON text (unknown fields ignored, missing take defaults).
std::string EncodeSettings(const ShopSettings& s);
ShopSettings DecodeSettings(const std::string& text);

}  // namespace weishang::identity
