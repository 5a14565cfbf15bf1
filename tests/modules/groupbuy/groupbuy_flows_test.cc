// Group buys on a real database (both engines), through the workflows: a
// group fills when every member has paid and only then ships; an unfilled
// group expires at its deadline, refunding each paid member through the
// payment provider and putting the stock back, exactly once even with two
// schedulers on two connections racing; racing joiners never over-fill a
// group; per-customer limits; an unpaid order gives its place back; the
// group a buyer sees holds only its real members.
#include "workflows/groupbuy/groupbuy_flows.h"

#include <atomic>
#include <thread>

#include "events/dispatcher.h"
#include "modules/groupbuy/groupbuy_errors.h"
#include "modules/payment/payment.h"
#include "testing/shop_fixture.h"
#include "workflows/jobs/scheduler.h"

namespace weishang::workflows {
namespace {

using groupbuy::GroupState;
using groupbuy::MemberState;

class GroupbuyFlowsTest : public testing::ShopFixture {
 protected:
  GroupbuyFlowsTest() : gb_(clock_, ids_), w_{gb_} {}

  void SetUp() override {
    ShopFixture::SetUp();
    dispatcher_ = std::make_unique<events::Dispatcher>(
        db(), clock_, std::vector<events::Handler>{GroupbuyHandler(w_)});
    ASSERT_TRUE(dispatcher_->CreateCursors());
  }

  groupbuy::Campaign Campaign(SkuId sku, Fen group_price, int size, int window_hours = 24,
                              int limit = 1) {
    CampaignRequest in;
    auto product = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.catalog.GetSku(tx, merchant_, sku); });
    EXPECT_TRUE(product);
    in.product_id = product->product_id;
    in.title = "三人团";
    in.prices = {{sku, group_price}};
    in.group_size = size;
    in.window_hours = window_hours;
    in.per_customer_limit = limit;
    in.starts_at = clock_.Now() - kMinute;
    in.ends_at = clock_.Now() + 30 * kDay;
    auto c = storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CreateGroupbuyCampaign(tx, m_, w_, merchant_, in); });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  // A customer opening a group of `campaign` or joining `group`, on `on`
  // (another node's connection) or this test's database.
  Result<GroupOrder> Order(CustomerId customer, std::optional<GroupbuyCampaignId> campaign,
                           std::optional<GroupbuyGroupId> group, SkuId sku,
                           storage::Database* on = nullptr) {
    storage::Database& d = on ? *on : db();
    GroupOrderRequest req;
    req.merchant_id = merchant_;
    req.campaign = campaign;
    req.group = group;
    req.sku_id = sku;
    req.customer = customer;
    req.shown_name = "尾号" + std::to_string(customer.value() % 10000);
    req.buyer = order::Buyer{"买家", "1380000" + std::to_string(1000 + customer.value() % 9000),
                             "湖南", "长沙市岳麓区 1 号", ""};
    auto prepared = storage::ReadValue(
        d, [&](storage::Tx& tx) { return PrepareGroupOrder(tx, m_, w_, req, clock_.Now()); });
    if (!prepared) return Fail(prepared.error());
    return storage::WriteValue(
        d, [&](storage::Tx& tx) { return CommitGroupOrder(tx, m_, w_, *prepared); });
  }
  Result<GroupOrder> Open(CustomerId c, const groupbuy::Campaign& campaign, SkuId sku) {
    return Order(c, campaign.id, std::nullopt, sku);
  }
  Result<GroupOrder> Join(CustomerId c, GroupbuyGroupId g, SkuId sku) {
    return Order(c, std::nullopt, g, sku);
  }

  void Deliver() {
    auto ran = dispatcher_->RunOnce();
    ASSERT_TRUE(ran) << ran.error().message;
  }

  groupbuy::Group Group(GroupbuyGroupId id) {
    auto g =
        storage::ReadValue(db(), [&](storage::Tx& tx) { return gb_.GetGroup(tx, merchant_, id); });
    EXPECT_TRUE(g) << g.error().message;
    return *g;
  }

  Result<order::Order> Ship(OrderId id) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) {
      return ShipOrder(tx, m_, merchant_, id, "顺丰速运", "SF100", "system");
    });
  }

  payment::Payment Paid(OrderId id) {
    auto p = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.payments.GetSucceeded(tx, merchant_, id); });
    EXPECT_TRUE(p) << p.error().message;
    return *p;
  }

  std::int64_t Count(const std::string& sql) {
    auto n = storage::ReadValue(db(), [&](storage::Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne(sql, {merchant_});
      if (!row) return Fail(row.error());
      return (**row).Int(0);
    });
    EXPECT_TRUE(n);
    return *n;
  }

  groupbuy::GroupbuyService gb_;
  GroupbuyWiring w_;
  std::unique_ptr<events::Dispatcher> dispatcher_;
};

