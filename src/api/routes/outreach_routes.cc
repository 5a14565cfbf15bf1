// Decode, call workflows/outreach, encode. Composing and previewing need
// kCustomers (a staff member reaches only the customers they own and sees
// only their own campaigns); the contact policy is the owner's and admins'
// (kCustomersAdmin).
#include "api/routes/outreach_routes.h"

#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/outreach/outreach_errors.h"

namespace weishang::api {
namespace {

using identity::Permission;
namespace errors = outreach::errors;

Error BadField(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

json::object EncodePolicy(const outreach::Policy& p) {
  return json::object{{"gap_days", p.gap_days},
                      {"monthly_cap", p.monthly_cap},
                      {"quiet_start", p.quiet_start},
                      {"quiet_end", p.quiet_end}};
}

json::object EncodeSkipCounts(const std::map<outreach::SkipReason, std::int64_t>& counts) {
  json::object out;
  for (const auto& e : outreach::kSkipReasonText) {
    auto it = counts.find(e.value);
    out[e.text] = it == counts.end() ? 0 : it->second;
  }
  return out;
}

json::array EncodeSkipped(const std::vector<workflows::SkippedCustomer>& list) {
  json::array out;
  for (const auto& s : list) {
    out.push_back(json::object{{"customer_id", EncodeId(s.id)},
                               {"name", s.name},
                               {"reason", TextOf(outreach::kSkipReasonText, s.reason)}});
  }
  return out;
}

json::object EncodeCampaign(const outreach::Campaign& c) {
  json::array channels{"message"};
  if (c.sms) channels.push_back("sms");
  if (c.wecom) channels.push_back("wecom");
  return json::object{{"id", EncodeId(c.id)},
                      {"title", c.title},
                      {"body", c.body},
                      {"product_id", c.product ? json::value(EncodeId(*c.product)) : json::value()},
                      {"segment_id", EncodeId(c.segment)},
                      {"kind", TextOf(outreach::kKindText, c.kind)},
                      {"channels", std::move(channels)},
                      {"status", TextOf(outreach::kStatusText, c.status)},
                      {"scheduled_at", TimeOrNull(c.scheduled_at)},
                      {"send_at", TimeOrNull(c.send_at)},
                      {"created_by", EncodeId(c.created_by)},
                      {"audience", c.audience},
                      {"created_at", TimeOrNull(c.created_at)},
                      {"sent_at", TimeOrNull(c.sent_at)}};
}

json::object EncodeStats(const outreach::CampaignStats& s) {
  std::int64_t skipped = 0;
  for (const auto& [reason, n] : s.skipped) skipped += n;
  return json::object{{"reached", s.reached},
                      {"skipped", skipped},
                      {"skipped_by_reason", EncodeSkipCounts(s.skipped)},
                      {"sms_sent", s.sms_sent},
                      {"sms_no_phone", s.sms_no_phone},
                      {"blocked", s.blocked},
                      {"deleted", s.deleted}};
}

// The composer's body: {"title","body","product_id"?,"segment_id","kind",
// "channels":["message","sms"?,"wecom"?],"scheduled_at"?}.
Result<workflows::Draft> ReadDraft(const json::object& body) {
  JsonReader r(body);
  workflows::Draft d;
  d.title = r.Str("title", {.max_len = 400});
  d.body = r.Str("body", {.max_len = 4000});
  auto product = r.OptStr("product_id", 40);
  std::string segment = r.Str("segment_id", {.max_len = 40});
  std::string kind = r.Str("kind", {.max_len = 20});
  auto channels = r.StrList("channels", 3, 20);
  auto when = r.OptStr("scheduled_at", 40);
  if (auto bad = r.Error()) return Fail(*bad);
  auto k = FromText(outreach::kKindText, kind);
  if (!k) return Fail(BadField("kind must be promotional or service"));
  d.kind = *k;
  auto seg = DecodeId<SegmentId>(segment);
  if (!seg) return Fail(BadField("segment_id is not a segment id"));
  d.segment = *seg;
  if (product && !product->empty()) {
    auto p = DecodeId<ProductId>(*product);
    if (!p) return Fail(BadField("product_id is not a product id"));
    d.product = *p;
  }
  for (const auto& c : channels) {
    if (c == "sms") {
      d.sms = true;
    } else if (c == "wecom") {
      d.wecom = true;
    } else if (c != "message") {
      return Fail(BadField("channels are message, sms and wecom"));
    }
  }
  if (when && !when->empty()) {
    Timestamp t = 0;
    if (!ParseIso8601(*when, &t)) return Fail(BadField("scheduled_at must be an ISO-8601 time"));
    d.scheduled_at = t;
  }
  return d;
}

Reply GetPolicy(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto p = w.outreach.GetPolicy(tx, who->merchant_id);
    if (!p) return Fail(p.error());
    return EncodePolicy(*p);
  });
}

// PUT /admin/v1/outreach/policy {"gap_days","monthly_cap","quiet_start","quiet_end"}
Reply PutPolicy(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  outreach::Policy p;
  p.gap_days = static_cast<int>(r.Int("gap_days", {.min = 0, .max = 30}));
  p.monthly_cap = static_cast<int>(r.Int("monthly_cap", {.min = 0, .max = 31}));
  p.quiet_start = static_cast<int>(r.Int("quiet_start", {.min = 0, .max = 1439}));
  p.quiet_end = static_cast<int>(r.Int("quiet_end", {.min = 0, .max = 1439}));
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  return WriteThen<outreach::Policy>(
      s, [&w, m, p](Tx& tx) { return w.outreach.SetPolicy(tx, m, p); },
      [](const outreach::Policy& out) { return json::value(EncodePolicy(out)); });
}

// POST /admin/v1/outreach/preview: who the draft would reach, who skipped and why.
Reply PreviewDraft(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto d = ReadDraft(*body);
  if (!d) return ErrorResponse(d.error());
  auto p = workflows::PreviewCampaign(s.db, w, s.modules, *who, *d);
  if (!p) return ErrorResponse(p.error());
  std::int64_t skipped = 0;
  for (const auto& [reason, n] : p->skipped) skipped += n;
  return Ok(json::object{{"audience", p->audience},
                         {"reach", p->reach},
                         {"sms_reach", p->sms_reach},
                         {"sms_no_phone", p->sms_no_phone},
                         {"skipped", skipped},
                         {"skipped_by_reason", EncodeSkipCounts(p->skipped)},
                         {"sample", EncodeSkipped(p->sample)},
                         {"send_at", TimeOrNull(p->send_at)},
                         {"deferred_by_quiet_hours", p->deferred}});
}

Reply CreateCampaign(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto d = ReadDraft(*body);
  if (!d) return ErrorResponse(d.error());
  identity::Principal caller = *who;
  workflows::Draft draft = std::move(*d);
  return IdempotentWrite(s, req, caller.merchant_id, "outreach.campaign",
                         [&s, &w, caller, draft](Tx& tx) -> Result<json::value> {
                           auto c = workflows::CreateCampaign(tx, w, s.modules, caller, draft);
                           if (!c) return Fail(c.error());
                           return EncodeCampaign(*c);
                         });
}

Reply ListCampaigns(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<CampaignId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = w.outreach.ListCampaigns(tx, who->merchant_id, identity::OwnedCustomersOnly(*who),
                                         *after, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& c : *list) {
      auto stats = w.outreach.Stats(tx, who->merchant_id, c.id);
      if (!stats) return Fail(stats.error());
      json::object o = EncodeCampaign(c);
      o["stats"] = EncodeStats(*stats);
      items.push_back(std::move(o));
    }
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr)}};
  });
}

