#include "workflows/growth/growth_report.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <unordered_map>

#include "modules/growth/acquisition.h"
#include "modules/growth/growth_errors.h"
#include "workflows/growth/super_users.h"

namespace weishang::workflows {
namespace {

void Finish(GrowthSourceRow& row) {
  row.cost = row.spend + row.figures.discount;
  if (row.figures.new_customers > 0)
    row.cost_per_new_customer = growth::RoundedDivide(row.cost, row.figures.new_customers);
  row.payback_days = growth::PaybackDays(row.cost, row.figures.revenue_by_paid_day);
  if (row.figures.visits > 0)
    row.order_rate =
        static_cast<double>(row.figures.orders) / static_cast<double>(row.figures.visits);
}

// The sort key of a row: higher first; nullopt last.
std::optional<double> KeyOf(const GrowthSourceRow& r, GrowthSort sort) {
  switch (sort) {
    case GrowthSort::kNewCustomers:
      return static_cast<double>(r.figures.new_customers);
    case GrowthSort::kVisits:
      return static_cast<double>(r.figures.visits);
    case GrowthSort::kOrders:
      return static_cast<double>(r.figures.orders);
    case GrowthSort::kRevenue:
      return static_cast<double>(r.figures.revenue);
    case GrowthSort::kCost:
      return static_cast<double>(r.cost);
    // Cheaper and faster first.
    case GrowthSort::kCostPerNewCustomer:
      if (!r.cost_per_new_customer) return std::nullopt;
      return -static_cast<double>(*r.cost_per_new_customer);
    case GrowthSort::kPayback:
      if (!r.payback_days) return std::nullopt;
      return -static_cast<double>(*r.payback_days);
  }
  return std::nullopt;
}

}  // namespace

Result<ReportPeriod> PeriodOf(std::string_view from, std::string_view to, std::optional<int> days,
                              Timestamp now) {
  auto bad = [](std::string message) {
    return Fail(Invalid(growth::errors::kInvalidPeriod, std::move(message)));
  };
  int span = days.value_or(30);
  if (span < 1 || span > 367) return bad("the period is 1 to 367 days");
  auto day_of = [](std::string_view text) -> std::optional<std::int64_t> {
    auto d = customers::ReadDate(text);
    if (!d) return std::nullopt;
    return std::chrono::sys_days(*d).time_since_epoch().count();
  };
  std::optional<std::int64_t> first, last;
  if (!from.empty()) {
    first = day_of(from);
    if (!first) return bad("from must be a date, YYYY-MM-DD");
  }
  if (!to.empty()) {
    last = day_of(to);
    if (!last) return bad("to must be a date, YYYY-MM-DD");
  }
  if (!first && !last) last = attribution::ReportDay(now);
  if (!first) first = *last - (span - 1);
  if (!last) last = *first + (span - 1);
  if (*last < *first) return bad("to must not be before from");
  if (*last - *first + 1 > 367) return bad("the period is at most 367 days");
  return ReportPeriod{attribution::ReportDayStart(*first), attribution::ReportDayStart(*last + 1)};
}

void SortGrowthRows(std::vector<GrowthSourceRow>& rows, GrowthSort sort) {
  std::stable_sort(rows.begin(), rows.end(), [sort](const auto& a, const auto& b) {
    auto ka = KeyOf(a, sort), kb = KeyOf(b, sort);
    if (ka.has_value() != kb.has_value()) return ka.has_value();
    if (ka && *ka != *kb) return *ka > *kb;
    return a.id < b.id;
  });
}

Result<GrowthReport> BuildGrowthReport(storage::Tx& tx, Modules& m, MerchantId merchant,
                                       Timestamp from, Timestamp to, GrowthSort sort) {
  if (to <= from || to - from > kMaxReportPeriod) {
    return Fail(Invalid(growth::errors::kInvalidPeriod,
                        "the period must end after it starts and span at most 367 days"));
  }
  using attribution::ReportDay, attribution::ReportDayStart;
  if (ReportDayStart(ReportDay(from)) != from || ReportDayStart(ReportDay(to)) != to) {
    return Fail(Invalid(growth::errors::kInvalidPeriod, "the period is whole shop days"));
  }
  GrowthReport out;
  out.from = from;
  out.to = to;
  auto figures = m.attribution.PeriodFiguresOf(tx, merchant, from, to);
  if (!figures) return Fail(figures.error());
  auto campaigns = m.attribution.ListCampaigns(tx, merchant);
  if (!campaigns) return Fail(campaigns.error());
  for (const auto& c : *campaigns) {
    auto f = figures->campaigns.find(c.id.value());
    if (c.archived && f == figures->campaigns.end()) continue;
    GrowthSourceRow row;
    row.id = c.id.value();
    row.id_text = EncodeId(c.id);
    row.name = c.name;
    row.kind = std::string(TextOf(attribution::kCampaignKindText, c.kind));
    row.archived = c.archived;
    if (f != figures->campaigns.end()) row.figures = std::move(f->second);
    row.spend = c.spend;
    Finish(row);
    out.campaigns.push_back(std::move(row));
  }
  auto channels = m.attribution.ListChannels(tx, merchant);
  if (!channels) return Fail(channels.error());
  for (const auto& c : *channels) {
    auto f = figures->channels.find(c.id.value());
    if (c.archived && f == figures->channels.end()) continue;
    GrowthSourceRow row;
    row.id = c.id.value();
    row.id_text = EncodeId(c.id);
    row.name = c.name;
    row.kind = std::string(TextOf(attribution::kChannelKindText, c.kind));
    row.archived = c.archived;
    if (f != figures->channels.end()) row.figures = std::move(f->second);
    row.scans = c.scans;
    row.spend = c.spend;
    Finish(row);
    out.channels.push_back(std::move(row));
  }
  SortGrowthRows(out.campaigns, sort);
  SortGrowthRows(out.channels, sort);
  auto cohorts = m.customers.CohortsOf(tx, merchant, from, to);
  if (!cohorts) return Fail(cohorts.error());
  out.cohorts = *cohorts;
  auto forest = ReferralForest(tx, m, merchant);
  if (!forest) return Fail(forest.error());
  out.forest_members = static_cast<std::int64_t>(forest->size());
  out.generations = growth::Generations(*forest);
  return out;
}

Result<FissionTree> BuildFissionTree(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     int max_nodes) {
  max_nodes = std::clamp(max_nodes, 1, kMaxTreeNodes);
  auto forest = ReferralForest(tx, m, merchant);
  if (!forest) return Fail(forest.error());
  FissionTree out;
  out.generations = growth::Generations(*forest);
  out.members = static_cast<std::int64_t>(forest->size());
  const auto& members = *forest;
  std::unordered_map<CustomerId, std::size_t> index;
  for (std::size_t i = 0; i < members.size(); ++i) index.emplace(members[i].id, i);
  std::vector<std::vector<std::size_t>> children(members.size());
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& r = members[i].referrer;
    auto parent = r && *r != members[i].id ? index.find(*r) : index.end();
    if (parent == index.end()) {
      roots.push_back(i);
    } else {
      children[parent->second].push_back(i);
    }
  }
  out.roots = static_cast<std::int64_t>(roots.size());
  // Members below each node, children before parents (a post-order by an
  // explicit stack; members on a cycle of referrers are never reached).
  std::vector<std::int64_t> below(members.size(), 0);
  std::vector<int> depth(members.size(), 0);
  std::vector<std::size_t> order;
  order.reserve(members.size());
  for (std::size_t root : roots) {
    std::vector<std::size_t> stack{root};
    while (!stack.empty()) {
      std::size_t n = stack.back();
      stack.pop_back();
      order.push_back(n);
      for (std::size_t c : children[n]) {
        depth[c] = depth[n] + 1;
        stack.push_back(c);
      }
    }
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    for (std::size_t c : children[*it]) below[*it] += 1 + below[c];
  }
  auto bigger = [&](std::size_t a, std::size_t b) {
    if (below[a] != below[b]) return below[a] > below[b];
    return members[a].id < members[b].id;
  };
  std::sort(roots.begin(), roots.end(), bigger);
  // The biggest trees breadth-first, bigger subtrees first at each level.
  std::size_t reached = 0;
  for (std::size_t root : roots) {
    if (out.nodes.size() >= static_cast<std::size_t>(max_nodes)) break;
    std::deque<std::size_t> queue{root};
    while (!queue.empty() && out.nodes.size() < static_cast<std::size_t>(max_nodes)) {
      std::size_t n = queue.front();
      queue.pop_front();
      const auto& member = members[n];
      FissionNode node;
      node.id = member.id;
      if (n != root) node.parent = member.referrer;
      node.depth = depth[n];
      node.below = below[n];
      node.paid = member.first_paid_at.has_value();
      node.revenue = member.revenue;
      out.nodes.push_back(std::move(node));
      ++reached;
      auto kids = children[n];
      std::sort(kids.begin(), kids.end(), bigger);
      queue.insert(queue.end(), kids.begin(), kids.end());
    }
  }
  out.truncated = reached < members.size();
  for (auto& node : out.nodes) {
    auto c = m.customers.Get(tx, merchant, node.id);
    if (!c) return Fail(c.error());
    node.name = !c->remark_name.empty() ? c->remark_name : c->display_name;
    // A root's revenue is not in the forest (it was not referred): its record has it.
    if (!node.parent) {
      node.revenue = c->spent_total;
      node.paid = c->orders_count > 0;
    }
  }
  return out;
}

Result<MeasuredRates> MeasureRates(storage::Tx& tx, Modules& m, MerchantId merchant) {
  auto forest = ReferralForest(tx, m, merchant);
  if (!forest) return Fail(forest.error());
  MeasuredRates out;
  for (const auto& member : *forest) {
    if (!member.referrer) continue;
    ++out.referred;
    if (member.first_paid_at) ++out.referred_paid;
  }
  if (out.referred > 0)
    out.conversion = static_cast<double>(out.referred_paid) / static_cast<double>(out.referred);
  auto generations = growth::Generations(*forest);
  if (!generations.empty()) out.k_factor = generations.front().k_factor;
  // Invitations (vouchers passed on) are not recorded yet: redemption stays unknown.
  return out;
}

}  // namespace weishang::workflows
