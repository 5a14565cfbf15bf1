// Paying for an order, and the sandbox payment provider's two ends:
//   POST /store/v1/{shop}/orders/{token}/pay          {"provider":"sandbox"}
//   POST /callbacks/sandbox/{shop}                    the gateway's signed callback
//   POST /sandbox/v1/{shop}/payments/{id}/complete    the stand-in gateway: "the buyer paid"
// The last one plays WeChat Pay's part in a demo or test: it signs the
// callback with the merchant's sandbox secret and delivers it through the
// same path a real callback takes, signature check included. Asked with
// {"outcome":"declined"}, it fails the way WeChat Pay fails a payment (the
// buyer's balance, a limit): the buyer is told, the shop hears nothing, the
// payment stays open and the order keeps waiting, so paying again works.
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/payment/payment_errors.h"
#include "workflows/orders/order_flows.h"

namespace weishang::api {
namespace {

Reply Pay(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string provider = r.Str("provider", {.required = false, .max_len = 20});
  if (!provider.empty() && provider != "sandbox") {
    r.Reject("provider",
             "must be 'sandbox' (transfers and red envelopes are confirmed by the shop)");
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  std::string token(req.PathParam("token"));
  std::string slug(req.PathParam("shop"));
  return WriteThen<payment::Payment>(
      s,
      [&s, merchant, token](Tx& tx) {
        return workflows::StartSandboxPayment(tx, s.modules, merchant, token);
      },
      [slug](const payment::Payment& p) {
        json::object out = EncodePayment(p);
        out["gateway_url"] = "/sandbox/v1/" + slug + "/payments/" + EncodeId(p.id) + "/complete";
        return json::value(out);
      });
}

// Applies a callback; a refused one is logged in its own unit so the record
// survives the refusal.
Reply Deliver(Services& s, MerchantId merchant, std::string body, std::string signature) {
  storage::Database* db = &s.db;
  workflows::Modules* m = &s.modules;
  return Deferred{[=](Respond respond) {
    auto paid = std::make_shared<payment::Payment>();
    db->Submit(
        [=](Tx& tx) -> Result<void> {
          auto p = workflows::HandleSandboxCallback(tx, *m, merchant, body, signature);
          if (!p) return Fail(p.error());
          *paid = *p;
          return {};
        },
        [=](Result<void> r) {
          if (r)
            return respond([paid] {
              return Ok(json::object{{"ok", true}, {"payment", EncodePayment(*paid)}});
            });
          Error e = r.error();
          db->Submit(
              [=](Tx& tx) {
                return m->payments.LogCallback(tx, merchant, "sandbox", body,
                                               e.code != payment::errors::kBadSignature, e.code);
              },
              [=](Result<void>) { respond([e] { return ErrorResponse(e); }); });
        });
  }};
}

Reply Callback(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  return Deliver(s, *shop, req.body, req.signature);
}

Reply GatewayComplete(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto pay_id = PathId<PaymentId>(req, "id", payment::errors::kNotFound);
  if (!pay_id) return ErrorResponse(pay_id.error());
  auto body = req.body.empty() ? Result<json::object>(json::object()) : Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string outcome = r.Str("outcome", {.required = false, .max_len = 20});
  // The account that paid (a real gateway's payer openid); the store's sandbox sends one per
  // device.
  std::string payer = r.Str("payer", {.required = false, .max_len = 64});
  if (!r.Error() && !outcome.empty() && outcome != "paid" && outcome != "declined") {
    r.Reject("outcome", "must be 'paid' or 'declined'");
  }
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  auto signed_body = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::SignSandboxOutcome(tx, s.modules, merchant, *pay_id,
                                         /*declined=*/outcome == "declined",
                                         "sandbox-" + req.request_id, payer);
  });
  if (!signed_body) return ErrorResponse(signed_body.error());
  return Deliver(s, merchant, signed_body->body, signed_body->signature);
}

}  // namespace

void AddStorePaymentRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/pay",
        [&s](HttpRequest& q) { return Pay(s, q); });
  r.Add(Method::kPost, "/callbacks/sandbox/{shop}",
        [&s](HttpRequest& q) { return Callback(s, q); });
  if (s.config.sandbox) {
    r.Add(Method::kPost, "/sandbox/v1/{shop}/payments/{id}/complete",
          [&s](HttpRequest& q) { return GatewayComplete(s, q); });
  }
}

}  // namespace weishang::api
