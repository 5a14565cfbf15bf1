// Moments on a real database (both engines): who sees a post (shown to,
// hidden from, both, guests), the schedule, the composer's rules and
// warning, likes, comments, taps and the attribution of orders.
#include "modules/moments/moments.h"

#include <gtest/gtest.h>

#include "modules/moments/moments_errors.h"
#include "testing/temp_db.h"

namespace weishang::moments {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{61}, kOther{62};
constexpr StaffId kAmy{1001};
constexpr CustomerId kAnn{2001}, kBob{2002};
constexpr SegmentId kVip{301}, kNew{302}, kLapsed{303};
constexpr ProductId kSauce{401}, kTea{402};

std::vector<PostImage> Images(std::size_t n) {
  std::vector<PostImage> out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(PostImage{ImageId(static_cast<Id>(500 + i)), "/media/x/" + std::to_string(i)});
  }
  return out;
}

Membership In(std::set<SegmentId> s) { return Membership{std::move(s)}; }

class MomentsTest : public ::testing::Test {
 protected:
  MomentsTest() : clock_(1'800'000'000'000), ids_(1), posts_(clock_, ids_) {}

  Post Make(Audience audience, std::optional<Timestamp> at = std::nullopt, MerchantId shop = kShop,
            std::optional<ProductId> product = kSauce) {
    PostInput in{kAmy, "新品上架", Images(3), product, at, std::move(audience)};
    auto p = db_.Write([&](storage::Tx& tx) { return posts_.Create(tx, shop, in); });
    EXPECT_TRUE(p) << p.error().message;
    return *p;
  }
  std::vector<MomentId> Feed(std::optional<Membership> viewer, MerchantId shop = kShop,
                             MomentId after = {}, int limit = 20) {
    auto f = db_.Read([&](storage::Tx& tx) {
      return posts_.Feed(tx, shop, {viewer, clock_.Now(), after, limit});
    });
    EXPECT_TRUE(f) << f.error().message;
    std::vector<MomentId> out;
    for (const auto& p : *f) out.push_back(p.id);
    return out;
  }

  FakeClock clock_;
  IdGenerator ids_;
  MomentsService posts_;
  TempDb db_;
};

TEST(AudienceTest, ShownToHiddenFromAndBothDecideForOneCustomer) {
  Audience everyone;
  EXPECT_TRUE(VisibleTo(everyone, std::nullopt));
  EXPECT_TRUE(VisibleTo(everyone, In({})));
  Audience vip_only{{kVip}, {}};
  EXPECT_TRUE(VisibleTo(vip_only, In({kVip})));
  EXPECT_FALSE(VisibleTo(vip_only, In({kNew})));
  EXPECT_FALSE(VisibleTo(vip_only, std::nullopt)) << "a guest is in no segment";
  Audience not_lapsed{{}, {kLapsed}};
  EXPECT_TRUE(VisibleTo(not_lapsed, In({kVip})));
  EXPECT_FALSE(VisibleTo(not_lapsed, In({kVip, kLapsed})));
  EXPECT_FALSE(VisibleTo(not_lapsed, std::nullopt)) << "guests see public posts only";
  Audience both{{kVip, kNew}, {kLapsed}};
  EXPECT_TRUE(VisibleTo(both, In({kNew})));
  EXPECT_FALSE(VisibleTo(both, In({kNew, kLapsed}))) << "hidden from wins over shown to";
  EXPECT_FALSE(VisibleTo(both, In({kLapsed})));
}

TEST_F(MomentsTest, TheFeedShowsEachCustomerExactlyThePostsMeantForThem) {
  Post pub = Make({});
  Post vip = Make({{kVip}, {}});
  Post not_lapsed = Make({{}, {kLapsed}});
  Post both = Make({{kVip, kNew}, {kLapsed}});
  Make({}, std::nullopt, kOther);  // another shop's post is never in this feed
  using V = std::vector<MomentId>;
  EXPECT_EQ(Feed(std::nullopt), (V{pub.id})) << "a guest";
  EXPECT_EQ(Feed(In({})), (V{not_lapsed.id, pub.id})) << "in no segment";
  EXPECT_EQ(Feed(In({kVip})), (V{both.id, not_lapsed.id, vip.id, pub.id}));
  EXPECT_EQ(Feed(In({kNew})), (V{both.id, not_lapsed.id, pub.id}));
  EXPECT_EQ(Feed(In({kVip, kLapsed})), (V{vip.id, pub.id}));
  EXPECT_EQ(Feed(In({kLapsed})), (V{pub.id}));
}

