// Customer imports, under /admin/v1/customers/imports (Permission::kCustomersAdmin):
//   POST /admin/v1/customers/imports?file_name=  [Idempotency-Key; the CSV file as the body]
//   GET  /admin/v1/customers/imports             GET /admin/v1/customers/imports/{id}
//   GET  /admin/v1/customers/imports/{id}/errors?after=&limit=
//   GET  /admin/v1/customers/imports/{id}/errors.csv   (the rows to fix, with the reason)
// The body may be larger than other requests' (kMaxCustomerImportBytes, set
// in cli/commands.cc through ServerOptions::large_bodies).
#include "api/routes/customer_import_routes.h"

#include "api/routes/support.h"
#include "modules/imports/imports_errors.h"
#include "workflows/customers/customer_import.h"

namespace weishang::api {
namespace {

using identity::Permission;

json::object EncodeImport(const imports::Import& i) {
  return {{"id", EncodeId(i.id)},
          {"file_name", i.file_name},
          {"status", TextOf(imports::kStatusText, i.status)},
          {"total_rows", i.total_rows},
          {"processed_rows", i.processed_rows},
          {"created_rows", i.created_rows},
          {"matched_rows", i.matched_rows},
          {"failed_rows", i.failed_rows},
          {"failure", i.failure},
          {"created_by", EncodeId(i.created_by)},
          {"created_at", FormatIso8601(i.created_at)},
          {"finished_at",
           i.finished_at ? json::value(FormatIso8601(*i.finished_at)) : json::value(nullptr)}};
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

Reply Create(Services& s, imports::ImportService& imports, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  std::string name = req.QueryParam("file_name");
  if (name.empty()) name = "customers.csv";
  auto prepared = workflows::PrepareCustomerImport(who->staff_id, std::move(name), req.body);
  if (!prepared) return ErrorResponse(prepared.error());
  auto ready = std::make_shared<workflows::PreparedImport>(std::move(*prepared));
  MerchantId m = who->merchant_id;
  return IdempotentWrite(s, req, m, "customer_import",
                         [&imports, ready, m](Tx& tx) -> Result<json::value> {
                           auto made = imports.Create(tx, m, ready->file);
                           if (!made) return Fail(made.error());
                           json::object out = EncodeImport(*made);
                           out["recognised_columns"] = Strings(ready->header.recognised);
                           out["ignored_columns"] = Strings(ready->header.ignored);
                           return out;
                         });
}

Reply List(Services& s, imports::ImportService& imports, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursor<ImportId>(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    std::optional<ImportId> before;
    if (after->valid()) before = *after;
    auto list = imports.List(tx, who->merchant_id, imports::Kind::kCustomers, before, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& i : *list) items.push_back(EncodeImport(i));
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{
        {"items", std::move(items)},
        {"next_cursor", full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr)}};
  });
}

Reply Get(Services& s, imports::ImportService& imports, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ImportId>(req, "id", imports::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto i = imports.Get(tx, who->merchant_id, *id);
    if (!i) return Fail(i.error());
    return EncodeImport(*i);
  });
}

Reply Errors(Services& s, imports::ImportService& imports, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ImportId>(req, "id", imports::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  auto after = DecodeCursorValue(page->after);
  if (!after) return ErrorResponse(after.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    if (auto i = imports.Get(tx, who->merchant_id, *id); !i) return Fail(i.error());
    auto list = imports.Errors(tx, who->merchant_id, *id, *after, page->limit);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& e : *list) {
      items.push_back(
          json::object{{"row", e.row}, {"code", e.code}, {"message", e.message}, {"raw", e.raw}});
    }
    bool full = static_cast<int>(list->size()) == page->limit;
    return json::object{{"items", std::move(items)},
                        {"next_cursor", full ? json::value(EncodeCursorValue(list->back().row))
                                             : json::value(nullptr)}};
  });
}

Reply ErrorReport(Services& s, imports::ImportService& imports, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<ImportId>(req, "id", imports::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  std::string csv;
  auto read = s.db.Read([&](Tx& tx) -> Result<void> {
    auto i = imports.Get(tx, who->merchant_id, *id);
    if (!i) return Fail(i.error());
    auto errors = imports.Errors(tx, who->merchant_id, *id, 0, imports::kMaxRows);
    if (!errors) return Fail(errors.error());
    csv = workflows::CustomerImportErrorReport(*i, *errors);
    return {};
  });
  if (!read) return ErrorResponse(read.error());
  HttpResponse out;
  out.content_type = "text/csv; charset=utf-8";
  out.body = std::move(csv);
  out.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"import-errors-" + EncodeId(*id) + ".csv\"");
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

}  // namespace

void AddCustomerImportRoutes(Router& r, Services& s, imports::ImportService& imports) {
  auto route = [&s, &imports](Reply (*fn)(Services&, imports::ImportService&, HttpRequest&)) {
    return [&s, &imports, fn](HttpRequest& q) { return fn(s, imports, q); };
  };
  r.Add(Method::kPost, kCustomerImportPath, route(Create));
  r.Add(Method::kGet, "/admin/v1/customers/imports", route(List));
  r.Add(Method::kGet, "/admin/v1/customers/imports/{id}", route(Get));
  r.Add(Method::kGet, "/admin/v1/customers/imports/{id}/errors", route(Errors));
  r.Add(Method::kGet, "/admin/v1/customers/imports/{id}/errors.csv", route(ErrorReport));
}

}  // namespace weishang::api
