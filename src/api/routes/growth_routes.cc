// Growth: decode, call workflows/growth or the growth module, encode.
//   GET  /admin/v1/growth/super-users   ranking (owner, admin: kCustomersAdmin)
//   POST /admin/v1/growth/simulations   a voucher campaign projected (kPromotionWrite);
//        a computation, nothing stored: no Idempotency-Key
//   GET  /admin/v1/growth/report          the growth report of a period (kCustomersAdmin)
//   GET  /admin/v1/growth/tree            the fission tree for a chart (kCustomersAdmin)
//   GET  /admin/v1/growth/measured-rates  rates for the simulation (kPromotionWrite)
#include "api/routes/growth_routes.h"

#include "api/json/growth_json.h"
#include "api/routes/support.h"
#include "core/request_errors.h"
#include "modules/growth/growth_errors.h"
#include "workflows/growth/growth_report.h"
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

json::value DoubleOrNull(const std::optional<double>& d) {
  return d ? json::value(*d) : json::value();
}
json::value IntOrNull(const std::optional<std::int64_t>& n) {
  return n ? json::value(*n) : json::value();
}

json::object EncodeSourceRow(const workflows::GrowthSourceRow& r) {
  json::array daily;
  for (const auto& [day, n] : r.figures.new_customers_by_day)
    daily.push_back(json::object{{"day", day}, {"new_customers", n}});
  return json::object{{"id", r.id_text},
                      {"name", r.name},
                      {"kind", r.kind},
                      {"archived", r.archived},
                      {"visits", r.figures.visits},
                      {"scans", r.scans},
                      {"new_customers", r.figures.new_customers},
                      {"orders", r.figures.orders},
                      {"revenue", r.figures.revenue},
                      {"spend", r.spend},
                      {"discount", r.figures.discount},
                      {"cost", r.cost},
                      {"cost_per_new_customer", IntOrNull(r.cost_per_new_customer)},
                      {"payback_days", IntOrNull(r.payback_days)},
                      {"order_rate", DoubleOrNull(r.order_rate)},
                      {"daily_new_customers", std::move(daily)}};
}

json::object EncodeCohort(const customers::Cohort& c) {
  auto rate = [](std::int64_t n, std::int64_t of) {
    return of > 0 ? json::value(static_cast<double>(n) / static_cast<double>(of)) : json::value();
  };
  return json::object{{"signed_up", c.signed_up},
                      {"paid", c.paid},
                      {"repurchased", c.repurchased},
                      {"revenue", c.revenue},
                      {"conversion", rate(c.paid, c.signed_up)},
                      {"repurchase", rate(c.repurchased, c.paid)}};
}

json::array EncodeGenerations(const std::vector<growth::Generation>& gs) {
  json::array out;
  for (const auto& g : gs) {
    out.push_back(json::object{{"depth", g.depth},
                               {"members", g.members},
                               {"customers", g.customers},
                               {"revenue", g.revenue},
                               {"invitations", IntOrNull(g.invitations)},
                               {"conversion", DoubleOrNull(g.conversion)},
                               {"k_factor", DoubleOrNull(g.k_factor)}});
  }
  return out;
}

Result<workflows::GrowthSort> SortOf(const HttpRequest& req) {
  std::string text = req.QueryParam("sort");
  if (text.empty()) return workflows::GrowthSort::kNewCustomers;
  auto sort = FromText(workflows::kGrowthSortText, text);
  if (!sort) {
    return Fail(Invalid(growth::errors::kInvalidSort,
                        "sort must be new_customers, visits, orders, revenue, cost, "
                        "cost_per_new_customer or payback_days"));
  }
  return *sort;
}

