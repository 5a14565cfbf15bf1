// Attribution across modules: a friend's share link opened on a device, a
// guest checkout from that device (credited to the link; the customers
// handler makes the buyer a customer the friend referred), the payment and
// refund followed by the attribution handler, a sign-in from a channel
// code's scan, and forged codes crediting nothing.
#include "workflows/attribution/attribution_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/shop_fixture.h"
#include "workflows/customers/customer_flows.h"

namespace weishang::workflows {
namespace {

constexpr const char* kDevice = "device-of-zhou-min";

class AttributionFlowsTest : public testing::ShopFixture {
 protected:
  void SetUp() override {
    ShopFixture::SetUp();
    ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<void> {
      if (auto ok = events::CreateCursor(tx, "customers", 0, 0); !ok) return ok;
      return events::CreateCursor(tx, "attribution", 0, 0);
    }));
  }
  void Dispatch() {
    events::Dispatcher d(db(), clock_, {CustomerHandler(m_.customers, m_), AttributionHandler(m_)});
    for (int i = 0; i < 3; ++i) {
      auto passed = d.RunOnce();
      ASSERT_TRUE(passed) << passed.error().code << ": " << passed.error().message;
    }
  }
  template <class Fn>
  auto W(Fn fn) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) { return fn(tx); });
  }
  customers::Customer Arrived(const std::string& phone) {
    customers::Arrival a;
    a.identities.push_back({customers::IdentityKind::kPhone, phone});
    auto c = W([&](storage::Tx& tx) { return m_.customers.Arrive(tx, merchant_, a, "test"); });
    EXPECT_TRUE(c);
    return c->customer;
  }
  customers::Customer ByPhone(const std::string& phone) {
    auto c = W([&](storage::Tx& tx) {
      return m_.customers.FindByIdentity(tx, merchant_, {customers::IdentityKind::kPhone, phone});
    });
    EXPECT_TRUE(c && *c);
    return **c;
  }
  // A guest checkout from `device`, credited as the store route does.
  order::Order Checkout(SkuId sku, const std::string& phone, const std::string& device) {
    auto placed = Place(Request({{sku, 1}}, "", phone));
    EXPECT_TRUE(placed) << placed.error().message;
    EXPECT_TRUE(W(
        [&](storage::Tx& tx) { return CreditPlacedOrder(tx, m_, *placed, device, std::nullopt); }));
    return *placed;
  }
  std::optional<attribution::OrderCredit> CreditOf(OrderId o) {
    auto c = W([&](storage::Tx& tx) { return m_.attribution.CreditOf(tx, merchant_, o); });
    EXPECT_TRUE(c);
    return c ? *c : std::nullopt;
  }
};

TEST_F(AttributionFlowsTest, AFriendsLinkBringsACustomerAndHerOrder) {
  customers::Customer li = Arrived("13900000001");
  auto code = W([&](storage::Tx& tx) { return ShareCode(tx, m_, merchant_, li.id, std::nullopt); });
  ASSERT_TRUE(code);
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return RecordVisit(tx, m_, merchant_, kDevice, *code, "/products/prd_x", std::nullopt);
  }));
  clock_.Advance(2 * kDay);
  SkuId sku = MakeSku("纸尿裤", 9900, 10);
  order::Order o = Checkout(sku, "13900000002", kDevice);
  Dispatch();
  customers::Customer zhou = ByPhone("13900000002");
  EXPECT_EQ(zhou.referrer_id, li.id) << "first touch: the friend who shared";
  EXPECT_EQ(zhou.channel, "referral");
  auto credit = CreditOf(o.id);
  ASSERT_TRUE(credit);
  EXPECT_EQ(credit->sharer_id, li.id);
  EXPECT_EQ(credit->customer_id, zhou.id);
  EXPECT_FALSE(credit->paid_at);
  PaySandbox(o);
  Dispatch();
  EXPECT_TRUE(CreditOf(o.id)->paid_at) << "the handler follows the payment";
  auto acquired =
      W([&](storage::Tx& tx) { return m_.attribution.AcquisitionOf(tx, merchant_, zhou.id); });
  ASSERT_TRUE(acquired && *acquired);
  EXPECT_EQ((*acquired)->sharer_id, li.id);

  // Eight days after her last touch, another order is nobody's.
  clock_.Advance(8 * kDay);
  order::Order later = Checkout(sku, "13900000002", kDevice);
  EXPECT_FALSE(CreditOf(later.id)) << "outside the 7-day window";
}

