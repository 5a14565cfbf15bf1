// Growth: decode, call workflows/growth or the growth module, encode.
//   GET  /admin/v1/growth/super-users   ranking (owner, admin: kCustomersAdmin)
//   POST /admin/v1/growth/simulations   a voucher campaign projected (kPromotionWrite);
//        a computation, nothing stored: no Idempotency-Key
#include "api/routes/growth_routes.h"

#include "api/json/growth_json.h"
#include "api/routes/support.h"
#include "modules/growth/growth_errors.h"
#include "workflows/growth/super_users.h"

namespace weishang::api {
namespace {

using identity::Permission;

json::object EncodeSuperUser(const workflows::SuperUser& u) {
  const auto& c = u.contribution;
  return json::object{{"rank", u.rank},
                      {"customer_id", EncodeId(u.customer.id)},
                      {"name", u.customer.display_name},
                      {"remark_name", u.customer.remark_name},
                      {"phone", customers::MaskPhone(u.customer.phone)},
                      {"direct_referred", c.direct_referred},
                      {"indirect_referred", c.indirect_referred},
                      {"revenue_brought", c.revenue_brought},
                      {"own_spend", u.customer.spent_total},
                      {"generations", c.generations_below}};
}

Result<growth::RankBy> RankByOf(const HttpRequest& req) {
  std::string by = req.QueryParam("by");
  if (by.empty() || by == "customers") return growth::RankBy::kCustomers;
  if (by == "revenue") return growth::RankBy::kRevenue;
  return Fail(Invalid(growth::errors::kInvalidRanking, "by must be customers or revenue"));
}

Reply SuperUsers(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  auto by = RankByOf(req);
  if (!by) return ErrorResponse(by.error());
  auto page = ParsePage(req);
  if (!page) return ErrorResponse(page.error());
  // The cursor holds the position in the ranking where the next page starts.
  auto offset = DecodeCursorValue(page->after);
  if (!offset) return ErrorResponse(offset.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto found =
        workflows::ListSuperUsers(tx, s.modules, who->merchant_id, *by, *offset, page->limit);
    if (!found) return Fail(found.error());
    json::array items;
    for (const auto& u : found->items) items.push_back(EncodeSuperUser(u));
    std::int64_t next = *offset + static_cast<std::int64_t>(found->items.size());
    return json::object{{"items", std::move(items)},
                        {"total", found->total},
                        {"next_cursor", next < found->total ? json::value(EncodeCursorValue(next))
                                                            : json::value()}};
  });
}

Reply Simulate(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  auto body = Body(req);
  if (!body) return ErrorResponse(body.error());
  auto in = DecodeSimulation(*body);
  if (!in) return ErrorResponse(in.error());
  // Bounded by growth::Validate (runs × days × (delay days + 2) ≤
  // 3,000,000 draws): about 0.3 s of one core at most.
  auto projection = growth::Simulate(*in);
  if (!projection) return ErrorResponse(projection.error());
  return Ok(EncodeSimulation(*in, *projection));
}

}  // namespace

void AddGrowthRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/growth/super-users",
        [&s](HttpRequest& q) { return SuperUsers(s, q); });
  r.Add(Method::kPost, "/admin/v1/growth/simulations",
        [&s](HttpRequest& q) { return Simulate(s, q); });
}

}  // namespace weishang::api
