// The group-buy module on a real database (both engines): the campaign's
// rules, places taken with conditional updates (full, closed, already a
// member, per-customer limit), paying filling a group once, releasing a
// place, and expiring a group only once.
#include "modules/groupbuy/groupbuy.h"

#include <gtest/gtest.h>

#include "modules/groupbuy/groupbuy_errors.h"
#include "testing/temp_db.h"

namespace weishang::groupbuy {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{71}, kOther{72};
constexpr ProductId kDuck{401};
constexpr SkuId kDuckSku{402};
constexpr CustomerId kAnn{2001}, kBob{2002}, kCat{2003};

class GroupbuyTest : public ::testing::Test {
 protected:
  GroupbuyTest() : clock_(1'800'000'000'000), ids_(1), gb_(clock_, ids_) {}

  CampaignInput Input(int size = 3, int limit = 1) {
    return CampaignInput{kDuck, "鸭子三人团", {{kDuckSku, 3900, 2900}}, size, 24,
                         limit, clock_.Now(), clock_.Now() + 7 * kDay};
  }
  Campaign Make(int size = 3, int limit = 1) {
    auto c = db_.Write([&](Tx& tx) { return gb_.CreateCampaign(tx, kShop, Input(size, limit)); });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }
  Group Open(const Campaign& c, CustomerId leader) {
    auto g = db_.Write([&](Tx& tx) { return gb_.OpenGroup(tx, c, leader); });
    EXPECT_TRUE(g) << g.error().message;
    return *g;
  }
  // A place and a member with the order `order`, in one unit.
  Result<Group> Take(const Campaign& c, GroupbuyGroupId g, CustomerId who, Id order) {
    return db_.Write([&](Tx& tx) -> Result<Group> {
      auto taken = gb_.TakePlace(tx, kShop, g, who, c.per_customer_limit);
      if (!taken) return taken;
      if (auto ok = gb_.AddMember(tx, *taken, OrderId(order), who, "顾客"); !ok)
        return Fail(ok.error());
      return taken;
    });
  }
  Group Get(GroupbuyGroupId id) {
    auto g = db_.Read([&](Tx& tx) { return gb_.GetGroup(tx, kShop, id); });
    EXPECT_TRUE(g) << g.error().message;
    return *g;
  }

  FakeClock clock_;
  IdGenerator ids_;
  GroupbuyService gb_;
  TempDb db_;
};

TEST_F(GroupbuyTest, ACampaignsRulesAreCheckedAndItIsReadBackWithItsPrices) {
  for (auto broken : std::vector<std::function<void(CampaignInput&)>>{
           [](CampaignInput& in) { in.group_size = 1; },
           [](CampaignInput& in) { in.group_size = 51; },
           [](CampaignInput& in) { in.window_hours = 0; },
           [](CampaignInput& in) { in.per_customer_limit = 0; },
           [](CampaignInput& in) { in.prices.clear(); },
           [](CampaignInput& in) { in.prices[0].group_price = in.prices[0].list_price; },
           [](CampaignInput& in) { in.prices.push_back(in.prices[0]); },
           [](CampaignInput& in) { in.ends_at = in.starts_at; },
           [](CampaignInput& in) { in.title = ""; },
       }) {
    CampaignInput in = Input();
    broken(in);
    auto c = db_.Write([&](Tx& tx) { return gb_.CreateCampaign(tx, kShop, in); });
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, errors::kInvalidField);
  }
  Campaign c = Make();
  auto read = db_.Read([&](Tx& tx) { return gb_.GetCampaign(tx, kShop, c.id); });
  ASSERT_TRUE(read);
  ASSERT_EQ(read->prices.size(), 1u);
  EXPECT_EQ(read->prices[0].group_price, 2900);
  EXPECT_EQ(read->group_size, 3);
  auto theirs = db_.Read([&](Tx& tx) { return gb_.GetCampaign(tx, kOther, c.id); });
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, errors::kNotFound);
}

