// Decode, call workflows/crm/crm_flows.h or the crm module, encode. A staff
// member works with the customers and tasks they own; owner and admin with all.
#include "api/routes/crm_routes.h"

#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/crm/crm_errors.h"
#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"
#include "queries/shop_time.h"
#include "workflows/crm/crm_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;

Error BadField(std::string message) {
  return Invalid(crm::errors::kInvalidField, std::move(message));
}

// An ISO-8601 time from the body, or nullopt with the reader's error recorded.
std::optional<Timestamp> TimeField(JsonReader& r, std::string_view key, bool required) {
  auto text = r.OptStr(key, 40);
  if (!text) {
    if (required) r.Reject(key, "is required (an ISO-8601 time)");
    return std::nullopt;
  }
  Timestamp t = 0;
  if (!ParseIso8601(*text, &t)) {
    r.Reject(key, "must be an ISO-8601 time");
    return std::nullopt;
  }
  return t;
}

json::object EncodeInteraction(const crm::Interaction& i) {
  return json::object{{"id", EncodeId(i.id)},
                      {"customer_id", EncodeId(i.customer_id)},
                      {"staff_id", EncodeId(i.staff_id)},
                      {"kind", TextOf(crm::kInteractionKindText, i.kind)},
                      {"summary", i.summary},
                      {"happened_at", TimeOrNull(i.happened_at)},
                      {"created_at", TimeOrNull(i.created_at)}};
}

json::object EncodeTask(const crm::Task& t) {
  return json::object{{"id", EncodeId(t.id)},
                      {"customer_id", EncodeId(t.customer_id)},
                      {"owner_staff_id", t.owner ? json::value(EncodeId(*t.owner)) : json::value()},
                      {"kind", TextOf(crm::kTaskKindText, t.kind)},
                      {"title", t.title},
                      {"due_at", TimeOrNull(t.due_at)},
                      {"status", TextOf(crm::kTaskStatusText, t.status)},
                      {"done_at", TimeOrNull(t.done_at)},
                      {"created_at", TimeOrNull(t.created_at)}};
}

// POST /admin/v1/customers/{id}/interactions {"kind","summary","happened_at"?}
Reply LogInteraction(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string kind = r.Str("kind", {.max_len = 16});
  crm::Interaction in;
  in.summary = r.Str("summary", {.max_len = 4000});
  in.happened_at = TimeField(r, "happened_at", false).value_or(0);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  auto k = FromText(crm::kInteractionKindText, kind);
  if (!k) return ErrorResponse(BadField("kind must be chat, like, comment, call or note"));
  in.kind = *k;
  in.customer_id = *id;
  in.staff_id = who->staff_id;
  MerchantId m = who->merchant_id;
  auto only = identity::OwnedCustomersOnly(*who);
  return IdempotentWrite(s, req, m, "crm.interaction",
                         [&s, m, in, only](Tx& tx) -> Result<json::value> {
                           auto made = workflows::LogInteraction(tx, s.modules, m, in, only);
                           if (!made) return Fail(made.error());
                           return EncodeInteraction(*made);
                         });
}

Reply ListInteractions(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadInteractions(tx, s.modules, who->merchant_id, *id,
                                            identity::OwnedCustomersOnly(*who), page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& i : *list) items.push_back(EncodeInteraction(i));
    return json::object{{"items", std::move(items)}};
  });
}

// GET /admin/v1/customers/{id}/timeline?limit=: orders, after-sales, interactions, tasks
// and owner changes, newest first.
Reply Timeline(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = workflows::LoadTimeline(tx, s.modules, who->merchant_id, *id,
                                        identity::OwnedCustomersOnly(*who), page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& e : *list) {
      items.push_back(json::object{{"type", e.type},
                                   {"at", TimeOrNull(e.at)},
                                   {"ref", e.ref},
                                   {"title", e.title},
                                   {"status", e.status},
                                   {"amount", e.amount ? json::value(*e.amount) : json::value()}});
    }
    return json::object{{"items", std::move(items)}};
  });
}

// POST /admin/v1/customers/{id}/tasks {"title","due_at"}
Reply CreateTask(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  JsonReader r(*body);
  std::string title = r.Str("title", {.max_len = 400});
  auto due = TimeField(r, "due_at", true);
  if (auto bad = r.Error()) return ErrorResponse(*bad);
  MerchantId m = who->merchant_id;
  StaffId caller = who->staff_id;
  auto only = identity::OwnedCustomersOnly(*who);
  CustomerId customer = *id;
  Timestamp due_at = *due;
  return IdempotentWrite(
      s, req, m, "crm.task",
      [&s, m, customer, title, due_at, caller, only](Tx& tx) -> Result<json::value> {
        auto t =
            workflows::CreateCustomerTask(tx, s.modules, m, customer, title, due_at, caller, only);
        if (!t) return Fail(t.error());
        return EncodeTask(*t);
      });
}

