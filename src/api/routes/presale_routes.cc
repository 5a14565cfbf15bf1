// Pre-sales (预售): decode, call workflows/presale/presale_flows.h or the
// module, encode.
//   console (write: kPromotionWrite, the shop's marketing; read: kRead)
//     POST /admin/v1/presales
//     GET  /admin/v1/presales
//     GET  /admin/v1/presales/{id}          with orders, interest, the recommendation
//     POST /admin/v1/presales/{id}/close    no more interest or orders
//   store (reading: anyone; the rest: a signed-in customer, wsc_)
//     GET  /store/v1/{shop}/presales/{id}
//     POST /store/v1/{shop}/presales/{id}/interest   a like or a reservation, once
//     POST /store/v1/{shop}/presales/{id}/orders     full payment or deposit (an order)
//     POST /store/v1/{shop}/presale-orders/{id}/balance   the balance order of a deposit
#include "api/routes/presale_routes.h"

#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/store_decoders.h"
#include "api/routes/support.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/idempotency/idempotency.h"
#include "modules/presale/presale_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = presale::errors;

json::value OptFen(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value();
}

json::object EncodePresale(const presale::Presale& p, Timestamp now) {
  json::array prices;
  for (const auto& sp : p.prices) {
    prices.push_back(
        json::object{{"sku_id", EncodeId(sp.sku_id)},
                     {"list_price", sp.list_price},
                     {"price", sp.price},
                     {"balance", p.deposit ? json::value(sp.price - *p.deposit) : json::value()}});
  }
  return json::object{
      {"id", EncodeId(p.id)},
      {"product_id", EncodeId(p.product_id)},
      {"title", p.title},
      {"image_url", p.image_url},
      {"prices", std::move(prices)},
      {"deposit", OptFen(p.deposit)},
      {"quantity", OptFen(p.quantity)},
      {"per_customer_limit", p.per_customer_limit},
      {"sold", p.sold},
      {"left",
       p.quantity ? json::value(std::max<std::int64_t>(0, *p.quantity - p.sold)) : json::value()},
      {"interest", p.interest},
      {"paid_orders", p.paid_orders},
      {"interest_starts_at", TimeOrNull(p.interest_starts_at)},
      {"order_starts_at", TimeOrNull(p.order_starts_at)},
      {"order_ends_at", TimeOrNull(p.order_ends_at)},
      {"balance_starts_at", TimeOrNull(p.balance_starts_at)},
      {"balance_ends_at", TimeOrNull(p.balance_ends_at)},
      {"ship_at", TimeOrNull(p.ship_at)},
      {"candidate_id", p.candidate ? json::value(EncodeId(*p.candidate)) : json::value()},
      {"status", TextOf(presale::kStatusText, p.status)},
      {"phase", TextOf(presale::kPhaseText, p.PhaseAt(now))},
      {"created_at", TimeOrNull(p.created_at)}};
}

json::object EncodeEntry(const presale::PresaleOrder& o, bool with_customer) {
  json::object out{
      {"order_id", EncodeId(o.order_id)},
      {"sku_id", EncodeId(o.sku_id)},
      {"quantity", o.quantity},
      {"payment", TextOf(presale::kPaymentText, o.payment)},
      {"state", TextOf(presale::kOrderStateText, o.state)},
      {"balance_order_id",
       o.balance_order_id ? json::value(EncodeId(*o.balance_order_id)) : json::value()},
      {"created_at", TimeOrNull(o.created_at)},
      {"paid_at", TimeOrNull(o.paid_at)},
      {"balance_paid_at", TimeOrNull(o.balance_paid_at)},
      {"closed_at", TimeOrNull(o.closed_at)}};
  if (with_customer) out["customer_id"] = EncodeId(o.customer_id);
  return out;
}

