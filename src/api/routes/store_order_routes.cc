// The buyer's side of an order, under /store/v1/{shop}: carts, quotes,
// checkout, the order page, payment, receipt and after-sales. The buyer is
// identified by unguessable cart and order tokens.
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/store_decoders.h"
#include "api/routes/support.h"
#include "core/crypto.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/idempotency/idempotency.h"
#include "workflows/aftersales/aftersales_flows.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/cart/set_cart_line.h"
#include "workflows/checkout/checkout.h"
#include "workflows/checkout/coupon_choice.h"
#include "workflows/orders/order_flows.h"

namespace weishang::api {
namespace {

// The cart's lines, and its quote or why it cannot be priced.
json::object EncodeCartView(const std::string& token, const workflows::CartView& view) {
  json::object out{{"cart_token", token}};
  json::array lines;
  for (const auto& l : view.cart.lines) {
    lines.push_back(json::object{{"sku_id", EncodeId(l.sku_id)}, {"quantity", l.quantity}});
  }
  out["lines"] = std::move(lines);
  if (view.quote) out["quote"] = EncodeQuoteForApi(*view.quote);
  if (view.quote_error) {
    out["quote_error"] =
        json::object{{"code", view.quote_error->code}, {"message", view.quote_error->message}};
  }
  return out;
}

Reply CreateCart(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  MerchantId merchant = *shop;
  return IdempotentWrite(
      s, req, merchant, "store.cart", [&s, merchant](Tx& tx) -> Result<json::value> {
        auto cart = s.modules.orders.CreateCart(tx, merchant);
        if (!cart) return Fail(cart.error());
        return json::object{{"cart_token", cart->token}, {"lines", json::array{}}};
      });
}

Reply GetCart(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  std::string token(req.PathParam("token"));
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto view = workflows::ReadCart(tx, s.modules, *shop, token, s.clock.Now(), &s.pricing_cache);
    if (!view) return Fail(view.error());
    return EncodeCartView(token, *view);
  });
}

Reply SetCartLine(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto sku = PathId<SkuId>(req, "sku", catalog::errors::kSkuNotFound);
  if (!sku) return ErrorResponse(sku.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::int64_t qty = r.Int("quantity", {.min = 0, .max = order::kMaxLineQuantity});
  if (r.Error()) return ErrorResponse(*r.Error());
  MerchantId merchant = *shop;
  SkuId sku_id = *sku;
  std::string token(req.PathParam("token"));
  return WriteThen<json::value>(
      s,
      [&s, merchant, sku_id, qty, token](Tx& tx) -> Result<json::value> {
        auto ok = workflows::SetCartLine(tx, s.modules, merchant, token, sku_id, qty);
        if (!ok) return Fail(ok.error());
        return json::object{{"sku_id", EncodeId(sku_id)}, {"quantity", qty}};
      },
      [](const json::value& v) { return v; });
}

Reply Quote(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  BodyArena arena;
  auto body = Body(req, arena);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeOrderRequest(*body, *shop, /*need_buyer=*/false);
  if (!in) return ErrorResponse(in.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto prepared = workflows::PrepareOrder(tx, s.modules, *in, s.clock.Now(), &s.pricing_cache);
    if (!prepared) return Fail(prepared.error());
    return EncodeQuoteForApi(prepared->quote);
  });
}

json::object EncodeCouponChoice(const workflows::CouponChoice& c) {
  const pricing::Coupon& coupon = c.coupon.coupon;
  json::object out{{"code", coupon.code},
                   {"name", c.coupon.name},
                   {"kind", coupon.kind == pricing::CouponKind::kFixed ? "fixed" : "percent"},
                   {"amount_off", coupon.amount_off},
                   {"percent_off_bp", coupon.percent_off_bp},
                   {"max_off", coupon.max_off},
                   {"min_spend", coupon.min_spend},
                   {"valid_until", FormatIso8601(coupon.valid_until)},
                   {"applicable", c.quote.has_value()}};
  out["coupon_discount"] = c.quote ? c.quote->coupon_discount : 0;
  out["total"] = c.quote ? json::value(c.quote->total) : json::value(nullptr);
  out["reason"] =
      c.reason ? json::value(json::object{{"code", c.reason->code}, {"message", c.reason->message}})
               : json::value(nullptr);
  return out;
}

// The coupons a buyer can choose from for this order, each priced.
Reply QuoteCoupons(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  BodyArena arena;
  auto body = Body(req, arena);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeOrderRequest(*body, *shop, /*need_buyer=*/false);
  if (!in) return ErrorResponse(in.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto choices = workflows::ChooseCoupons(tx, s.modules, *in, s.clock.Now(), &s.pricing_cache);
    if (!choices) return Fail(choices.error());
    json::array items;
    for (const auto& c : *choices) items.push_back(EncodeCouponChoice(c));
    return json::object{{"items", std::move(items)}};
  });
}

// One checkout between its phases: what the writer needs, and the order it
// placed. Shared by the write unit and the answer, so each holds a pointer
// rather than its own copies.
struct PendingCheckout {
  workflows::PreparedOrder prepared;
  std::string key;
  std::string hash;
  std::optional<CustomerId> customer;  // signed in: the order is theirs
  std::string visitor;                 // the device, for attribution
  order::Order placed;
};

