// The outreach module on a real database (both engines): a delivery and a
// ledger line once per key, opt-outs, the policy's bounds, cancelling and
// claiming, spam reports once per kind, and the message centre.
#include "modules/outreach/outreach.h"

#include <gtest/gtest.h>

#include "modules/outreach/outreach_errors.h"
#include "testing/temp_db.h"

namespace weishang::outreach {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{61}, kOther{62};
constexpr StaffId kAmy{1001}, kBen{1002};
constexpr CustomerId kLi{3001}, kWang{3002};
constexpr SegmentId kSegment{4001};

class OutreachTest : public ::testing::Test {
 protected:
  OutreachTest() : clock_(1'800'000'000'000), ids_(1), svc_(clock_, ids_) {}

  template <class Fn>
  auto Write(Fn&& fn) {
    return db_.Write([&](storage::Tx& tx) { return fn(tx); });
  }

  Campaign Make(StaffId by = kAmy, Kind kind = Kind::kPromotional) {
    CampaignInput in;
    in.title = "春茶上新";
    in.body = "明前龙井到店，老客九折";
    in.segment = kSegment;
    in.kind = kind;
    in.sms = true;
    in.scheduled_at = in.send_at = clock_.Now();
    in.created_by = by;
    auto c = Write([&](storage::Tx& tx) { return svc_.CreateCampaign(tx, kShop, in); });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  FakeClock clock_;
  IdGenerator ids_;
  OutreachService svc_;
  TempDb db_;
};

TEST_F(OutreachTest, ACampaignReachesACustomerOnce) {
  Campaign c = Make();
  auto first = Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, c.id, kLi, std::nullopt, SmsOutcome::kSent);
  });
  ASSERT_TRUE(first);
  EXPECT_TRUE(*first);
  auto again = Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, c.id, kLi, SkipReason::kBudgetGap, SmsOutcome::kNone);
  });
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // the first outcome stands
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, c.id, kWang, SkipReason::kOptedOut, SmsOutcome::kNone);
  }));
  auto stats = Write([&](storage::Tx& tx) { return svc_.Stats(tx, kShop, c.id); });
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->reached, 1);
  EXPECT_EQ(stats->sms_sent, 1);
  EXPECT_EQ(stats->skipped[SkipReason::kOptedOut], 1);
  EXPECT_EQ(stats->skipped.count(SkipReason::kBudgetGap), 0u);
  auto other = Write([&](storage::Tx& tx) { return svc_.Stats(tx, kOther, c.id); });
  EXPECT_EQ(other->reached, 0);
}

TEST_F(OutreachTest, TheLedgerKeepsOneLinePerSourceOfEveryKind) {
  Contact promo{kLi, Kind::kPromotional, "campaign:a", "message,sms", clock_.Now() - kDay};
  Contact service{kLi, Kind::kService, "campaign:b", "message", clock_.Now()};
  EXPECT_TRUE(*Write([&](storage::Tx& tx) { return svc_.RecordContact(tx, kShop, promo); }));
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.RecordContact(tx, kShop, promo); }));
  EXPECT_TRUE(*Write([&](storage::Tx& tx) { return svc_.RecordContact(tx, kShop, service); }));
  auto promos = Write([&](storage::Tx& tx) {
    return svc_.ContactsSince(tx, kShop, kLi, Kind::kPromotional, clock_.Now() - 7 * kDay);
  });
  ASSERT_EQ(promos->size(), 1u);
  EXPECT_EQ((*promos)[0].at, promo.at);
  auto later = Write([&](storage::Tx& tx) {
    return svc_.ContactsSince(tx, kShop, kLi, Kind::kPromotional, clock_.Now() - kHour);
  });
  EXPECT_TRUE(later->empty());
  auto elsewhere = Write(
      [&](storage::Tx& tx) { return svc_.ContactsSince(tx, kOther, kLi, Kind::kService, 0); });
  EXPECT_TRUE(elsewhere->empty());
}

TEST_F(OutreachTest, OptingOutAndBackIn) {
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.OptedOut(tx, kShop, kLi); }));
  ASSERT_TRUE(Write([&](storage::Tx& tx) { return svc_.SetOptOut(tx, kShop, kLi, true); }));
  EXPECT_TRUE(*Write([&](storage::Tx& tx) { return svc_.OptedOut(tx, kShop, kLi); }));
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.OptedOut(tx, kOther, kLi); }));
  ASSERT_TRUE(Write([&](storage::Tx& tx) { return svc_.SetOptOut(tx, kShop, kLi, false); }));
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.OptedOut(tx, kShop, kLi); }));
}

