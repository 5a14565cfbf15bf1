// The voucher module on a real database (both engines): campaign rules,
// issuing once per customer, the phone rule (two records with one phone),
// racing friends claiming one voucher, and the address keys.
#include "modules/vouchers/vouchers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "modules/vouchers/vouchers_errors.h"
#include "testing/temp_db.h"
#include "workflows/vouchers/voucher_flows.h"

namespace weishang::vouchers {
namespace {

constexpr MerchantId kShop{77};
constexpr Timestamp kStart = 1'800'000'000'000;

class VouchersTest : public ::testing::Test {
 protected:
  VouchersTest() : clock_(kStart), ids_(1), service_(clock_, ids_) {}

  CampaignInput Input() {
    CampaignInput in;
    in.title = "体验券";
    in.product_id = ProductId(5);
    in.sku_id = SkuId(6);
    in.benefit = Benefit::kAmountOff;
    in.list_price = 5000;
    in.value = 2000;
    in.starts_at = kStart - kMinute;
    in.ends_at = kStart + 30 * kDay;
    return in;
  }
  Campaign Make(const CampaignInput& in) {
    auto c = db_.Write([&](storage::Tx& tx) { return service_.CreateCampaign(tx, kShop, in); });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  testing::TempDb db_;  // declared first: destroyed last
  FakeClock clock_;
  IdGenerator ids_;
  VoucherService service_;
};

TEST_F(VouchersTest, ACampaignsRulesAndPrices) {
  Campaign off = Make(Input());
  EXPECT_EQ(off.price, 3000) << "list price less the amount off";
  EXPECT_EQ(off.UnitCost(), 2000);
  CampaignInput free = Input();
  free.benefit = Benefit::kFreeItem;
  EXPECT_EQ(Make(free).price, 0);
  for (auto bad : std::vector<std::function<void(CampaignInput&)>>{
           [](CampaignInput& in) { in.value = 5000; },    // nothing left to pay
           [](CampaignInput& in) { in.per_buyer = 11; },  // too many to pass on
           [](CampaignInput& in) { in.voucher_days = 0; },
           [](CampaignInput& in) { in.budget = 1999; },  // less than one redemption
           [](CampaignInput& in) { in.ends_at = in.starts_at; },
           [](CampaignInput& in) { in.title = ""; }}) {
    CampaignInput in = Input();
    bad(in);
    auto c = db_.Write([&](storage::Tx& tx) { return service_.CreateCampaign(tx, kShop, in); });
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, errors::kInvalidField);
  }
}

TEST_F(VouchersTest, VouchersAreIssuedOncePerCustomerAndOnePhoneRedeemsOnce) {
  Campaign c = Make(Input());
  auto first = db_.Write([&](storage::Tx& tx) {
    return service_.Issue(tx, c, CustomerId(1), 0, std::nullopt, OrderId(10));
  });
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_NE(first->at(0).token, first->at(1).token);
  EXPECT_EQ(first->at(0).token.size(), 16u);
  auto again = db_.Write([&](storage::Tx& tx) {
    return service_.Issue(tx, c, CustomerId(1), 0, std::nullopt, OrderId(11));
  });
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  // Two customer records with one phone (an unmerged duplicate): one claim.
  auto claim = [&](const Voucher& v, CustomerId who, const char* device) {
    return db_.Write([&](storage::Tx& tx) {
      return service_.Claim(tx, c, v.token, Claimant{who, "13800000000", device});
    });
  };
  ASSERT_TRUE(claim(first->at(0), CustomerId(2), "d-2"));
  auto same_phone = claim(first->at(1), CustomerId(3), "d-3");
  ASSERT_FALSE(same_phone);
  EXPECT_EQ(same_phone.error().code, errors::kAlreadyRedeemed);
  EXPECT_NE(same_phone.error().message.find("phone"), std::string::npos);
}

TEST_F(VouchersTest, RacingFriendsClaimOneVoucherOnce) {
  Campaign c = Make(Input());
  auto issued = db_.Write([&](storage::Tx& tx) {
    return service_.Issue(tx, c, CustomerId(1), 0, std::nullopt, OrderId(10));
  });
  ASSERT_TRUE(issued);
  std::string token = issued->at(0).token;
  std::atomic<int> won{0}, taken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = db_.Write([&](storage::Tx& tx) {
        return service_.Claim(tx, c, token,
                              Claimant{CustomerId(100 + i), "1380000000" + std::to_string(i),
                                       "device-" + std::to_string(i)});
      });
      if (r) {
        ++won;
      } else if (r.error().code == errors::kTaken) {
        ++taken;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(taken.load(), 7);
}

TEST(VoucherKeysTest, AddressesAndBuildings) {
  EXPECT_EQ(AddressKey("浙江", "杭州市", "西湖区", "文三路 90 号 1 栋，101 室"),
            AddressKey("浙江", "杭州市", "西湖区", "文三路90号1栋101室"));
  EXPECT_EQ(AddressKey("", "", "", "Room 5B, Tower A"), "room5btowera");
  EXPECT_EQ(workflows::BuildingKey("幸福小区3栋501室"), "幸福小区3栋");
  EXPECT_EQ(workflows::BuildingKey("幸福小区3栋502"), "幸福小区3栋");
  EXPECT_EQ(workflows::BuildingKey("无门牌"), "无门牌");
}

}  // namespace
}  // namespace weishang::vouchers