Reply GetCampaign(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CampaignId>(req, "id", errors::kCampaignNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto v = workflows::LoadCampaign(tx, w, s.modules, *who, *id);
    if (!v) return Fail(v.error());
    json::object o = EncodeCampaign(v->campaign);
    o["segment_name"] = v->segment_name;
    o["stats"] = EncodeStats(v->stats);
    o["skipped_sample"] = EncodeSkipped(v->skipped_sample);
    json::array reached;
    for (const auto& r : v->reached_sample) {
      reached.push_back(json::object{{"customer_id", EncodeId(r.id)},
                                     {"name", r.name},
                                     {"sms", TextOf(outreach::kSmsOutcomeText, r.sms)}});
    }
    o["reached_sample"] = std::move(reached);
    return o;
  });
}

Reply CancelCampaign(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  return RecordStep<outreach::Campaign, CampaignId>(
      s, req, Permission::kCustomers, errors::kCampaignNotFound,
      [&w](const identity::Principal& who, CampaignId id, JsonReader&) {
        MerchantId m = who.merchant_id;
        auto only = identity::OwnedCustomersOnly(who);
        return [&w, m, id, only](Tx& tx) { return w.outreach.Cancel(tx, m, id, only); };
      },
      [](const outreach::Campaign& c) -> json::value { return EncodeCampaign(c); });
}

