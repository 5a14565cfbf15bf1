// The growth report (workflows/growth/growth_report.h) on a real database,
// both engines, against figures computed by hand: a voucher campaign and two
// channel codes over a 10-day period with touches, acquisitions, credited
// orders inside and outside the period, referred and not referred customers,
// and the referral forest's generations, tree and measured rates; and the
// discount a credited order keeps (a campaign's line price below the SKU's).
#include "workflows/growth/growth_report.h"

#include <gtest/gtest.h>

#include "cli/commands.h"
#include "modules/growth/growth_errors.h"
#include "testing/shop_fixture.h"
#include "workflows/attribution/attribution_flows.h"

namespace weishang::workflows {
namespace {

class GrowthReportTest : public testing::ShopFixture {
 protected:
  template <class Fn>
  auto W(Fn fn) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) { return fn(tx); });
  }
  attribution::Touch Visit(const attribution::Code& code, const std::string& visitor) {
    auto t = W([&](storage::Tx& tx) -> Result<attribution::Touch> {
      auto text = m_.attribution.Sign(tx, merchant_, code);
      if (!text) return Fail(text.error());
      return m_.attribution.RecordTouch(tx, merchant_, visitor, std::nullopt, *text, "/");
    });
    EXPECT_TRUE(t) << t.error().message;
    return *t;
  }
  customers::Customer Arrive(const std::string& phone, std::optional<CustomerId> referrer,
                             const std::optional<attribution::Touch>& touch) {
    auto c = W([&](storage::Tx& tx) -> Result<customers::Customer> {
      customers::Arrival a;
      a.identities.push_back({customers::IdentityKind::kPhone, phone});
      a.referrer_id = referrer;
      auto matched = m_.customers.Arrive(tx, merchant_, a, "test");
      if (!matched) return Fail(matched.error());
      if (touch) {
        auto kept = m_.attribution.RecordAcquisition(tx, merchant_, matched->customer.id, *touch);
        if (!kept) return Fail(kept.error());
      }
      return matched->customer;
    });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }
  // A paid order of `c` as the customers module counts it.
  void Paid(const customers::Customer& c, Id order, Fen total) {
    ASSERT_TRUE(W([&](storage::Tx& tx) -> Result<void> {
      if (auto ok =
              m_.customers.LinkOrder(tx, merchant_, c.id, OrderId(order), total, clock_.Now());
          !ok)
        return ok;
      return m_.customers.RecordPaid(tx, merchant_, OrderId(order), clock_.Now(), {});
    }));
  }
  // A credited order (last touch), placed at `placed`, paid at `paid`.
  void Credit(Id order, const attribution::Touch& t, Fen total, Fen discount, Timestamp placed,
              std::optional<Timestamp> paid, Fen refunded = 0) {
    ASSERT_TRUE(W([&](storage::Tx& tx) -> Result<void> {
      attribution::OrderCredit c;
      c.order_id = OrderId(order);
      c.visitor = t.visitor;
      c.touch_id = t.id;
      c.campaign_id = t.campaign_id;
      c.channel_id = t.channel_id;
      c.total = total;
      c.discount = discount;
      c.placed_at = placed;
      if (auto ok = m_.attribution.CreditOrder(tx, merchant_, c); !ok) return ok;
      if (paid) {
        if (auto ok = m_.attribution.MarkPaid(tx, merchant_, OrderId(order), *paid); !ok) return ok;
      }
      return m_.attribution.MarkRefunded(tx, merchant_, OrderId(order), refunded);
    }));
  }
  template <class T>
  T Created(Result<T> r) {
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }

  // Builds the fixture; the period is [from_, from_ + 10 days).
  void Seed() {
    spring_ = Created(W([&](storage::Tx& tx) {
      attribution::CampaignInput in;
      in.name = "春季券";
      in.kind = attribution::CampaignKind::kVoucher;
      in.spend = 9000;
      return m_.attribution.CreateCampaign(tx, merchant_, in);
    }));
    card_ = Created(W([&](storage::Tx& tx) {
      attribution::ChannelInput in;
      in.name = "包裹卡";
      in.kind = attribution::ChannelKind::kInsertCard;
      in.spend = 3000;
      return m_.attribution.CreateChannel(tx, merchant_, in);
    }));
    idle_ = Created(W([&](storage::Tx& tx) {
      attribution::ChannelInput in;
      in.name = "门店";
      in.kind = attribution::ChannelKind::kStore;
      return m_.attribution.CreateChannel(tx, merchant_, in);
    }));
    Created(W([&](storage::Tx& tx) {
      attribution::CampaignInput in;
      in.name = "旧活动";
      in.archived = true;
      return m_.attribution.CreateCampaign(tx, merchant_, in);
    }));
    attribution::Code a{std::nullopt, spring_.id, std::nullopt};
    attribution::Code c{std::nullopt, std::nullopt, card_.id};
    // Before the period: a visit, a customer it brought, an order placed.
    attribution::Touch early = Visit(a, "visitor-early-0");
    root_ = Arrive("13900000010", std::nullopt, early);
    Credit(901, early, 7000, 700, clock_.Now(), std::nullopt);
    // The period starts at the next shop day's start (China time).
    from_ = attribution::ReportDayStart(attribution::ReportDay(clock_.Now()) + 1);
    clock_.Advance(from_ - clock_.Now());
    clock_.Advance(kHour);
    attribution::Touch a1 = Visit(a, "visitor-a-0001");
    Visit(a, "visitor-a-0002");
    Visit(a, "visitor-a-0003");
    attribution::Touch c1 = Visit(c, "visitor-c-0001");
    Visit(c, "visitor-c-0002");
    EXPECT_TRUE(W([&](storage::Tx& tx) {
      return m_.attribution.RecordTouch(tx, merchant_, "visitor-forged-1", std::nullopt,
                                        "AAAAAAAAAAAAAAAAAAAAAAAAAA", "/");
    }));
    x1_ = Arrive("13900000011", root_.id, a1);
    x2_ = Arrive("13900000012", x1_.id, a1);
    x3_ = Arrive("13900000013", std::nullopt, c1);
    Paid(x1_, 1001, 5000);
    Paid(x1_, 1002, 3000);
    Paid(x3_, 1003, 4000);
    // Orders placed in the period: o1 paid on day 0 (payback counts 1), o2
    // on day 4 (counts 5) and partly refunded, o3 never paid (counts
    // nothing), o4 (the card) on day 1 (counts 2).
    Credit(1, a1, 5000, 1000, from_ + 2 * kHour, from_ + 3 * kHour);
    Credit(2, a1, 8000, 500, from_ + kDay, from_ + 4 * kDay + kHour, 2000);
    Credit(3, a1, 3000, 300, from_ + kDay, std::nullopt);
    Credit(4, c1, 4000, 200, from_ + kDay, from_ + kDay + 2 * kHour);
    // The early order, paid in the period, was placed before it: not counted.
    ASSERT_TRUE(W([&](storage::Tx& tx) {
      return m_.attribution.MarkPaid(tx, merchant_, OrderId(901), from_ + kHour);
    }));
    // Placed when the period has ended: not counted.
    Credit(5, a1, 9900, 0, from_ + 10 * kDay, from_ + 10 * kDay);
    clock_.Advance(2 * kDay);  // day 2
    x4_ = Arrive("13900000014", std::nullopt, Visit(a, "visitor-a-0004"));
    // Arriving after the period.
    clock_.Advance(20 * kDay);
    Arrive("13900000015", x2_.id, Visit(a, "visitor-a-0005"));
  }
  GrowthReport Report(GrowthSort sort = GrowthSort::kNewCustomers) {
    auto r = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return BuildGrowthReport(tx, m_, merchant_, from_, from_ + 10 * kDay, sort);
    });
    EXPECT_TRUE(r) << r.error().message;
    return *r;
  }

  attribution::Campaign spring_;
  attribution::Channel card_, idle_;
  customers::Customer root_, x1_, x2_, x3_, x4_;
  Timestamp from_ = 0;
};

