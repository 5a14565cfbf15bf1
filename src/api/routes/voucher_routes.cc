// Share vouchers (分享券): decode, call workflows/vouchers/voucher_flows.h or
// the module, encode.
//   console (campaigns: write kPromotionWrite, read kRead; the tree and the
//   flags name customers: kCustomersAdmin)
//     POST /admin/v1/voucher-campaigns
//     GET  /admin/v1/voucher-campaigns
//     GET  /admin/v1/voucher-campaigns/{id}        with its counts and generations
//     POST /admin/v1/voucher-campaigns/{id}/end    no more vouchers issued, claimed or used
//     GET  /admin/v1/voucher-campaigns/{id}/tree   who brought whom
//     GET  /admin/v1/voucher-flags                 clusters to look at
//     POST /admin/v1/vouchers/{id}/void            withdraw one
//   store (the voucher's page: anyone; the rest: a signed-in customer, wsc_)
//     GET  /store/v1/{shop}/vouchers/{token}
//     POST /store/v1/{shop}/vouchers/{token}/claim
//     POST /store/v1/{shop}/vouchers/{token}/orders   the first order, at the campaign's price
//     GET  /store/v1/{shop}/me/vouchers               to pass on, and claimed
#include "api/routes/voucher_routes.h"

#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/store_decoders.h"
#include "api/routes/support.h"
#include "modules/idempotency/idempotency.h"
#include "modules/vouchers/vouchers_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
using vouchers::VoucherState;
namespace errors = vouchers::errors;

json::object EncodeCampaign(const vouchers::Campaign& c, Timestamp now) {
  std::string state = TextOf(vouchers::kCampaignStatusText, c.status).data();
  if (c.status == vouchers::CampaignStatus::kActive) {
    state = now < c.starts_at ? "scheduled" : now >= c.ends_at ? "ended" : "running";
  }
  return json::object{
      {"id", EncodeId(c.id)},
      {"title", c.title},
      {"product_id", EncodeId(c.product_id)},
      {"sku_id", EncodeId(c.sku_id)},
      {"benefit", TextOf(vouchers::kBenefitText, c.benefit)},
      {"list_price", c.list_price},
      {"price", c.price},
      {"per_buyer", c.per_buyer},
      {"max_generations", c.max_generations},
      {"voucher_days", c.voucher_days},
      {"budget", c.budget ? json::value(*c.budget) : json::value()},
      {"spent", c.spent},
      {"growth_campaign_id",
       c.growth_campaign_id ? json::value(EncodeId(*c.growth_campaign_id)) : json::value()},
      {"starts_at", TimeOrNull(c.starts_at)},
      {"ends_at", TimeOrNull(c.ends_at)},
      {"state", state},
      {"created_at", TimeOrNull(c.created_at)}};
}

json::object EncodeCounts(const vouchers::CampaignCounts& n) {
  return json::object{{"holders", n.holders},
                      {"issued", n.issued},
                      {"claimed", n.claimed},
                      {"redeemed", n.redeemed},
                      {"voided", n.voided},
                      {"blocked", n.blocked},
                      {"deepest_generation", n.deepest_generation}};
}

json::value OptRatio(const std::optional<double>& v) { return v ? json::value(*v) : json::value(); }

json::array EncodeGenerations(const std::vector<growth::Generation>& gens) {
  json::array out;
  for (const auto& g : gens) {
    out.push_back(
        json::object{{"depth", g.depth},
                     {"members", g.members},
                     {"customers", g.customers},
                     {"invitations", g.invitations ? json::value(*g.invitations) : json::value()},
                     {"invitations_per_customer", OptRatio(g.invitations_per_customer)},
                     {"conversion", OptRatio(g.conversion)},
                     {"k_factor", OptRatio(g.k_factor)}});
  }
  return out;
}

// What a voucher's state is for the one looking: an available voucher past
// its expiry reads "expired".
std::string StateText(const vouchers::Voucher& v, Timestamp now) {
  if (v.Expired(now)) return "expired";
  return std::string(TextOf(vouchers::kVoucherStateText, v.state));
}

