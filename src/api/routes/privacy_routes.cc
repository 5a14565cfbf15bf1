// Decode, authorise, call workflows/privacy, encode. Who may do what:
// - a segment export takes kCustomersAdmin (owner, admin: every customer of
//   the segment); full phone numbers in it take kPersonalData (the owner),
//   the others get them masked. Staff do not export (a file leaves the
//   system; a staff member works with their customers in the console).
// - a customer's personal data takes kCustomersAdmin (answering a
//   customer's request is the shop's, not a staff member's, job);
// - an erasure, which cannot be undone, takes kPersonalData (the owner).
#include "api/routes/privacy_routes.h"

#include "api/json/codecs.h"
#include "api/json/customer_json.h"
#include "api/json/tag_json.h"
#include "api/routes/support.h"
#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"
#include "modules/tags/expression.h"
#include "modules/tags/tags_errors.h"
#include "workflows/privacy/privacy_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;

// GET /admin/v1/segments/{id}/export.csv: the file once its audit entry is durable.
Reply ExportSegment(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<SegmentId>(req, "id", tags::errors::kSegmentNotFound);
  if (!id) return ErrorResponse(id.error());
  workflows::SegmentCsvOptions options;
  std::string phones = req.QueryParam("phones");
  if (phones == "full") {
    if (!identity::Allows(who->role, Permission::kPersonalData)) {
      return ErrorResponse(
          Denied(identity::errors::kForbidden, "only the owner exports full phone numbers"));
    }
    options.full_phone = true;
  } else if (!phones.empty() && phones != "masked") {
    return ErrorResponse(
        Invalid(customers::errors::kInvalidField, "phones must be full or masked"));
  }
  options.english = req.QueryParam("lang") == "en";
  auto file = workflows::ExportSegmentCsv(s.db, w, s.modules, *who, *id, options);
  if (!file) return ErrorResponse(file.error());
  auto csv = std::make_shared<workflows::SegmentCsv>(std::move(*file));
  storage::Database* db = &s.db;
  workflows::Modules* m = &s.modules;
  identity::Principal actor = *who;
  std::string day = tags::FormatDay(tags::ShopDayOf(s.clock.Now()));
  return Deferred{[db, m, actor, csv, options, day](Respond respond) {
    db->Submit(
        [m, actor, csv, options](Tx& tx) -> Result<void> {
          auto entry = workflows::RecordSegmentExport(tx, *m, actor, *csv, options);
          if (!entry) return Fail(entry.error());
          return {};
        },
        [csv, day, respond](Result<void> r) {
          respond([csv, day, r]() -> HttpResponse {
            if (!r) return ErrorResponse(r.error());
            HttpResponse out;
            out.content_type = "text/csv; charset=utf-8";
            out.body = std::move(csv->text);
            out.headers.emplace_back("Content-Disposition", "attachment; filename=\"segment-" +
                                                                EncodeId(csv->segment.id) + "-" +
                                                                day + ".csv\"");
            out.headers.emplace_back("X-Export-Rows", std::to_string(csv->rows));
            out.headers.emplace_back("Cache-Control", "no-store");
            return out;
          });
        });
  }};
}

json::object EncodeAddress(const accounts::Address& a) {
  return json::object{{"name", a.name},
                      {"phone", a.phone},
                      {"province", a.province},
                      {"city", a.city},
                      {"district", a.district},
                      {"address", a.address},
                      {"postal_code", a.postal_code},
                      {"is_default", a.is_default}};
}

json::object EncodePersonalOrder(const order::Order& o) {
  json::array lines;
  for (const auto& l : o.lines) {
    lines.push_back(json::object{{"title", l.title},
                                 {"spec", l.spec_text},
                                 {"quantity", l.quantity},
                                 {"unit_price", l.unit_price},
                                 {"payable", l.payable}});
  }
  return json::object{
      {"id", EncodeId(o.id)},
      {"status", order::StatusName(o.status)},
      {"created_at", TimeOrNull(o.created_at)},
      {"paid_at", TimeOrNull(o.paid_at)},
      {"total", o.totals.total},
      {"refunded_total", o.refunded_total},
      {"receiver",
       json::object{{"name", o.buyer.name},
                    {"phone", o.buyer.phone},
                    {"province", o.buyer.province.empty() ? o.buyer.region : o.buyer.province},
                    {"city", o.buyer.city},
                    {"district", o.buyer.district},
                    {"address", o.buyer.address},
                    {"postal_code", o.buyer.postal_code},
                    {"note", o.buyer.note}}},
      {"lines", std::move(lines)}};
}

