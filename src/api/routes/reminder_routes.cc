// Decode, call workflows/reminders/reminder_flows.h or the reminders module, encode.
#include "api/routes/reminder_routes.h"

#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/reminders/reminders_errors.h"
#include "workflows/reminders/reminder_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;
using reminders::ReminderService;

Error BadField(std::string message) {
  return Invalid(reminders::errors::kInvalidField, std::move(message));
}

json::object EncodeCycle(const reminders::Cycle& c, const std::string& title) {
  return json::object{{"product_id", EncodeId(c.product_id)},
                      {"title", title},
                      {"cycle_days", c.cycle_days},
                      {"lead_days", c.lead_days},
                      {"updated_at", TimeOrNull(c.updated_at)}};
}

json::object EncodePlan(const reminders::CarePlan& p) {
  json::array months;
  for (int m : p.milestones) months.push_back(m);
  return json::object{{"kind", TextOf(reminders::kCareKindText, p.kind)},
                      {"enabled", p.enabled},
                      {"days", p.days},
                      {"field_key", p.field_key},
                      {"milestones", std::move(months)},
                      {"updated_at", p.updated_at ? TimeOrNull(p.updated_at) : json::value()}};
}

// A share in basis points (1/10000), or null when nothing to divide by.
json::value Rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return nullptr;
  return part * 10000 / whole;
}

// GET /admin/v1/repurchase/cycles
Reply ListCycles(Services& s, ReminderService& reminders, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadCycles(tx, s.modules, reminders, who->merchant_id);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& v : *list) items.push_back(EncodeCycle(v.cycle, v.title));
    return json::object{{"items", std::move(items)}};
  });
}

// PUT /admin/v1/repurchase/cycles/{id} {"cycle_days","lead_days"?}: {id} is the product.
Reply SetCycle(Services& s, ReminderService& reminders, HttpRequest& req) {
  return RecordStep<workflows::CycleView, ProductId>(
      s, req, Permission::kCustomersAdmin, catalog::errors::kProductNotFound,
      [&s, &reminders](const identity::Principal& who, ProductId id, JsonReader& r) {
        reminders::Cycle c;
        c.product_id = id;
        c.cycle_days = static_cast<int>(r.Int("cycle_days", {.min = 1, .max = 100000}));
        c.lead_days = static_cast<int>(r.Int(
            "lead_days",
            {.required = false, .min = 0, .max = 100000, .fallback = reminders::kDefaultLeadDays}));
        MerchantId m = who.merchant_id;
        return [&s, &reminders, m, c](Tx& tx) {
          return workflows::SetProductCycle(tx, s.modules, reminders, m, c);
        };
      },
      [](const workflows::CycleView& v) -> json::value { return EncodeCycle(v.cycle, v.title); });
}

// DELETE /admin/v1/repurchase/cycles/{id}: the product gets no more reminders.
Reply ClearCycle(Services& s, ReminderService& reminders, HttpRequest& req) {
  return RecordStep<bool, ProductId>(
      s, req, Permission::kCustomersAdmin, catalog::errors::kProductNotFound,
      [&s, &reminders](const identity::Principal& who, ProductId id, JsonReader&) {
        MerchantId m = who.merchant_id;
        return [&s, &reminders, m, id](Tx& tx) {
          return workflows::ClearProductCycle(tx, s.modules, reminders, m, id);
        };
      },
      [](const bool& removed) -> json::value {
        return json::object{{"removed", removed}};
      });
}

// GET /admin/v1/repurchase/report
Reply Report(Services& s, ReminderService& reminders, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto lines = workflows::RepurchaseReport(tx, s.modules, reminders, who->merchant_id);
    if (!lines) return Fail(lines.error());
    json::array items;
    for (const auto& l : *lines) {
      const auto& f = l.figures;
      items.push_back(
          json::object{{"product_id", EncodeId(f.product_id)},
                       {"title", l.title},
                       {"cycle_days", l.cycle ? json::value(l.cycle->cycle_days) : json::value()},
                       {"lead_days", l.cycle ? json::value(l.cycle->lead_days) : json::value()},
                       {"buyers", f.buyers},
                       {"repeat_buyers", f.repeat_buyers},
                       {"repurchase_rate_bp", Rate(f.repeat_buyers, f.buyers)},
                       {"reminders_sent", f.reminders_sent},
                       {"reminders_followed", f.reminders_followed},
                       {"follow_rate_bp", Rate(f.reminders_followed, f.reminders_sent)}});
    }
    return json::object{{"items", std::move(items)}};
  });
}

// GET /admin/v1/care-plans
Reply ListPlans(Services& s, ReminderService& reminders, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto plans = reminders.CarePlans(tx, who->merchant_id);
    if (!plans) return Fail(plans.error());
    json::array items;
    for (const auto& p : *plans) items.push_back(EncodePlan(p));
    return json::object{{"items", std::move(items)}};
  });
}

// PUT /admin/v1/care-plans {"kind","enabled","days","field_key"?,"milestones"?}
Reply SetPlan(Services& s, ReminderService& reminders, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string kind = r.Str("kind", {.max_len = 16});
  reminders::CarePlan p;
  p.enabled = r.Bool("enabled");
  p.days = static_cast<int>(r.Int("days", {.min = 0, .max = 100000}));
  p.field_key = r.OptStr("field_key", 64).value_or("");
  const json::array& months = r.Array("milestones", false, 50);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto k = FromText(reminders::kCareKindText, kind);
  if (!k) return ErrorResponse(BadField("kind must be birthday, milestone or delivery"));
  p.kind = *k;
  for (const auto& v : months) {
    if (!v.is_int64()) return ErrorResponse(BadField("milestones are whole months"));
    p.milestones.push_back(static_cast<int>(std::clamp<std::int64_t>(v.as_int64(), -1, 100000)));
  }
  MerchantId m = who->merchant_id;
  return WriteThen<reminders::CarePlan>(
      s, [&reminders, m, p](Tx& tx) { return reminders.SetCarePlan(tx, m, p); },
      [](const reminders::CarePlan& plan) -> json::value { return EncodePlan(plan); });
}

}  // namespace

void AddReminderRoutes(Router& r, Services& s, ReminderService& reminders) {
  r.Add(Method::kGet, "/admin/v1/repurchase/cycles",
        [&s, &reminders](HttpRequest& q) { return ListCycles(s, reminders, q); });
  r.Add(Method::kPut, "/admin/v1/repurchase/cycles/{id}",
        [&s, &reminders](HttpRequest& q) { return SetCycle(s, reminders, q); });
  r.Add(Method::kDelete, "/admin/v1/repurchase/cycles/{id}",
        [&s, &reminders](HttpRequest& q) { return ClearCycle(s, reminders, q); });
  r.Add(Method::kGet, "/admin/v1/repurchase/report",
        [&s, &reminders](HttpRequest& q) { return Report(s, reminders, q); });
  r.Add(Method::kGet, "/admin/v1/care-plans",
        [&s, &reminders](HttpRequest& q) { return ListPlans(s, reminders, q); });
  r.Add(Method::kPut, "/admin/v1/care-plans",
        [&s, &reminders](HttpRequest& q) { return SetPlan(s, reminders, q); });
}

}  // namespace weishang::api
