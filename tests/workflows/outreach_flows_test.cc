// Outreach across modules on a real database (both engines), with real
// customers, the segment bitmaps, the SMS sandbox and a fake WeCom: a
// campaign reaches each customer once however often it is sent (two
// senders, a resumed one), the budget across campaigns (3 days, the month's
// cap), quiet hours deferring a campaign, a service message past an
// opt-out, and the demo's outreach on a seeded demo shop.
#include "workflows/outreach/outreach_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "modules/tags/expression.h"
#include "testing/shop_fixture.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/customers/customer_flows.h"

namespace weishang::workflows {
namespace {

using outreach::Kind;
using outreach::SkipReason;

constexpr Timestamp kTenOClock = 1'795'140'000'000;  // 2026-11-20 10:00 in the shop

// Records what it was asked to send.
class FakeWeCom : public outreach::WeComProvider {
 public:
  std::string_view name() const override { return "fake"; }
  Result<void> Send(storage::Tx&, MerchantId, const outreach::WeComMessage& m) override {
    sent.push_back(m.customer);
    return {};
  }
  std::vector<CustomerId> sent;
};

class OutreachFlowsTest : public testing::ShopFixture {
 protected:
  OutreachFlowsTest()
      : tags_(clock_, ids_),
        facts_(m_),
        index_(temp_.db(), facts_, tags_),
        tag_wiring_{tags_, index_, facts_, clock_},
        outreach_(clock_, ids_),
        sms_(clock_, ids_),
        w_{outreach_, tag_wiring_, &sms_, &wecom_} {}

  void SetUp() override {
    ShopFixture::SetUp();
    clock_.Set(kTenOClock);
    owner_ = identity::Principal{merchant_, staff_, identity::Role::kOwner, "Owner"};
    li_ = Arrive({{customers::IdentityKind::kPhone, "13800138001"}});
    wang_ = Arrive({{customers::IdentityKind::kPhone, "13800138002"}});
    zhao_ = Arrive({{customers::IdentityKind::kWechatOpenid, "o-zhao"}});  // no phone
    auto e = tags::ParseExpressionText(R"({"attr":"spent_total","op":"gte","value":0})");
    auto s = CreateSegment(db(), tag_wiring_, merchant_, tags::SegmentInput{"全部", *e});
    ASSERT_TRUE(s) << s.error().message;
    segment_ = s->id;
  }

  CustomerId Arrive(std::vector<customers::Identity> ids) {
    auto c = storage::WriteValue(db(), [&](storage::Tx& tx) {
      customers::Arrival a;
      a.identities = std::move(ids);
      a.channel = "import";
      return m_.customers.Arrive(tx, merchant_, a, "test");
    });
    EXPECT_TRUE(c) << c.error().message;
    return c->customer.id;
  }

  Draft MakeDraft(Kind kind = Kind::kPromotional, bool sms = true, bool wecom = false) {
    return Draft{"春茶上新", "明前龙井到店", std::nullopt, segment_, kind,
                 sms,        wecom,          std::nullopt};
  }

  CampaignId Create(const Draft& d) {
    auto c = storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CreateCampaign(tx, w_, m_, owner_, d); });
    EXPECT_TRUE(c) << c.error().message;
    return c->id;
  }

  outreach::CampaignStats Stats(CampaignId id) {
    auto s = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return outreach_.Stats(tx, merchant_, id); });
    EXPECT_TRUE(s);
    return *s;
  }

  std::size_t Texts() {
    auto l = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return sms_.List(tx, merchant_, "", std::nullopt, 100); });
    return l->size();
  }

  CampaignId SendNow(const Draft& d) {
    CampaignId id = Create(d);
    auto sent = SendCampaign(db(), w_, m_, merchant_, id, clock_.Now());
    EXPECT_TRUE(sent && *sent);
    return id;
  }

  void SetPolicy(outreach::Policy p) {
    ASSERT_TRUE(storage::WriteValue(
        db(), [&](storage::Tx& tx) { return outreach_.SetPolicy(tx, merchant_, p); }));
  }

  tags::TagService tags_;
  CustomerFactsSource facts_;
  tags::SegmentIndex index_;
  TagWiring tag_wiring_;
  outreach::OutreachService outreach_;
  sms::SandboxSmsProvider sms_;
  FakeWeCom wecom_;
  OutreachWiring w_;
  identity::Principal owner_;
  CustomerId li_, wang_, zhao_;
  SegmentId segment_;
};