constexpr CustomerId kAnn{9001}, kBob{9002}, kCat{9003}, kDan{9004};

TEST_F(GroupbuyFlowsTest, AGroupFillsWhenEveryMemberHasPaidAndOnlyThenItsOrdersShip) {
  SkuId duck = MakeSku("湘味咸鸭 3只装", 3900, 10);
  auto c = Campaign(duck, 2900, 3);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead) << lead.error().message;
  EXPECT_EQ(lead->group.state, GroupState::kOpen);
  EXPECT_EQ(lead->group.taken, 1);
  EXPECT_EQ(lead->order.lines.at(0).unit_price, 2900) << "the group price, not the list price";
  EXPECT_EQ(lead->order.totals.merchandise_total, 2900);
  EXPECT_LE(lead->order.pay_deadline, lead->group.deadline);
  GroupbuyGroupId g = lead->group.id;
  auto bob = Join(kBob, g, duck);
  ASSERT_TRUE(bob) << bob.error().message;
  auto cat = Join(kCat, g, duck);
  ASSERT_TRUE(cat) << cat.error().message;
  EXPECT_EQ(cat->group.taken, 3);
  EXPECT_EQ(Stock(duck), 7);

  PaySandbox(lead->order);
  PaySandbox(bob->order);
  Deliver();
  EXPECT_EQ(Group(g).paid, 2);
  EXPECT_EQ(Group(g).state, GroupState::kOpen);
  auto early = Ship(lead->order.id);
  ASSERT_FALSE(early) << "an order of an unfilled group does not ship";
  EXPECT_EQ(early.error().code, groupbuy::errors::kGroupNotFilled);

  PaySandbox(cat->order);
  Deliver();
  groupbuy::Group filled = Group(g);
  EXPECT_EQ(filled.state, GroupState::kFilled);
  EXPECT_EQ(filled.paid, 3);
  for (const auto& m : filled.members) EXPECT_EQ(m.state, MemberState::kPaid);
  auto shipped = Ship(lead->order.id);
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(shipped->status, order::Status::kShipped);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox WHERE merchant_id = ? AND kind ="
                  " 'groupbuy.filled'"),
            1);
  auto late = Join(kDan, g, duck);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, groupbuy::errors::kGroupClosed);
  // Ordinary orders are not touched by the check.
  auto plain = Place(Request({{duck, 1}}));
  ASSERT_TRUE(plain);
  PaySandbox(*plain);
  EXPECT_TRUE(Ship(plain->id));
}