// GET /admin/v1/tasks?view=open|due|overdue|done&scope=mine|all&customer_id=
Reply ListTasks(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<TaskId>(page->after);
  if (!after) return ErrorResponse(after.error());
  crm::TaskFilter f;
  f.limit = page->limit;
  f.after = *after;
  std::string view = req.QueryParam("view");
  std::string scope = req.QueryParam("scope");
  std::string customer = req.QueryParam("customer_id");
  std::int64_t today = queries::ShopDay(s.clock.Now());
  if (view.empty() || view == "open") {
  } else if (view == "due") {  // due by the end of today (shop time), overdue included
    f.due_before = queries::ShopDayStart(today + 1);
  } else if (view == "overdue") {
    f.due_before = queries::ShopDayStart(today);
  } else if (view == "done") {
    f.status = crm::TaskStatus::kDone;
  } else {
    return ErrorResponse(BadField("view must be open, due, overdue or done"));
  }
  if (scope == "all" && !identity::SeesAllCustomers(who->role)) {
    return ErrorResponse(
        Denied(identity::errors::kForbidden, "only owner and admin see every task"));
  }
  if (scope != "all" && !scope.empty() && scope != "mine") {
    return ErrorResponse(BadField("scope must be mine or all"));
  }
  if (scope != "all") f.owner = who->staff_id;
  if (!customer.empty()) {
    auto c = DecodeId<CustomerId>(customer);
    if (!c) return ErrorResponse(BadField("customer_id is not a customer id"));
    f.customer = *c;
  }
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.crm.ListTasks(tx, who->merchant_id, f);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& t : *list) items.push_back(EncodeTask(t));
    json::object out{{"items", std::move(items)}};
    bool full = static_cast<int>(list->size()) == f.limit;
    out["next_cursor"] = full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr);
    return out;
  });
}

Reply Complete(Services& s, HttpRequest& req) {
  return RecordStep<crm::Task, TaskId>(
      s, req, Permission::kCustomers, crm::errors::kTaskNotFound,
      [&s](const identity::Principal& who, TaskId id, JsonReader&) {
        MerchantId m = who.merchant_id;
        auto only = identity::OwnedCustomersOnly(who);
        return [&s, m, id, only](Tx& tx) { return s.modules.crm.Complete(tx, m, id, only); };
      },
      [](const crm::Task& t) -> json::value { return EncodeTask(t); });
}

Reply Snooze(Services& s, HttpRequest& req) {
  return RecordStep<crm::Task, TaskId>(
      s, req, Permission::kCustomers, crm::errors::kTaskNotFound,
      [&s](const identity::Principal& who, TaskId id, JsonReader& r) {
        Timestamp until = TimeField(r, "until", true).value_or(0);
        MerchantId m = who.merchant_id;
        auto only = identity::OwnedCustomersOnly(who);
        return [&s, m, id, until, only](Tx& tx) {
          return s.modules.crm.Snooze(tx, m, id, until, only);
        };
      },
      [](const crm::Task& t) -> json::value { return EncodeTask(t); });
}

Reply Reassign(Services& s, HttpRequest& req) {
  return RecordStep<crm::Task, TaskId>(
      s, req, Permission::kCustomersAdmin, crm::errors::kTaskNotFound,
      [&s](const identity::Principal& who, TaskId id, JsonReader& r) {
        auto to = DecodeId<StaffId>(r.Str("staff_id", {.max_len = 40}));
        MerchantId m = who.merchant_id;
        return [&s, m, id, to](Tx& tx) -> Result<crm::Task> {
          if (!to) return Fail(NotFound(identity::errors::kStaffNotFound, "no such staff member"));
          return workflows::ReassignTask(tx, s.modules, m, id, *to);
        };
      },
      [](const crm::Task& t) -> json::value { return EncodeTask(t); });
}

}  // namespace

void AddCrmRoutes(Router& r, Services& s) {
  r.Add(Method::kPost, "/admin/v1/customers/{id}/interactions",
        [&s](HttpRequest& q) { return LogInteraction(s, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}/interactions",
        [&s](HttpRequest& q) { return ListInteractions(s, q); });
  r.Add(Method::kPost, "/admin/v1/customers/{id}/tasks",
        [&s](HttpRequest& q) { return CreateTask(s, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}/timeline",
        [&s](HttpRequest& q) { return Timeline(s, q); });
  r.Add(Method::kGet, "/admin/v1/tasks", [&s](HttpRequest& q) { return ListTasks(s, q); });
  r.Add(Method::kPost, "/admin/v1/tasks/{id}/complete",
        [&s](HttpRequest& q) { return Complete(s, q); });
  r.Add(Method::kPost, "/admin/v1/tasks/{id}/snooze",
        [&s](HttpRequest& q) { return Snooze(s, q); });
  r.Add(Method::kPost, "/admin/v1/tasks/{id}/reassign",
        [&s](HttpRequest& q) { return Reassign(s, q); });
}

}  // namespace weishang::api
