// The growth report (裂变增长报表) of a merchant over a period [from, to):
//
// - per campaign and per channel code: visits (links opened, QR scans that
//   reached the store) in the period, new customers it brought (first touch)
//   in the period, the orders credited to it (last touch) placed in the
//   period and paid (at any time since), their revenue less refunds, cost
//   (the spend the merchant entered, a lifetime figure, plus what those
//   orders' buyers were given off list price), cost per new customer, and
//   payback: whole days from the period's start until the credited revenue
//   reached the cost, counting the day it did (growth::PaybackDays);
// - customers who signed up in the period, referred versus not: conversion
//   (paid at least once) and repurchase (paid twice or more, of those who paid);
// - the referral forest's generations with their K-factor (lifetime: the
//   tree is not cut at the period).
//
// Reads only the attribution and customers modules' own tables (never the
// order tables): each table once over the period, then the forest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/attribution/attribution.h"
#include "modules/customers/customers.h"
#include "modules/growth/fission.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The longest period a report covers (a year and a day).
inline constexpr Timestamp kMaxReportPeriod = 367 * kDay;

// One campaign or channel code of the report.
struct GrowthSourceRow {
  Id id = 0;            // the campaign's or channel code's id
  std::string id_text;  // "gcp_…" / "chn_…"
  std::string name;
  std::string kind;  // the campaign's kind (link, voucher …) or the channel's (insert_card …)
  bool archived = false;
  attribution::PeriodFigures figures;
  std::int64_t scans = 0;  // a channel code's QR scans, lifetime (0 for a campaign)
  Fen spend = 0;           // entered by the merchant, lifetime
  Fen cost = 0;            // spend + figures.discount
  std::optional<Fen> cost_per_new_customer;  // none without new customers
  std::optional<std::int64_t> payback_days;  // none while not paid back
  // Orders ÷ visits, when there were visits.
  std::optional<double> order_rate;
};

// How the rows are ordered: by a column, descending (cost per new customer
// and payback ascending, rows without one last), ties by id.
enum class GrowthSort {
  kNewCustomers,
  kVisits,
  kOrders,
  kRevenue,
  kCost,
  kCostPerNewCustomer,
  kPayback
};
inline constexpr EnumText<GrowthSort> kGrowthSortText[] = {
    {GrowthSort::kNewCustomers, "new_customers"},
    {GrowthSort::kVisits, "visits"},
    {GrowthSort::kOrders, "orders"},
    {GrowthSort::kRevenue, "revenue"},
    {GrowthSort::kCost, "cost"},
    {GrowthSort::kCostPerNewCustomer, "cost_per_new_customer"},
    {GrowthSort::kPayback, "payback_days"}};

struct GrowthReport {
  Timestamp from = 0, to = 0;
  std::vector<GrowthSourceRow> campaigns;
  std::vector<GrowthSourceRow> channels;  // the channel comparison
  customers::ReferralCohorts cohorts;
  std::vector<growth::Generation> generations;
  std::int64_t forest_members = 0;  // customers in the referral forest
};

// A report period from shop days (YYYY-MM-DD, China time, both included):
// [start of `from`, end of `to`]. Without them, the last `days` shop days up
// to and including today's (30 when `days` is absent; 1..367). Only one of
// `from`/`to` given: the other is `days` away from it. growth.invalid_period
// (422) for a date that is not one, a reversed or too long period.
struct ReportPeriod {
  Timestamp from = 0, to = 0;
};
Result<ReportPeriod> PeriodOf(std::string_view from, std::string_view to, std::optional<int> days,
                              Timestamp now);

// growth.invalid_period (422) when to <= from, the period exceeds
// kMaxReportPeriod, or from or to is not the start of a shop day (PeriodOf
// gives such periods). Campaigns and channel codes without any figure in the
// period are listed too, unless archived.
Result<GrowthReport> BuildGrowthReport(storage::Tx& tx, Modules& m, MerchantId merchant,
                                       Timestamp from, Timestamp to,
                                       GrowthSort sort = GrowthSort::kNewCustomers);

// Sorts rows by `sort` (see GrowthSort).
void SortGrowthRows(std::vector<GrowthSourceRow>& rows, GrowthSort sort);

// The fission tree for a chart: the forest's generations, and the biggest
// trees (roots by members below them, then id) with their members
// breadth-first, at most `max_nodes` nodes in all.
struct FissionNode {
  CustomerId id;
  std::optional<CustomerId> parent;  // none for a root
  int depth = 0;
  std::int64_t below = 0;  // members of its subtree, itself not counted
  bool paid = false;
  Fen revenue = 0;
  std::string name;  // display or remark name; "" when unknown
};

struct FissionTree {
  std::vector<growth::Generation> generations;
  std::int64_t members = 0;  // in the whole forest
  std::int64_t roots = 0;    // trees in the whole forest
  std::vector<FissionNode> nodes;
  bool truncated = false;  // some member is not among the nodes
};

inline constexpr int kMaxTreeNodes = 500;

// growth.invalid_period (422) is not raised; max_nodes is clamped to 1..kMaxTreeNodes.
Result<FissionTree> BuildFissionTree(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     int max_nodes);

// The rates a voucher simulation can run on, measured on the merchant's
// referral forest (lifetime): conversion = referred customers who paid ÷
// referred customers; redemption = referred customers ÷ invitations sent,
// known only when invitations are recorded (none until then).
struct MeasuredRates {
  std::int64_t referred = 0;
  std::int64_t referred_paid = 0;
  std::optional<std::int64_t> invitations;
  std::optional<double> conversion;
  std::optional<double> redemption;
  std::optional<double> k_factor;  // generation 0's (seeds to their direct referrals)
};

Result<MeasuredRates> MeasureRates(storage::Tx& tx, Modules& m, MerchantId merchant);

}  // namespace weishang::workflows