TEST_F(GroupbuyFlowsTest, AnUnfilledGroupExpiresRefundingPaidMembersAndPuttingStockBack) {
  SkuId duck = MakeSku("湘味咸鸭", 3900, 10);
  auto c = Campaign(duck, 2900, 3, /*window_hours=*/2);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead);
  auto bob = Join(kBob, lead->group.id, duck);
  ASSERT_TRUE(bob);
  PaySandbox(lead->order);
  Deliver();
  EXPECT_EQ(Stock(duck), 8);

  Scheduler jobs(db(), m_, clock_, GroupbuyJobs(w_));
  jobs.RunOnce();
  EXPECT_EQ(Group(lead->group.id).state, GroupState::kOpen) << "not before its deadline";
  clock_.Advance(2 * kHour + 1000);
  jobs.RunOnce();
  groupbuy::Group g = Group(lead->group.id);
  EXPECT_EQ(g.state, GroupState::kExpired);
  ASSERT_EQ(g.members.size(), 2u);
  EXPECT_EQ(g.members[0].state, MemberState::kRefunded);
  EXPECT_EQ(g.members[1].state, MemberState::kReleased);
  payment::Payment p = Paid(lead->order.id);
  EXPECT_EQ(p.refunded, p.amount) << "the leader's money went back through the provider";
  order::Order leader = Load(lead->order.id);
  EXPECT_EQ(leader.status, order::Status::kCancelled);
  EXPECT_EQ(leader.refunded_total, leader.totals.total);
  EXPECT_EQ(Load(bob->order.id).status, order::Status::kCancelled);
  EXPECT_EQ(Stock(duck), 10) << "both units back on the shelf";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_refund WHERE merchant_id = ?"), 1);

  // Once: later ticks and the order events that followed change nothing.
  jobs.RunOnce();
  Deliver();
  EXPECT_EQ(Stock(duck), 10);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_refund WHERE merchant_id = ?"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox WHERE merchant_id = ? AND kind ="
                  " 'groupbuy.expired'"),
            1);
  auto ship = Ship(lead->order.id);
  ASSERT_FALSE(ship);
  EXPECT_EQ(ship.error().code, groupbuy::errors::kGroupNotFilled);
}

TEST_F(GroupbuyFlowsTest, PaymentsTheHandlerHasNotSeenYetStillFillTheGroupAtItsDeadline) {
  SkuId duck = MakeSku("duck", 3900, 10);
  auto c = Campaign(duck, 2900, 2, 1);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead);
  auto bob = Join(kBob, lead->group.id, duck);
  ASSERT_TRUE(bob);
  PaySandbox(lead->order);
  PaySandbox(bob->order);  // no Deliver(): the order.paid events wait
  clock_.Advance(kHour + 1000);
  Scheduler(db(), m_, clock_, GroupbuyJobs(w_)).RunOnce();
  EXPECT_EQ(Group(lead->group.id).state, GroupState::kFilled);
  EXPECT_EQ(Paid(lead->order.id).refunded, 0);
  Deliver();
  EXPECT_EQ(Group(lead->group.id).paid, 2);
  EXPECT_TRUE(Ship(bob->order.id));
}

TEST_F(GroupbuyFlowsTest, ExpiryHappensOnceWithTwoSchedulersOnTwoConnectionsRacing) {
  constexpr int kGroups = 8;
  SkuId duck = MakeSku("duck", 3900, 100);
  auto c = Campaign(duck, 2900, 3, 1, /*limit=*/kGroups);
  std::vector<order::Order> paid;
  for (int i = 0; i < kGroups; ++i) {
    auto lead = Open(kAnn, c, duck);
    ASSERT_TRUE(lead) << lead.error().message;
    auto bob = Join(kBob, lead->group.id, duck);
    ASSERT_TRUE(bob) << bob.error().message;
    PaySandbox(lead->order);
    PaySandbox(bob->order);
    paid.push_back(lead->order);
    paid.push_back(bob->order);
  }
  Deliver();
  EXPECT_EQ(Stock(duck), 100 - 2 * kGroups);
  clock_.Advance(kHour + 1000);

  auto other = temp_.OpenAnother();  // the second node's connection
  Scheduler one(db(), m_, clock_, GroupbuyJobs(w_));
  Scheduler two(*other, m_, clock_, GroupbuyJobs(w_));
  Counter& handled = Metrics::Global().GetCounter("weishang_job_rows_total", "",
                                                  "job=\"expire_group_buys\",outcome=\"handled\"");
  auto before = handled.value();
  std::atomic<bool> go{false};
  std::thread a([&] {
    while (!go) std::this_thread::yield();
    one.RunOnce();
  });
  std::thread b([&] {
    while (!go) std::this_thread::yield();
    two.RunOnce();
  });
  go = true;
  a.join();
  b.join();
  EXPECT_EQ(handled.value() - before, kGroups) << "each group expired by exactly one node";
  for (const auto& o : paid) {
    payment::Payment p = Paid(o.id);
    EXPECT_EQ(p.refunded, p.amount);
    EXPECT_EQ(Load(o.id).status, order::Status::kCancelled);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_refund WHERE merchant_id = ?"), 2 * kGroups)
      << "one refund per paid member, never two";
  EXPECT_EQ(Stock(duck), 100) << "stock restored exactly once";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox WHERE merchant_id = ? AND kind ="
                  " 'groupbuy.expired'"),
            kGroups);
  other->Close();
}

