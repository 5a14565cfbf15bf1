// Attribution: decode, call workflows/attribution or the module, encode.
//   console (write: kPromotionWrite, the shop's marketing; read: kRead)
//     GET   /admin/v1/growth/channels                 channel codes with their figures
//     POST  /admin/v1/growth/channels                 a channel code (渠道活码)
//     PATCH /admin/v1/growth/channels/{id}            name, kind, target, spend, archived
//     GET   /admin/v1/growth/channels/{id}/qr         ?format=png|svg&size=: its QR code
//     GET   /admin/v1/growth/campaigns                campaigns with their figures
//     POST  /admin/v1/growth/campaigns                a link campaign
//     PATCH /admin/v1/growth/campaigns/{id}           name, spend, archived
//     GET   /admin/v1/growth/settings                 the attribution window
//     PUT   /admin/v1/growth/settings
//   store
//     POST  /store/v1/{shop}/visits                   a page opened (through a code, or not)
//     POST  /store/v1/{shop}/share-links              a link to pass on, signed for the sharer
//   the QR of a channel code
//     GET   /q/{shop}/{id}                            302 to its target, the scan counted
#include "api/routes/attribution_routes.h"

#include <charconv>

#include "api/app.h"
#include "api/http/rate_limiter.h"
#include "api/json/codecs.h"
#include "api/routes/store_account_routes.h"
#include "api/routes/support.h"
#include "core/qr_png.h"
#include "modules/attribution/attribution_errors.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/sharing/share_link.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = attribution::errors;

// A visit a second per address, in bursts of 60 (a page view each).
constexpr double kVisitRatePerIp = 1.0;
constexpr double kVisitBurstPerIp = 60;
constexpr int kDefaultQrSize = 600;

json::object EncodeFigures(const attribution::Figures& f) {
  return json::object{{"visits", f.visits},
                      {"new_customers", f.new_customers},
                      {"orders", f.orders},
                      {"revenue", f.revenue}};
}

const attribution::Figures& FiguresOf(const std::map<Id, attribution::Figures>& all, Id id) {
  static const attribution::Figures kNone;
  auto it = all.find(id);
  return it == all.end() ? kNone : it->second;
}

json::object EncodeChannel(const attribution::Channel& c, const attribution::Figures& f,
                           const std::string& link) {
  return json::object{{"id", EncodeId(c.id)},
                      {"name", c.name},
                      {"kind", TextOf(attribution::kChannelKindText, c.kind)},
                      {"target_path", c.target_path},
                      {"spend", c.spend},
                      {"scans", c.scans},
                      {"archived", c.archived},
                      {"link", link},
                      {"figures", EncodeFigures(f)},
                      {"created_at", TimeOrNull(c.created_at)},
                      {"updated_at", TimeOrNull(c.updated_at)}};
}

json::object EncodeCampaign(const attribution::Campaign& c, const attribution::Figures& f) {
  return json::object{{"id", EncodeId(c.id)},
                      {"kind", TextOf(attribution::kCampaignKindText, c.kind)},
                      {"name", c.name},
                      {"ref", c.ref},
                      {"spend", c.spend},
                      {"archived", c.archived},
                      {"figures", EncodeFigures(f)},
                      {"created_at", TimeOrNull(c.created_at)},
                      {"updated_at", TimeOrNull(c.updated_at)}};
}

attribution::ChannelInput ReadChannel(JsonReader& r) {
  attribution::ChannelInput in;
  in.name = r.OptStr("name", 200);
  if (auto kind = r.OptStr("kind", 20)) {
    in.kind = FromText(attribution::kChannelKindText, *kind);
    if (!in.kind) r.Reject("kind", "must be insert_card, article, store, event or other");
  }
  in.target_path = r.OptStr("target_path", 400);
  if (r.Has("spend")) in.spend = r.Int("spend", {.min = 0});
  if (r.Has("archived")) in.archived = r.Bool("archived");
  return in;
}

attribution::CampaignInput ReadCampaign(JsonReader& r) {
  attribution::CampaignInput in;
  in.name = r.OptStr("name", 200);
  if (r.Has("spend")) in.spend = r.Int("spend", {.min = 0});
  if (r.Has("archived")) in.archived = r.Bool("archived");
  return in;
}

