// Attribution on a real database (both engines): share codes that verify
// and those that do not, touches, first and last touch, the window, credited
// orders, campaigns and channel codes.
#include "modules/attribution/attribution.h"

#include <gtest/gtest.h>

#include "modules/attribution/attribution_errors.h"
#include "testing/temp_db.h"

namespace weishang::attribution {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{71}, kOther{72};
constexpr CustomerId kAnn{3001}, kBob{3002};
constexpr GrowthCampaignId kSpring{401};
constexpr ChannelCodeId kCard{501};
constexpr const char* kPhone1 = "visitor-phone-1";
constexpr const char* kPhone2 = "visitor-phone-2";

TEST(CodeTest, ACodeVerifiesUnderItsKeyOnly) {
  std::string key = "a1b2c3";
  Code code{kAnn, kSpring, std::nullopt};
  std::string text = EncodeCode(key, code);
  EXPECT_LE(text.size(), 40u) << text;
  EXPECT_EQ(DecodeCode(key, text), code);
  EXPECT_FALSE(DecodeCode("another key", text)) << "another merchant's";
  // Every single-character change is caught.
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (char c : {'A', 'z', '0', '_'}) {
      if (text[i] == c) continue;
      std::string altered = text;
      altered[i] = c;
      EXPECT_FALSE(DecodeCode(key, altered)) << altered;
    }
  }
  EXPECT_FALSE(DecodeCode(key, text.substr(0, text.size() - 1)));
  EXPECT_FALSE(DecodeCode(key, text + "A"));
  EXPECT_FALSE(DecodeCode(key, ""));
  EXPECT_FALSE(DecodeCode(key, "not a code!"));
  EXPECT_EQ(DecodeCode(key, EncodeCode(key, Code{std::nullopt, std::nullopt, kCard})),
            (Code{std::nullopt, std::nullopt, kCard}));
}

class AttributionTest : public ::testing::Test {
 protected:
  AttributionTest() : clock_(1'800'000'000'000), ids_(1), svc_(clock_, ids_) {}

  template <class Fn>
  auto W(Fn fn) {
    return db_.Write([&](storage::Tx& tx) { return fn(tx); });
  }
  std::string Sign(const Code& c, MerchantId shop = kShop) {
    auto s = W([&](storage::Tx& tx) { return svc_.Sign(tx, shop, c); });
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : "";
  }
  Touch Visit(const std::string& visitor, const std::string& code,
              std::optional<CustomerId> who = std::nullopt, MerchantId shop = kShop) {
    auto t =
        W([&](storage::Tx& tx) { return svc_.RecordTouch(tx, shop, visitor, who, code, "/"); });
    EXPECT_TRUE(t) << t.error().message;
    return *t;
  }
  std::optional<Touch> Last(const std::string& visitor, std::optional<CustomerId> who) {
    auto t =
        W([&](storage::Tx& tx) { return svc_.LastTouch(tx, kShop, visitor, who, clock_.Now()); });
    EXPECT_TRUE(t);
    return t ? *t : std::nullopt;
  }

  FakeClock clock_;
  IdGenerator ids_;
  AttributionService svc_;
  TempDb db_;
};

TEST_F(AttributionTest, AForgedCodeOpensTheShopAndCreditsNothing) {
  std::string good = Sign(Code{kAnn, std::nullopt, std::nullopt});
  Touch t = Visit(kPhone1, good);
  EXPECT_EQ(t.sharer_id, kAnn);
  EXPECT_FALSE(t.forged);
  // A code signed by another shop, and one altered by hand.
  Touch other = Visit(kPhone1, Sign(Code{kBob, std::nullopt, std::nullopt}, kOther));
  EXPECT_TRUE(other.forged);
  EXPECT_FALSE(other.Attributed());
  std::string altered = good;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(Visit(kPhone1, altered).forged);
  // The first touch stays Ann's.
  auto first = W([&](storage::Tx& tx) { return svc_.FirstTouch(tx, kShop, kPhone1); });
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->sharer_id, kAnn);
  // A sharer opening their own link refers nobody.
  EXPECT_FALSE(Visit(kPhone2, good, kAnn).sharer_id);
  // Nobody's code is signed without naming someone.
  auto empty = W([&](storage::Tx& tx) { return svc_.Sign(tx, kShop, Code{}); });
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, errors::kInvalidField);
  auto bad = W([&](storage::Tx& tx) { return svc_.RecordTouch(tx, kShop, "x", {}, good, "/"); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errors::kInvalidVisitor);
}