TEST_F(GrowthReportTest, CampaignFiguresCostAndPaybackAsComputedByHand) {
  Seed();
  GrowthReport r = Report();
  ASSERT_EQ(r.campaigns.size(), 1u) << "the archived campaign with nothing is left out";
  const GrowthSourceRow& a = r.campaigns[0];
  EXPECT_EQ(a.id_text, EncodeId(spring_.id));
  EXPECT_EQ(a.kind, "voucher");
  EXPECT_EQ(a.figures.visits, 4) << "3 on day 0 and x4's on day 2; the early and late ones are not";
  EXPECT_EQ(a.figures.new_customers, 3) << "x1, x2 (day 0) and x4 (day 2)";
  EXPECT_EQ(a.figures.new_customers_by_day, (std::map<std::int64_t, std::int64_t>{{0, 2}, {2, 1}}));
  EXPECT_EQ(a.figures.orders, 2) << "o1 and o2: o3 unpaid, 901 placed before, 5 after";
  EXPECT_EQ(a.figures.revenue, 5000 + 8000 - 2000);
  EXPECT_EQ(a.figures.discount, 1000 + 500);
  EXPECT_EQ(a.spend, 9000);
  EXPECT_EQ(a.cost, 10500);
  EXPECT_EQ(a.cost_per_new_customer, 3500);
  // 5000 within 1 day (< 10500), 11000 within 5 days (>= 10500).
  EXPECT_EQ(a.payback_days, 5);
  ASSERT_TRUE(a.order_rate);
  EXPECT_DOUBLE_EQ(*a.order_rate, 2.0 / 4.0);
}