// The shop's slug and the origin links name, for the console's links.
struct ShopLinks {
  std::string origin, slug;
  std::string ChannelLink(ChannelCodeId id) const {
    return workflows::ChannelLink(origin, slug, id);
  }
};

// `origin` is PublicOrigin's, taken from the request before any deferred unit.
Result<ShopLinks> LinksOf(Services& s, std::string origin, Tx& tx, MerchantId merchant) {
  auto shop = s.modules.identity.GetMerchant(tx, merchant);
  if (!shop) return Fail(shop.error());
  return ShopLinks{std::move(origin), shop->slug};
}

// A channel's target must be a page of the store (the same rules as share links).
Result<void> CheckTarget(const attribution::ChannelInput& in) {
  if (in.target_path) return workflows::CheckStorePath(*in.target_path);
  return {};
}

Reply ListChannels(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    MerchantId m = who->merchant_id;
    auto links = LinksOf(s, *origin, tx, m);
    if (!links) return Fail(links.error());
    auto list = s.modules.attribution.ListChannels(tx, m);
    if (!list) return Fail(list.error());
    auto figures = s.modules.attribution.ChannelFigures(tx, m);
    if (!figures) return Fail(figures.error());
    json::array items;
    for (const auto& c : *list) {
      items.push_back(
          EncodeChannel(c, FiguresOf(*figures, c.id.value()), links->ChannelLink(c.id)));
    }
    return json::object{{"items", std::move(items)}};
  });
}

Reply CreateChannel(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  attribution::ChannelInput in = ReadChannel(r);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  if (auto ok = CheckTarget(in); !ok) return ErrorResponse(ok.error());
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "growth.channels.create",
                         [&s, m, in, origin = *origin](Tx& tx) -> Result<json::value> {
                           auto c = s.modules.attribution.CreateChannel(tx, m, in);
                           if (!c) return Fail(c.error());
                           auto links = LinksOf(s, origin, tx, m);
                           if (!links) return Fail(links.error());
                           return EncodeChannel(*c, {}, links->ChannelLink(c->id));
                         });
}

Reply UpdateChannel(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ChannelCodeId>(req, "id", errors::kChannelNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  attribution::ChannelInput in = ReadChannel(r);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  if (auto ok = CheckTarget(in); !ok) return ErrorResponse(ok.error());
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  MerchantId m = who->merchant_id;
  ChannelCodeId channel = *id;
  return WriteThen<json::value>(
      s,
      [&s, m, channel, in, origin = *origin](Tx& tx) -> Result<json::value> {
        auto c = s.modules.attribution.UpdateChannel(tx, m, channel, in);
        if (!c) return Fail(c.error());
        auto figures = s.modules.attribution.ChannelFigures(tx, m);
        if (!figures) return Fail(figures.error());
        auto links = LinksOf(s, origin, tx, m);
        if (!links) return Fail(links.error());
        return json::value(
            EncodeChannel(*c, FiguresOf(*figures, c->id.value()), links->ChannelLink(c->id)));
      },
      [](const json::value& v) { return v; });
}

Reply ChannelQr(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ChannelCodeId>(req, "id", errors::kChannelNotFound);
  if (!id) return ErrorResponse(id.error());
  std::string format = req.QueryParam("format");
  if (format.empty()) format = "png";
  if (format != "png" && format != "svg") {
    return ErrorResponse(Invalid("request.invalid_field", "format is png or svg"));
  }
  int size = kDefaultQrSize;
  if (std::string raw = req.QueryParam("size"); !raw.empty()) {
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), size);
    if (ec != std::errc() || end != raw.data() + raw.size() || size < 64 || size > 2048) {
      return ErrorResponse(
          Invalid("request.invalid_field", "size is a whole number of pixels from 64 to 2048"));
    }
  }
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  auto link = storage::ReadValue(s.db, [&](Tx& tx) -> Result<std::string> {
    auto c = s.modules.attribution.GetChannel(tx, who->merchant_id, *id);
    if (!c) return Fail(c.error());
    auto links = LinksOf(s, *origin, tx, who->merchant_id);
    if (!links) return Fail(links.error());
    return links->ChannelLink(c->id);
  });
  if (!link) return ErrorResponse(link.error());
  HttpResponse resp;
  if (format == "svg") {
    auto svg = RenderQrSvg(*link);
    if (!svg) return ErrorResponse(svg.error());
    resp.content_type = "image/svg+xml";
    resp.body = std::move(*svg);
  } else {
    auto png = RenderQrPng(*link, size);
    if (!png) return ErrorResponse(png.error());
    resp.content_type = "image/png";
    resp.body = std::move(png->png);
  }
  resp.headers.emplace_back("Content-Disposition",
                            "attachment; filename=\"" + EncodeId(*id) + "." + format + "\"");
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return resp;
}