// The console's view of a voucher.
json::object EncodeVoucher(const vouchers::Voucher& v, Timestamp now) {
  return json::object{
      {"id", EncodeId(v.id)},
      {"campaign_id", EncodeId(v.campaign_id)},
      {"giver_id", EncodeId(v.giver_id)},
      {"generation", v.generation},
      {"state", StateText(v, now)},
      {"friend_id", v.friend_id ? json::value(EncodeId(*v.friend_id)) : json::value()},
      {"order_id", v.order_id ? json::value(EncodeId(*v.order_id)) : json::value()},
      {"blocked", v.blocked.empty() ? json::value() : json::value(v.blocked)},
      {"issued_at", TimeOrNull(v.issued_at)},
      {"expires_at", TimeOrNull(v.expires_at)},
      {"claimed_at", TimeOrNull(v.claimed_at)},
      {"redeemed_at", TimeOrNull(v.redeemed_at)},
      {"voided_at", TimeOrNull(v.voided_at)},
      {"void_reason", v.void_reason}};
}

// What a shopper sees of a voucher: no ids of people or orders.
json::object EncodeStoreVoucher(const vouchers::Voucher& v, const vouchers::Campaign& c,
                                Timestamp now) {
  return json::object{
      {"token", v.token},
      {"campaign_id", EncodeId(c.id)},
      {"title", c.title},
      {"benefit", TextOf(vouchers::kBenefitText, c.benefit)},
      {"list_price", c.list_price},
      {"price", c.price},
      {"generation", v.generation},
      {"state", StateText(v, now)},
      {"expires_at", TimeOrNull(v.expires_at)},
      {"growth_campaign_id",
       c.growth_campaign_id ? json::value(EncodeId(*c.growth_campaign_id)) : json::value()}};
}

// --- console ---

Reply CreateCampaign(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::VoucherCampaignRequest in;
  in.title = r.Str("title", {.max_len = 400});
  std::string product = r.Str("product_id", {.max_len = 40});
  std::string sku = r.Str("sku_id", {.max_len = 40});
  if (auto id = DecodeId<ProductId>(product)) {
    in.product_id = *id;
  } else if (!r.Error()) {
    r.Reject("product_id", "must be a product id (prd_…)");
  }
  if (auto id = DecodeId<SkuId>(sku)) {
    in.sku_id = *id;
  } else if (!r.Error()) {
    r.Reject("sku_id", "must be a SKU id (sku_…)");
  }
  std::string benefit = r.Str("benefit", {.max_len = 20});
  if (auto b = FromText(vouchers::kBenefitText, benefit)) {
    in.benefit = *b;
  } else if (!r.Error()) {
    r.Reject("benefit", "must be trial_price, free_item or amount_off");
  }
  in.value =
      r.Int("value",
            {.required = in.benefit != vouchers::Benefit::kFreeItem, .min = 0, .max = 100'000'000});
  in.per_buyer = static_cast<int>(
      r.Int("per_buyer",
            {.required = false, .min = 0, .max = 1000, .fallback = vouchers::kDefaultPerBuyer}));
  in.max_generations = static_cast<int>(
      r.Int("max_generations", {.required = false, .min = 0, .max = 1000, .fallback = 0}));
  in.voucher_days = static_cast<int>(r.Int(
      "voucher_days",
      {.required = false, .min = 0, .max = 100000, .fallback = vouchers::kDefaultVoucherDays}));
  in.budget = r.OptInt("budget", 0, 10'000'000'000);
  for (auto [key, out] : {std::pair{"starts_at", &in.starts_at}, {"ends_at", &in.ends_at}}) {
    std::string text = r.Str(key, {.max_len = 40});
    if (!text.empty() && !ParseIso8601(text, out)) r.Reject(key, "must be an ISO-8601 time");
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "vouchers.create",
                         [&s, &w, m, in](Tx& tx) -> Result<json::value> {
                           auto c = workflows::CreateVoucherCampaign(tx, s.modules, w, m, in);
                           if (!c) return Fail(c.error());
                           return EncodeCampaign(*c, s.modules.clock.Now());
                         });
}

Reply ListCampaigns(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<VoucherCampaignId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.vouchers.ListCampaigns(tx, who->merchant_id, *after, page->limit);
    if (!list) return Fail(list.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& c : *list) {
      auto counts = w.vouchers.Counts(tx, who->merchant_id, c.id);
      if (!counts) return Fail(counts.error());
      json::object item = EncodeCampaign(c, now);
      item["counts"] = EncodeCounts(*counts);
      items.push_back(std::move(item));
    }
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value()}};
  });
}

Reply GetCampaign(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<VoucherCampaignId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto c = w.vouchers.GetCampaign(tx, who->merchant_id, *id);
    if (!c) return Fail(c.error());
    auto counts = w.vouchers.Counts(tx, who->merchant_id, *id);
    if (!counts) return Fail(counts.error());
    auto product = s.modules.catalog.GetProduct(tx, who->merchant_id, c->product_id);
    json::object out = EncodeCampaign(*c, s.modules.clock.Now());
    out["product_title"] = product ? product->title : std::string();
    out["counts"] = EncodeCounts(*counts);
    return out;
  });
}