TEST_F(AttributionTest, LastTouchIsTheLatestInsideTheWindow) {
  Visit(kPhone1, Sign(Code{kAnn, std::nullopt, std::nullopt}));
  clock_.Advance(kDay);
  Visit(kPhone1, Sign(Code{std::nullopt, std::nullopt, kCard}));
  clock_.Advance(kDay);
  Visit(kPhone1, "");  // a plain visit credits nobody
  auto last = Last(kPhone1, std::nullopt);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->channel_id, kCard);
  // Seven days after the card: still inside; a moment later: outside.
  clock_.Advance(6 * kDay - 1);
  EXPECT_TRUE(Last(kPhone1, std::nullopt));
  clock_.Advance(1);
  EXPECT_FALSE(Last(kPhone1, std::nullopt)) << "the window is 7 days";
  // A longer window reaches it again.
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.SetWindowDays(tx, kShop, 30); }));
  EXPECT_TRUE(Last(kPhone1, std::nullopt));
  auto wrong = W([&](storage::Tx& tx) { return svc_.SetWindowDays(tx, kShop, 91); });
  ASSERT_FALSE(wrong);
  // A signed-in customer's touches on another device count; their own link does not.
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.LinkVisitor(tx, kShop, kPhone1, kBob); }));
  auto bobs = Last(kPhone2, kBob);
  ASSERT_TRUE(bobs);
  EXPECT_EQ(bobs->channel_id, kCard);
  Visit(kPhone2, Sign(Code{kBob, std::nullopt, std::nullopt}), kBob);
  EXPECT_EQ(Last(kPhone2, kBob)->channel_id, kCard);
}

TEST_F(AttributionTest, FirstTouchIsKeptForLifeAndMovesWithAMerge) {
  Touch t = Visit(kPhone1, Sign(Code{kAnn, kSpring, std::nullopt}));
  auto kept = W([&](storage::Tx& tx) { return svc_.RecordAcquisition(tx, kShop, kBob, t); });
  ASSERT_TRUE(kept);
  Touch later = Visit(kPhone1, Sign(Code{std::nullopt, std::nullopt, kCard}));
  auto again = W([&](storage::Tx& tx) { return svc_.RecordAcquisition(tx, kShop, kBob, later); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->touch_id, t.id) << "the first one stays";
  EXPECT_EQ(again->campaign_id, kSpring);
  constexpr CustomerId kKept{3009};
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.MoveCustomer(tx, kShop, kBob, kKept); }));
  auto moved = W([&](storage::Tx& tx) { return svc_.AcquisitionOf(tx, kShop, kKept); });
  ASSERT_TRUE(moved && *moved);
  EXPECT_EQ((*moved)->sharer_id, kAnn);
  auto gone = W([&](storage::Tx& tx) { return svc_.AcquisitionOf(tx, kShop, kBob); });
  EXPECT_FALSE(*gone);
}

TEST_F(AttributionTest, CreditedOrdersFollowPaymentAndRefunds) {
  Touch t = Visit(kPhone1, Sign(Code{kAnn, std::nullopt, std::nullopt}));
  OrderCredit c;
  c.order_id = OrderId(9001);
  c.visitor = kPhone1;
  c.touch_id = t.id;
  c.sharer_id = kAnn;
  c.total = 5990;
  c.placed_at = clock_.Now();
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.CreditOrder(tx, kShop, c); }));
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.MarkPaid(tx, kShop, c.order_id, 7); }));
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.MarkRefunded(tx, kShop, c.order_id, 990); }));
  ASSERT_TRUE(W([&](storage::Tx& tx) { return svc_.MarkRefunded(tx, kShop, c.order_id, 500); }));
  auto got = W([&](storage::Tx& tx) { return svc_.CreditOf(tx, kShop, c.order_id); });
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->paid_at, 7);
  EXPECT_EQ((*got)->refunded, 990) << "refunds only grow";
  EXPECT_FALSE(*W([&](storage::Tx& tx) { return svc_.CreditOf(tx, kOther, c.order_id); }));
}

TEST_F(AttributionTest, ChannelCodesKeepTheirCodeWhenTheTargetChanges) {
  ChannelInput in;
  in.name = "包裹卡";
  in.kind = ChannelKind::kInsertCard;
  in.target_path = "/products/prd_x";
  auto made = W([&](storage::Tx& tx) { return svc_.CreateChannel(tx, kShop, in); });
  ASSERT_TRUE(made) << made.error().message;
  ChannelInput move;
  move.target_path = "/";
  auto moved = W([&](storage::Tx& tx) { return svc_.UpdateChannel(tx, kShop, made->id, move); });
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->target_path, "/");
  auto scan = W([&](storage::Tx& tx) { return svc_.RecordScan(tx, kShop, made->id); });
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->scans, 1);
  EXPECT_EQ(scan->target_path, "/");
  auto other = W([&](storage::Tx& tx) { return svc_.RecordScan(tx, kOther, made->id); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, errors::kChannelNotFound);
  ChannelInput nameless;
  auto bad = W([&](storage::Tx& tx) { return svc_.CreateChannel(tx, kShop, nameless); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errors::kInvalidField);
  CampaignInput spring;
  spring.name = "春季拼团";
  spring.spend = 20000;
  auto campaign = W([&](storage::Tx& tx) { return svc_.CreateCampaign(tx, kShop, spring); });
  ASSERT_TRUE(campaign);
  auto listed = W([&](storage::Tx& tx) { return svc_.ListCampaigns(tx, kShop); });
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].spend, 20000);
  EXPECT_TRUE(W([&](storage::Tx& tx) { return svc_.ListCampaigns(tx, kOther); })->empty());
}

}  // namespace
}  // namespace weishang::attribution