json::object EncodePersonalData(const workflows::PersonalData& d) {
  json::object profile = EncodeCustomer(d.customer, true);
  json::array identities, addresses, fields, orders, interactions, tasks;
  for (const auto& i : d.identities) {
    identities.push_back(
        json::object{{"kind", TextOf(customers::kIdentityKindText, i.kind)}, {"value", i.value}});
  }
  for (const auto& def : d.field_defs) {
    auto value = d.customer.fields.find(def.key);
    fields.push_back(
        json::object{{"key", def.key},
                     {"label", def.label},
                     {"value", value == d.customer.fields.end() ? "" : value->second}});
  }
  for (const auto& a : d.addresses) addresses.push_back(EncodeAddress(a));
  for (const auto& o : d.orders) orders.push_back(EncodePersonalOrder(o));
  for (const auto& i : d.interactions) {
    interactions.push_back(json::object{{"kind", TextOf(crm::kInteractionKindText, i.kind)},
                                        {"summary", i.summary},
                                        {"staff_id", EncodeId(i.staff_id)},
                                        {"happened_at", TimeOrNull(i.happened_at)}});
  }
  for (const auto& t : d.tasks) {
    tasks.push_back(json::object{{"kind", TextOf(crm::kTaskKindText, t.kind)},
                                 {"title", t.title},
                                 {"status", TextOf(crm::kTaskStatusText, t.status)},
                                 {"due_at", TimeOrNull(t.due_at)},
                                 {"done_at", TimeOrNull(t.done_at)}});
  }
  return json::object{{"customer_id", EncodeId(d.customer.id)},
                      {"exported_at", TimeOrNull(d.exported_at)},
                      {"audit_id", d.audit_id},
                      {"profile", std::move(profile)},
                      {"identities", std::move(identities)},
                      {"custom_fields", std::move(fields)},
                      {"addresses", std::move(addresses)},
                      {"tags", EncodeTagChips(d.tags)},
                      {"orders", std::move(orders)},
                      {"interactions", std::move(interactions)},
                      {"tasks", std::move(tasks)}};
}

// GET /admin/v1/customers/{id}/personal-data: collected and audited in one unit of work.
Reply ExportPersonal(Services& s, workflows::TagWiring& w, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  MerchantId m = who->merchant_id;
  StaffId actor = who->staff_id;
  CustomerId customer = *id;
  tags::TagService* tags = &w.tags;
  return WriteThen<workflows::PersonalData>(
      s,
      [&s, tags, m, customer, actor](Tx& tx) {
        return workflows::ExportPersonalData(tx, s.modules, *tags, m, customer, actor);
      },
      [](const workflows::PersonalData& d) -> json::value { return EncodePersonalData(d); });
}

json::object EncodeErasure(const workflows::ErasureReport& r) {
  return json::object{{"customer_id", EncodeId(r.customer)},
                      {"erased_at", TimeOrNull(r.erased_at)},
                      {"audit_id", r.audit_id},
                      {"records", r.records},
                      {"identities", r.identities},
                      {"fields", r.fields},
                      {"addresses", r.addresses},
                      {"sessions", r.sessions},
                      {"interactions", r.interactions},
                      {"tasks_closed", r.tasks_closed},
                      {"orders", r.orders}};
}

// POST /admin/v1/customers/{id}/erase (no body).
Reply Erase(Services& s, HttpRequest& req) {
  return RecordStep<workflows::ErasureReport, CustomerId>(
      s, req, Permission::kPersonalData, customers::errors::kNotFound,
      [&s](const identity::Principal& who, CustomerId id, JsonReader&) {
        MerchantId m = who.merchant_id;
        StaffId actor = who.staff_id;
        return [&s, m, id, actor](Tx& tx) {
          return workflows::EraseCustomer(tx, s.modules, m, id, actor);
        };
      },
      [](const workflows::ErasureReport& r) -> json::value { return EncodeErasure(r); });
}

}  // namespace

void AddPrivacyRoutes(Router& r, Services& s, workflows::TagWiring& w) {
  r.Add(Method::kGet, "/admin/v1/segments/{id}/export.csv",
        [&s, &w](HttpRequest& q) { return ExportSegment(s, w, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}/personal-data",
        [&s, &w](HttpRequest& q) { return ExportPersonal(s, w, q); });
  r.Add(Method::kPost, "/admin/v1/customers/{id}/erase",
        [&s](HttpRequest& q) { return Erase(s, q); });
}

}  // namespace weishang::api
