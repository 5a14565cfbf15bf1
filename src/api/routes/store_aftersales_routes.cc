// The buyer's after-sales requests on an order:
//   POST /store/v1/{shop}/orders/{token}/aftersales                 {kind, reason, note, lines}
//   POST /store/v1/{shop}/orders/{token}/aftersales/{id}/ship-back  {carrier, tracking_no}
//   POST /store/v1/{shop}/orders/{token}/aftersales/{id}/withdraw
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/aftersales/aftersales_errors.h"
#include "workflows/aftersales/aftersales_flows.h"

namespace weishang::api {
namespace {

Reply Request(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::AftersalesRequestInput in;
  in.merchant_id = *shop;
  in.order_token = std::string(req.PathParam("token"));
  std::string kind = r.Str("kind", {.max_len = 30});
  in.reason = r.Str("reason", {.max_len = 200, .min_len = 1});
  in.note = r.Str("note", {.required = false, .max_len = 1000});
  const auto& lines = r.Array("lines", false, order::kMaxCartLines);
  for (std::size_t i = 0; i < lines.size() && !r.Error(); ++i) {
    if (!lines[i].is_object()) {
      r.Reject("lines", "must be a list of {line_no, quantity}");
      break;
    }
    JsonReader lr(lines[i].as_object(), "lines[" + std::to_string(i) + "]");
    int line_no = static_cast<int>(lr.Int("line_no", {.min = 1, .max = order::kMaxCartLines}));
    std::int64_t qty = lr.Int("quantity", {.min = 1, .max = order::kMaxLineQuantity});
    if (lr.Error()) return ErrorResponse(*lr.Error());
    in.lines.push_back({line_no, qty});
  }
  auto parsed = aftersales::ParseKind(kind);
  if (!r.Error() && !parsed) {
    r.Reject("kind", "must be one of no_reason_return, quality_return, exchange, refund_only");
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  in.kind = *parsed;
  return IdempotentWrite(s, req, in.merchant_id, "store.aftersales",
                         [&s, in](Tx& tx) -> Result<json::value> {
                           auto created = workflows::RequestAftersales(tx, s.modules, in);
                           if (!created) return Fail(created.error());
                           return EncodeAftersales(*created);
                         });
}

Reply ShipBack(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto id = PathId<AftersalesId>(req, "id", aftersales::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string carrier = r.Str("carrier", {.max_len = 50, .min_len = 1});
  std::string tracking = r.Str("tracking_no", {.max_len = 60, .min_len = 3});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  AftersalesId request_id = *id;
  std::string token(req.PathParam("token"));
  return WriteThen<aftersales::Request>(
      s,
      [&s, merchant, token, request_id, carrier, tracking](Tx& tx) {
        return workflows::ShipBack(tx, s.modules, merchant, token, request_id, carrier, tracking);
      },
      [](const aftersales::Request& a) { return json::value(EncodeAftersales(a)); });
}

Reply Withdraw(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto id = PathId<AftersalesId>(req, "id", aftersales::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  MerchantId merchant = *shop;
  AftersalesId request_id = *id;
  std::string token(req.PathParam("token"));
  return WriteThen<aftersales::Request>(
      s,
      [&s, merchant, token, request_id](Tx& tx) {
        return workflows::WithdrawAftersales(tx, s.modules, merchant, token, request_id);
      },
      [](const aftersales::Request& a) { return json::value(EncodeAftersales(a)); });
}

}  // namespace

void AddStoreAftersalesRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/aftersales",
        [&s](HttpRequest& q) { return Request(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/aftersales/{id}/ship-back",
        [&s](HttpRequest& q) { return ShipBack(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/aftersales/{id}/withdraw",
        [&s](HttpRequest& q) { return Withdraw(s, q); });
}

}  // namespace weishang::api
