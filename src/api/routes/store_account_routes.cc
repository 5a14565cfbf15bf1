// A customer's account in the store, under /store/v1/{shop}:
//   POST  auth/code {phone}            a sign-in code by text message
//   POST  auth/sign-in {phone, code}   a customer session token
//   POST  auth/wechat {code}           the same from a WeChat OAuth code
//   POST  auth/sign-out
//   GET   me, PATCH me                 the profile
//   GET   me/orders                    their orders, guest ones included
//   GET/POST me/addresses, PATCH/DELETE me/addresses/{id}   the address book
// and the console's GET /admin/v1/sandbox/sms (the sandbox provider's texts).
#include "api/routes/store_account_routes.h"

#include <memory>

#include "api/http/rate_limiter.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/accounts/accounts_errors.h"
#include "modules/order/order_errors.h"
#include "modules/sms/sms_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;

constexpr std::string_view kBearer = "Bearer ";

// Code requests per client address: a burst of 10, then one per 6 s, on top
// of the server's general per-address limit (the same token buckets).
constexpr double kCodeRatePerIp = 1.0 / 6.0;
constexpr double kCodeBurstPerIp = 10;

json::object EncodeMe(const customers::Customer& c) {
  return {{"id", EncodeId(c.id)},
          {"display_name", c.display_name},
          {"phone", c.phone},
          {"gender", TextOf(customers::kGenderText, c.gender)},
          {"birthday", c.birthday},
          {"province", c.province},
          {"city", c.city},
          {"district", c.district},
          {"orders_count", c.orders_count},
          {"created_at", FormatIso8601(c.created_at)}};
}

json::object EncodeSignedIn(const workflows::SignedIn& in) {
  return {{"token", in.issued.token},
          {"expires_at", FormatIso8601(in.issued.session.expires_at)},
          {"created", in.created},
          {"customer", EncodeMe(in.customer)}};
}

json::object EncodeAddress(const accounts::Address& a) {
  return {{"id", EncodeId(a.id)},
          {"name", a.name},
          {"phone", a.phone},
          {"province", a.province},
          {"city", a.city},
          {"district", a.district},
          {"address", a.address},
          {"postal_code", a.postal_code},
          {"is_default", a.is_default},
          {"updated_at", FormatIso8601(a.updated_at)}};
}

// Reads an address body; every field but city, district, postal code and
// is_default is required (accounts.invalid_address names the rest).
accounts::AddressInput ReadAddress(JsonReader& r) {
  accounts::AddressInput in;
  in.name = r.Str("name", {.max_len = 200});
  in.phone = customers::NormalisePhone(r.Str("phone", {.max_len = 40}));
  in.province = r.Str("province", {.max_len = 200});
  in.city = r.Str("city", {.required = false, .max_len = 200});
  in.district = r.Str("district", {.required = false, .max_len = 200});
  in.address = r.Str("address", {.max_len = 1000});
  in.postal_code = r.Str("postal_code", {.required = false, .max_len = 20});
  in.is_default = r.Bool("is_default");
  return in;
}

std::optional<std::string> CustomerToken(const HttpRequest& req) {
  if (!req.authorization.starts_with(kBearer)) return std::nullopt;
  return req.authorization.substr(kBearer.size());
}

// --- sign-in ---

// The customer already signed in on this device, if any; a dead token is
// no one (the device signs in afresh).
Result<std::optional<workflows::CurrentCustomer>> SignedInAlready(Services& s,
                                                                  const HttpRequest& req,
                                                                  MerchantId merchant) {
  auto current = OptionalCustomer(s, req, merchant);
  if (!current && current.error().kind == ErrorKind::kUnauthenticated) {
    return std::optional<workflows::CurrentCustomer>();
  }
  return current;
}