TEST_F(GroupbuyTest, PlacesAreTakenUntilTheGroupIsFullAndOncePerCustomer) {
  Campaign c = Make(2, 5);
  Group g = Open(c, kAnn);
  EXPECT_EQ(g.deadline, clock_.Now() + 24 * kHour);
  ASSERT_TRUE(Take(c, g.id, kAnn, 1));
  auto again = Take(c, g.id, kAnn, 2);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, errors::kAlreadyMember);
  ASSERT_TRUE(Take(c, g.id, kBob, 3));
  auto full = Take(c, g.id, kCat, 4);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, errors::kGroupFull);
  EXPECT_EQ(Get(g.id).taken, 2) << "refused takes rolled back";
  // Bob's unpaid order is cancelled: his place comes back.
  auto released = db_.Write([&](Tx& tx) { return gb_.Release(tx, kShop, OrderId(3)); });
  ASSERT_TRUE(released);
  EXPECT_TRUE(*released);
  EXPECT_EQ(Get(g.id).taken, 1);
  ASSERT_TRUE(Take(c, g.id, kCat, 4));
  // Past the deadline nobody joins.
  Group late = Open(c, kBob);
  clock_.Advance(24 * kHour);
  auto closed = Take(c, late.id, kCat, 5);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, errors::kGroupClosed);
}

TEST_F(GroupbuyTest, TheLimitCountsPlacesHeldAcrossTheCampaignsGroups) {
  Campaign c = Make(3, /*limit=*/2);
  Group a = Open(c, kAnn), b = Open(c, kBob), d = Open(c, kCat);
  ASSERT_TRUE(Take(c, a.id, kAnn, 1));
  ASSERT_TRUE(Take(c, b.id, kAnn, 2));
  auto third = Take(c, d.id, kAnn, 3);
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, errors::kLimitReached);
  ASSERT_TRUE(db_.Write([&](Tx& tx) { return gb_.Release(tx, kShop, OrderId(2)); }));
  EXPECT_TRUE(Take(c, d.id, kAnn, 3));
}

TEST_F(GroupbuyTest, PayingFillsTheGroupOnceAndExpiringHappensOnce) {
  Campaign c = Make(2);
  Group g = Open(c, kAnn);
  ASSERT_TRUE(Take(c, g.id, kAnn, 1));
  ASSERT_TRUE(Take(c, g.id, kBob, 2));
  auto first = db_.Write([&](Tx& tx) { return gb_.MarkPaid(tx, kShop, OrderId(1)); });
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->changed);
  EXPECT_FALSE(first->filled);
  auto repeat = db_.Write([&](Tx& tx) { return gb_.MarkPaid(tx, kShop, OrderId(1)); });
  ASSERT_TRUE(repeat);
  EXPECT_FALSE(repeat->changed) << "a repeated event counts once";
  auto second = db_.Write([&](Tx& tx) { return gb_.MarkPaid(tx, kShop, OrderId(2)); });
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->filled);
  EXPECT_EQ(Get(g.id).state, GroupState::kFilled);
  auto ship = db_.Read([&](Tx& tx) { return CheckShippable(tx, kShop, OrderId(1)); });
  EXPECT_TRUE(ship);
  auto unknown = db_.Read([&](Tx& tx) { return CheckShippable(tx, kShop, OrderId(99)); });
  EXPECT_TRUE(unknown) << "an order outside group buys ships as usual";

  Group other = Open(c, kCat);
  ASSERT_TRUE(Take(c, other.id, kCat, 3));
  auto blocked = db_.Read([&](Tx& tx) { return CheckShippable(tx, kShop, OrderId(3)); });
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, errors::kGroupNotFilled);
  clock_.Advance(24 * kHour);
  auto due = db_.Read([&](Tx& tx) { return gb_.DueExpiries(tx, clock_.Now(), 10); });
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u) << "the filled group is not due";
  EXPECT_EQ(due->front().group_id, other.id);
  auto expired = db_.Write([&](Tx& tx) { return gb_.Expire(tx, kShop, other.id); });
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->state, GroupState::kExpired);
  auto twice = db_.Write([&](Tx& tx) { return gb_.Expire(tx, kShop, other.id); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, errors::kGroupClosed);
  EXPECT_EQ(twice.error().kind, ErrorKind::kConflict);
}

}  // namespace
}  // namespace weishang::groupbuy