TEST_F(MomentsTest, AScheduledPostAppearsAtItsTimeAndPagesStayInPublishOrder) {
  Post first = Make({});
  Post later = Make({}, clock_.Now() + kHour);
  Post second = Make({});
  EXPECT_EQ(Feed(In({})), (std::vector<MomentId>{second.id, first.id}));
  clock_.Advance(kHour);
  auto all = Feed(In({}));
  ASSERT_EQ(all, (std::vector<MomentId>{later.id, second.id, first.id}));
  // Pages by publish time, not creation: the scheduled post (made second) leads.
  EXPECT_EQ(Feed(In({}), kShop, {}, 1), (std::vector<MomentId>{later.id}));
  EXPECT_EQ(Feed(In({}), kShop, later.id, 1), (std::vector<MomentId>{second.id}));
  EXPECT_EQ(Feed(In({}), kShop, second.id, 5), (std::vector<MomentId>{first.id}));
  // Withdrawn: out of the feed, still in the console's list.
  ASSERT_TRUE(db_.Write([&](storage::Tx& tx) { return posts_.Withdraw(tx, kShop, first.id); }));
  EXPECT_EQ(Feed(In({})).size(), 2u);
  auto list = db_.Read([&](storage::Tx& tx) { return posts_.List(tx, kShop, {}, 10); });
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 3u);
}

TEST_F(MomentsTest, TheComposerNeedsOneToNinePicturesAndWarnsBeyondSix) {
  auto create = [&](std::size_t images, std::optional<Timestamp> at = std::nullopt,
                    Audience a = {}) {
    PostInput in{kAmy, "图", Images(images), std::nullopt, at, std::move(a)};
    return db_.Write([&](storage::Tx& tx) { return posts_.Create(tx, kShop, in); });
  };
  EXPECT_EQ(create(0).error().code, errors::kImageCount);
  EXPECT_EQ(create(10).error().code, errors::kImageCount);
  auto nine = create(9);
  ASSERT_TRUE(nine);
  EXPECT_EQ(nine->images.size(), 9u);
  PostInput seven{kAmy, "", Images(7), std::nullopt, std::nullopt, {}};
  EXPECT_EQ(Warnings(seven), (std::vector<std::string>{errors::kManyImages}));
  seven.images.resize(6);
  EXPECT_TRUE(Warnings(seven).empty());
  EXPECT_EQ(create(1, clock_.Now() - kHour).error().code, errors::kInvalidField);
  EXPECT_EQ(create(1, std::nullopt, {{kVip}, {kVip}}).error().code, errors::kInvalidField);
  auto read = db_.Read([&](storage::Tx& tx) { return posts_.Get(tx, kShop, nine->id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->images[8].url, "/media/x/8");
  EXPECT_EQ(
      db_.Read([&](storage::Tx& tx) { return posts_.Get(tx, kOther, nine->id); }).error().code,
      errors::kNotFound);
}

TEST_F(MomentsTest, LikesToggleCommentsAreDeletedByTheMerchantAndCountersFollow) {
  Post p = Make({});
  auto like = [&](CustomerId c) {
    auto l = db_.Write([&](storage::Tx& tx) { return posts_.ToggleLike(tx, kShop, p.id, c); });
    EXPECT_TRUE(l);
    return *l;
  };
  EXPECT_TRUE(like(kAnn).liked);
  EXPECT_EQ(like(kBob).likes, 2);
  LikeState back = like(kAnn);
  EXPECT_FALSE(back.liked);
  EXPECT_EQ(back.likes, 1);
  auto liked = db_.Read([&](storage::Tx& tx) {
    return posts_.LikedOf(tx, kShop, kBob, {p.id, MomentId(9)});
  });
  ASSERT_TRUE(liked);
  EXPECT_EQ(*liked, (std::set<MomentId>{p.id}));

  auto c = db_.Write(
      [&](storage::Tx& tx) { return posts_.AddComment(tx, kShop, p.id, kAnn, "安娜", "好吃吗"); });
  ASSERT_TRUE(c);
  EXPECT_EQ(db_.Write([&](storage::Tx& tx) {
                 return posts_.AddComment(tx, kShop, p.id, kAnn, "安娜", "");
               })
                .error()
                .code,
            errors::kInvalidField);
  auto gone = db_.Write(
      [&](storage::Tx& tx) { return posts_.DeleteComment(tx, kShop, p.id, c->id, kAmy); });
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->deleted);
  EXPECT_EQ(db_.Write([&](storage::Tx& tx) {
                 return posts_.DeleteComment(tx, kOther, p.id, c->id, kAmy);
               })
                .error()
                .code,
            errors::kNotFound)
      << "another shop's post";
  EXPECT_EQ(db_.Write([&](storage::Tx& tx) {
                 return posts_.DeleteComment(tx, kShop, p.id, MomentCommentId(9), kAmy);
               })
                .error()
                .code,
            errors::kCommentNotFound);
  auto shown =
      db_.Read([&](storage::Tx& tx) { return posts_.Comments(tx, kShop, p.id, 10, false); });
  ASSERT_TRUE(shown);
  EXPECT_TRUE(shown->empty());
  auto kept = db_.Read([&](storage::Tx& tx) { return posts_.Comments(tx, kShop, p.id, 10, true); });
  ASSERT_EQ(kept->size(), 1u);
  auto read = db_.Read([&](storage::Tx& tx) { return posts_.Get(tx, kShop, p.id); });
  EXPECT_EQ(read->counts.likes, 1);
  EXPECT_EQ(read->counts.comments, 0);

  // An erased customer's comments lose their words and name, not their place.
  ASSERT_TRUE(db_.Write([&](storage::Tx& tx) {
    return posts_.AddComment(tx, kShop, p.id, kBob, "鲍勃", "我妈叫我买");
  }));
  auto forgot = db_.Write([&](storage::Tx& tx) { return posts_.ForgetCustomer(tx, kShop, kBob); });
  ASSERT_TRUE(forgot);
  EXPECT_EQ(*forgot, 1);
  EXPECT_EQ(*db_.Write([&](storage::Tx& tx) { return posts_.ForgetCustomer(tx, kShop, kBob); }), 0)
      << "a repeat changes nothing";
  auto after =
      db_.Read([&](storage::Tx& tx) { return posts_.Comments(tx, kShop, p.id, 10, false); });
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front().author_name, "已注销用户");
  EXPECT_EQ(after->front().text, "（已删除：客户已注销）");
  EXPECT_EQ(db_.Read([&](storage::Tx& tx) { return posts_.Get(tx, kShop, p.id); })->counts.comments,
            1);
}