Reply RequestCode(Services& s, HttpRequest& req, const workflows::SignInWiring& w,
                  RateLimiter& per_ip) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  if (!per_ip.Allow(req.remote_ip)) {
    return ErrorResponse(Error{ErrorKind::kRateLimited, sms::errors::kRateLimited,
                               "too many code requests from this address; wait a minute"});
  }
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string phone = r.Str("phone", {.max_len = 40});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  sms::CodeService* codes = &w.codes;
  return WriteAnswer<sms::CodeRequest>(
      s,
      [&s, codes, merchant, phone](Tx& tx) {
        return workflows::RequestSignInCode(tx, s.modules, *codes, merchant, phone);
      },
      [codes](const sms::CodeRequest& sent) {
        if (!sent.sent) {
          HttpResponse resp =
              ErrorResponse(Error{ErrorKind::kRateLimited, sms::errors::kTooSoon,
                                  "a code was sent less than a minute ago; ask again in " +
                                      std::to_string(sent.retry_after_s) + " s"});
          resp.headers.emplace_back("Retry-After", std::to_string(sent.retry_after_s));
          return resp;
        }
        return Ok(json::object{{"sent", true},
                               {"expires_at", FormatIso8601(sent.expires_at)},
                               {"resend_after", codes->policy().resend_after / 1000}});
      });
}

Reply SignIn(Services& s, HttpRequest& req, const workflows::SignInWiring& w) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto current = SignedInAlready(s, req, *shop);
  if (!current) return ErrorResponse(current.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string phone = r.Str("phone", {.max_len = 40});
  std::string code = r.Str("code", {.max_len = 12});
  std::string visitor = r.Str("visitor", {.required = false, .max_len = 64});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  std::optional<CustomerId> who;
  if (*current) who = (*current)->customer.id;
  sms::CodeService* codes = &w.codes;
  return WriteAnswer<workflows::CodeSignIn>(
      s,
      [&s, codes, merchant, phone, code, who, visitor](Tx& tx) {
        return workflows::SignInWithCode(tx, s.modules, *codes, merchant, phone, code, who,
                                         visitor);
      },
      [](const workflows::CodeSignIn& out) {
        if (!out.signed_in) return ErrorResponse(sms::VerdictError(out.verdict));
        return Ok(EncodeSignedIn(*out.signed_in));
      });
}

Reply SignInWechat(Services& s, HttpRequest& req, const workflows::SignInWiring& w) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  if (w.wechat == nullptr) {
    return ErrorResponse(Error{ErrorKind::kUnavailable, accounts::errors::kWechatUnavailable,
                               "WeChat sign-in is not set up on this server"});
  }
  auto current = SignedInAlready(s, req, *shop);
  if (!current) return ErrorResponse(current.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string code = r.Str("code", {.max_len = 200, .min_len = 1});
  std::string visitor = r.Str("visitor", {.required = false, .max_len = 64});
  if (r.Error()) return ErrorResponse(*r.Error());
  // Outside the unit of work: a real provider calls WeChat over the network.
  auto identity = w.wechat->Exchange(*shop, code);
  if (!identity) return ErrorResponse(identity.error());
  MerchantId merchant = *shop;
  std::optional<CustomerId> who;
  if (*current) who = (*current)->customer.id;
  return WriteThen<workflows::SignedIn>(
      s,
      [&s, merchant, identity = *identity, who, visitor](Tx& tx) {
        return workflows::SignInWithWechat(tx, s.modules, merchant, identity, who, visitor);
      },
      [](const workflows::SignedIn& in) { return json::value(EncodeSignedIn(in)); });
}

Reply SignOut(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  MerchantId merchant = me->shop;
  std::string token = *CustomerToken(req);
  return WriteThen<bool>(
      s,
      [&s, merchant, token](Tx& tx) -> Result<bool> {
        auto ok = s.modules.accounts.CloseSession(tx, merchant, token);
        if (!ok) return Fail(ok.error());
        return true;
      },
      [](const bool&) {
        return json::value(json::object{{"signed_out", true}});
      });
}

// --- me ---