json::object EncodeRecommendation(const presale::Recommendation& r) {
  json::array rates;
  for (double x : r.rates) rates.push_back(x);
  auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(); };
  return json::object{{"interest", r.interest},
                      {"history", r.history},
                      {"basis", r.basis},
                      {"conversion", r.conversion},
                      {"rates", std::move(rates)},
                      {"recommended", r.recommended},
                      {"conversion_low", opt(r.conversion_low)},
                      {"conversion_high", opt(r.conversion_high)},
                      {"low", opt(r.low)},
                      {"high", opt(r.high)}};
}

// An ISO-8601 time under `key`: required, or absent/null when optional.
void ReadTime(JsonReader& r, const char* key, Timestamp* out) {
  std::string text = r.Str(key, {.max_len = 40});
  if (!text.empty() && !ParseIso8601(text, out)) r.Reject(key, "must be an ISO-8601 time");
}
void ReadOptTime(JsonReader& r, const char* key, std::optional<Timestamp>* out) {
  auto text = r.OptStr(key, 40);
  if (!text || text->empty()) return;
  Timestamp t = 0;
  if (!ParseIso8601(*text, &t)) {
    r.Reject(key, "must be an ISO-8601 time");
    return;
  }
  *out = t;
}

// --- console ---

Reply CreatePresale(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::PresaleRequest in;
  std::string product = r.Str("product_id", {.max_len = 40});
  if (auto id = DecodeId<ProductId>(product)) {
    in.product_id = *id;
  } else if (!r.Error()) {
    r.Reject("product_id", "must be a product id (prd_…)");
  }
  in.title = r.Str("title", {.max_len = 400});
  in.image_url = r.Str("image_url", {.required = false, .max_len = 2000});
  in.deposit = r.OptInt("deposit", 0, 100'000'000);
  in.quantity = r.OptInt("quantity", 0, 100'000'000);
  in.per_customer_limit = static_cast<int>(
      r.Int("per_customer_limit", {.required = false, .min = 0, .max = 1000, .fallback = 5}));
  ReadTime(r, "interest_starts_at", &in.interest_starts_at);
  ReadTime(r, "order_starts_at", &in.order_starts_at);
  ReadTime(r, "order_ends_at", &in.order_ends_at);
  ReadOptTime(r, "balance_starts_at", &in.balance_starts_at);
  ReadOptTime(r, "balance_ends_at", &in.balance_ends_at);
  ReadTime(r, "ship_at", &in.ship_at);
  const auto& prices = r.Array("prices", true, 100);
  for (std::size_t i = 0; i < prices.size() && !r.Error(); ++i) {
    if (!prices[i].is_object()) {
      r.Reject("prices", "must be a list of {sku_id, price}");
      break;
    }
    JsonReader pr(prices[i].as_object(), "prices[" + std::to_string(i) + "]");
    std::string sku = pr.Str("sku_id", {.max_len = 40});
    Fen price = pr.Int("price", {.min = 0, .max = 100'000'000});
    if (pr.Error()) return ErrorResponse(*pr.Error());
    auto id = DecodeId<SkuId>(sku);
    if (!id) {
      r.Reject("prices", "sku_id must be a SKU id (sku_…)");
      break;
    }
    in.prices.push_back(workflows::PresalePriceRequest{*id, price});
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "presale.create",
                         [&s, &w, m, in](Tx& tx) -> Result<json::value> {
                           auto p = workflows::CreatePresale(tx, s.modules, w, m, in);
                           if (!p) return Fail(p.error());
                           return EncodePresale(*p, s.modules.clock.Now());
                         });
}

Reply ListPresales(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<PresaleId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.sales.List(tx, who->merchant_id, *after, page->limit);
    if (!list) return Fail(list.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& p : *list) items.push_back(EncodePresale(p, now));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value()}};
  });
}