TEST_F(MomentsTest, AnOrderPaidWithinSevenDaysOfATapIsThePostsOnce) {
  Post sauce = Make({});
  Post tea = Make({}, std::nullopt, kShop, kTea);
  Post none = Make({}, std::nullopt, kShop, std::nullopt);
  auto tap = [&](const Post& p, std::optional<CustomerId> c) {
    return db_.Write([&](storage::Tx& tx) { return posts_.RecordClick(tx, kShop, p.id, c); });
  };
  EXPECT_EQ(*tap(sauce, kAnn), kSauce);
  EXPECT_EQ(tap(none, kAnn).error().code, errors::kNoProduct);
  ASSERT_TRUE(tap(sauce, std::nullopt)) << "a guest's tap counts, and attributes nothing";
  clock_.Advance(kDay);
  ASSERT_TRUE(tap(tea, kAnn));
  auto attribute = [&](OrderId o, CustomerId c, std::vector<ProductId> products) {
    auto a = db_.Write([&](storage::Tx& tx) {
      return posts_.AttributeOrder(tx, kShop, o, c, clock_.Now(), products);
    });
    EXPECT_TRUE(a);
    return *a;
  };
  EXPECT_EQ(attribute(OrderId(1), kAnn, {kSauce}), sauce.id);
  EXPECT_EQ(attribute(OrderId(1), kAnn, {kSauce}), std::nullopt) << "a repeated event";
  EXPECT_EQ(attribute(OrderId(2), kAnn, {kSauce, kTea}), tea.id) << "the latest tap";
  EXPECT_EQ(attribute(OrderId(3), kBob, {kSauce}), std::nullopt) << "Bob never tapped";
  clock_.Advance(7 * kDay);
  EXPECT_EQ(attribute(OrderId(4), kAnn, {kSauce}), std::nullopt) << "eight days after the tap";
  auto read = db_.Read([&](storage::Tx& tx) { return posts_.Get(tx, kShop, sauce.id); });
  EXPECT_EQ(read->counts.clicks, 2);
  EXPECT_EQ(read->counts.orders, 1);
}

}  // namespace
}  // namespace weishang::moments
