// The merchant's webhooks, under /admin/v1 (Permission::kSettings: an
// endpoint's secret is shown to whoever may read it):
//   GET   /admin/v1/webhooks                     POST /admin/v1/webhooks  [Idempotency-Key]
//   GET   /admin/v1/webhooks/{id}                PATCH /admin/v1/webhooks/{id}
//   GET   /admin/v1/webhooks/{id}/deliveries?after=&limit=
//   GET   /admin/v1/webhook-deliveries/{id}      (with every attempt)
//   POST  /admin/v1/webhook-deliveries/{id}/replay
#include "api/routes/webhook_routes.h"

#include "api/routes/support.h"
#include "modules/webhooks/webhooks_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = webhooks::errors;

json::object EncodeEndpoint(const webhooks::Endpoint& e) {
  json::array kinds;
  for (const auto& k : e.kinds) kinds.emplace_back(k);
  return {{"id", EncodeId(e.id)},
          {"url", e.url},
          {"description", e.description},
          {"events", std::move(kinds)},
          {"secret", e.secret},
          {"status", webhooks::EndpointStatusName(e.status)},
          {"created_at", FormatIso8601(e.created_at)},
          {"updated_at", FormatIso8601(e.updated_at)}};
}

json::object EncodeDelivery(const webhooks::Delivery& d) {
  json::object o{
      {"id", EncodeId(d.id)},
      {"endpoint_id", EncodeId(d.endpoint_id)},
      {"event_id", EncodeId(EventId(d.event_seq))},
      {"event", d.kind},
      {"status", webhooks::DeliveryStatusName(d.status)},
      {"attempts", d.attempts},
      {"last_status", d.last_status ? json::value(*d.last_status) : json::value(nullptr)},
      {"last_error", d.last_error},
      {"created_at", FormatIso8601(d.created_at)}};
  o["next_attempt_at"] = d.status == webhooks::DeliveryStatus::kPending
                             ? json::value(FormatIso8601(d.next_attempt_at))
                             : json::value(nullptr);
  o["delivered_at"] =
      d.delivered_at ? json::value(FormatIso8601(*d.delivered_at)) : json::value(nullptr);
  return o;
}

json::object EncodeAttempt(const webhooks::Attempt& a) {
  return {{"at", FormatIso8601(a.at)},
          {"http_status", a.http_status ? json::value(*a.http_status) : json::value(nullptr)},
          {"response", a.response},
          {"error", a.error},
          {"duration_ms", a.duration_ms}};
}

// Reads url, description and events; `creating` makes url and events required.
struct EndpointFields {
  std::optional<std::string> url, description;
  std::optional<std::vector<std::string>> kinds;
  std::optional<webhooks::EndpointStatus> status;
};
EndpointFields ReadEndpoint(JsonReader& r, bool creating) {
  EndpointFields f;
  if (creating || r.Has("url")) f.url = r.Str("url", {.max_len = 2000, .min_len = 1});
  f.description = r.OptStr("description", 200);
  if (creating || r.Has("events")) f.kinds = r.StrList("events", 30, 40);
  if (auto s = r.OptStr("status", 20)) {
    f.status = webhooks::ParseEndpointStatus(*s);
    if (!f.status) r.Reject("status", "must be active or disabled");
  }
  return f;
}

Reply CreateEndpoint(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  EndpointFields f = ReadEndpoint(r, true);
  if (r.Error()) return ErrorResponse(*r.Error());
  webhooks::EndpointInput in{*f.url, f.description.value_or(""), *f.kinds};
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "webhooks.endpoint.create",
                         [&w, m, in](Tx& tx) -> Result<json::value> {
                           auto e = w.CreateEndpoint(tx, m, in);
                           if (!e) return Fail(e.error());
                           return EncodeEndpoint(*e);
                         });
}

Reply UpdateEndpoint(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<WebhookEndpointId>(req, "id", errors::kEndpointNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  EndpointFields f = ReadEndpoint(r, false);
  if (r.Error()) return ErrorResponse(*r.Error());
  webhooks::EndpointUpdate u{f.url, f.description, f.kinds, f.status};
  MerchantId m = who->merchant_id;
  WebhookEndpointId endpoint = *id;
  return WriteThen<webhooks::Endpoint>(
      s, [&w, m, endpoint, u](Tx& tx) { return w.UpdateEndpoint(tx, m, endpoint, u); },
      [](const webhooks::Endpoint& e) { return json::value(EncodeEndpoint(e)); });
}

Reply ListEndpoints(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.ListEndpoints(tx, who->merchant_id);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& e : *list) items.push_back(EncodeEndpoint(e));
    return json::object{{"items", std::move(items)}};
  });
}

Reply GetEndpoint(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<WebhookEndpointId>(req, "id", errors::kEndpointNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto e = w.GetEndpoint(tx, who->merchant_id, *id);
    if (!e) return Fail(e.error());
    return EncodeEndpoint(*e);
  });
}

Reply ListDeliveries(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<WebhookEndpointId>(req, "id", errors::kEndpointNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto before = *DecodeCursor<WebhookDeliveryId>(page->after);
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.ListDeliveries(tx, who->merchant_id, *id, before, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& d : *list) items.push_back(EncodeDelivery(d));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr)}};
  });
}

Reply GetDelivery(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kSettings);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<WebhookDeliveryId>(req, "id", errors::kDeliveryNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = w.GetDelivery(tx, who->merchant_id, *id);
    if (!d) return Fail(d.error());
    auto attempts = w.ListAttempts(tx, who->merchant_id, *id);
    if (!attempts) return Fail(attempts.error());
    json::object out = EncodeDelivery(*d);
    out["body"] = d->body;
    json::array list;
    for (const auto& a : *attempts) list.push_back(EncodeAttempt(a));
    out["attempts_made"] = std::move(list);
    return out;
  });
}

Reply ReplayDelivery(Services& s, webhooks::WebhookService& w, HttpRequest& req) {
  return RecordStep<webhooks::Delivery, WebhookDeliveryId>(
      s, req, Permission::kSettings, errors::kDeliveryNotFound,
      [&w](const identity::Principal& who, WebhookDeliveryId id,
           JsonReader&) -> RecordUnit<webhooks::Delivery> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.Replay(tx, m, id); };
      },
      [](const webhooks::Delivery& d) { return json::value(EncodeDelivery(d)); });
}

}  // namespace

void AddWebhookRoutes(Router& r, Services& s, webhooks::WebhookService& w) {
  r.Add(Method::kGet, "/admin/v1/webhooks",
        [&s, &w](HttpRequest& q) { return ListEndpoints(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/webhooks",
        [&s, &w](HttpRequest& q) { return CreateEndpoint(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/webhooks/{id}",
        [&s, &w](HttpRequest& q) { return GetEndpoint(s, w, q); });
  r.Add(Method::kPatch, "/admin/v1/webhooks/{id}",
        [&s, &w](HttpRequest& q) { return UpdateEndpoint(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/webhooks/{id}/deliveries",
        [&s, &w](HttpRequest& q) { return ListDeliveries(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/webhook-deliveries/{id}",
        [&s, &w](HttpRequest& q) { return GetDelivery(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/webhook-deliveries/{id}/replay",
        [&s, &w](HttpRequest& q) { return ReplayDelivery(s, w, q); });
}

}  // namespace weishang::api