Reply GetPresale(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<PresaleId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadPresaleDetail(tx, s.modules, w, who->merchant_id, *id);
    if (!d) return Fail(d.error());
    json::object out = EncodePresale(d->sale, s.modules.clock.Now());
    out["product_title"] = d->product_title;
    json::array orders;
    for (const auto& o : d->orders) orders.push_back(EncodeEntry(o, true));
    out["orders"] = std::move(orders);
    json::array interests;
    for (const auto& i : d->interests) {
      interests.push_back(json::object{{"customer_id", EncodeId(i.customer_id)},
                                       {"kind", TextOf(presale::kInterestKindText, i.kind)},
                                       {"created_at", TimeOrNull(i.created_at)}});
    }
    out["interests"] = std::move(interests);
    out["recommendation"] = EncodeRecommendation(d->recommendation);
    return out;
  });
}

Reply ClosePresale(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  return RecordStep<presale::Presale, PresaleId>(
      s, req, Permission::kPromotionWrite, errors::kNotFound,
      [&w](const identity::Principal& who, PresaleId id,
           JsonReader&) -> RecordUnit<presale::Presale> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.sales.Close(tx, m, id); };
      },
      [&s](const presale::Presale& p) -> json::value {
        return EncodePresale(p, s.modules.clock.Now());
      });
}

// --- store ---

json::object EncodeStoreProduct(const catalog::Product& p) {
  return json::object{{"id", EncodeId(p.id)},
                      {"title", p.title},
                      {"subtitle", p.subtitle},
                      {"description", p.description},
                      {"image_url", p.main_image ? json::value(p.main_image->url) : json::value()}};
}

Reply StorePresale(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  std::optional<CustomerId> viewer;
  if (*me) viewer = (*me)->customer.id;
  auto id = PathId<PresaleId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto p = workflows::LoadStorePresale(tx, s.modules, w, *shop, *id, viewer);
    if (!p) return Fail(p.error());
    json::object out = EncodePresale(p->sale, s.modules.clock.Now());
    out["product"] = EncodeStoreProduct(p->product);
    json::array prices;
    for (const auto& sp : p->sale.prices) {
      std::string spec;
      for (const auto& sku : p->product.skus) {
        if (sku.id != sp.sku_id) continue;
        for (const auto& v : sku.spec_values) spec += (spec.empty() ? "" : " / ") + v;
      }
      prices.push_back(json::object{
          {"sku_id", EncodeId(sp.sku_id)},
          {"spec_text", spec},
          {"list_price", sp.list_price},
          {"price", sp.price},
          {"balance", p->sale.deposit ? json::value(sp.price - *p->sale.deposit) : json::value()}});
    }
    out["prices"] = std::move(prices);
    out["my_interest"] = p->interest
                             ? json::value(TextOf(presale::kInterestKindText, p->interest->kind))
                             : json::value();
    json::array mine;
    for (const auto& o : p->mine) mine.push_back(EncodeEntry(o, false));
    out["my_orders"] = std::move(mine);
    return out;
  });
}

Reply RegisterInterest(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto id = PathId<PresaleId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = req.body.empty() ? Result<json::object>(json::object()) : Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string kind_text = r.Str("kind", {.required = false, .max_len = 20});
  if (kind_text.empty()) kind_text = "like";
  auto kind = FromText(presale::kInterestKindText, kind_text);
  if (!kind) r.Reject("kind", "must be like or reservation");
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId shop = me->shop;
  CustomerId customer = me->customer.id;
  PresaleId sale = *id;
  presale::InterestKind k = *kind;
  return WriteThen<workflows::InterestOutcome>(
      s,
      [&w, shop, sale, customer, k](Tx& tx) {
        return workflows::RegisterPresaleInterest(tx, w, shop, sale, customer, k);
      },
      [&s](const workflows::InterestOutcome& o) -> json::value {
        return json::object{
            {"added", o.added},
            {"interest", o.sale.interest},
            {"phase", TextOf(presale::kPhaseText, o.sale.PhaseAt(s.modules.clock.Now()))}};
      });
}

json::value EncodePlaced(const workflows::PresaleOrderPlaced& p) {
  return json::object{{"presale_order", EncodeEntry(p.entry, false)},
                      {"order", EncodeBuyerOrder(p.order)}};
}

