// The customers handler: every order's buyer becomes (or is found as) a
// customer, and paying and refunding move the customer's facts.
#include "workflows/customers/customer_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/shop_fixture.h"
#include "workflows/crm/crm_flows.h"

namespace weishang::workflows {
namespace {

class CustomerFlowsTest : public testing::ShopFixture {
 protected:
  void SetUp() override {
    ShopFixture::SetUp();
    // The handler's cursor from before the first order (a running server
    // creates it when it starts).
    ASSERT_TRUE(storage::WriteValue(
        db(), [&](storage::Tx& tx) { return events::CreateCursor(tx, "customers", 0, 0); }));
  }
  // Delivers every event recorded so far to the customers handler.
  void Dispatch() {
    events::Dispatcher d(db(), clock_, {CustomerHandler(m_.customers, m_)});
    auto passed = d.RunOnce();
    ASSERT_TRUE(passed) << passed.error().code << ": " << passed.error().message;
  }
  std::optional<customers::Customer> ByPhone(const std::string& phone) {
    auto c = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return m_.customers.FindByIdentity(tx, merchant_, {customers::IdentityKind::kPhone, phone});
    });
    EXPECT_TRUE(c);
    return c ? *c : std::nullopt;
  }
};

TEST_F(CustomerFlowsTest, TwoOrdersOfOnePhoneBelongToOneCustomerWhoseFactsFollowPayment) {
  SkuId sku = MakeSku("茶", 1000, 10);
  auto first = Place(Request({{sku, 1}}, "", "13812345678"));
  auto second = Place(Request({{sku, 2}}, "", "+86 138 1234 5678"));
  ASSERT_TRUE(first && second);
  Dispatch();
  auto c = ByPhone("13812345678");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->display_name, "买家");
  EXPECT_EQ(c->channel, "checkout");
  EXPECT_EQ(c->province, "湖南");
  EXPECT_EQ(c->orders_count, 0) << "placed, not paid";
  EXPECT_EQ(c->stage, customers::Stage::kAcquired);
  PaySandbox(*first);
  Dispatch();
  c = ByPhone("13812345678");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->orders_count, 1);
  EXPECT_EQ(c->spent_total, first->totals.total);
  EXPECT_EQ(c->stage, customers::Stage::kFirstPurchase);
  auto orders = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return m_.customers.OrdersOf(tx, merchant_, c->id, std::nullopt, 10);
  });
  ASSERT_TRUE(orders);
  EXPECT_EQ(*orders, (std::vector<OrderId>{second->id, first->id}));
}

TEST_F(CustomerFlowsTest, TheCustomersAreaComesFromTheOrdersAddressInParts) {
  SkuId sku = MakeSku("茶", 1000, 10);
  auto req = Request({{sku, 1}}, "", "13912345678");
  req.buyer.region = "浙江";
  req.buyer.province = "浙江省";
  req.buyer.city = "杭州市";
  req.buyer.district = "西湖区";
  auto placed = Place(req);
  ASSERT_TRUE(placed) << placed.error().message;
  Dispatch();
  auto c = ByPhone("13912345678");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->province, "浙江省");
  EXPECT_EQ(c->city, "杭州市");
  EXPECT_EQ(c->district, "西湖区");
}

TEST_F(CustomerFlowsTest, AnOrderWithALandlineHasNoCustomer) {
  SkuId sku = MakeSku("茶", 1000, 10);
  ASSERT_TRUE(Place(Request({{sku, 1}}, "", "0755-22107333")));
  Dispatch();
  auto n = storage::ReadValue(db(), [&](storage::Tx& tx) -> Result<std::int64_t> {
    auto row = tx.QueryOne("SELECT COUNT(*) FROM customers_customer");
    if (!row) return Fail(row.error());
    return (**row).Int(0);
  });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 0);
}

TEST_F(CustomerFlowsTest, TalkingWithACustomerMakesThemInteractedButANoteAboutThemDoesNot) {
  auto arrived = storage::WriteValue(db(), [&](storage::Tx& tx) {
    customers::Arrival a;
    a.identities = {{customers::IdentityKind::kPhone, "13700137000"}};
    a.channel = "moments";
    return m_.customers.Arrive(tx, merchant_, a, "test");
  });
  ASSERT_TRUE(arrived);
  CustomerId id = arrived->customer.id;
  auto log = [&](crm::InteractionKind kind) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) {
      return LogInteraction(
          tx, m_, merchant_,
          {InteractionId(), id, staff_, kind, "问了宝宝奶粉的段数", clock_.Now(), 0}, std::nullopt);
    });
  };
  ASSERT_TRUE(log(crm::InteractionKind::kNote));
  auto c = ByPhone("13700137000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->stage, customers::Stage::kAcquired) << "a note is about them, not with them";
  ASSERT_TRUE(log(crm::InteractionKind::kChat));
  c = ByPhone("13700137000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->stage, customers::Stage::kInteracted);
  // Another member's customer stays hidden from a staff caller, and nothing moves.
  auto hidden = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return LogInteraction(
        tx, m_, merchant_,
        {InteractionId(), id, staff_, crm::InteractionKind::kCall, "回访", clock_.Now(), 0},
        StaffId(987654321));
  });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, "customers.not_found");
}

}  // namespace
}  // namespace weishang::workflows