TEST_F(GroupbuyFlowsTest, MoreJoinersThanPlacesRacingNeverOverFillAGroup) {
  constexpr int kJoiners = 12;
  SkuId duck = MakeSku("duck", 3900, 100);
  auto c = Campaign(duck, 2900, 4);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead);
  GroupbuyGroupId g = lead->group.id;
  std::atomic<int> joined{0}, full{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kJoiners; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      auto r = Join(CustomerId(9100 + i), g, duck);
      if (r) {
        ++joined;
      } else if (r.error().code == groupbuy::errors::kGroupFull) {
        ++full;
      } else {
        ++other;
        ADD_FAILURE() << r.error().code << ": " << r.error().message;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(joined.load(), 3);
  EXPECT_EQ(full.load(), kJoiners - 3);
  EXPECT_EQ(other.load(), 0);
  groupbuy::Group after = Group(g);
  EXPECT_EQ(after.taken, 4);
  EXPECT_EQ(after.members.size(), 4u);
  EXPECT_EQ(Stock(duck), 96) << "the refused joiners took no stock";
}

TEST_F(GroupbuyFlowsTest, PerCustomerLimitAndOneCustomerPerPlace) {
  SkuId duck = MakeSku("duck", 3900, 100);
  auto c = Campaign(duck, 2900, 3, 24, /*limit=*/1);
  auto first = Open(kAnn, c, duck);
  ASSERT_TRUE(first);
  auto twice = Join(kAnn, first->group.id, duck);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, groupbuy::errors::kAlreadyMember);
  auto second = Open(kAnn, c, duck);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, groupbuy::errors::kLimitReached);
  auto bob = Open(kBob, c, duck);
  ASSERT_TRUE(bob);
  auto ann_joins = Join(kAnn, bob->group.id, duck);
  ASSERT_FALSE(ann_joins);
  EXPECT_EQ(ann_joins.error().code, groupbuy::errors::kLimitReached);
  EXPECT_EQ(Stock(duck), 98) << "refused attempts took no stock and left no order";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM groupbuy_group WHERE merchant_id = ?"), 2)
      << "a refused opening leaves no empty group behind";

  // Ann cancels her unpaid order: her place and her quota come back.
  auto cancelled = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return CancelByBuyer(tx, m_, merchant_, first->order.token); });
  ASSERT_TRUE(cancelled);
  Deliver();
  EXPECT_EQ(Group(first->group.id).taken, 0);
  auto again = Join(kAnn, bob->group.id, duck);
  EXPECT_TRUE(again) << again.error().message;
}

TEST_F(GroupbuyFlowsTest, AnUnpaidOrderCancelledGivesItsPlaceToTheNextJoiner) {
  SkuId duck = MakeSku("duck", 3900, 100);
  auto c = Campaign(duck, 2900, 2);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead);
  auto bob = Join(kBob, lead->group.id, duck);
  ASSERT_TRUE(bob);
  auto cat = Join(kCat, lead->group.id, duck);
  ASSERT_FALSE(cat);
  EXPECT_EQ(cat.error().code, groupbuy::errors::kGroupFull);
  // Ann pays; Bob never does: the payment timeout cancels his order (stock
  // back) and the handler gives his place back.
  PaySandbox(lead->order);
  clock_.Advance(31 * kMinute);
  Scheduler(db(), m_, clock_, OrderJobs()).RunOnce();
  EXPECT_EQ(Load(bob->order.id).status, order::Status::kCancelled);
  Deliver();
  EXPECT_EQ(Group(lead->group.id).taken, 1);
  auto retry = Join(kCat, lead->group.id, duck);
  ASSERT_TRUE(retry) << retry.error().message;
  PaySandbox(retry->order);
  Deliver();
  EXPECT_EQ(Group(lead->group.id).state, GroupState::kFilled);
}

