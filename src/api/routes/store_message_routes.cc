// The store message centre of the signed-in customer (Authorization: Bearer
// wsc_…): their messages with the unread count, marking one read, and the
// opt-out from promotions. Decode, call workflows/outreach or the module, encode.
#include "api/json/codecs.h"
#include "api/routes/outreach_routes.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/support.h"
#include "modules/outreach/outreach_errors.h"

namespace weishang::api {
namespace {

json::object EncodeMessage(const outreach::Message& m) {
  return json::object{{"id", EncodeId(m.id)},
                      {"campaign_id", EncodeId(m.campaign)},
                      {"kind", TextOf(outreach::kKindText, m.kind)},
                      {"title", m.title},
                      {"body", m.body},
                      {"product_id", m.product ? json::value(EncodeId(*m.product)) : json::value()},
                      {"created_at", TimeOrNull(m.created_at)},
                      {"read_at", TimeOrNull(m.read_at)}};
}

Reply ListMessages(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<DeliveryId>(page->after);
  if (!after) return ErrorResponse(after.error());
  std::optional<DeliveryId> before;
  if (after->valid()) before = *after;
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto inbox = workflows::LoadInbox(tx, w, me->shop, me->customer.id, before, page->limit);
    if (!inbox) return Fail(inbox.error());
    json::array items;
    for (const auto& m : inbox->messages) items.push_back(EncodeMessage(m));
    bool full = static_cast<int>(inbox->messages.size()) == page->limit;
    return json::object{{"items", std::move(items)},
                        {"unread", inbox->unread},
                        {"promotions_opt_out", inbox->opted_out},
                        {"next_cursor", full ? json::value(EncodeCursor(inbox->messages.back().id))
                                             : json::value(nullptr)}};
  });
}

Reply MarkRead(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto id = PathId<DeliveryId>(req, "id", outreach::errors::kMessageNotFound);
  if (!id) return ErrorResponse(id.error());
  MerchantId merchant = me->shop;
  CustomerId customer = me->customer.id;
  DeliveryId message = *id;
  return WriteThen<outreach::Message>(
      s,
      [&w, merchant, customer, message](Tx& tx) {
        return w.outreach.MarkRead(tx, merchant, customer, message);
      },
      [](const outreach::Message& m) { return json::value(EncodeMessage(m)); });
}

// PUT /store/v1/{shop}/me/message-settings {"promotions_opt_out": true|false}
Reply PutSettings(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  if (!r.Has("promotions_opt_out")) r.Reject("promotions_opt_out", "is required (true or false)");
  bool opt_out = r.Bool("promotions_opt_out");
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId merchant = me->shop;
  CustomerId customer = me->customer.id;
  return WriteThen<bool>(
      s,
      [&w, merchant, customer, opt_out](Tx& tx) -> Result<bool> {
        auto ok = w.outreach.SetOptOut(tx, merchant, customer, opt_out);
        if (!ok) return Fail(ok.error());
        return opt_out;
      },
      [](const bool& out) {
        return json::value(json::object{{"promotions_opt_out", out}});
      });
}

}  // namespace

void AddStoreMessageRoutes(Router& r, Services& s, workflows::OutreachWiring& w) {
  r.Add(Method::kGet, "/store/v1/{shop}/me/messages",
        [&s, &w](HttpRequest& q) { return ListMessages(s, q, w); });
  r.Add(Method::kPost, "/store/v1/{shop}/me/messages/{id}/read",
        [&s, &w](HttpRequest& q) { return MarkRead(s, q, w); });
  r.Add(Method::kPut, "/store/v1/{shop}/me/message-settings",
        [&s, &w](HttpRequest& q) { return PutSettings(s, q, w); });
}

}  // namespace weishang::api
