// Group buys (拼团): decode, call workflows/groupbuy/groupbuy_flows.h or the
// module, encode.
//   console (write: kPromotionWrite, the shop's marketing; read: kRead)
//     POST /admin/v1/group-buys
//     GET  /admin/v1/group-buys
//     GET  /admin/v1/group-buys/{id}          with its groups and their members
//     POST /admin/v1/group-buys/{id}/end      no new groups
//   store (reading: anyone; opening and joining: a signed-in customer, wsc_)
//     GET  /store/v1/{shop}/group-buys/{id}   the campaign and its open groups
//     GET  /store/v1/{shop}/groups/{id}      a group's real members and deadline
//     POST /store/v1/{shop}/group-buys/{id}/groups   open a group (an order)
//     POST /store/v1/{shop}/groups/{id}/join        join it (an order)
#include "api/routes/groupbuy_routes.h"

#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/store_decoders.h"
#include "api/routes/support.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/groupbuy/groupbuy_errors.h"
#include "modules/idempotency/idempotency.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = groupbuy::errors;

json::array EncodePrices(const groupbuy::Campaign& c) {
  json::array out;
  for (const auto& p : c.prices) {
    out.push_back(json::object{{"sku_id", EncodeId(p.sku_id)},
                               {"list_price", p.list_price},
                               {"group_price", p.group_price}});
  }
  return out;
}

json::object EncodeCampaign(const groupbuy::Campaign& c, Timestamp now) {
  std::string state = TextOf(groupbuy::kCampaignStatusText, c.status).data();
  if (c.status == groupbuy::CampaignStatus::kActive) {
    state = now < c.starts_at ? "scheduled" : now >= c.ends_at ? "ended" : "running";
  }
  return json::object{{"id", EncodeId(c.id)},
                      {"product_id", EncodeId(c.product_id)},
                      {"title", c.title},
                      {"prices", EncodePrices(c)},
                      {"group_size", c.group_size},
                      {"window_hours", c.window_hours},
                      {"per_customer_limit", c.per_customer_limit},
                      {"starts_at", TimeOrNull(c.starts_at)},
                      {"ends_at", TimeOrNull(c.ends_at)},
                      {"state", state},
                      {"created_at", TimeOrNull(c.created_at)}};
}

json::object EncodeGroupHead(const groupbuy::Group& g) {
  return json::object{{"id", EncodeId(g.id)},
                      {"campaign_id", EncodeId(g.campaign_id)},
                      {"size", g.size},
                      {"taken", g.taken},
                      {"paid", g.paid},
                      {"state", TextOf(groupbuy::kGroupStateText, g.state)},
                      {"deadline", TimeOrNull(g.deadline)},
                      {"created_at", TimeOrNull(g.created_at)},
                      {"closed_at", TimeOrNull(g.closed_at)}};
}

json::object EncodeConsoleGroup(const groupbuy::Group& g) {
  json::object out = EncodeGroupHead(g);
  out["leader_customer_id"] = EncodeId(g.leader);
  json::array members;
  for (const auto& m : g.members) {
    members.push_back(json::object{{"order_id", EncodeId(m.order_id)},
                                   {"customer_id", EncodeId(m.customer_id)},
                                   {"shown_name", m.shown_name},
                                   {"leader", m.leader},
                                   {"state", TextOf(groupbuy::kMemberStateText, m.state)},
                                   {"joined_at", TimeOrNull(m.joined_at)},
                                   {"paid_at", TimeOrNull(m.paid_at)},
                                   {"closed_at", TimeOrNull(m.closed_at)}});
  }
  out["members"] = std::move(members);
  return out;
}

// The store's view: names and states only (no customer or order ids), and
// which member is the viewer.
json::object EncodeStoreGroup(const groupbuy::Group& g, std::optional<CustomerId> viewer,
                              Timestamp now) {
  json::object out = EncodeGroupHead(g);
  json::array members;
  bool mine = false;
  for (const auto& m : g.members) {
    bool me = viewer && *viewer == m.customer_id;
    mine = mine || me;
    members.push_back(json::object{{"shown_name", m.shown_name},
                                   {"leader", m.leader},
                                   {"state", TextOf(groupbuy::kMemberStateText, m.state)},
                                   {"me", me},
                                   {"joined_at", TimeOrNull(m.joined_at)}});
  }
  out["members"] = std::move(members);
  out["places_left"] = std::max(0, g.size - g.taken);
  out["seconds_left"] = g.state == groupbuy::GroupState::kOpen
                            ? std::max<Timestamp>(0, (g.deadline - now) / 1000)
                            : 0;
  out["viewer_is_member"] = mine;
  return out;
}