// POST /admin/v1/outreach/campaigns/{id}/spam-reports {"customer_id","kind"}
Reply ReportSpam(Services& s, HttpRequest& req, workflows::OutreachWiring& w) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CampaignId>(req, "id", errors::kCampaignNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string customer = r.Str("customer_id", {.max_len = 40});
  std::string kind = r.Str("kind", {.max_len = 20});
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto k = FromText(outreach::kSpamKindText, kind);
  if (!k) return ErrorResponse(BadField("kind must be blocked or deleted"));
  auto c = DecodeId<CustomerId>(customer);
  if (!c) return ErrorResponse(BadField("customer_id is not a customer id"));
  identity::Principal caller = *who;
  CampaignId campaign = *id;
  CustomerId person = *c;
  outreach::SpamKind spam = *k;
  return IdempotentWrite(s, req, caller.merchant_id, "outreach.spam",
                         [&s, &w, caller, campaign, person, spam](Tx& tx) -> Result<json::value> {
                           auto out = workflows::ReportSpam(tx, w, s.modules, caller, campaign,
                                                            person, spam);
                           if (!out) return Fail(out.error());
                           return json::object{{"id", EncodeId(out->id)},
                                               {"campaign_id", EncodeId(out->campaign)},
                                               {"customer_id", EncodeId(out->customer)},
                                               {"kind", TextOf(outreach::kSpamKindText, out->kind)},
                                               {"staff_id", EncodeId(out->staff)},
                                               {"created_at", TimeOrNull(out->created_at)}};
                         });
}

}  // namespace

void AddOutreachRoutes(Router& r, Services& s, workflows::OutreachWiring& w) {
  r.Add(Method::kGet, "/admin/v1/outreach/policy",
        [&s, &w](HttpRequest& q) { return GetPolicy(s, q, w); });
  r.Add(Method::kPut, "/admin/v1/outreach/policy",
        [&s, &w](HttpRequest& q) { return PutPolicy(s, q, w); });
  r.Add(Method::kPost, "/admin/v1/outreach/preview",
        [&s, &w](HttpRequest& q) { return PreviewDraft(s, q, w); });
  r.Add(Method::kPost, "/admin/v1/outreach/campaigns",
        [&s, &w](HttpRequest& q) { return CreateCampaign(s, q, w); });
  r.Add(Method::kGet, "/admin/v1/outreach/campaigns",
        [&s, &w](HttpRequest& q) { return ListCampaigns(s, q, w); });
  r.Add(Method::kGet, "/admin/v1/outreach/campaigns/{id}",
        [&s, &w](HttpRequest& q) { return GetCampaign(s, q, w); });
  r.Add(Method::kPost, "/admin/v1/outreach/campaigns/{id}/cancel",
        [&s, &w](HttpRequest& q) { return CancelCampaign(s, q, w); });
  r.Add(Method::kPost, "/admin/v1/outreach/campaigns/{id}/spam-reports",
        [&s, &w](HttpRequest& q) { return ReportSpam(s, q, w); });
}

}  // namespace weishang::api
