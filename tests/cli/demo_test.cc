// The demo shop on a real database (both engines): what `make run` shows a
// merchant on first start is there and consistent, made by the engine's own
// workflows, handlers and jobs — customers in every lifecycle stage, the
// children's age stages, tags and segments with real counts, two staff
// members with a handover done.
#include "cli/demo.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/crypto.h"
#include "modules/outreach/outreach.h"
#include "modules/presale/presale.h"
#include "modules/tags/tags.h"
#include "modules/votes/votes.h"
#include "testing/temp_db.h"
#include "workflows/vouchers/voucher_flows.h"

namespace weishang::cli {
namespace {

constexpr Timestamp kNow = 1'796'000'000'000;  // 2026-11-29

class DemoTest : public ::testing::Test {
 protected:
  DemoTest() : clock_(kNow), ids_(7), m_(clock_, ids_) { InitCrypto(); }

  storage::Database& db() { return db_.db(); }
  workflows::ImageFiles Files() { return {(db_.dir() / "uploads").string(), 5 << 20}; }
  template <class F>
  auto Read(F f) {
    return storage::ReadValue(db(), f);
  }

  FakeClock clock_;
  IdGenerator ids_;
  workflows::Modules m_;
  testing::TempDb db_;
};

TEST_F(DemoTest, TheDemoShopHasACrmInEveryStageMadeByTheEnginesOwnWorkflows) {
  auto login = SeedDemo(db(), m_, clock_, Files());
  ASSERT_TRUE(login) << login.error().code << ": " << login.error().message;
  EXPECT_TRUE(login->created);
  auto again = SeedDemo(db(), m_, clock_, Files());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created) << "seeding twice changes nothing";

  auto shop = Read([&](storage::Tx& tx) { return m_.identity.FindMerchantBySlug(tx, "demo"); });
  ASSERT_TRUE(shop && *shop);
  MerchantId merchant = (*shop)->id;

  customers::ListFilter all;
  all.limit = 100;
  auto list = Read([&](storage::Tx& tx) { return m_.customers.List(tx, merchant, all); });
  ASSERT_TRUE(list);
  std::map<std::string, customers::Customer> by_name;
  for (const auto& c : *list) by_name[c.display_name] = c;
  EXPECT_EQ(list->size(), 23u) << "7 buyers, 6 contacts who have not bought yet, 4 brought by "
                                  "channel codes and a shared link who signed in, 2 who bought "
                                  "as guests after scanning, 4 friends through share vouchers";
  auto stage = [&](const char* name) {
    return std::string(TextOf(customers::kStageText, by_name.at(name).stage));
  };
  EXPECT_EQ(stage("李娜"), "referrer") << "her friend 周敏 bought";
  EXPECT_EQ(stage("王芳"), "referrer") << "friends bought with her share vouchers";
  EXPECT_EQ(stage("周敏"), "first_purchase");
  EXPECT_EQ(stage("赵敏"), "interacted") << "a chat";
  EXPECT_EQ(stage("孙丽"), "acquired") << "only a note about her";
  EXPECT_EQ(by_name.at("周敏").referrer_id, std::optional(by_name.at("李娜").id));

  // Two staff members own every customer between them, 小李 more since the handover.
  auto staff = Read([&](storage::Tx& tx) { return m_.identity.ListStaff(tx, merchant); });
  ASSERT_TRUE(staff);
  std::map<std::string, StaffId> member;
  for (const auto& s : *staff) member[s.login] = s.id;
  ASSERT_TRUE(member.count("wang@demo.shop") && member.count("li@demo.shop"));
  std::map<StaffId, int> owned;
  for (const auto& c : *list) {
    ASSERT_TRUE(c.owner_staff_id) << c.display_name << " has no owner";
    owned[*c.owner_staff_id]++;
  }
  EXPECT_EQ(owned[member["wang@demo.shop"]] + owned[member["li@demo.shop"]], 23);
  EXPECT_GT(owned[member["li@demo.shop"]], owned[member["wang@demo.shop"]]);
  audit::ListFilter handovers;
  handovers.action = audit::kCustomerHandover;
  auto audited = Read([&](storage::Tx& tx) { return m_.audit.List(tx, merchant, handovers); });
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->size(), 1u);