TEST_F(GroupbuyFlowsTest, TheStoreShowsOnlyTheGroupsRealMembers) {
  SkuId duck = MakeSku("duck", 3900, 100);
  auto c = Campaign(duck, 2900, 5);
  auto lead = Open(kAnn, c, duck);
  ASSERT_TRUE(lead);
  auto bob = Join(kBob, lead->group.id, duck);
  ASSERT_TRUE(bob);
  auto page = [&] {
    auto g = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return LoadStoreGroup(tx, m_, w_, merchant_, lead->group.id);
    });
    EXPECT_TRUE(g) << g.error().message;
    return *g;
  };
  StoreGroup shown = page();
  ASSERT_EQ(shown.group.members.size(), 2u) << "two real members of five places, no fillers";
  EXPECT_EQ(shown.group.members[0].customer_id, kAnn);
  EXPECT_TRUE(shown.group.members[0].leader);
  EXPECT_EQ(shown.group.members[1].customer_id, kBob);
  EXPECT_EQ(shown.group.size - shown.group.taken, 3);
  auto cancelled = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return CancelByBuyer(tx, m_, merchant_, bob->order.token); });
  ASSERT_TRUE(cancelled);
  Deliver();
  shown = page();
  ASSERT_EQ(shown.group.members.size(), 1u) << "one who left unpaid is not shown";
  auto campaign = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return LoadStoreCampaign(tx, m_, w_, merchant_, c.id); });
  ASSERT_TRUE(campaign);
  ASSERT_EQ(campaign->open_groups.size(), 1u);
  EXPECT_EQ(campaign->open_groups[0].members.size(), 1u);
}

TEST_F(GroupbuyFlowsTest, CampaignsSellOnlyTheProductsOwnSkusBelowTheirPrice) {
  SkuId duck = MakeSku("duck", 3900, 10);
  SkuId tea = MakeSku("tea", 1000, 10);
  auto product = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.catalog.GetSku(tx, merchant_, duck); });
  ASSERT_TRUE(product);
  CampaignRequest in;
  in.product_id = product->product_id;
  in.title = "团";
  in.group_size = 3;
  in.window_hours = 24;
  in.starts_at = clock_.Now();
  in.ends_at = clock_.Now() + kDay;
  auto make = [&](std::vector<GroupPriceRequest> prices, int size = 3) {
    in.prices = std::move(prices);
    in.group_size = size;
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CreateGroupbuyCampaign(tx, m_, w_, merchant_, in); });
  };
  auto foreign = make({{tea, 500}});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, groupbuy::errors::kSkuNotInCampaign);
  for (Fen price : {0LL, 3900LL, 5000LL}) {
    auto bad = make({{duck, price}});
    ASSERT_FALSE(bad) << price;
    EXPECT_EQ(bad.error().code, groupbuy::errors::kInvalidField);
  }
  for (int size : {1, 51}) {
    auto bad = make({{duck, 2900}}, size);
    ASSERT_FALSE(bad) << size;
    EXPECT_EQ(bad.error().code, groupbuy::errors::kInvalidField);
  }
  auto good = make({{duck, 2900}}, 50);
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->prices.at(0).list_price, 3900);
  // A SKU outside the campaign cannot be bought at a group price.
  auto wrong = Order(kAnn, good->id, std::nullopt, tea);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, groupbuy::errors::kSkuNotInCampaign);
}

}  // namespace
}  // namespace weishang::workflows