TEST_F(AttributionFlowsTest, AForgedLinkOpensTheShopAndCreditsNobody) {
  customers::Customer li = Arrived("13900000001");
  auto code = W([&](storage::Tx& tx) { return ShareCode(tx, m_, merchant_, li.id, std::nullopt); });
  ASSERT_TRUE(code);
  std::string forged = *code;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  auto t = W([&](storage::Tx& tx) {
    return RecordVisit(tx, m_, merchant_, kDevice, forged, "/", std::nullopt);
  });
  ASSERT_TRUE(t) << "the visit is recorded";
  EXPECT_TRUE(t->forged);
  order::Order o = Checkout(MakeSku("湿巾", 1990, 10), "13900000003", kDevice);
  Dispatch();
  EXPECT_FALSE(CreditOf(o.id));
  customers::Customer c = ByPhone("13900000003");
  EXPECT_FALSE(c.referrer_id);
  EXPECT_EQ(c.channel, "checkout");
  auto bad_path = W([&](storage::Tx& tx) {
    return RecordVisit(tx, m_, merchant_, kDevice, "", "https://evil.example/", std::nullopt);
  });
  EXPECT_FALSE(bad_path);
}

TEST_F(AttributionFlowsTest, ASignInAfterAScanCarriesTheChannel) {
  attribution::ChannelInput in;
  in.name = "包裹卡";
  in.kind = attribution::ChannelKind::kInsertCard;
  auto card = W([&](storage::Tx& tx) { return m_.attribution.CreateChannel(tx, merchant_, in); });
  ASSERT_TRUE(card);
  auto code = W([&](storage::Tx& tx) {
    return m_.attribution.Sign(tx, merchant_, {std::nullopt, std::nullopt, card->id});
  });
  ASSERT_TRUE(code);
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return RecordVisit(tx, m_, merchant_, kDevice, *code, "/", std::nullopt);
  }));
  // What sign-in does around customers::Arrive (workflows/accounts).
  auto signed_in = W([&](storage::Tx& tx) -> Result<customers::Customer> {
    customers::Arrival a;
    a.identities.push_back({customers::IdentityKind::kPhone, "13900000004"});
    a.channel = "sign_in";
    auto source = FillArrivalSource(tx, m_, merchant_, kDevice, a);
    if (!source) return Fail(source.error());
    auto matched = m_.customers.Arrive(tx, merchant_, a, "sign_in");
    if (!matched) return Fail(matched.error());
    if (auto ok = RecordArrivalSource(tx, m_, merchant_, kDevice, *matched, *source); !ok)
      return Fail(ok.error());
    return matched->customer;
  });
  ASSERT_TRUE(signed_in) << signed_in.error().message;
  EXPECT_EQ(signed_in->channel, "qr:" + EncodeId(card->id));
  EXPECT_FALSE(signed_in->referrer_id);
  // Her later orders on any device are credited to the card inside the window.
  order::Order o = *Place(Request({{MakeSku("奶瓶", 5900, 5), 1}}, "", "13900000004"));
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return CreditPlacedOrder(tx, m_, o, "another-device-1", signed_in->id);
  }));
  auto credit = CreditOf(o.id);
  ASSERT_TRUE(credit);
  EXPECT_EQ(credit->channel_id, card->id);
}

}  // namespace
}  // namespace weishang::workflows
