// Decode, call workflows/customers/ownership_flows.h or a module, encode.
// A staff member works only with the customers they own; owner and admin
// with all (identity::SeesAllCustomers).
#include "api/routes/ownership_routes.h"

#include "api/json/codecs.h"
#include "api/json/customer_json.h"
#include "api/routes/support.h"
#include "modules/audit/audit_errors.h"
#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"
#include "queries/shop_time.h"
#include "workflows/customers/ownership_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;

json::value IdOrNull(const auto& id) { return id ? json::value(EncodeId(*id)) : json::value(); }

Error BadField(std::string message) {
  return Invalid(customers::errors::kInvalidField, std::move(message));
}

json::object EncodeField(const customers::FieldDef& d) {
  json::array choices;
  for (const auto& c : d.choices) choices.push_back(json::value(c));
  return json::object{{"key", d.key},
                      {"label", d.label},
                      {"type", TextOf(customers::kFieldKindText, d.kind)},
                      {"choices", std::move(choices)},
                      {"created_at", TimeOrNull(d.created_at)},
                      {"updated_at", TimeOrNull(d.updated_at)}};
}

json::object EncodeLoad(const workflows::StaffLoad& l) {
  return json::object{{"staff_id", EncodeId(l.staff.id)},
                      {"name", l.staff.name},
                      {"role", identity::RoleName(l.staff.role)},
                      {"status", TextOf(identity::kStaffStatusText, l.staff.status)},
                      {"capacity", l.capacity},
                      {"owned", l.owned}};
}

json::object EncodeAssignment(const workflows::AssignmentView& v) {
  json::array pool, staff;
  for (StaffId id : v.rules.staff) pool.push_back(json::value(EncodeId(id)));
  json::object channels;
  for (const auto& [channel, id] : v.rules.channels) channels[channel] = EncodeId(id);
  for (const auto& l : v.staff) staff.push_back(EncodeLoad(l));
  return json::object{{"mode", TextOf(customers::kAssignModeText, v.rules.mode)},
                      {"staff_ids", std::move(pool)},
                      {"channels", std::move(channels)},
                      {"default_capacity", customers::kDefaultCapacity},
                      {"staff", std::move(staff)}};
}

// --- custom fields ---

Reply ListFields(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto defs = s.modules.customers.Fields(tx, who->merchant_id);
    if (!defs) return Fail(defs.error());
    json::array items;
    for (const auto& d : *defs) items.push_back(EncodeField(d));
    return json::object{{"items", std::move(items)}};
  });
}

// PUT /admin/v1/customer-fields {"key","label","type","choices"?}: defines or relabels one.
Reply DefineField(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  customers::FieldDef def;
  def.key = r.Str("key", {.max_len = 32});
  def.label = r.Str("label", {.max_len = 200});
  std::string type = r.Str("type", {.max_len = 16});
  def.choices = r.StrList("choices", 50, 200);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto kind = FromText(customers::kFieldKindText, type);
  if (!kind) return ErrorResponse(BadField("type must be date, text, number or choice"));
  def.kind = *kind;
  MerchantId m = who->merchant_id;
  return WriteThen<customers::FieldDef>(
      s, [&s, m, def](Tx& tx) { return s.modules.customers.DefineField(tx, m, def); },
      [](const customers::FieldDef& d) -> json::value { return EncodeField(d); });
}

// PATCH /admin/v1/customers/{id}/fields {"fields":{"key":"value"|null}}
Reply SetFields(Services& s, HttpRequest& req) {
  return RecordStep<customers::Customer, CustomerId>(
      s, req, Permission::kCustomers, customers::errors::kNotFound,
      [&s](const identity::Principal& who, CustomerId id, JsonReader& r) {
        std::vector<std::pair<std::string, std::optional<std::string>>> values;
        const json::object& fields = r.Object("fields");
        for (const auto& [key, value] : fields) {
          if (value.is_null()) {
            values.emplace_back(std::string(key), std::nullopt);
          } else if (value.is_string()) {
            values.emplace_back(std::string(key), std::string(value.as_string()));
          } else {
            r.Reject("fields", "each value is a string, or null to clear it");
          }
        }
        if (fields.size() > 50) r.Reject("fields", "at most 50 fields at once");
        MerchantId m = who.merchant_id;
        auto only = identity::OwnedCustomersOnly(who);
        return [&s, m, id, only, values](Tx& tx) {
          return workflows::SetCustomerFields(tx, s.modules, m, id, values, only);
        };
      },
      [](const customers::Customer& c) -> json::value { return EncodeCustomer(c, true); });
}