TEST_F(GrowthReportTest, ChannelComparisonSortsByEachColumn) {
  Seed();
  GrowthReport r = Report();
  ASSERT_EQ(r.channels.size(), 2u);
  const GrowthSourceRow& c = r.channels[0];
  EXPECT_EQ(c.name, "包裹卡");
  EXPECT_EQ(c.figures.visits, 2);
  EXPECT_EQ(c.figures.new_customers, 1);
  EXPECT_EQ(c.figures.orders, 1);
  EXPECT_EQ(c.figures.revenue, 4000);
  EXPECT_EQ(c.cost, 3000 + 200);
  EXPECT_EQ(c.cost_per_new_customer, 3200);
  EXPECT_EQ(c.payback_days, 2) << "4000 >= 3200 on the period's day 1";
  const GrowthSourceRow& idle = r.channels[1];
  EXPECT_EQ(idle.name, "门店");
  EXPECT_EQ(idle.figures.visits, 0);
  EXPECT_EQ(idle.cost, 0);
  EXPECT_FALSE(idle.cost_per_new_customer);
  EXPECT_EQ(idle.payback_days, 0) << "nothing spent is paid back at once";
  // Payback ascending: the idle code (0 days) before the card (2 days).
  auto by_payback = Report(GrowthSort::kPayback).channels;
  EXPECT_EQ(by_payback[0].name, "门店");
  // Cost per new customer ascending, those without one last.
  auto by_cost = Report(GrowthSort::kCostPerNewCustomer).channels;
  EXPECT_EQ(by_cost[0].name, "包裹卡");
  EXPECT_EQ(by_cost[1].name, "门店");
}

TEST_F(GrowthReportTest, ReferredVersusNotReferredAndGenerations) {
  Seed();
  GrowthReport r = Report();
  // Signed up in the period: x1, x2 referred; x3, x4 not (root_ before, the
  // last one after).
  EXPECT_EQ(r.cohorts.referred.signed_up, 2);
  EXPECT_EQ(r.cohorts.referred.paid, 1);
  EXPECT_EQ(r.cohorts.referred.repurchased, 1);
  EXPECT_EQ(r.cohorts.referred.revenue, 8000);
  EXPECT_EQ(r.cohorts.not_referred.signed_up, 2);
  EXPECT_EQ(r.cohorts.not_referred.paid, 1);
  EXPECT_EQ(r.cohorts.not_referred.repurchased, 0);
  EXPECT_EQ(r.cohorts.not_referred.revenue, 4000);
  // The forest (all time): root_ -> x1 -> x2 -> the late one.
  EXPECT_EQ(r.forest_members, 4);
  ASSERT_EQ(r.generations.size(), 4u);
  EXPECT_EQ(r.generations[0].customers, 1);
  EXPECT_EQ(r.generations[1].customers, 1) << "x1 paid";
  EXPECT_EQ(r.generations[2].customers, 0) << "x2 never paid";
  ASSERT_TRUE(r.generations[0].k_factor);
  EXPECT_DOUBLE_EQ(*r.generations[0].k_factor, 1.0);
  ASSERT_TRUE(r.generations[1].k_factor);
  EXPECT_DOUBLE_EQ(*r.generations[1].k_factor, 0.0);
}

TEST_F(GrowthReportTest, TreeIsBoundedAndRatesAreMeasured) {
  Seed();
  auto tree = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return BuildFissionTree(tx, m_, merchant_, 2); });
  ASSERT_TRUE(tree) << tree.error().message;
  EXPECT_EQ(tree->members, 4);
  EXPECT_EQ(tree->roots, 1);
  ASSERT_EQ(tree->nodes.size(), 2u);
  EXPECT_TRUE(tree->truncated);
  EXPECT_EQ(tree->nodes[0].id, root_.id);
  EXPECT_FALSE(tree->nodes[0].parent);
  EXPECT_EQ(tree->nodes[0].below, 3);
  EXPECT_EQ(tree->nodes[1].id, x1_.id);
  EXPECT_EQ(tree->nodes[1].parent, root_.id);
  EXPECT_EQ(tree->nodes[1].depth, 1);
  EXPECT_TRUE(tree->nodes[1].paid);
  EXPECT_EQ(tree->nodes[1].revenue, 8000);

  auto rates =
      storage::ReadValue(db(), [&](storage::Tx& tx) { return MeasureRates(tx, m_, merchant_); });
  ASSERT_TRUE(rates);
  EXPECT_EQ(rates->referred, 3);
  EXPECT_EQ(rates->referred_paid, 1);
  ASSERT_TRUE(rates->conversion);
  EXPECT_DOUBLE_EQ(*rates->conversion, 1.0 / 3.0);
  EXPECT_FALSE(rates->redemption) << "invitations are not recorded";
}