json::array EncodeStorePrices(const groupbuy::Campaign& c, const catalog::Product& p) {
  json::array out;
  for (const auto& price : c.prices) {
    std::string spec;
    for (const auto& sku : p.skus) {
      if (sku.id != price.sku_id) continue;
      for (const auto& v : sku.spec_values) spec += (spec.empty() ? "" : " / ") + v;
    }
    out.push_back(json::object{{"sku_id", EncodeId(price.sku_id)},
                               {"spec_text", spec},
                               {"list_price", price.list_price},
                               {"group_price", price.group_price}});
  }
  return out;
}

// --- console ---

Reply CreateCampaign(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  workflows::CampaignRequest in;
  std::string product = r.Str("product_id", {.max_len = 40});
  if (auto id = DecodeId<ProductId>(product)) {
    in.product_id = *id;
  } else if (!r.Error()) {
    r.Reject("product_id", "must be a product id (prd_…)");
  }
  in.title = r.Str("title", {.max_len = 400});
  in.group_size = static_cast<int>(r.Int("group_size", {.min = 0, .max = 1000}));
  in.window_hours = static_cast<int>(r.Int("window_hours", {.min = 0, .max = 100000}));
  in.per_customer_limit = static_cast<int>(
      r.Int("per_customer_limit", {.required = false, .min = 0, .max = 1000, .fallback = 1}));
  for (auto [key, out] : {std::pair{"starts_at", &in.starts_at}, {"ends_at", &in.ends_at}}) {
    std::string text = r.Str(key, {.max_len = 40});
    if (!text.empty() && !ParseIso8601(text, out)) r.Reject(key, "must be an ISO-8601 time");
  }
  const auto& prices = r.Array("prices", true, 100);
  for (std::size_t i = 0; i < prices.size() && !r.Error(); ++i) {
    if (!prices[i].is_object()) {
      r.Reject("prices", "must be a list of {sku_id, group_price}");
      break;
    }
    JsonReader pr(prices[i].as_object(), "prices[" + std::to_string(i) + "]");
    std::string sku = pr.Str("sku_id", {.max_len = 40});
    Fen price = pr.Int("group_price", {.min = 0, .max = 100'000'000});
    if (pr.Error()) return ErrorResponse(*pr.Error());
    auto id = DecodeId<SkuId>(sku);
    if (!id) {
      r.Reject("prices", "sku_id must be a SKU id (sku_…)");
      break;
    }
    in.prices.push_back(workflows::GroupPriceRequest{*id, price});
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "groupbuy.create",
                         [&s, &w, m, in](Tx& tx) -> Result<json::value> {
                           auto c = workflows::CreateGroupbuyCampaign(tx, s.modules, w, m, in);
                           if (!c) return Fail(c.error());
                           return EncodeCampaign(*c, s.modules.clock.Now());
                         });
}

Reply ListCampaigns(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<GroupbuyCampaignId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.groups.ListCampaigns(tx, who->merchant_id, *after, page->limit);
    if (!list) return Fail(list.error());
    Timestamp now = s.modules.clock.Now();
    json::array items;
    for (const auto& c : *list) items.push_back(EncodeCampaign(c, now));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value()}};
  });
}

Reply GetCampaign(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<GroupbuyCampaignId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadCampaignDetail(tx, s.modules, w, who->merchant_id, *id, 200);
    if (!d) return Fail(d.error());
    json::object out = EncodeCampaign(d->campaign, s.modules.clock.Now());
    out["product_title"] = d->product_title;
    json::array groups;
    for (const auto& g : d->groups) groups.push_back(EncodeConsoleGroup(g));
    out["groups"] = std::move(groups);
    return out;
  });
}

Reply EndCampaign(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  return RecordStep<groupbuy::Campaign, GroupbuyCampaignId>(
      s, req, Permission::kPromotionWrite, errors::kNotFound,
      [&w](const identity::Principal& who, GroupbuyCampaignId id,
           JsonReader&) -> RecordUnit<groupbuy::Campaign> {
        MerchantId m = who.merchant_id;
        return [&w, m, id](Tx& tx) { return w.groups.EndCampaign(tx, m, id); };
      },
      [&s](const groupbuy::Campaign& c) -> json::value {
        return EncodeCampaign(c, s.modules.clock.Now());
      });
}

// --- store ---

Reply StoreCampaign(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  std::optional<CustomerId> viewer;
  if (*me) viewer = (*me)->customer.id;
  auto id = PathId<GroupbuyCampaignId>(req, "id", errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto c = workflows::LoadStoreCampaign(tx, s.modules, w, *shop, *id);
    if (!c) return Fail(c.error());
    Timestamp now = s.modules.clock.Now();
    json::object out = EncodeCampaign(c->campaign, now);
    out["product"] = EncodeProductCard(c->product);
    out["prices"] = EncodeStorePrices(c->campaign, c->product);
    json::array groups;
    for (const auto& g : c->open_groups) groups.push_back(EncodeStoreGroup(g, viewer, now));
    out["open_groups"] = std::move(groups);
    return out;
  });
}