Reply Report(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  std::optional<int> days;
  if (std::string text = req.QueryParam("days"); !text.empty()) {
    days = 0;
    for (char c : text) {
      if (c < '0' || c > '9' || *days > 1000) {
        return ErrorResponse(
            Invalid(growth::errors::kInvalidPeriod, "days must be a whole number, 1 to 367"));
      }
      *days = *days * 10 + (c - '0');
    }
  }
  auto period =
      workflows::PeriodOf(req.QueryParam("from"), req.QueryParam("to"), days, s.clock.Now());
  if (!period) return ErrorResponse(period.error());
  auto sort = SortOf(req);
  if (!sort) return ErrorResponse(sort.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto report = workflows::BuildGrowthReport(tx, s.modules, who->merchant_id, period->from,
                                               period->to, *sort);
    if (!report) return Fail(report.error());
    json::array campaigns, channels;
    for (const auto& r : report->campaigns) campaigns.push_back(EncodeSourceRow(r));
    for (const auto& r : report->channels) channels.push_back(EncodeSourceRow(r));
    return json::object{{"from", FormatIso8601(report->from)},
                        {"to", FormatIso8601(report->to)},
                        {"days", (report->to - report->from) / kDay},
                        {"campaigns", std::move(campaigns)},
                        {"channels", std::move(channels)},
                        {"referred", EncodeCohort(report->cohorts.referred)},
                        {"not_referred", EncodeCohort(report->cohorts.not_referred)},
                        {"forest_members", report->forest_members},
                        {"generations", EncodeGenerations(report->generations)}};
  });
}

Reply Tree(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kCustomersAdmin);
  if (!who) return ErrorResponse(who.error());
  int limit = 200;
  if (std::string text = req.QueryParam("limit"); !text.empty()) {
    limit = 0;
    for (char c : text) {
      if (c < '0' || c > '9' || limit > workflows::kMaxTreeNodes) {
        return ErrorResponse(Invalid(request_errors::kInvalidField, "limit must be 1 to 500"));
      }
      limit = limit * 10 + (c - '0');
    }
    if (limit < 1 || limit > workflows::kMaxTreeNodes)
      return ErrorResponse(Invalid(request_errors::kInvalidField, "limit must be 1 to 500"));
  }
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto tree = workflows::BuildFissionTree(tx, s.modules, who->merchant_id, limit);
    if (!tree) return Fail(tree.error());
    json::array nodes;
    for (const auto& n : tree->nodes) {
      nodes.push_back(
          json::object{{"customer_id", EncodeId(n.id)},
                       {"parent_id", n.parent ? json::value(EncodeId(*n.parent)) : json::value()},
                       {"depth", n.depth},
                       {"below", n.below},
                       {"paid", n.paid},
                       {"revenue", n.revenue},
                       {"name", n.name}});
    }
    return json::object{{"generations", EncodeGenerations(tree->generations)},
                        {"members", tree->members},
                        {"roots", tree->roots},
                        {"nodes", std::move(nodes)},
                        {"truncated", tree->truncated}};
  });
}

Reply MeasuredRates(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, Permission::kPromotionWrite);
  if (!who) return ErrorResponse(who.error());
  return ReadThen(s, [&](Tx& tx) -> Result<json::value> {
    auto rates = workflows::MeasureRates(tx, s.modules, who->merchant_id);
    if (!rates) return Fail(rates.error());
    return json::object{{"referred", rates->referred},
                        {"referred_paid", rates->referred_paid},
                        {"invitations", IntOrNull(rates->invitations)},
                        {"conversion", DoubleOrNull(rates->conversion)},
                        {"redemption", DoubleOrNull(rates->redemption)},
                        {"k_factor", DoubleOrNull(rates->k_factor)}};
  });
}

}  // namespace

void AddGrowthRoutes(Router& r, Services& s) {
  r.Add(Method::kGet, "/admin/v1/growth/report", [&s](HttpRequest& q) { return Report(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/tree", [&s](HttpRequest& q) { return Tree(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/measured-rates",
        [&s](HttpRequest& q) { return MeasuredRates(s, q); });
  r.Add(Method::kGet, "/admin/v1/growth/super-users",
        [&s](HttpRequest& q) { return SuperUsers(s, q); });
  r.Add(Method::kPost, "/admin/v1/growth/simulations",
        [&s](HttpRequest& q) { return Simulate(s, q); });
}

}  // namespace weishang::api
