// The console's after-sales desk, under /admin/v1/aftersales.
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/aftersales/aftersales_errors.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;
using Unit = RecordUnit<aftersales::Request>;
using Decode = RecordDecode<aftersales::Request, AftersalesId>;

Reply List(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  aftersales::ListFilter f;
  f.limit = page->limit;
  f.after = *DecodeCursor<AftersalesId>(page->after);
  std::string status = req.QueryParam("status");
  if (!status.empty()) {
    f.status = aftersales::ParseStatus(status);
    if (!f.status)
      return ErrorResponse(Invalid(aftersales::errors::kInvalidStatusFilter, "unknown status"));
  }
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.aftersales.List(tx, who->merchant_id, f);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& a : *list) items.push_back(EncodeAftersales(a));
    json::object out{{"items", std::move(items)}};
    // A full page may be the last one; the page after it is then empty.
    bool full = static_cast<int>(list->size()) == f.limit;
    out["next_cursor"] = full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr);
    return out;
  });
}

Reply Get(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<AftersalesId>(req, "id", aftersales::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto a = s.modules.aftersales.Get(tx, who->merchant_id, *id);
    if (!a) return Fail(a.error());
    return EncodeAftersales(*a);
  });
}

Reply Step(Services& s, HttpRequest& req, Permission permission, const Decode& decode) {
  return RecordStep<aftersales::Request, AftersalesId>(
      s, req, permission, aftersales::errors::kNotFound, decode,
      [](const aftersales::Request& a) { return json::value(EncodeAftersales(a)); });
}

}  // namespace

void AddAftersalesRoutes(Router& r, Services& s) {
  workflows::Modules* m = &s.modules;
  r.Add(Method::kGet, "/admin/v1/aftersales", [&s](HttpRequest& q) { return List(s, q); });
  r.Add(Method::kGet, "/admin/v1/aftersales/{id}", [&s](HttpRequest& q) { return Get(s, q); });
  r.Add(Method::kPost, "/admin/v1/aftersales/{id}/approve", [&s, m](HttpRequest& q) {
    // Who may approve depends on the request's kind: the workflow decides.
    return Step(s, q, Permission::kRead,
                [m](const identity::Principal& who, AftersalesId id, JsonReader&) -> Unit {
                  return [m, who, id](Tx& tx) {
                    return workflows::ApproveAftersales(tx, *m, who, id);
                  };
                });
  });
  r.Add(Method::kPost, "/admin/v1/aftersales/{id}/refuse", [&s, m](HttpRequest& q) {
    return Step(s, q, Permission::kRead,
                [m](const identity::Principal& who, AftersalesId id, JsonReader& r) -> Unit {
                  std::string reason = r.Str("reason", {.max_len = 300, .min_len = 1});
                  return [m, who, id, reason](Tx& tx) {
                    return workflows::RefuseAftersales(tx, *m, who, id, reason);
                  };
                });
  });
  r.Add(Method::kPost, "/admin/v1/aftersales/{id}/receive", [&s, m](HttpRequest& q) {
    return Step(s, q, Permission::kOrderFulfil,
                [m](const identity::Principal& who, AftersalesId id, JsonReader&) -> Unit {
                  return [m, who, id](Tx& tx) {
                    return workflows::ReceiveReturn(tx, *m, who.merchant_id, id, who.staff_id);
                  };
                });
  });
  r.Add(Method::kPost, "/admin/v1/aftersales/{id}/ship-replacement", [&s, m](HttpRequest& q) {
    return Step(s, q, Permission::kOrderFulfil,
                [m](const identity::Principal& who, AftersalesId id, JsonReader& r) -> Unit {
                  std::string carrier = r.Str("carrier", {.max_len = 50, .min_len = 1});
                  std::string tracking = r.Str("tracking_no", {.max_len = 60, .min_len = 3});
                  return [m, who, id, carrier, tracking](Tx& tx) {
                    return workflows::ShipReplacement(tx, *m, who.merchant_id, id, carrier,
                                                      tracking);
                  };
                });
  });
}

}  // namespace weishang::api
