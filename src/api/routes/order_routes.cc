// The console's orders, under /admin/v1/orders.
#include "api/app.h"
#include "api/json/codecs.h"
#include "api/routes/support.h"
#include "modules/order/order_errors.h"
#include "queries/orders_csv.h"
#include "queries/shop_time.h"
#include "workflows/orders/order_flows.h"
#include "workflows/orders/ship_batch.h"

namespace weishang::api {
namespace {

using identity::Permission;

Result<order::ListFilter> DecodeFilter(const HttpRequest& req) {
  auto page = ParsePage(req);
  if (!page) return Fail(page.error());
  order::ListFilter f;
  f.limit = page->limit;
  f.after = *DecodeCursor<OrderId>(page->after);
  std::string status = req.QueryParam("status");
  if (!status.empty()) {
    f.status = order::ParseStatus(status);
    if (!f.status)
      return Fail(Invalid(order::errors::kInvalidStatusFilter, "unknown status '" + status + "'"));
  }
  for (auto [name, slot] : {std::pair{"from", &f.created_from}, std::pair{"to", &f.created_to}}) {
    std::string text = req.QueryParam(name);
    if (text.empty()) continue;
    Timestamp t = 0;
    if (!ParseIso8601(text, &t)) {
      return Fail(Invalid(order::errors::kInvalidDateFilter,
                          std::string(name) + " must be a date like 2026-11-22"));
    }
    *slot = t;
  }
  f.buyer_phone = req.QueryParam("phone").substr(0, 20);
  return f;
}

Reply List(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto f = DecodeFilter(req);
  if (!f) return ErrorResponse(f.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.orders.List(tx, who->merchant_id, *f);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& o : *list) items.push_back(EncodeOrderSummary(o));
    json::object out{{"items", std::move(items)}};
    // A full page may be the last one; the page after it is then empty.
    bool full = static_cast<int>(list->size()) == f->limit;
    out["next_cursor"] = full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr);
    return out;
  });
}

Reply Get(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<OrderId>(req, "id", order::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadOrderDetail(tx, s.modules, who->merchant_id, *id);
    if (!d) return Fail(d.error());
    return EncodeOrderDetail(*d);
  });
}

// GET /admin/v1/orders/export.csv: the list's filters (paging aside) as a
// CSV file for Excel (queries/orders_csv.h). Roles that ship get the buyers'
// full phone numbers and addresses; others the masked phone and province.
Reply ExportCsv(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kRead);
  if (!who) return ErrorResponse(who.error());
  auto f = DecodeFilter(req);
  if (!f) return ErrorResponse(f.error());
  queries::OrdersCsvOptions options;
  options.full_contact = identity::Allows(who->role, Permission::kOrderFulfil);
  options.english = req.QueryParam("lang") == "en";
  std::string csv;
  auto read = s.db.Read([&](Tx& tx) -> Result<void> {
    auto file = queries::OrdersCsv(tx, s.modules.orders, who->merchant_id, *f, options);
    if (!file) return Fail(file.error());
    csv = std::move(*file);
    return {};
  });
  if (!read) return ErrorResponse(read.error());
  HttpResponse out;
  out.content_type = "text/csv; charset=utf-8";
  out.body = std::move(csv);
  std::string day = queries::FormatShopDay(queries::ShopDay(s.clock.Now()));
  out.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"orders-" + day + ".csv\"");
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

// Decodes the body, then runs `step` on the order in a durable write.
using Unit = RecordUnit<order::Order>;
using Decode = RecordDecode<order::Order, OrderId>;

Reply Step(Services& s, HttpRequest& req, Permission permission, const Decode& decode) {
  return RecordStep<order::Order, OrderId>(
      s, req, permission, order::errors::kNotFound, decode,
      [](const order::Order& o) { return json::value(EncodeOrder(o)); });
}

void AddSteps(Router& r, Services& s) {
  r.Add(Method::kPost, "/admin/v1/orders/{id}/ship", [&s](HttpRequest& q) {
    return Step(s, q, Permission::kOrderFulfil,
                [&s](const identity::Principal& who, OrderId id, JsonReader& r) -> Unit {
                  std::string carrier = r.Str("carrier", {.max_len = 50, .min_len = 1});
                  std::string tracking = r.Str("tracking_no", {.max_len = 60, .min_len = 3});
                  MerchantId m = who.merchant_id;
                  std::string actor = EncodeId(who.staff_id);
                  return Unit([&s, m, id, carrier, tracking, actor](Tx& tx) {
                    return workflows::ShipOrder(tx, s.modules, m, id, carrier, tracking, actor);
                  });
                });
  });
  r.Add(Method::kPost, "/admin/v1/orders/{id}/cancel", [&s](HttpRequest& q) {
    return Step(s, q, Permission::kOrderFulfil,
                [&s](const identity::Principal& who, OrderId id, JsonReader& r) -> Unit {
                  std::string reason = r.Str("reason", {.required = false, .max_len = 200});
                  if (reason.empty()) reason = "cancelled by the shop";
                  MerchantId m = who.merchant_id;
                  std::string actor = EncodeId(who.staff_id);
                  return Unit([&s, m, id, reason, actor](Tx& tx) {
                    return workflows::CancelOrder(tx, s.modules, m, id, reason, actor);
                  });
                });
  });
  r.Add(Method::kPost, "/admin/v1/orders/{id}/confirm-payment", [&s](HttpRequest& q) {
    return Step(s, q, Permission::kMoney,
                [&s](const identity::Principal& who, OrderId id, JsonReader& r) -> Unit {
                  std::string method = r.Str("method", {.max_len = 20});
                  std::string reference = r.Str("reference", {.required = false, .max_len = 100});
                  Fen amount = r.Int("amount", {.min = 1, .max = kMaxFen});
                  MerchantId m = who.merchant_id;
                  StaffId staff = who.staff_id;
                  return Unit([&s, m, id, method, reference, amount, staff](Tx& tx) {
                    return workflows::ConfirmManualPayment(tx, s.modules, m, id, amount, method,
                                                           reference, staff);
                  });
                });
  });
}