// The write half of checkout (workflows::CommitCheckout, with its
// idempotency record), answered once durable. The answer is rendered on the
// connection's thread, not by the single writer.
Reply CommitCheckout(Services& s, std::string key, std::string hash,
                     workflows::PreparedOrder prepared, std::optional<CustomerId> customer,
                     std::string visitor) {
  auto c = std::make_shared<PendingCheckout>(PendingCheckout{
      std::move(prepared), std::move(key), std::move(hash), customer, std::move(visitor), {}});
  storage::Database* db = &s.db;
  workflows::Modules* m = &s.modules;
  const Clock* clock = &s.clock;
  return Deferred{[c, db, m, clock](Respond respond) {
    db->Submit(
        [c, m, clock](Tx& tx) -> Result<void> {
          auto o = workflows::CommitCheckout(tx, *m, c->prepared, c->key, c->hash, clock->Now());
          if (!o) return Fail(o.error());
          c->placed = std::move(*o);
          auto credited = workflows::CreditPlacedOrder(tx, *m, c->placed, c->visitor, c->customer);
          if (!credited) return credited;
          // A signed-in buyer's order is linked to them now, whatever phone
          // it ships to; the customers handler's later link by phone is then
          // a no-op (customers_order keeps the first link).
          if (!c->customer) return {};
          return m->customers.LinkOrder(tx, c->placed.merchant_id, *c->customer, c->placed.id,
                                        c->placed.totals.total, c->placed.created_at);
        },
        [c, respond = std::move(respond)](Result<void> r) {
          respond([c, r = std::move(r)]() -> HttpResponse {
            if (!r) return ErrorResponse(r.error());
            HttpResponse resp;
            resp.status = 201;
            resp.body = RenderBuyerOrder(c->placed);
            return resp;
          });
        });
  }};
}

// Checkout in two phases (decision 0003): prepared on a read snapshot here,
// committed by the writer.
Reply Checkout(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  MerchantId merchant = *shop;
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  BodyArena arena;
  auto body = Body(req, arena);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeOrderRequest(*body, merchant, /*need_buyer=*/true);
  if (!in) return ErrorResponse(in.error());
  // Only a request carrying a customer token pays this read.
  auto me = OptionalCustomer(s, req, merchant);
  if (!me) return ErrorResponse(me.error());
  std::optional<CustomerId> customer;
  if (*me) customer = (*me)->customer.id;
  in->explain = false;  // the answer is the order; nobody reads the sentences
  std::string hash = FingerprintHex(req.body);
  auto start = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::StartCheckout(tx, s.modules, *in, req.idempotency_key, hash, s.clock.Now(),
                                    &s.pricing_cache);
  });
  if (!start) return ErrorResponse(start.error());
  if (start->earlier) return JsonResponse(201, EncodeBuyerOrder(*start->earlier));
  return CommitCheckout(s, req.idempotency_key, std::move(hash), std::move(*start->prepared),
                        customer, std::move(in->visitor));
}

Reply GetOrder(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  std::string token(req.PathParam("token"));
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadBuyerOrder(tx, s.modules, *shop, token);
    if (!d) return Fail(d.error());
    return EncodeBuyerOrderDetail(*d);
  });
}

// Runs the buyer's `step` on the order behind the token and answers with it.
using BuyerStepFn = Result<order::Order> (*)(Tx&, workflows::Modules&, MerchantId,
                                             const std::string&);
Reply BuyerStep(Services& s, HttpRequest& req, BuyerStepFn step) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  MerchantId merchant = *shop;
  std::string token(req.PathParam("token"));
  return WriteThen<order::Order>(
      s, [&s, merchant, token, step](Tx& tx) { return step(tx, s.modules, merchant, token); },
      [](const order::Order& o) { return json::value(EncodeBuyerOrder(o)); });
}

}  // namespace

void AddStoreOrderRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/store/v1/{shop}/carts", [&s](HttpRequest& q) { return CreateCart(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/carts/{token}",
        [&s](HttpRequest& q) { return GetCart(s, q); });
  r.Add(Method::kPut, "/store/v1/{shop}/carts/{token}/lines/{sku}",
        [&s](HttpRequest& q) { return SetCartLine(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/quote", [&s](HttpRequest& q) { return Quote(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/quote/coupons",
        [&s](HttpRequest& q) { return QuoteCoupons(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/checkout",
        [&s](HttpRequest& q) { return Checkout(s, q); });
  r.Add(Method::kGet, "/store/v1/{shop}/orders/{token}",
        [&s](HttpRequest& q) { return GetOrder(s, q); });
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/cancel",
        [&s](HttpRequest& q) { return BuyerStep(s, q, workflows::CancelByBuyer); });
  r.Add(Method::kPost, "/store/v1/{shop}/orders/{token}/receive",
        [&s](HttpRequest& q) { return BuyerStep(s, q, workflows::ConfirmReceiptByBuyer); });
}

}  // namespace weishang::api