Reply ListCampaigns(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    MerchantId m = who->merchant_id;
    auto list = s.modules.attribution.ListCampaigns(tx, m);
    if (!list) return Fail(list.error());
    auto figures = s.modules.attribution.CampaignFigures(tx, m);
    if (!figures) return Fail(figures.error());
    json::array items;
    for (const auto& c : *list)
      items.push_back(EncodeCampaign(c, FiguresOf(*figures, c.id.value())));
    return json::object{{"items", std::move(items)}};
  });
}

Reply CreateCampaign(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  attribution::CampaignInput in = ReadCampaign(r);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "growth.campaigns.create",
                         [&s, m, in](Tx& tx) -> Result<json::value> {
                           auto c = s.modules.attribution.CreateCampaign(tx, m, in);
                           if (!c) return Fail(c.error());
                           return EncodeCampaign(*c, {});
                         });
}

Reply UpdateCampaign(Services& s, HttpRequest& req) {
  return RecordStep<json::value, GrowthCampaignId>(
      s, req, Permission::kPromotionWrite, errors::kCampaignNotFound,
      [&s](const identity::Principal& who, GrowthCampaignId id,
           JsonReader& r) -> RecordUnit<json::value> {
        attribution::CampaignInput in = ReadCampaign(r);
        MerchantId m = who.merchant_id;
        return [&s, m, id, in](Tx& tx) -> Result<json::value> {
          auto c = s.modules.attribution.UpdateCampaign(tx, m, id, in);
          if (!c) return Fail(c.error());
          auto figures = s.modules.attribution.CampaignFigures(tx, m);
          if (!figures) return Fail(figures.error());
          return json::value(EncodeCampaign(*c, FiguresOf(*figures, c->id.value())));
        };
      },
      [](const json::value& v) { return v; });
}

Reply GetSettings(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto days = s.modules.attribution.WindowDays(tx, who->merchant_id);
    if (!days) return Fail(days.error());
    return json::object{{"window_days", *days}};
  });
}

Reply PutSettings(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  auto days =
      static_cast<int>(r.Int("window_days", {.min = 1, .max = attribution::kMaxWindowDays}));
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return WriteThen<int>(
      s, [&s, m, days](Tx& tx) { return s.modules.attribution.SetWindowDays(tx, m, days); },
      [](const int& d) {
        return json::value(json::object{{"window_days", d}});
      });
}

Reply Visit(Services& s, HttpRequest& req, RateLimiter& per_ip) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  if (!per_ip.Allow(req.remote_ip)) {
    return ErrorResponse(Error{ErrorKind::kRateLimited, "store.rate_limited",
                               "too many visits from this address; wait a moment"});
  }
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string visitor = r.Str("visitor", {.max_len = 64});
  std::string code = r.Str("code", {.required = false, .max_len = attribution::kMaxCodeBytes});
  std::string path = r.Str("path", {.required = false, .max_len = 400});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  if (path.empty()) path = "/";
  std::optional<CustomerId> customer;
  if (*me) customer = (*me)->customer.id;
  MerchantId m = *shop;
  return WriteThen<attribution::Touch>(
      s,
      [&s, m, visitor, code, path, customer](Tx& tx) {
        return workflows::RecordVisit(tx, s.modules, m, visitor, code, path, customer);
      },
      [](const attribution::Touch& t) {
        // Whether the code credited someone; who it names stays on the server.
        return json::value(json::object{{"credited", t.Attributed()}});
      });
}