// --- assignment and capacity ---

Reply GetAssignment(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto v = workflows::LoadAssignment(tx, s.modules, who->merchant_id);
    if (!v) return Fail(v.error());
    return EncodeAssignment(*v);
  });
}

// PUT /admin/v1/customer-assignment {"mode","staff_ids":[],"channels":{"channel":"stf_…"}}
Reply SetAssignment(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  customers::AssignmentRules rules;
  std::string mode = r.Str("mode", {.max_len = 16});
  std::vector<std::string> pool = r.StrList("staff_ids", 200, 40);
  const json::object& channels = r.Object("channels", false);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto parsed = FromText(customers::kAssignModeText, mode);
  if (!parsed) {
    return ErrorResponse(BadField("mode must be none, round_robin, least_loaded or by_channel"));
  }
  rules.mode = *parsed;
  auto no_staff = [] {
    return ErrorResponse(NotFound(identity::errors::kStaffNotFound, "no such staff member"));
  };
  for (const auto& text : pool) {
    auto id = DecodeId<StaffId>(text);
    if (!id) return no_staff();
    rules.staff.push_back(*id);
  }
  if (channels.size() > 100) return ErrorResponse(BadField("at most 100 channels"));
  for (const auto& [channel, value] : channels) {
    auto id = value.is_string() ? DecodeId<StaffId>(std::string(value.as_string())) : std::nullopt;
    if (!id) return no_staff();
    rules.channels.emplace(std::string(channel), *id);
  }
  MerchantId m = who->merchant_id;
  return WriteThen<workflows::AssignmentView>(
      s, [&s, m, rules](Tx& tx) { return workflows::SetAssignment(tx, s.modules, m, rules); },
      [](const workflows::AssignmentView& v) -> json::value { return EncodeAssignment(v); });
}

// PUT /admin/v1/staff/{id}/capacity {"capacity"}
Reply SetCapacity(Services& s, HttpRequest& req) {
  return RecordStep<workflows::StaffLoad, StaffId>(
      s, req, Permission::kCustomersAdmin, identity::errors::kStaffNotFound,
      [&s](const identity::Principal& who, StaffId id, JsonReader& r) {
        std::int64_t capacity = r.Int("capacity", {.min = 1, .max = customers::kMaxCapacity});
        MerchantId m = who.merchant_id;
        return [&s, m, id, capacity](Tx& tx) {
          return workflows::SetStaffCapacity(tx, s.modules, m, id, capacity);
        };
      },
      [](const workflows::StaffLoad& l) -> json::value { return EncodeLoad(l); });
}

// --- handover ---

// POST /admin/v1/handovers {"from_staff_id","kind","customer_ids"?,"to":[{"staff_id","count"?}]}
Reply Handover(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  customers::HandoverRequest h;
  std::string from = r.Str("from_staff_id", {.max_len = 40});
  std::string kind = r.Str("kind", {.max_len = 16});
  std::vector<std::string> chosen = r.StrList("customer_ids", 5000, 40);
  const json::array& to = r.Array("to", true, 20);
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (!to[i].is_object()) {
      r.Reject("to", "each colleague is an object {staff_id, count?}");
      break;
    }
    JsonReader t(to[i].as_object(), "to[" + std::to_string(i) + "]");
    std::string staff = t.Str("staff_id", {.max_len = 40});
    auto count = t.OptInt("count", 0, customers::kMaxCapacity);
    if (t.Error()) {
      r.Reject("to", t.Error()->message);
      break;
    }
    auto id = DecodeId<StaffId>(staff);
    if (!id)
      return ErrorResponse(NotFound(identity::errors::kStaffNotFound, "no such staff member"));
    h.to.push_back({*id, count});
  }
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto parsed = FromText(customers::kHandoverKindText, kind);
  if (!parsed) return ErrorResponse(BadField("kind must be resigned or transfer"));
  h.kind = *parsed;
  auto from_id = DecodeId<StaffId>(from);
  if (!from_id) {
    return ErrorResponse(NotFound(identity::errors::kStaffNotFound, "no such staff member"));
  }
  h.from = *from_id;
  for (const auto& text : chosen) {
    auto id = DecodeId<CustomerId>(text);
    if (!id) return ErrorResponse(NotFound(customers::errors::kNotFound, "no such customer"));
    h.customers.push_back(*id);
  }
  h.actor = EncodeId(who->staff_id);
  MerchantId m = who->merchant_id;
  StaffId actor = who->staff_id;
  return IdempotentWrite(
      s, req, m, "customers.handover", [&s, m, h, actor](Tx& tx) -> Result<json::value> {
        auto out = workflows::HandOver(tx, s.modules, m, h, actor);
        if (!out) return Fail(out.error());
        json::array moved, refused;
        for (const auto& [customer, staff] : out->result.moved) {
          moved.push_back(
              json::object{{"customer_id", EncodeId(customer)}, {"staff_id", EncodeId(staff)}});
        }
        for (const auto& f : out->result.refused) {
          refused.push_back(json::object{
              {"customer_id", EncodeId(f.customer)}, {"code", f.code}, {"message", f.message}});
        }
        return json::object{{"audit_id", out->audit_id},
                            {"tasks_moved", out->tasks_moved},
                            {"kind", TextOf(customers::kHandoverKindText, h.kind)},
                            {"from_staff_id", EncodeId(h.from)},
                            {"moved", std::move(moved)},
                            {"refused", std::move(refused)}};
      });
}

