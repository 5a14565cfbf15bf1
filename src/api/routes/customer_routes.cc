// Console routes of customers: the list, one customer, and merging two
// records that are one person. A staff member sees only the customers they
// own; owner and admin see all (identity::SeesAllCustomers).
#include "api/app.h"
#include "api/json/customer_json.h"
#include "api/routes/support.h"
#include "modules/customers/customers_errors.h"
#include "workflows/customers/customer_views.h"
#include "workflows/customers/ownership_flows.h"

namespace weishang::api {
namespace {

using identity::Permission;

constexpr std::size_t kMaxQuery = 64;

// The staff member whose customers the caller is limited to, if any.
std::optional<StaffId> OnlyOwner(const identity::Principal& who) {
  if (identity::SeesAllCustomers(who.role)) return std::nullopt;
  return who.staff_id;
}

Result<customers::ListFilter> DecodeFilter(const HttpRequest& req, const identity::Principal& who) {
  auto page = ParsePage(req);
  if (!page) return Fail(page.error());
  customers::ListFilter f;
  f.limit = page->limit;
  auto after = DecodeCursor<CustomerId>(page->after);
  if (!after) return Fail(after.error());
  f.after = *after;
  f.query = req.QueryParam("q").substr(0, kMaxQuery);
  std::string stage = req.QueryParam("stage");
  if (!stage.empty()) {
    f.stage = FromText(customers::kStageText, stage);
    if (!f.stage) {
      return Fail(Invalid(customers::errors::kInvalidField, "unknown stage '" + stage + "'"));
    }
  }
  f.owner = OnlyOwner(who);
  return f;
}

Reply List(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto f = DecodeFilter(req, *who);
  if (!f) return ErrorResponse(f.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto list = s.modules.customers.List(tx, who->merchant_id, *f);
    if (!list) return Fail(list.error());
    json::array items;
    for (const auto& c : *list) items.push_back(EncodeCustomer(c, false));
    json::object out{{"items", std::move(items)}};
    bool full = static_cast<int>(list->size()) == f->limit;
    out["next_cursor"] = full ? json::value(EncodeCursor(list->back().id)) : json::value(nullptr);
    return out;
  });
}

Reply Get(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomers);
  if (!who) return ErrorResponse(who.error());
  auto id = PathId<CustomerId>(req, "id", customers::errors::kNotFound);
  if (!id) return ErrorResponse(id.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto d = workflows::LoadCustomerDetail(tx, s.modules, who->merchant_id, *id, OnlyOwner(*who));
    if (!d) return Fail(d.error());
    return EncodeCustomerDetail(*d);
  });
}

// POST /admin/v1/customers/{id}/merge {"other_id"}: `other` is merged into
// {id}, which is kept, and the merge is recorded in the audit log.
Reply Merge(Services& s, HttpRequest& req) {
  return RecordStep<customers::Customer, CustomerId>(
      s, req, Permission::kCustomersAdmin, customers::errors::kNotFound,
      [&s](const identity::Principal& who, CustomerId kept, JsonReader& r) {
        auto other = DecodeId<CustomerId>(r.Str("other_id"));
        StaffId actor = who.staff_id;
        MerchantId m = who.merchant_id;
        return [&s, m, kept, other, actor](Tx& tx) -> Result<customers::Customer> {
          if (!other) return Fail(NotFound(customers::errors::kNotFound, "no such customer"));
          return workflows::MergeCustomers(tx, s.modules, m, kept, *other, actor);
        };
      },
      [](const customers::Customer& c) -> json::value { return EncodeCustomer(c, true); });
}

}  // namespace

void AddCustomerRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/customers", [&s](HttpRequest& q) { return List(s, q); });
  r.Add(Method::kGet, "/admin/v1/customers/{id}", [&s](HttpRequest& q) { return Get(s, q); });
  r.Add(Method::kPost, "/admin/v1/customers/{id}/merge",
        [&s](HttpRequest& q) { return Merge(s, q); });
}

}  // namespace weishang::api