TEST_F(OutreachTest, ThePolicyHasDefaultsAndBounds) {
  auto p = Write([&](storage::Tx& tx) { return svc_.GetPolicy(tx, kShop); });
  EXPECT_EQ(p->gap_days, 3);
  EXPECT_EQ(p->monthly_cap, 0);
  EXPECT_EQ(p->quiet_start, 21 * 60);
  Policy bad{31, 0, 0, 0};
  auto refused = Write([&](storage::Tx& tx) { return svc_.SetPolicy(tx, kShop, bad); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errors::kInvalidField);
  Policy mine{2, 10, 22 * 60, 8 * 60};
  ASSERT_TRUE(Write([&](storage::Tx& tx) { return svc_.SetPolicy(tx, kShop, mine); }));
  auto back = Write([&](storage::Tx& tx) { return svc_.GetPolicy(tx, kShop); });
  EXPECT_EQ(back->gap_days, 2);
  EXPECT_EQ(back->monthly_cap, 10);
  EXPECT_EQ(back->quiet_end, 8 * 60);
  EXPECT_EQ(Write([&](storage::Tx& tx) { return svc_.GetPolicy(tx, kOther); })->gap_days, 3);
}

TEST_F(OutreachTest, ACampaignIsCancelledOrClaimedOnce) {
  Campaign c = Make();
  auto due = Write([&](storage::Tx& tx) { return svc_.Due(tx, clock_.Now(), 10); });
  ASSERT_EQ(due->size(), 1u);
  EXPECT_TRUE(*Write([&](storage::Tx& tx) { return svc_.Claim(tx, kShop, c.id); }));
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.Claim(tx, kShop, c.id); }));
  auto late = Write([&](storage::Tx& tx) { return svc_.Cancel(tx, kShop, c.id, std::nullopt); });
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, errors::kNotScheduled);
  EXPECT_TRUE(*Write([&](storage::Tx& tx) { return svc_.Finish(tx, kShop, c.id, 2); }));
  auto sent = Write([&](storage::Tx& tx) { return svc_.GetCampaign(tx, kShop, c.id, {}); });
  EXPECT_EQ(sent->status, Status::kSent);
  EXPECT_EQ(sent->audience, 2);

  Campaign d = Make();
  auto bens = Write([&](storage::Tx& tx) { return svc_.Cancel(tx, kShop, d.id, kBen); });
  ASSERT_FALSE(bens);  // another member's campaign
  EXPECT_EQ(bens.error().code, errors::kCampaignNotFound);
  auto cancelled = Write([&](storage::Tx& tx) { return svc_.Cancel(tx, kShop, d.id, kAmy); });
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, Status::kCancelled);
  EXPECT_FALSE(*Write([&](storage::Tx& tx) { return svc_.Claim(tx, kShop, d.id); }));
  EXPECT_TRUE(Write([&](storage::Tx& tx) { return svc_.Due(tx, clock_.Now(), 10); })->empty());
  auto foreign = Write([&](storage::Tx& tx) { return svc_.GetCampaign(tx, kOther, d.id, {}); });
  EXPECT_FALSE(foreign);
}

TEST_F(OutreachTest, ASpamReportIsOncePerKind) {
  Campaign c = Make();
  auto first = Write([&](storage::Tx& tx) {
    return svc_.ReportSpam(tx, kShop, c.id, kLi, SpamKind::kBlocked, kAmy);
  });
  auto again = Write([&](storage::Tx& tx) {
    return svc_.ReportSpam(tx, kShop, c.id, kLi, SpamKind::kBlocked, kBen);
  });
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->id, again->id);
  EXPECT_EQ(again->staff, kAmy);
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return svc_.ReportSpam(tx, kShop, c.id, kLi, SpamKind::kDeleted, kAmy);
  }));
  auto stats = Write([&](storage::Tx& tx) { return svc_.Stats(tx, kShop, c.id); });
  EXPECT_EQ(stats->blocked, 1);
  EXPECT_EQ(stats->deleted, 1);
}

TEST_F(OutreachTest, TheMessageCentreShowsSentMessagesAndCountsUnread) {
  Campaign c = Make();
  Campaign d = Make(kAmy, Kind::kService);
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, c.id, kLi, std::nullopt, SmsOutcome::kNone);
  }));
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, d.id, kLi, std::nullopt, SmsOutcome::kNone);
  }));
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return svc_.Deliver(tx, kShop, c.id, kWang, SkipReason::kOptedOut, SmsOutcome::kNone);
  }));
  auto mine = Write([&](storage::Tx& tx) { return svc_.Messages(tx, kShop, kLi, {}, 20); });
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].kind, Kind::kService);  // newest first
  EXPECT_EQ((*mine)[1].title, "春茶上新");
  EXPECT_TRUE(Write([&](storage::Tx& tx) {
                return svc_.Messages(tx, kShop, kWang, {}, 20);
              })->empty());  // skipped is no message
  EXPECT_EQ(*Write([&](storage::Tx& tx) { return svc_.Unread(tx, kShop, kLi); }), 2);
  DeliveryId id = (*mine)[1].id;
  auto wangs = Write([&](storage::Tx& tx) { return svc_.MarkRead(tx, kShop, kWang, id); });
  ASSERT_FALSE(wangs);
  EXPECT_EQ(wangs.error().code, errors::kMessageNotFound);
  auto read = Write([&](storage::Tx& tx) { return svc_.MarkRead(tx, kShop, kLi, id); });
  ASSERT_TRUE(read);
  ASSERT_TRUE(read->read_at);
  EXPECT_EQ(*Write([&](storage::Tx& tx) { return svc_.Unread(tx, kShop, kLi); }), 1);
  auto page =
      Write([&](storage::Tx& tx) { return svc_.Messages(tx, kShop, kLi, (*mine)[0].id, 20); });
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, id);
}

}  // namespace
}  // namespace weishang::outreach