Reply ShareLink(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  auto me = OptionalCustomer(s, req, *shop);
  if (!me) return ErrorResponse(me.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string path = r.Str("path", {.required = false, .max_len = 400});
  std::optional<GrowthCampaignId> campaign;
  if (auto text = r.OptStr("campaign_id", 40)) {
    campaign = DecodeId<GrowthCampaignId>(*text);
    if (!campaign) {
      return ErrorResponse(NotFound(errors::kCampaignNotFound, "no such campaign"));
    }
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  if (path.empty()) path = "/";
  auto origin = PublicOrigin(s, req);
  if (!origin) return ErrorResponse(origin.error());
  std::optional<CustomerId> sharer;
  if (*me) sharer = (*me)->customer.id;
  MerchantId m = *shop;
  std::string slug(req.PathParam("shop"));
  // Signing may make the shop's key (a write), so this is a unit of work.
  return WriteThen<workflows::ShareLinkOut>(
      s,
      [&s, m, origin = *origin, slug, path, sharer, campaign](Tx& tx) {
        return workflows::MakeShareLink(tx, s.modules, m, origin, slug, path, sharer, campaign);
      },
      [](const workflows::ShareLinkOut& out) {
        return json::value(json::object{{"code", out.code}, {"url", out.url}});
      });
}

Reply Scan(Services& s, HttpRequest& req) {
  auto shop = ResolveShop(s, req);
  if (!shop) return ErrorResponse(shop.error());
  std::string slug(req.PathParam("shop"));
  auto id = DecodeId<ChannelCodeId>(req.PathParam("id"));
  MerchantId m = *shop;
  return WriteAnswer<std::string>(
      s,
      [&s, m, slug, id](Tx& tx) -> Result<std::string> {
        if (!id) return "/s/" + slug + "/";
        return workflows::ScanChannel(tx, s.modules, m, slug, *id);
      },
      [](const std::string& location) {
        HttpResponse resp;
        resp.status = 302;
        resp.content_type = "text/plain; charset=utf-8";
        resp.body = location + "\n";
        resp.headers.emplace_back("Location", location);
        resp.headers.emplace_back("Cache-Control", "no-store");
        return resp;
      });
}

}  // namespace

void AddAttributionRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/growth/channels",
        [&s](HttpRequest& q) { return ListChannels(s, q); });
  r.Add(Method::kPost, "/admin/v1/growth/channels",
        [&s](HttpRequest& q) { return CreateChannel(s, q); });
  r.Add(Method::kPatch, "/admin/v1/growth/channels/{id}",
        [&s](HttpRequest& q) { return UpdateChannel(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/channels/{id}/qr",
        [&s](HttpRequest& q) { return ChannelQr(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/campaigns",
        [&s](HttpRequest& q) { return ListCampaigns(s, q); });
  r.Add(Method::kPost, "/admin/v1/growth/campaigns",
        [&s](HttpRequest& q) { return CreateCampaign(s, q); });
  r.Add(Method::kPatch, "/admin/v1/growth/campaigns/{id}",
        [&s](HttpRequest& q) { return UpdateCampaign(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/settings",
        [&s](HttpRequest& q) { return GetSettings(s, q); });
  r.Add(Method::kPut, "/admin/v1/growth/settings",
        [&s](HttpRequest& q) { return PutSettings(s, q); });
  auto per_ip = std::make_shared<RateLimiter>(kVisitRatePerIp, kVisitBurstPerIp);
  r.Add(Method::kPost, "/store/v1/{shop}/visits",
        [&s, per_ip](HttpRequest& q) { return Visit(s, q, *per_ip); });
  r.Add(Method::kPost, "/store/v1/{shop}/share-links",
        [&s](HttpRequest& q) { return ShareLink(s, q); });
  r.Add(Method::kGet, "/q/{shop}/{id}", [&s](HttpRequest& q) { return Scan(s, q); });
}

}  // namespace weishang::api