TEST_F(GrowthReportTest, RefundsAfterTheReportMoveItsRevenue) {
  Seed();
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return m_.attribution.MarkRefunded(tx, merchant_, OrderId(1), 5000);
  }));
  GrowthReport r = Report();
  EXPECT_EQ(r.campaigns[0].figures.revenue, 6000) << "o1 refunded in full";
  EXPECT_EQ(r.campaigns[0].figures.orders, 2) << "still paid orders";
  EXPECT_FALSE(r.campaigns[0].payback_days) << "6000 < 10500";
  auto misaligned = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return BuildGrowthReport(tx, m_, merchant_, from_ + kHour, from_ + 10 * kDay);
  });
  ASSERT_FALSE(misaligned);
  EXPECT_EQ(misaligned.error().code, growth::errors::kInvalidPeriod);
}

TEST_F(GrowthReportTest, CliTextHasTheTables) {
  Seed();
  std::string text = cli::GrowthReportText(Report());
  EXPECT_NE(text.find("春季券"), std::string::npos) << text;
  EXPECT_NE(text.find("105.00"), std::string::npos) << "the campaign's cost\n" << text;
  EXPECT_NE(text.find("35.00"), std::string::npos) << "its cost per new customer\n" << text;
  EXPECT_NE(text.find("50.0%"), std::string::npos) << "conversions\n" << text;
  EXPECT_NE(text.find("not referred"), std::string::npos) << text;
}

TEST_F(GrowthReportTest, PeriodsAreShopDays) {
  // 2026-11-01 .. 2026-11-30 China time: from 2026-10-31T16:00Z, 30 days.
  auto p = PeriodOf("2026-11-01", "2026-11-30", std::nullopt, clock_.Now());
  ASSERT_TRUE(p);
  EXPECT_EQ(FormatIso8601(p->from), "2026-10-31T16:00:00.000Z");
  EXPECT_EQ(p->to - p->from, 30 * kDay);
  auto last7 = PeriodOf("", "", 7, clock_.Now());
  ASSERT_TRUE(last7);
  EXPECT_EQ(last7->to - last7->from, 7 * kDay);
  EXPECT_GT(last7->to, clock_.Now());
  EXPECT_LE(last7->to - kDay, clock_.Now());
  for (auto [from, to] : {std::pair{"2026-11-30", "2026-11-01"}, std::pair{"2026-13-01", ""},
                          std::pair{"2025-01-01", "2026-11-30"}}) {
    auto bad = PeriodOf(from, to, std::nullopt, clock_.Now());
    ASSERT_FALSE(bad) << from << " " << to;
    EXPECT_EQ(bad.error().code, growth::errors::kInvalidPeriod);
  }
  EXPECT_FALSE(PeriodOf("", "", 0, clock_.Now()));
  EXPECT_FALSE(PeriodOf("", "", 368, clock_.Now()));
}

TEST_F(GrowthReportTest, ACreditKeepsWhatTheBuyerWasGivenOffTheSkuPrice) {
  SkuId sku = MakeSku("纸尿裤", 9900, 10);
  auto campaign = Created(W([&](storage::Tx& tx) {
    attribution::CampaignInput in;
    in.name = "拼团";
    in.kind = attribution::CampaignKind::kGroupBuy;
    return m_.attribution.CreateCampaign(tx, merchant_, in);
  }));
  Visit({std::nullopt, campaign.id, std::nullopt}, "visitor-group-01");
  // Two units at the group price 7900 instead of 9900.
  auto placed = Place(Request({LineRequest{sku, 2, 7900}}, "", "13900000020"));
  ASSERT_TRUE(placed) << placed.error().message;
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return CreditPlacedOrder(tx, m_, *placed, "visitor-group-01", std::nullopt);
  }));
  auto credit =
      W([&](storage::Tx& tx) { return m_.attribution.CreditOf(tx, merchant_, placed->id); });
  ASSERT_TRUE(credit && *credit);
  EXPECT_EQ((*credit)->discount, 2 * (9900 - 7900) + placed->totals.item_discount +
                                     placed->totals.order_discount +
                                     placed->totals.coupon_discount);
  EXPECT_EQ((*credit)->discount, 4000);
}

}  // namespace
}  // namespace weishang::workflows