Reply GetMe(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  return Ok(EncodeMe(me->customer));
}

Reply UpdateMe(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  customers::ProfileUpdate u;
  u.display_name = r.OptStr("display_name", 200);
  if (auto g = r.OptStr("gender", 20)) {
    u.gender = FromText(customers::kGenderText, *g);
    if (!u.gender) r.Reject("gender", "must be unknown, female or male");
  }
  u.birthday = r.OptStr("birthday", 20);
  u.province = r.OptStr("province", 200);
  u.city = r.OptStr("city", 200);
  u.district = r.OptStr("district", 200);
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = me->shop;
  CustomerId id = me->customer.id;
  return WriteThen<customers::Customer>(
      s,
      [&s, merchant, id, u](Tx& tx) {
        return s.modules.customers.UpdateProfile(tx, merchant, id, u);
      },
      [](const customers::Customer& c) { return json::value(EncodeMe(c)); });
}

Reply MyOrders(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<OrderId>(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<OrderId> before;
  if (after->value() != 0) before = *after;
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list =
        workflows::OrdersOfCustomer(tx, s.modules, me->shop, me->customer.id, before, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& o : *list) items.push_back(EncodeBuyerOrder(o));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr)}};
  });
}

// --- address book ---

Reply ListAddresses(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.accounts.Addresses(tx, me->shop, me->customer.id);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& a : *list) items.push_back(EncodeAddress(a));
    return json::object{{"items", std::move(items)}};
  });
}

Reply AddAddress(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  accounts::AddressInput in = ReadAddress(r);
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = me->shop;
  CustomerId id = me->customer.id;
  // Scoped by customer: two customers may use the same key.
  return IdempotentWrite(s, req, merchant, "store.address.create." + EncodeId(id),
                         [&s, merchant, id, in](Tx& tx) -> Result<json::value> {
                           auto a = s.modules.accounts.AddAddress(tx, merchant, id, in);
                           if (!a) return Fail(a.error());
                           return EncodeAddress(*a);
                         });
}

Reply UpdateAddress(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto address = PathId<CustomerAddressId>(req, "id", accounts::errors::kAddressNotFound);
  if (!address) return ErrorResponse(address.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  accounts::AddressInput in = ReadAddress(r);
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = me->shop;
  CustomerId id = me->customer.id;
  CustomerAddressId aid = *address;
  return WriteThen<accounts::Address>(
      s,
      [&s, merchant, id, aid, in](Tx& tx) {
        return s.modules.accounts.UpdateAddress(tx, merchant, id, aid, in);
      },
      [](const accounts::Address& a) { return json::value(EncodeAddress(a)); });
}

Reply RemoveAddress(Services& s, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto address = PathId<CustomerAddressId>(req, "id", accounts::errors::kAddressNotFound);
  if (!address) return ErrorResponse(address.error());
  MerchantId merchant = me->shop;
  CustomerId id = me->customer.id;
  CustomerAddressId aid = *address;
  return WriteThen<bool>(
      s,
      [&s, merchant, id, aid](Tx& tx) -> Result<bool> {
        auto ok = s.modules.accounts.RemoveAddress(tx, merchant, id, aid);
        if (!ok) return Fail(ok.error());
        return true;
      },
      [aid](const bool&) {
        return json::value(json::object{{"id", EncodeId(aid)}, {"deleted", true}});
      });
}

// --- the console's SMS sandbox ---

// GET /admin/v1/sandbox/sms?phone=&limit=&after=: the texts the sandbox
// provider "sent" for this shop, newest first (owner and admin: they hold
// sign-in codes).
Reply SandboxMessages(Services& s, HttpRequest& req, sms::SandboxSmsProvider& sandbox) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<SmsMessageId>(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<SmsMessageId> before;
  if (after->value() != 0) before = *after;
  std::string phone = customers::NormalisePhone(req.QueryParam("phone"));
  if (phone.empty() && !req.QueryParam("phone").empty()) {
    return ErrorResponse(
        Invalid(sms::errors::kInvalidPhone, "phone must be an 11-digit mobile number"));
  }
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = sandbox.List(tx, who->merchant_id, phone, before, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& m : *list) {
      items.push_back(json::object{{"id", EncodeId(m.id)},
                                   {"phone", m.phone},
                                   {"template", m.template_code},
                                   {"text", m.text},
                                   {"sent_at", FormatIso8601(m.sent_at)}});
    }
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr)}};
  });
}

}  // namespace