Reply StoreGroup(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  std::optional<CustomerId> viewer;
  if (*me) viewer = (*me)->customer.id;
  auto id = PathId<GroupbuyGroupId>(req, "id", errors::kGroupNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto g = workflows::LoadStoreGroup(tx, s.modules, w, *shop, *id);
    if (!g) return Fail(g.error());
    Timestamp now = s.modules.clock.Now();
    json::object out = EncodeStoreGroup(g->group, viewer, now);
    out["campaign"] = EncodeCampaign(g->campaign, now);
    out["product"] = EncodeProductCard(g->product);
    out["prices"] = EncodeStorePrices(g->campaign, g->product);
    return out;
  });
}

// Opening (campaign given) or joining (group given): both place an order.
Reply PlaceGroupOrder(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req, bool opening) {
  auto me = RequireShopCustomer(s, req);
  if (!me) return ErrorResponse(me.error());
  if (!idempotency::ValidKey(req.idempotency_key)) return ErrorResponse(MissingIdempotencyKey());
  workflows::GroupOrderRequest in;
  in.merchant_id = me->shop;
  in.customer = me->customer.id;
  in.shown_name = workflows::GroupMemberName(me->customer);
  if (opening) {
    auto id = PathId<GroupbuyCampaignId>(req, "id", errors::kNotFound);
    if (!id) return ErrorResponse(id.error());
    in.campaign = *id;
  } else {
    auto id = PathId<GroupbuyGroupId>(req, "id", errors::kGroupNotFound);
    if (!id) return ErrorResponse(id.error());
    in.group = *id;
  }
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string sku = r.Str("sku_id", {.max_len = 40});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto sku_id = DecodeId<SkuId>(sku);
  if (!sku_id) {
    return ErrorResponse(
        NotFound(catalog::errors::kSkuNotFound, "no product option '" + sku + "'"));
  }
  in.sku_id = *sku_id;
  // The buyer as checkout reads it; the line is the group's one unit.
  json::object order_body = *body;
  order_body["lines"] = json::array{json::object{{"sku_id", sku}, {"quantity", 1}}};
  auto decoded = DecodeOrderRequest(order_body, me->shop, /*need_buyer=*/true);
  if (!decoded) return ErrorResponse(decoded.error());
  in.buyer = decoded->buyer;
  auto prepared = storage::ReadValue(s.db, [&](Tx& tx) {
    return workflows::PrepareGroupOrder(tx, s.modules, w, in, s.clock.Now());
  });
  if (!prepared) return ErrorResponse(prepared.error());
  auto p = std::make_shared<workflows::PreparedGroupOrder>(std::move(*prepared));
  std::optional<CustomerId> viewer = in.customer;
  // Scoped by customer: two customers may use the same key.
  return IdempotentWrite(s, req, me->shop,
                         std::string(opening ? "store.groupbuy.open." : "store.groupbuy.join.") +
                             EncodeId(in.customer),
                         [&s, &w, p, viewer](Tx& tx) -> Result<json::value> {
                           auto done = workflows::CommitGroupOrder(tx, s.modules, w, *p);
                           if (!done) return Fail(done.error());
                           workflows::GroupOrder& g = *done;
                           groupbuy::Group shown = g.group;
                           std::erase_if(shown.members, [](const groupbuy::Member& m) {
                             return m.state == groupbuy::MemberState::kReleased;
                           });
                           return json::object{
                               {"group", EncodeStoreGroup(shown, viewer, s.modules.clock.Now())},
                               {"order", EncodeBuyerOrder(g.order)}};
                         });
}

Reply OpenGroup(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  return PlaceGroupOrder(s, w, req, true);
}
Reply JoinGroup(Services& s, workflows::GroupbuyWiring& w, HttpRequest& req) {
  return PlaceGroupOrder(s, w, req, false);
}

}  // namespace

void AddGroupbuyRoutes(Router& r, Services& s, workflows::GroupbuyWiring& w) {
  auto add = [&](Method m, const char* pattern,
                 Reply (*fn)(Services&, workflows::GroupbuyWiring&, HttpRequest&)) {
    r.Add(m, pattern, [&s, &w, fn](HttpRequest& q) { return fn(s, w, q); });
  };
  add(Method::kPost, "/admin/v1/group-buys", CreateCampaign);
  add(Method::kGet, "/admin/v1/group-buys", ListCampaigns);
  add(Method::kGet, "/admin/v1/group-buys/{id}", GetCampaign);
  add(Method::kPost, "/admin/v1/group-buys/{id}/end", EndCampaign);
  add(Method::kGet, "/store/v1/{shop}/group-buys/{id}", StoreCampaign);
  add(Method::kGet, "/store/v1/{shop}/groups/{id}", StoreGroup);
  add(Method::kPost, "/store/v1/{shop}/group-buys/{id}/groups", OpenGroup);
  add(Method::kPost, "/store/v1/{shop}/groups/{id}/join", JoinGroup);
}

}  // namespace weishang::api
