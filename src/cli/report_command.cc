// `weishang report growth --merchant SLUG [--period 30d | --from D --to D]`:
// the growth report (workflows/growth/growth_report.h) as plain tables, the
// same figures as GET /admin/v1/growth/report.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "core/money.h"
#include "modules/growth/growth_errors.h"
#include "workflows/growth/growth_report.h"

namespace weishang::cli {
namespace {

std::string Yuan(std::optional<Fen> f) { return f ? FormatYuan(*f) : std::string("-"); }

std::string Days(std::optional<std::int64_t> d) {
  return d ? std::to_string(*d) : std::string("not yet");
}

std::string Percent(std::int64_t n, std::int64_t of) {
  if (of <= 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(n) / static_cast<double>(of));
  return buf;
}

void Append(std::string& out, const char* format, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, args...);
  out += buf;
}

void SourceTable(std::string& out, const char* title,
                 const std::vector<workflows::GrowthSourceRow>& rows) {
  Append(out, "\n%s\n", title);
  Append(out, "%-22s %-12s %8s %8s %7s %12s %12s %12s %10s %8s\n", "name", "kind", "visits", "new",
         "orders", "revenue", "cost", "cost/new", "payback", "id");
  if (rows.empty()) Append(out, "(none)\n");
  for (const auto& r : rows) {
    Append(out, "%-22s %-12s %8lld %8lld %7lld %12s %12s %12s %10s %s\n", r.name.c_str(),
           r.kind.c_str(), static_cast<long long>(r.figures.visits),
           static_cast<long long>(r.figures.new_customers),
           static_cast<long long>(r.figures.orders), FormatYuan(r.figures.revenue).c_str(),
           FormatYuan(r.cost).c_str(), Yuan(r.cost_per_new_customer).c_str(),
           Days(r.payback_days).c_str(), r.id_text.c_str());
  }
}

}  // namespace

std::string GrowthReportText(const workflows::GrowthReport& r) {
  std::string out;
  Append(out, "growth report %s to %s (%lld days; money in yuan; payback in days from the start)\n",
         FormatIso8601(r.from).c_str(), FormatIso8601(r.to).c_str(),
         static_cast<long long>((r.to - r.from) / kDay));
  SourceTable(out, "campaigns", r.campaigns);
  SourceTable(out, "channel codes", r.channels);
  Append(out, "\ncustomers who signed up in the period\n");
  Append(out, "%-14s %10s %8s %11s %12s %11s %12s\n", "", "signed up", "paid", "conversion",
         "repurchased", "repurchase", "revenue");
  for (auto [name, c] : {std::pair{"referred", &r.cohorts.referred},
                         std::pair{"not referred", &r.cohorts.not_referred}}) {
    Append(out, "%-14s %10lld %8lld %11s %12lld %11s %12s\n", name,
           static_cast<long long>(c->signed_up), static_cast<long long>(c->paid),
           Percent(c->paid, c->signed_up).c_str(), static_cast<long long>(c->repurchased),
           Percent(c->repurchased, c->paid).c_str(), FormatYuan(c->revenue).c_str());
  }
  Append(out, "\nfission generations (%lld customers in the referral forest, all time)\n",
         static_cast<long long>(r.forest_members));
  Append(out, "%10s %10s %10s %12s %9s\n", "generation", "members", "customers", "revenue",
         "K-factor");
  if (r.generations.empty()) Append(out, "(no referrals)\n");
  for (const auto& g : r.generations) {
    std::string k = "-";
    if (g.k_factor) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", *g.k_factor);
      k = buf;
    }
    Append(out, "%10d %10lld %10lld %12s %9s\n", g.depth, static_cast<long long>(g.members),
           static_cast<long long>(g.customers), FormatYuan(g.revenue).c_str(), k.c_str());
  }
  return out;
}

int RunReportGrowth(const StoreOptions& store, const ReportOptions& o) {
  std::optional<int> days;
  if (!o.period.empty()) {
    std::string n = o.period;
    if (n.back() == 'd') n.pop_back();
    bool digits =
        !n.empty() && n.size() <= 3 && n.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || (!o.from.empty() && !o.to.empty())) {
      return Report(Invalid(growth::errors::kInvalidPeriod,
                            "--period is a number of days like 30d, without both --from and --to"));
    }
    days = std::stoi(n);
  }
  auto sort = workflows::GrowthSort::kNewCustomers;
  if (!o.sort.empty()) {
    auto s = FromText(workflows::kGrowthSortText, o.sort);
    if (!s) {
      return Report(Invalid(growth::errors::kInvalidSort,
                            "--sort is new_customers, visits, orders, revenue, cost, "
                            "cost_per_new_customer or payback_days"));
    }
    sort = *s;
  }
  SystemClock clock;
  auto period = workflows::PeriodOf(o.from, o.to, days, clock.Now());
  if (!period) return Report(period.error());
  auto db = OpenStore(store);
  if (!db) return Report(db.error());
  IdGenerator ids(0);  // reads only
  workflows::Modules modules(clock, ids);
  auto text = storage::ReadValue(**db, [&](storage::Tx& tx) -> Result<std::string> {
    auto merchant = modules.identity.FindMerchantBySlug(tx, o.merchant);
    if (!merchant) return Fail(merchant.error());
    if (!*merchant) {
      return Fail(Error{ErrorKind::kNotFound, "cli.merchant_not_found",
                        "no shop has the slug '" + o.merchant + "'"});
    }
    auto report =
        workflows::BuildGrowthReport(tx, modules, (*merchant)->id, period->from, period->to, sort);
    if (!report) return Fail(report.error());
    return GrowthReportText(*report);
  });
  (*db)->Close();
  if (!text) return Report(text.error());
  std::fputs(text->c_str(), stdout);
  return 0;
}

}  // namespace weishang::cli