Result<std::optional<workflows::CurrentCustomer>> OptionalCustomer(Services& s,
                                                                   const HttpRequest& req,
                                                                   MerchantId merchant) {
  auto token = CustomerToken(req);
  if (!token) return std::optional<workflows::CurrentCustomer>();
  auto me = storage::ReadValue(
      s.db, [&](Tx& tx) { return workflows::ResolveCustomer(tx, s.modules, merchant, *token); });
  if (!me) return Fail(me.error());
  return std::optional<workflows::CurrentCustomer>(std::move(*me));
}

Result<workflows::CurrentCustomer> RequireCustomer(Services& s, const HttpRequest& req,
                                                   MerchantId merchant) {
  auto me = OptionalCustomer(s, req, merchant);
  if (!me) return Fail(me.error());
  if (!*me) {
    return Fail(ErrorKind::kUnauthenticated, accounts::errors::kUnauthenticated,
                "sign in to the store first (Authorization: Bearer wsc_…)");
  }
  return std::move(**me);
}

Result<ShopCustomer> RequireShopCustomer(Services& s, const HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return Fail(shop.error());
  auto me = RequireCustomer(s, req, *shop);
  if (!me) return Fail(me.error());
  return ShopCustomer{std::move(*me), *shop};
}

void AddStoreAccountRoutes(Router& r, Services& s, const workflows::SignInWiring& w) {
  auto per_ip = std::make_shared<RateLimiter>(kCodeRatePerIp, kCodeBurstPerIp);
  r.Add(Method::kPost, "/store/v1/{shop}/auth/code",
        [&s, w, per_ip](HttpRequest& q) { return RequestCode(s, q, w, *per_ip); });
  r.Add(Method::kPost, "/store/v1/{shop}/auth/sign-in",
        [&s, w](HttpRequest& q) { return SignIn(s, q, w); });
  r.Add(Method::kPost, "/store/v1/{shop}/auth/wechat",
        [&s, w](HttpRequest& q) { return SignInWechat(s, q, w); });
  r.Add(Method::kPost, "/store/v1/{shop}/auth/sign-out",
        [&s](HttpRequest& q) { return SignOut(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/me", [&s](HttpRequest& q) { return GetMe(s, q); });
  r.Add(Method::kPatch, "/store/v1/{shop}/me", [&s](HttpRequest& q) { return UpdateMe(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/me/orders",
        [&s](HttpRequest& q) { return MyOrders(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/me/addresses",
        [&s](HttpRequest& q) { return ListAddresses(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/me/addresses",
        [&s](HttpRequest& q) { return AddAddress(s, q); });
  r.Add(Method::kPatch, "/store/v1/{shop}/me/addresses/{id}",
        [&s](HttpRequest& q) { return UpdateAddress(s, q); });
  r.Add(Method::kDelete, "/store/v1/{shop}/me/addresses/{id}",
        [&s](HttpRequest& q) { return RemoveAddress(s, q); });
  // Only while the sandbox is on (serve --no-sandbox turns it off), as the
  // sandbox payment gateway.
  if (w.sandbox != nullptr && s.config.sandbox) {
    sms::SandboxSmsProvider* sandbox = w.sandbox;
    r.Add(Method::kGet, "/admin/v1/sandbox/sms",
          [&s, sandbox](HttpRequest& q) { return SandboxMessages(s, q, *sandbox); });
  }
}

}  // namespace weishang::api