Reply EndCampaign(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  return RecordStep<vouchers::Campaign, VoucherCampaignId>(
      s, req, Permission::kPromotionWrite, errors::kNotFound,
      [&w](const identity::Principal& who, VoucherCampaignId id,
           JsonReader&) -> RecordUnit<vouchers::Campaign> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.vouchers.EndCampaign(tx, m, id); };
      },
      [&s](const vouchers::Campaign& c) -> json::value {
        return EncodeCampaign(c, s.modules.clock.Now());
      });
}

Reply CampaignTree(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<VoucherCampaignId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto tree = workflows::LoadVoucherTree(tx, s.modules, w, who->merchant_id, *id);
    if (!tree) return Fail(tree.error());
    json::array nodes;
    for (const auto& n : tree->nodes) {
      nodes.push_back(json::object{
          {"customer_id", EncodeId(n.customer_id)},
          {"giver_id", n.giver_id ? json::value(EncodeId(*n.giver_id)) : json::value()},
          {"generation", n.generation},
          {"name", n.name},
          {"paid", n.paid},
          {"issued", n.issued},
          {"redeemed", n.redeemed}});
    }
    return json::object{{"campaign_id", EncodeId(tree->campaign.id)},
                        {"counts", EncodeCounts(tree->counts)},
                        {"generations", EncodeGenerations(tree->generations)},
                        {"nodes", std::move(nodes)},
                        {"truncated", tree->truncated}};
  });
}

Reply ListFlags(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto flags = workflows::FindVoucherFlags(tx, s.modules, w, who->merchant_id);
    if (!flags) return Fail(flags.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& f : *flags) {
      json::array list;
      for (const auto& v : f.vouchers) list.push_back(EncodeVoucher(v, now));
      json::array givers;
      for (const auto& g : f.givers) givers.push_back(json::value(EncodeId(g)));
      items.push_back(json::object{{"kind", f.kind},
                                   {"key", f.key},
                                   {"count", static_cast<std::int64_t>(f.vouchers.size())},
                                   {"givers", std::move(givers)},
                                   {"vouchers", std::move(list)},
                                   {"voided", f.voided}});
    }
    return json::object{{"items", std::move(items)}};
  });
}

Reply VoidVoucher(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<VoucherId>(req, "id", errors::kVoucherNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = req.body.empty() ? Result<json::object>(json::object()) : Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string reason = r.Str("reason", {.required = false, .max_len = 200});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  VoucherId voucher = *id;
  return WriteThen<json::value>(
      s,
      [&s, &w, m, voucher, reason](Tx& tx) -> Result<json::value> {
        auto n = w.vouchers.Void(tx, m, voucher, reason);
        if (!n) return Fail(n.error());
        auto v = w.vouchers.Get(tx, m, voucher);
        if (!v) return Fail(v.error());
        return json::object{{"voucher", EncodeVoucher(*v, s.modules.clock.Now())}, {"voided", *n}};
      },
      [](const json::value& v) { return v; });
}

// --- store ---

Result<std::string> TokenOf(const HttpRequest& req) {
  std::string token(req.PathParam("token"));
  if (token.empty() || token.size() > 32)
    return Fail(NotFound(errors::kVoucherNotFound, "no such voucher"));
  return token;
}

Reply StoreVoucher(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  auto token = TokenOf(req);
  if (!token) return ErrorResponse(token.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto page = workflows::LoadVoucherPage(tx, s.modules, w, *shop, *token);
    if (!page) return Fail(page.error());
    Timestamp now = s.modules.clock.Now();
    json::object out = EncodeStoreVoucher(page->voucher, page->campaign, now);
    out["product"] = EncodeProductCard(page->product);
    out["giver_name"] = page->giver_name;
    out["campaign_live"] = page->campaign.Live(now);
    std::string viewer = "guest";
    if (*me) {
      CustomerId id = (*me)->customer.id;
      viewer = page->voucher.giver_id == id       ? "giver"
               : page->voucher.friend_id == id    ? "holder"
               : (*me)->customer.orders_count > 0 ? "existing_customer"
                                                  : "new_customer";
    }
    out["viewer"] = viewer;
    return out;
  });
}