Reply PlacePresaleOrder(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  auto id = PathId<PresaleId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string sku = r.Str("sku_id", {.max_len = 40});
  std::int64_t quantity =
      r.Int("quantity", {.required = false, .min = 1, .max = 100, .fallback = 1});
  std::string pay = r.Str("payment", {.required = false, .max_len = 20});
  if (pay.empty()) pay = "full";
  auto payment = FromText(presale::kPaymentText, pay);
  if (!payment) r.Reject("payment", "must be full or deposit");
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto sku_id = DecodeId<SkuId>(sku);
  if (!sku_id) {
    return ErrorResponse(
        NotFound(catalog::errors::kSkuNotFound, "no product option '" + sku + "'"));
  }
  json::object order_body = *body;
  order_body["lines"] = json::array{json::object{{"sku_id", sku}, {"quantity", quantity}}};
  auto decoded = DecodeOrderRequest(order_body, me->shop, /*need_buyer=*/true);
  if (!decoded) return ErrorResponse(decoded.error());
  workflows::PresaleOrderRequest in;
  in.merchant_id = me->shop;
  in.presale_id = *id;
  in.sku_id = *sku_id;
  in.quantity = quantity;
  in.payment = *payment;
  in.buyer = decoded->buyer;
  in.customer = me->customer.id;
  in.visitor = decoded->visitor;
  auto prepared = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::PreparePresaleOrder(tx, s.modules, w, in, s.clock.Now());
  });
  if (!prepared) return ErrorResponse(prepared.error());
  auto p = std::make_shared<workflows::PreparedPresaleOrder>(std::move(*prepared));
  return IdempotentWrite(s, req, me->shop, "store.presale.order." + EncodeId(in.customer),
                         [&s, &w, p](Tx& tx) -> Result<json::value> {
                           auto done = workflows::CommitPresaleOrder(tx, s.modules, w, *p);
                           if (!done) return Fail(done.error());
                           return EncodePlaced(*done);
                         });
}

Reply PayBalance(Services& s, workflows::PresaleWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  auto id = PathId<OrderId>(req, "id", errors::kOrderNotFound);
  if (!id) return ErrorResponse(id.error());
  MerchantId shop = me->shop;
  CustomerId customer = me->customer.id;
  auto prepared = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::PrepareBalanceOrder(tx, s.modules, w, shop, *id, customer, s.clock.Now());
  });
  if (!prepared) return ErrorResponse(prepared.error());
  auto p = std::make_shared<workflows::PreparedBalance>(std::move(*prepared));
  return IdempotentWrite(s, req, shop, "store.presale.balance." + EncodeId(customer),
                         [&s, &w, p](Tx& tx) -> Result<json::value> {
                           auto done = workflows::CommitBalanceOrder(tx, s.modules, w, *p);
                           if (!done) return Fail(done.error());
                           return EncodePlaced(*done);
                         });
}

}  // namespace

void AddPresaleRoutes(Router& r, Services& s, workflows::PresaleWiring& w) {
  auto add = [&](Method m, const char* pattern,
                 Reply (*fn)(Services&, workflows::PresaleWiring&, HttpRequest&)) {
    r.Add(m, pattern, [&s, &w, fn](HttpRequest& q) { return fn(s, w, q); });
  };
  add(Method::kPost, "/admin/v1/presales", CreatePresale);
  add(Method::kGet, "/admin/v1/presales", ListPresales);
  add(Method::kGet, "/admin/v1/presales/{id}", GetPresale);
  add(Method::kPost, "/admin/v1/presales/{id}/close", ClosePresale);
  add(Method::kGet, "/store/v1/{shop}/presales/{id}", StorePresale);
  add(Method::kPost, "/store/v1/{shop}/presales/{id}/interest", RegisterInterest);
  add(Method::kPost, "/store/v1/{shop}/presales/{id}/orders", PlacePresaleOrder);
  add(Method::kPost, "/store/v1/{shop}/presale-orders/{id}/balance", PayBalance);
}

}  // namespace weishang::api