// GET /admin/v1/finance/summary?from=&to=: what is owed, settled and refunded.
Reply FinanceSummary(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kMoney);
  if (!who) return ErrorResponse(who.error());
  auto f = DecodeFilter(req);
  if (!f) return ErrorResponse(f.error());
  Timestamp from = f->created_from.value_or(0), to = f->created_to.value_or(INT64_MAX);
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto summary = workflows::SummariseFinance(tx, s.modules, who->merchant_id, from, to);
    if (!summary) return Fail(summary.error());
    return EncodeFinanceSummary(*summary);
  });
}

Reply SandboxSecret(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kMoney);
  if (!who) return ErrorResponse(who.error());
  MerchantId m = who->merchant_id;
  return WriteThen<std::string>(
      s, [&s, m](Tx& tx) { return s.modules.payments.SandboxSecret(tx, m); },
      [enabled = s.modules.payments.sandbox_enabled()](const std::string& secret) {
        return json::value(
            json::object{{"provider", "sandbox"},
                         {"enabled", enabled},
                         {"signing_secret", secret},
                         {"signature", "hex HMAC-SHA256 of the raw body, header X-Signature"}});
      });
}

// GET /admin/v1/payments/callbacks: the providers' callbacks as logged,
// refused ones too, newest first, paged.
Reply ListCallbacks(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kMoney);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  Id after = *DecodeCursorValue(page->after);
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.payments.ListCallbacks(tx, who->merchant_id, after, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& c : *list) {
      items.push_back(json::object{{"provider", c.provider},
                                   {"received_at", FormatIso8601(c.received_at)},
                                   {"signature_ok", c.signature_ok},
                                   {"outcome", c.outcome},
                                   {"payload", c.payload}});
    }
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{{"items", std::move(items)},
                        {"next_cursor", full ? json::value(EncodeCursorValue(list->back().id))
                                             : json::value(nullptr)}};
  });
}

json::object EncodeRowFailure(const workflows::RowFailure& f) {
  return {{"row", f.row},
          {"order_id", f.order_ref},
          {"code", f.error.code},
          {"message", f.error.message}};
}

// POST /admin/v1/orders/ship-batch: a CSV body of order_id,carrier,tracking_no.
Reply ShipBatch(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kOrderFulfil);
  if (!who) return ErrorResponse(who.error());
  auto plan = workflows::ReadShipBatch(req.body);
  if (!plan) return ErrorResponse(plan.error());
  MerchantId merchant = who->merchant_id;
  std::string actor = EncodeId(who->staff_id);
  storage::Database* db = &s.db;
  workflows::Modules* m = &s.modules;
  return Deferred{[db, m, merchant, actor, plan = std::move(*plan)](Respond respond) mutable {
    workflows::ShipBatch(*db, *m, merchant, actor, std::move(plan),
                         [respond](workflows::ShipBatchResult r) {
                           respond([r = std::move(r)] {
                             json::array shipped, errors;
                             for (const auto& ref : r.shipped) shipped.emplace_back(ref);
                             for (const auto& f : r.failed) errors.push_back(EncodeRowFailure(f));
                             return Ok(json::object{{"shipped", shipped.size()},
                                                    {"failed", errors.size()},
                                                    {"shipped_orders", std::move(shipped)},
                                                    {"errors", std::move(errors)}});
                           });
                         });
  }};
}

}  // namespace

void AddOrderRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/orders", [&s](HttpRequest& q) { return List(s, q); });
  // Before /admin/v1/orders/{id}, which the router would match first.
  r.Add(Method::kGet, "/admin/v1/orders/export.csv",
        [&s](HttpRequest& q) { return ExportCsv(s, q); });
  r.Add(Method::kGet, "/admin/v1/orders/{id}", [&s](HttpRequest& q) { return Get(s, q); });
  r.Add(Method::kPost, "/admin/v1/orders/ship-batch",
        [&s](HttpRequest& q) { return ShipBatch(s, q); });
  AddSteps(r, s);
  r.Add(Method::kGet, "/admin/v1/payments/sandbox",
        [&s](HttpRequest& q) { return SandboxSecret(s, q); });
  r.Add(Method::kGet, "/admin/v1/payments/callbacks",
        [&s](HttpRequest& q) { return ListCallbacks(s, q); });
  r.Add(Method::kGet, "/admin/v1/finance/summary",
        [&s](HttpRequest& q) { return FinanceSummary(s, q); });
}

}  // namespace weishang::api
