// Shop profile and rules, and staff accounts.
//   GET  /admin/v1/shop            PUT /admin/v1/shop
//   GET  /admin/v1/staff           POST /admin/v1/staff      PATCH /admin/v1/staff/{id}
#include "api/app.h"
#include "api/routes/password_jobs.h"
#include "api/routes/support.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity_errors.h"
#include "modules/identity/password_policy.h"
#include "modules/identity/passwords.h"

namespace weishang::api {
namespace {

using identity::Permission;

json::object SettingsJson(const identity::ShopSettings& st) {
  json::array regions;
  for (const auto& r : st.postage_excluded_regions) regions.emplace_back(r);
  json::object o{{"postage_flat_fee", st.postage_flat_fee},
                 {"postage_excluded_regions", std::move(regions)},
                 {"payment_timeout_minutes", st.payment_timeout_minutes},
                 {"auto_receive_days", st.auto_receive_days},
                 {"aftersales_window_days", st.aftersales_window_days}};
  o["postage_free_above"] = st.postage_free_above ? json::value(*st.postage_free_above) : nullptr;
  return o;
}

json::value EncodeShop(const identity::Merchant& m) {
  return json::object{{"id", EncodeId(m.id)},
                      {"slug", m.slug},
                      {"name", m.name},
                      {"description", m.description},
                      {"logo_url", m.logo_url},
                      {"contact_phone", m.contact_phone},
                      {"status", TextOf(identity::kMerchantStatusText, m.status)},
                      {"settings", SettingsJson(m.settings)},
                      {"created_at", FormatIso8601(m.created_at)}};
}

json::value EncodeStaff(const identity::Staff& st) {
  return json::object{{"id", EncodeId(st.id)},
                      {"login", st.login},
                      {"name", st.name},
                      {"role", identity::RoleName(st.role)},
                      {"status", TextOf(identity::kStaffStatusText, st.status)},
                      {"created_at", FormatIso8601(st.created_at)}};
}

// Reads the settings object `obj` through `r`: the fields it has, checked;
// absent fields are left out of the patch and keep their value.
identity::SettingsPatch ReadSettings(const json::object& obj, JsonReader& r) {
  identity::SettingsPatch p;
  auto opt_int = [&r](const char* key, std::int64_t min,
                      std::int64_t max) -> std::optional<std::int64_t> {
    if (!r.Has(key)) return std::nullopt;
    return r.Int(key, {.min = min, .max = max});
  };
  p.postage_flat_fee = opt_int("postage_flat_fee", 0, 1'000'000);
  // A null here is a value, not an absence (which JsonReader::Has sees in
  // null): it turns free postage off.
  if (obj.contains("postage_free_above"))
    p.postage_free_above = r.OptInt("postage_free_above", 0, kMaxFen);
  if (r.Has("postage_excluded_regions"))
    p.postage_excluded_regions = r.StrList("postage_excluded_regions", 40, 30);
  p.payment_timeout_minutes = opt_int("payment_timeout_minutes", 5, 7 * 24 * 60);
  p.auto_receive_days = opt_int("auto_receive_days", 1, 60);
  p.aftersales_window_days = opt_int("aftersales_window_days", 0, 90);
  return p;
}

Reply GetShop(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto m = s.modules.identity.GetMerchant(tx, who->merchant_id);
    if (!m) return Fail(m.error());
    return EncodeShop(*m);
  });
}

Reply UpdateShop(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  identity::ShopUpdate u;
  u.name = r.OptStr("name", 100);
  u.description = r.OptStr("description", 2000);
  u.logo_url = r.OptStr("logo_url", 500);
  u.contact_phone = r.OptStr("contact_phone", 40);
  if (r.Has("settings")) {
    const json::object& settings = r.Object("settings");
    JsonReader sr(settings, "settings");
    u.settings = ReadSettings(settings, sr);
    if (sr.Error()) return ErrorResponse(*sr.Error());
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = who->merchant_id;
  return WriteThen<identity::Merchant>(
      s, [&s, merchant, u](Tx& tx) { return s.modules.identity.UpdateShop(tx, merchant, u); },
      EncodeShop);
}

Reply ListStaff(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kStaffManage);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.identity.ListStaff(tx, who->merchant_id);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& st : *list) items.push_back(EncodeStaff(st));
    return json::object{{"items", std::move(items)}};
  });
}

Reply CreateStaff(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kStaffManage);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  identity::StaffInput in;
  in.login = r.Str("login", {.max_len = 100, .min_len = 3});
  in.name = r.Str("name", {.max_len = 100, .min_len = 1});
  std::string role = r.Str("role", {.max_len = 20});
  std::string password = r.Str("password", {.max_len = 200});
  auto parsed = identity::ParseRole(role);
  if (!r.Error() && !parsed) r.Reject("role", "must be one of owner, admin, staff, finance");
  if (r.Error()) return ErrorResponse(*r.Error());
  in.role = *parsed;
  auto shop = storage::ReadValue(
      s.db, [&](Tx& tx) { return s.modules.identity.GetMerchant(tx, who->merchant_id); });
  if (!shop) return ErrorResponse(shop.error());
  auto strong = identity::CheckPassword(password, {in.login, shop->slug, in.name});
  if (!strong) return ErrorResponse(strong.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  identity::Principal by = *who;
  return OnPasswordPool(s, [&s, by, in, password, keyed = IdempotencyOnly(req)]() -> Reply {
    identity::StaffInput hashed = in;
    hashed.password_hash = s.passwords.Hash(password);
    return IdempotentWrite(s, keyed, by.merchant_id, "staff.create",
                           [&s, by, hashed](Tx& tx) -> Result<json::value> {
                             auto st = s.modules.identity.CreateStaff(tx, by, hashed);
                             if (!st) return Fail(st.error());
                             return EncodeStaff(*st);
                           });
  });
}

Reply UpdateStaff(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kStaffManage);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<StaffId>(req, "id", identity::errors::kStaffNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  auto role_text = r.OptStr("role", 20);
  auto status_text = r.OptStr("status", 20);
  std::optional<identity::Role> role;
  if (role_text) {
    role = identity::ParseRole(*role_text);
    if (!role) r.Reject("role", "must be one of owner, admin, staff, finance");
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  std::optional<identity::StaffStatus> status;
  if (status_text) {
    status = FromText(identity::kStaffStatusText, *status_text);
    if (!status) {
      return ErrorResponse(
          Invalid(identity::errors::kInvalidStatus, "status must be active or disabled"));
    }
  }
  identity::Principal by = *who;
  StaffId staff_id = *id;
  return WriteThen<identity::Staff>(
      s,
      [&s, by, staff_id, role, status](Tx& tx) {
        return s.modules.identity.UpdateStaff(tx, by, staff_id, role, status);
      },
      EncodeStaff);
}

}  // namespace

void AddShopRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/shop", [&s](HttpRequest& q) { return GetShop(s, q); });
  r.Add(Method::kPut, "/admin/v1/shop", [&s](HttpRequest& q) { return UpdateShop(s, q); });
  r.Add(Method::kGet, "/admin/v1/staff", [&s](HttpRequest& q) { return ListStaff(s, q); });
  r.Add(Method::kPost, "/admin/v1/staff", [&s](HttpRequest& q) { return CreateStaff(s, q); });
  r.Add(Method::kPatch, "/admin/v1/staff/{id}", [&s](HttpRequest& q) { return UpdateStaff(s, q); });
}

}  // namespace weishang::api