TEST_F(OutreachFlowsTest, ACampaignReachesEachCustomerOnceWhoeverSendsIt) {
  CampaignId id = Create(MakeDraft(Kind::kPromotional, true, true));
  auto first = SendCampaign(db(), w_, m_, merchant_, id, clock_.Now());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(*first);
  // A second sender (another node, a retry) finds it sent.
  auto second = SendCampaign(db(), w_, m_, merchant_, id, clock_.Now());
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);
  // A sender that died mid-way left it "sending": the next one finishes it
  // without a second delivery, text or WeCom message to anyone.
  ASSERT_TRUE(db().Write([&](storage::Tx& tx) -> Result<void> {
    auto ok = tx.Exec("UPDATE outreach_campaign SET status = 'sending' WHERE id = ?", {id});
    if (!ok) return Fail(ok.error());
    return {};
  }));
  auto resumed = SendCampaign(db(), w_, m_, merchant_, id, clock_.Now());
  ASSERT_TRUE(resumed && *resumed);
  auto s = Stats(id);
  EXPECT_EQ(s.reached, 3);
  EXPECT_EQ(s.sms_sent, 2);
  EXPECT_EQ(s.sms_no_phone, 1);  // the WeChat-only customer: store message only
  EXPECT_EQ(Texts(), 2u);
  EXPECT_EQ(wecom_.sent.size(), 3u);
  auto ledger = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return outreach_.ContactsSince(tx, merchant_, li_, Kind::kPromotional, 0);
  });
  ASSERT_EQ(ledger->size(), 1u);
  EXPECT_EQ(ledger->at(0).channels, "message,sms,wecom");
}

TEST_F(OutreachFlowsTest, TheBudgetHoldsAcrossCampaignsForThreeDays) {
  SendNow(MakeDraft());
  clock_.Advance(2 * kDay);  // two days later: still too soon
  CampaignId soon = SendNow(MakeDraft());
  EXPECT_EQ(Stats(soon).skipped[SkipReason::kBudgetGap], 3);
  EXPECT_EQ(Stats(soon).reached, 0);
  clock_.Advance(kDay);  // the third day: allowed again
  CampaignId later = SendNow(MakeDraft());
  EXPECT_EQ(Stats(later).reached, 3);
}

TEST_F(OutreachFlowsTest, TheMonthsCapCountsEveryPromotionOfTheMonth) {
  SetPolicy(outreach::Policy{0, 2, 0, 0});  // no gap, two a month, no quiet hours
  SendNow(MakeDraft());
  SendNow(MakeDraft(Kind::kService));  // service messages do not count
  SendNow(MakeDraft());
  CampaignId third = SendNow(MakeDraft());
  EXPECT_EQ(Stats(third).skipped[SkipReason::kBudgetMonth], 3);
  clock_.Set(kTenOClock + 11 * kDay);  // 2026-12-01: a new month
  EXPECT_EQ(Stats(SendNow(MakeDraft())).reached, 3);
}

TEST_F(OutreachFlowsTest, OptedOutCustomersGetServiceMessagesButNoPromotions) {
  ASSERT_TRUE(storage::WriteValue(
      db(), [&](storage::Tx& tx) { return outreach_.SetOptOut(tx, merchant_, wang_, true); }));
  auto preview = PreviewCampaign(db(), w_, m_, owner_, MakeDraft());
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_EQ(preview->audience, 3);
  EXPECT_EQ(preview->reach, 2);
  EXPECT_EQ(preview->skipped[SkipReason::kOptedOut], 1);
  ASSERT_EQ(preview->sample.size(), 1u);
  EXPECT_EQ(preview->sample[0].id, wang_);
  EXPECT_EQ(preview->sms_no_phone, 1);
  CampaignId promo = SendNow(MakeDraft());
  EXPECT_EQ(Stats(promo).skipped[SkipReason::kOptedOut], 1);
  CampaignId notice = SendNow(MakeDraft(Kind::kService));
  EXPECT_EQ(Stats(notice).reached, 3);
}

TEST_F(OutreachFlowsTest, QuietHoursDeferACampaignToTheirEnd) {
  clock_.Set(kTenOClock + 12 * kHour);  // 22:00 in the shop
  auto preview = PreviewCampaign(db(), w_, m_, owner_, MakeDraft());
  ASSERT_TRUE(preview);
  EXPECT_TRUE(preview->deferred);
  EXPECT_EQ(preview->send_at, kTenOClock + 23 * kHour);  // 09:00 the next morning
  CampaignId id = Create(MakeDraft());
  clock_.Advance(kHour);  // 23:00: not yet
  auto waiting = SendDueCampaigns(db(), w_, m_, clock_.Now());
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->handled, 0);
  EXPECT_EQ(Texts(), 0u);
  clock_.Set(kTenOClock + 23 * kHour);
  auto sent = SendDueCampaigns(db(), w_, m_, clock_.Now());
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->handled, 1);
  EXPECT_EQ(Stats(id).reached, 3);
}

TEST_F(OutreachFlowsTest, AChannelWithoutAProviderIsRefused) {
  OutreachWiring bare{outreach_, tag_wiring_, nullptr, nullptr};
  auto no_sms = PreviewCampaign(db(), bare, m_, owner_, MakeDraft(Kind::kPromotional, true));
  ASSERT_FALSE(no_sms);
  EXPECT_EQ(no_sms.error().code, "outreach.channel_unavailable");
  auto no_wecom = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return CreateCampaign(tx, bare, m_, owner_, MakeDraft(Kind::kPromotional, false, true));
  });
  ASSERT_FALSE(no_wecom);
  EXPECT_EQ(no_wecom.error().code, "outreach.channel_unavailable");
}

}  // namespace
}  // namespace weishang::workflows