  // The rule tags were computed by the engine's jobs: the age stages from the
  // children's birth dates (18, 26 and 30 months; 50; 98).
  tags::TagService tags(clock_, ids_);
  auto counts = Read([&](storage::Tx& tx) -> Result<std::map<std::string, std::size_t>> {
    auto all_tags = tags.ListTags(tx, merchant);
    if (!all_tags) return Fail(all_tags.error());
    std::map<std::string, std::size_t> n;
    for (const auto& t : *all_tags) {
      auto members = tags.MembersOf(tx, merchant, t.id);
      if (!members) return Fail(members.error());
      n[t.name] = members->size();
    }
    return n;
  });
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->at("0–3 岁"), 3u);
  EXPECT_EQ(counts->at("3–6 岁"), 1u);
  EXPECT_EQ(counts->at("6–12 岁"), 1u);
  EXPECT_EQ(counts->at("宝妈"), 5u);
  EXPECT_GE(counts->at("15 天未下单"), 1u);
  auto segments = Read([&](storage::Tx& tx) { return tags.ListSegments(tx, merchant); });
  ASSERT_TRUE(segments);
  std::map<std::string, std::int64_t> saved;
  for (const auto& s : *segments) saved[s.name] = s.customer_count;
  EXPECT_EQ(saved.at("0–3 岁宝妈"), 3);
  EXPECT_EQ(saved.at("有娃的妈妈 0–6 岁"), 4);
  EXPECT_EQ(saved.at("办公室零食与礼盒客户"), 5);

  // Reminders and care: the masks of 王芳 (9 days ago) and 张伟 (6 days ago)
  // run out within five days; 冯超's birthday is in three days and 何静's
  // child turns one in seven; the received orders get their follow-ups.
  crm::TaskFilter open;
  open.limit = 100;
  auto tasks = Read([&](storage::Tx& tx) { return m_.crm.ListTasks(tx, merchant, open); });
  ASSERT_TRUE(tasks);
  std::map<std::string, int> kinds;
  std::set<std::string> causes;
  for (const auto& task : *tasks) {
    kinds[std::string(TextOf(crm::kTaskKindText, task.kind))]++;
    causes.insert(task.source_key.substr(0, task.source_key.find(':', 5)));
  }
  EXPECT_EQ(kinds["repurchase"], 2);
  EXPECT_TRUE(causes.count("care:birthday") && causes.count("care:milestone") &&
              causes.count("care:delivery"))
      << kinds["care"] << " care tasks";
  EXPECT_EQ(kinds["manual"], 1);

  // Outreach: yesterday's promotion to two customers, today's to everyone,
  // sent with skips (the budget's 3-day gap for those two, one opt-out).
  outreach::OutreachService outreach(clock_, ids_);
  auto campaigns = Read([&](storage::Tx& tx) {
    return outreach.ListCampaigns(tx, merchant, std::nullopt, CampaignId(), 10);
  });
  ASSERT_TRUE(campaigns);
  ASSERT_EQ(campaigns->size(), 2u);
  const auto& today = campaigns->at(0);
  EXPECT_EQ(today.status, outreach::Status::kSent);
  auto stats = Read([&](storage::Tx& tx) { return outreach.Stats(tx, merchant, today.id); });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->skipped[outreach::SkipReason::kBudgetGap], 2);
  EXPECT_EQ(stats->skipped[outreach::SkipReason::kOptedOut], 1);
  EXPECT_EQ(stats->reached, 10) << "13 customers, 3 skipped";
  EXPECT_EQ(stats->sms_sent, stats->reached);

  // Growth: three channel codes with their scans and what they brought (the
  // sign-ins and the two guests' paid orders), and 李娜's shared campaign.
  auto channels = Read([&](storage::Tx& tx) { return m_.attribution.ListChannels(tx, merchant); });
  auto figures = Read([&](storage::Tx& tx) { return m_.attribution.ChannelFigures(tx, merchant); });
  ASSERT_TRUE(channels && figures);
  std::map<std::string, attribution::Channel> code;
  for (const auto& c : *channels) code[c.name] = c;
  ASSERT_EQ(code.size(), 3u);
  auto of = [&](const char* name) { return (*figures)[code.at(name).id.value()]; };
  EXPECT_EQ(code.at("包裹卡").scans, 6);
  EXPECT_EQ(of("包裹卡").visits, 6);
  EXPECT_EQ(of("包裹卡").new_customers, 3) << "韩梅 and 林晓 signed in, 曹颖 bought";
  EXPECT_EQ(of("包裹卡").orders, 1);
  EXPECT_GT(of("包裹卡").revenue, 0);
  EXPECT_EQ(of("小红书软文").new_customers, 2);
  EXPECT_EQ(of("小红书软文").orders, 1);
  EXPECT_EQ(of("门店海报").new_customers, 0);
  EXPECT_EQ(by_name.at("曹颖").channel, "qr:" + EncodeId(code.at("包裹卡").id));
  EXPECT_EQ(by_name.at("许晴").referrer_id, std::optional(by_name.at("李娜").id));
  auto campaign_figures =
      Read([&](storage::Tx& tx) { return m_.attribution.CampaignFigures(tx, merchant); });
  ASSERT_TRUE(campaign_figures);
  auto growth_campaigns =
      Read([&](storage::Tx& tx) { return m_.attribution.ListCampaigns(tx, merchant); });
  ASSERT_TRUE(growth_campaigns);
  std::map<std::string, attribution::Campaign> campaign;
  for (const auto& c : *growth_campaigns)
    campaign[TextOf(attribution::kCampaignKindText, c.kind).data()] = c;
  ASSERT_TRUE(campaign.count("link") && campaign.count("voucher"))
      << "李娜's link campaign and the voucher campaign";
  auto link = (*campaign_figures)[campaign.at("link").id.value()];
  EXPECT_EQ(link.visits, 4);
  EXPECT_EQ(link.new_customers, 1);

  // Share vouchers: 王芳's three passed to 许可 and 孟瑶 (redeemed) and 秦川
  // (claimed); 孟瑶's first to 江楠 (redeemed): three generations.
  auto voucher = (*campaign_figures)[campaign.at("voucher").id.value()];
  EXPECT_EQ(voucher.visits, 4);
  EXPECT_EQ(voucher.new_customers, 4);
  EXPECT_EQ(voucher.orders, 3);
  EXPECT_EQ(voucher.revenue, 3 * (990 + 1000)) << "three trial orders of 9.90 with 10.00 postage";
  EXPECT_EQ(by_name.at("江楠").referrer_id, std::optional(by_name.at("孟瑶").id));
  EXPECT_EQ(by_name.at("许可").referrer_id, std::optional(by_name.at("王芳").id));
  vouchers::VoucherService service(clock_, ids_);
  workflows::VoucherWiring w{service};
  auto ref = DecodeId<VoucherCampaignId>(campaign.at("voucher").ref);
  ASSERT_TRUE(ref);
  auto tree =
      Read([&](storage::Tx& tx) { return workflows::LoadVoucherTree(tx, m_, w, merchant, *ref); });
  ASSERT_TRUE(tree) << tree.error().message;
  EXPECT_EQ(tree->counts.issued, 12) << "王芳, 许可, 孟瑶 and 江楠 received three each";
  EXPECT_EQ(tree->counts.redeemed, 3);
  EXPECT_EQ(tree->counts.claimed, 4);
  EXPECT_EQ(tree->counts.deepest_generation, 2);
  ASSERT_EQ(tree->generations.size(), 3u);
  EXPECT_EQ(tree->generations[0].customers, 1);
  EXPECT_EQ(tree->generations[1].customers, 2);
  EXPECT_EQ(tree->generations[2].customers, 1);

  // Pre-sales: one settled (four interested, two paid: conversion 0.5), one
  // taking deposits now whose recommendation reads that history; an open vote.
  presale::PresaleService sales(clock_, ids_);
  auto sale_list = Read([&](storage::Tx& tx) { return sales.List(tx, merchant, PresaleId(), 10); });
  ASSERT_TRUE(sale_list);
  ASSERT_EQ(sale_list->size(), 2u);
  const presale::Presale& live = sale_list->at(0);
  const presale::Presale& settled = sale_list->at(1);
  EXPECT_EQ(settled.interest, 4);
  EXPECT_EQ(settled.paid_orders, 2);
  EXPECT_EQ(live.interest, 3);
  EXPECT_EQ(live.PhaseAt(kNow), presale::Phase::kOrdering);
  EXPECT_EQ(live.sold, 2) << "a paid deposit and an unpaid full order";
  auto orders = Read([&](storage::Tx& tx) { return sales.Orders(tx, merchant, live.id, 10); });
  ASSERT_TRUE(orders);
  std::multiset<std::string> states;
  for (const auto& o : *orders)
    states.insert(std::string(TextOf(presale::kOrderStateText, o.state)));
  EXPECT_EQ(states, (std::multiset<std::string>{"deposit_paid", "held"}));
  auto rec = Read([&](storage::Tx& tx) { return sales.RecommendFor(tx, live); });
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->basis, "one_presale");
  EXPECT_DOUBLE_EQ(rec->conversion, 0.5);
  EXPECT_EQ(rec->recommended, 2) << "3 interested x 0.5, rounded";
  votes::VoteService ballots(clock_, ids_);
  auto vote_list = Read([&](storage::Tx& tx) { return ballots.List(tx, merchant, VoteId(), 10); });
  ASSERT_TRUE(vote_list);
  ASSERT_EQ(vote_list->size(), 1u);
  EXPECT_EQ(vote_list->at(0).candidates.size(), 3u);
  EXPECT_EQ(vote_list->at(0).TotalVotes(), 6);
  EXPECT_EQ(vote_list->at(0).candidates.at(0).votes, 3);
}

}  // namespace
}  // namespace weishang::cli