// GET /admin/v1/customers/{id}/owners: who owned the customer, newest change first.
Reply OwnerHistory(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadOwnerHistory(tx, s.modules, who->merchant_id, *id,
                                            identity::OwnedCustomersOnly(*who));
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& c : *list) {
      items.push_back(json::object{{"from_staff_id", IdOrNull(c.from)},
                                   {"to_staff_id", IdOrNull(c.to)},
                                   {"reason", TextOf(customers::kOwnerReasonText, c.reason)},
                                   {"actor", c.actor},
                                   {"at", TimeOrNull(c.at)}});
    }
    return json::object{{"items", std::move(items)}};
  });
}

// --- audit ---

Reply ListAudit(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kAuditRead);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursorValue(page->after);
  if (!after) return ErrorResponse(after.error());
  audit::ListFilter f;
  f.limit = page->limit;
  f.before = *after;
  f.action = req.QueryParam("action").substr(0, 40);
  // ?from= and ?to=: shop days (YYYY-MM-DD), both included.
  for (auto [param, bound, next] :
       {std::tuple{"from", &f.from, 0}, std::tuple{"to", &f.until, 1}}) {
    std::string text = req.QueryParam(param);
    if (text.empty()) continue;
    auto day = customers::ReadDate(text);
    if (!day) {
      return ErrorResponse(
          Invalid(audit::errors::kInvalidDate, std::string(param) + " must be a date, YYYY-MM-DD"));
    }
    *bound = queries::ShopDayStart(std::chrono::sys_days(*day).time_since_epoch().count() + next);
  }
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.audit.List(tx, who->merchant_id, f);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& e : *list) {
      auto detail = ParseObject(e.detail);
      items.push_back(json::object{
          {"id", e.id},
          {"actor_staff_id", IdOrNull(e.actor)},
          {"action", e.action},
          {"subject", e.subject},
          {"detail", detail ? json::value(std::move(*detail)) : json::value(json::object())},
          {"at", TimeOrNull(e.at)}});
    }
    json::object out{{"items", std::move(items)}};
    bool full = static_cast<int>(list->size()) == f.limit;
    out["next_cursor"] =
        full ? json::value(EncodeCursorValue(list->back().id)) : json::value(nullptr);
    return out;
  });
}

}  // namespace

void AddOwnershipRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/customer-fields",
        [&s](HttpRequest& q) { return ListFields(s, q); });
  r.Add(Method::kPut, "/admin/v1/customer-fields",
        [&s](HttpRequest& q) { return DefineField(s, q); });
  r.Add(Method::kPatch, "/admin/v1/customers/{id}/fields",
        [&s](HttpRequest& q) { return SetFields(s, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}/owners",
        [&s](HttpRequest& q) { return OwnerHistory(s, q); });
  r.Add(Method::kGet, "/admin/v1/customer-assignment",
        [&s](HttpRequest& q) { return GetAssignment(s, q); });
  r.Add(Method::kPut, "/admin/v1/customer-assignment",
        [&s](HttpRequest& q) { return SetAssignment(s, q); });
  r.Add(Method::kPut, "/admin/v1/staff/{id}/capacity",
        [&s](HttpRequest& q) { return SetCapacity(s, q); });
  r.Add(Method::kPost, "/admin/v1/handovers", [&s](HttpRequest& q) { return Handover(s, q); });
  r.Add(Method::kGet, "/admin/v1/audit", [&s](HttpRequest& q) { return ListAudit(s, q); });
}

}  // namespace weishang::api