Reply ClaimVoucher(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  auto token = TokenOf(req);
  if (!token) return ErrorResponse(token.error());
  auto body = req.body.empty() ? Result<json::object>(json::object()) : Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string visitor = r.Str("visitor", {.required = false, .max_len = 64});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  if (!visitor.empty() && !attribution::ValidVisitor(visitor)) {
    return ErrorResponse(Invalid("attribution.invalid_visitor", "visitor is not a device id"));
  }
  MerchantId shop = me->shop;
  customers::Customer friend_customer = me->customer;
  std::string tok = *token;
  return WriteThen<json::value>(
      s,
      [&s, &w, shop, friend_customer, tok, visitor](Tx& tx) -> Result<json::value> {
        auto v = workflows::ClaimVoucher(tx, s.modules, w, shop, tok, friend_customer, visitor);
        if (!v) return Fail(v.error());
        auto c = w.vouchers.GetCampaign(tx, shop, v->campaign_id);
        if (!c) return Fail(c.error());
        return EncodeStoreVoucher(*v, *c, s.modules.clock.Now());
      },
      [](const json::value& v) { return v; });
}

Reply OrderWithVoucher(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  auto token = TokenOf(req);
  if (!token) return ErrorResponse(token.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  // The line is the campaign's, set by the workflow.
  auto decoded = DecodeCampaignBuyer(*body);
  if (!decoded) return ErrorResponse(decoded.error());
  workflows::VoucherOrderRequest in;
  in.merchant_id = me->shop;
  in.token = *token;
  in.customer = me->customer.id;
  in.buyer = decoded->buyer;
  in.visitor = decoded->visitor;
  auto prepared = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::PrepareVoucherOrder(tx, s.modules, w, in, s.clock.Now());
  });
  if (!prepared) return ErrorResponse(prepared.error());
  auto p = std::make_shared<workflows::PreparedVoucherOrder>(std::move(*prepared));
  // Scoped by customer: two customers may use the same key.
  return IdempotentWrite(s, req, me->shop, "store.voucher.order." + EncodeId(in.customer),
                         [&s, &w, p](Tx& tx) -> Result<json::value> {
                           auto o = workflows::CommitVoucherOrder(tx, s.modules, w, *p);
                           if (!o) return Fail(o.error());
                           return json::object{{"order", EncodeBuyerOrder(*o)}};
                         });
}

Reply MyVouchers(Services& s, workflows::VoucherWiring& w, HttpRequest& req) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto mine = workflows::LoadMyVouchers(tx, s.modules, w, me->shop, me->customer.id);
    if (!mine) return Fail(mine.error());
    Timestamp now = s.modules.clock.Now();
    auto encode = [&](const std::vector<workflows::MyVoucher>& list) {
      json::array out;
      for (const auto& mv : list) {
        json::object item = EncodeStoreVoucher(mv.voucher, mv.campaign, now);
        item["product_title"] = mv.product_title;
        item["friend_name"] = mv.friend_name.empty() ? json::value() : json::value(mv.friend_name);
        out.push_back(std::move(item));
      }
      return out;
    };
    return json::object{{"to_give", encode(mine->to_give)}, {"claimed", encode(mine->claimed)}};
  });
}

}  // namespace

void AddVoucherRoutes(Router& r, Services& s, workflows::VoucherWiring& w) {
  auto add = [&](Method m, const char* pattern,
                 Reply (*fn)(Services&, workflows::VoucherWiring&, HttpRequest&)) {
    r.Add(m, pattern, [&s, &w, fn](HttpRequest& q) { return fn(s, w, q); });
  };
  add(Method::kPost, "/admin/v1/voucher-campaigns", CreateCampaign);
  add(Method::kGet, "/admin/v1/voucher-campaigns", ListCampaigns);
  add(Method::kGet, "/admin/v1/voucher-campaigns/{id}", GetCampaign);
  add(Method::kPost, "/admin/v1/voucher-campaigns/{id}/end", EndCampaign);
  add(Method::kGet, "/admin/v1/voucher-campaigns/{id}/tree", CampaignTree);
  add(Method::kGet, "/admin/v1/voucher-flags", ListFlags);
  add(Method::kPost, "/admin/v1/vouchers/{id}/void", VoidVoucher);
  add(Method::kGet, "/store/v1/{shop}/vouchers/{token}", StoreVoucher);
  add(Method::kPost, "/store/v1/{shop}/vouchers/{token}/claim", ClaimVoucher);
  add(Method::kPost, "/store/v1/{shop}/vouchers/{token}/orders", OrderWithVoucher);
  add(Method::kGet, "/store/v1/{shop}/me/vouchers", MyVouchers);
}

}  // namespace weishang::api
