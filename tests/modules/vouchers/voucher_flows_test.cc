// Share vouchers on a real database (both engines), through the workflows
// and the event handlers: a buyer's vouchers passed through two
// generations (the tree and its K-factor), each anti-abuse rule (giver,
// existing customer, the same customer, device, address, payment account),
// the budget, expiry, the deepest generation, an unpaid order giving its
// voucher back, and the clusters flagged and voided.
#include "workflows/vouchers/voucher_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "modules/vouchers/vouchers_errors.h"
#include "testing/shop_fixture.h"
#include "workflows/customers/customer_flows.h"
#include "workflows/orders/order_flows.h"

namespace weishang::workflows {
namespace {

using vouchers::VoucherState;
namespace errors = vouchers::errors;

class VoucherFlowsTest : public testing::ShopFixture {
 protected:
  VoucherFlowsTest() : service_(clock_, ids_), w_{service_} {}

  void SetUp() override {
    ShopFixture::SetUp();
    dispatcher_ = std::make_unique<events::Dispatcher>(
        db(), clock_,
        std::vector<events::Handler>{CustomerHandler(m_.customers, m_), VoucherHandler(m_, w_)});
    ASSERT_TRUE(dispatcher_->CreateCursors());
    tea_ = MakeSku("明前龙井 50g", 9900, 100);
  }

  template <class Fn>
  auto W(Fn fn) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) { return fn(tx); });
  }

  void Deliver() {
    for (int i = 0; i < 4; ++i) {
      auto ran = dispatcher_->RunOnce();
      ASSERT_TRUE(ran) << ran.error().code << ": " << ran.error().message;
    }
  }

  vouchers::Campaign Campaign(int max_generations = 0, std::optional<Fen> budget = std::nullopt) {
    VoucherCampaignRequest in;
    in.title = "龙井体验券";
    auto sku = W([&](storage::Tx& tx) { return m_.catalog.GetSku(tx, merchant_, tea_); });
    EXPECT_TRUE(sku);
    in.product_id = sku->product_id;
    in.sku_id = tea_;
    in.benefit = vouchers::Benefit::kTrialPrice;
    in.value = 990;
    in.max_generations = max_generations;
    in.budget = budget;
    in.starts_at = clock_.Now() - kMinute;
    in.ends_at = clock_.Now() + 60 * kDay;
    auto c = W([&](storage::Tx& tx) { return CreateVoucherCampaign(tx, m_, w_, merchant_, in); });
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }

  customers::Customer Customer(const std::string& phone) {
    customers::Arrival a;
    a.identities.push_back({customers::IdentityKind::kPhone, phone});
    auto c = W([&](storage::Tx& tx) { return m_.customers.Arrive(tx, merchant_, a, "test"); });
    EXPECT_TRUE(c) << c.error().message;
    return c->customer;
  }
  customers::Customer Reload(CustomerId id) {
    auto c = W([&](storage::Tx& tx) { return m_.customers.Get(tx, merchant_, id); });
    EXPECT_TRUE(c);
    return *c;
  }

  // A seed: a guest buys (the customers handler makes them a customer) and pays.
  customers::Customer Seed(const std::string& phone) {
    auto placed = Place(Request({{tea_, 1}}, "", phone));
    EXPECT_TRUE(placed) << placed.error().message;
    Deliver();
    PaySandbox(*placed);
    Deliver();
    auto c = W([&](storage::Tx& tx) {
      return m_.customers.FindByIdentity(tx, merchant_, {customers::IdentityKind::kPhone, phone});
    });
    EXPECT_TRUE(c && *c);
    return **c;
  }

  std::vector<vouchers::Voucher> Given(CustomerId giver) {
    auto v = W([&](storage::Tx& tx) { return w_.vouchers.GivenTo(tx, merchant_, giver); });
    EXPECT_TRUE(v);
    return *v;
  }

  Result<vouchers::Voucher> Claim(const vouchers::Voucher& v, CustomerId who,
                                  const std::string& device) {
    customers::Customer c = Reload(who);
    return W(
        [&](storage::Tx& tx) { return ClaimVoucher(tx, m_, w_, merchant_, v.token, c, device); });
  }

  Result<order::Order> OrderWith(const vouchers::Voucher& v, const customers::Customer& who,
                                 const std::string& address = "") {
    VoucherOrderRequest req;
    req.merchant_id = merchant_;
    req.token = v.token;
    req.customer = who.id;
    req.buyer = order::Buyer{"朋友", who.phone, "浙江",
                             address.empty() ? "西湖区 " + who.phone + " 号" : address, ""};
    auto p = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return PrepareVoucherOrder(tx, m_, w_, req, clock_.Now()); });
    if (!p) return Fail(p.error());
    return W([&](storage::Tx& tx) { return CommitVoucherOrder(tx, m_, w_, *p); });
  }

  // A new friend claims `v` on their own device, orders and pays.
  customers::Customer Redeem(const vouchers::Voucher& v, const std::string& phone,
                             const std::string& payer = "") {
    customers::Customer f = Customer(phone);
    auto claimed = Claim(v, f.id, "device-" + phone);
    EXPECT_TRUE(claimed) << claimed.error().code;
    auto o = OrderWith(v, f);
    EXPECT_TRUE(o) << o.error().code << ": " << o.error().message;
    if (!o) return f;
    EXPECT_EQ(o->totals.merchandise_total, 990) << "the trial price";
    Deliver();
    PaySandbox(*o, payer.empty() ? "payer-" + phone : payer);
    Deliver();
    return f;
  }

  vouchers::Voucher Get(VoucherId id) {
    auto v = W([&](storage::Tx& tx) { return w_.vouchers.Get(tx, merchant_, id); });
    EXPECT_TRUE(v);
    return *v;
  }

  vouchers::VoucherService service_;
  VoucherWiring w_;
  std::unique_ptr<events::Dispatcher> dispatcher_;
  SkuId tea_;
};

TEST_F(VoucherFlowsTest, VouchersPassThroughTwoGenerationsAndTheTreeCountsThem) {
  auto c = Campaign();
  customers::Customer ann = Seed("13900000001");
  auto anns = Given(ann.id);
  ASSERT_EQ(anns.size(), 3u) << "each paying buyer receives three";
  for (const auto& v : anns) {
    EXPECT_EQ(v.generation, 1);
    EXPECT_EQ(v.state, VoucherState::kAvailable);
  }
  customers::Customer bob = Redeem(anns[0], "13900000002");
  EXPECT_EQ(Get(anns[0].id).state, VoucherState::kRedeemed);
  auto bobs = Given(bob.id);
  ASSERT_EQ(bobs.size(), 3u) << "the friend receives vouchers in turn";
  EXPECT_EQ(bobs[0].generation, 2);
  customers::Customer cat = Redeem(bobs[0], "13900000003");
  auto cats = Given(cat.id);
  ASSERT_EQ(cats.size(), 3u);
  EXPECT_EQ(cats[0].generation, 3);
  // A second paid order gives no second set.
  auto again = Place(Request({{tea_, 1}}, "", ann.phone));
  ASSERT_TRUE(again);
  Deliver();
  PaySandbox(*again);
  Deliver();
  EXPECT_EQ(Given(ann.id).size(), 3u);

  auto tree = W([&](storage::Tx& tx) { return LoadVoucherTree(tx, m_, w_, merchant_, c.id); });
  ASSERT_TRUE(tree) << tree.error().message;
  EXPECT_EQ(tree->counts.issued, 9);
  EXPECT_EQ(tree->counts.redeemed, 2);
  EXPECT_EQ(tree->counts.holders, 3);
  EXPECT_EQ(tree->counts.deepest_generation, 2);
  ASSERT_EQ(tree->generations.size(), 3u);
  EXPECT_EQ(tree->generations[0].customers, 1);
  EXPECT_EQ(tree->generations[1].customers, 1);
  EXPECT_EQ(tree->generations[2].customers, 1);
  ASSERT_TRUE(tree->generations[0].invitations_per_customer);
  EXPECT_DOUBLE_EQ(*tree->generations[0].invitations_per_customer, 3.0);
  ASSERT_TRUE(tree->generations[0].conversion);
  EXPECT_DOUBLE_EQ(*tree->generations[0].conversion, 1.0 / 3.0);
  ASSERT_TRUE(tree->generations[0].k_factor);
  EXPECT_DOUBLE_EQ(*tree->generations[0].k_factor, 1.0);
  ASSERT_EQ(tree->nodes.size(), 3u);
  EXPECT_EQ(tree->nodes[1].giver_id, ann.id);
  EXPECT_EQ(tree->nodes[2].giver_id, bob.id);
  // The campaign's cost: two redemptions at 99.00 - 9.90.
  auto after = W([&](storage::Tx& tx) { return w_.vouchers.GetCampaign(tx, merchant_, c.id); });
  EXPECT_EQ(after->spent, 2 * (9900 - 990));
}

TEST_F(VoucherFlowsTest, NotTheGiverNorAnExistingCustomerNorTheSameCustomerTwice) {
  Campaign();
  customers::Customer ann = Seed("13900000001");
  auto anns = Given(ann.id);
  ASSERT_EQ(anns.size(), 3u);
  auto own = Claim(anns[0], ann.id, "device-ann");
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, errors::kOwnVoucher);

  customers::Customer old = Seed("13900000009");
  auto existing = Claim(anns[0], old.id, "device-old");
  ASSERT_FALSE(existing);
  EXPECT_EQ(existing.error().code, errors::kExistingCustomer);

  customers::Customer bob = Customer("13900000002");
  ASSERT_TRUE(Claim(anns[0], bob.id, "device-bob"));
  EXPECT_TRUE(Claim(anns[0], bob.id, "device-bob")) << "a repeat answers the voucher";
  auto taken = Claim(anns[0], Customer("13900000003").id, "device-cat");
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, errors::kTaken);
  auto twice = Claim(anns[1], bob.id, "device-bob-2");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, errors::kAlreadyRedeemed);
  EXPECT_EQ(Get(anns[1].id).state, VoucherState::kAvailable) << "the refused claim left nothing";
}

TEST_F(VoucherFlowsTest, OneRedemptionPerDeviceAddressAndPaymentAccount) {
  Campaign();
  customers::Customer ann = Seed("13900000001");
  auto anns = Given(ann.id);
  customers::Customer bob = Customer("13900000002");
  customers::Customer cat = Customer("13900000003");
  ASSERT_TRUE(Claim(anns[0], bob.id, "shared-device"));
  auto device = Claim(anns[1], cat.id, "shared-device");
  ASSERT_FALSE(device);
  EXPECT_EQ(device.error().code, errors::kAlreadyRedeemed);
  EXPECT_NE(device.error().message.find("device"), std::string::npos);

  ASSERT_TRUE(Claim(anns[1], cat.id, "device-cat"));
  auto bobs_order = OrderWith(anns[0], bob, "文三路 90 号 1 栋 101 室");
  ASSERT_TRUE(bobs_order);
  auto address = OrderWith(anns[1], cat, "文三路90号1栋101室");
  ASSERT_FALSE(address) << "the same address, spaced differently";
  EXPECT_EQ(address.error().code, errors::kAlreadyRedeemed);
  EXPECT_NE(address.error().message.find("address"), std::string::npos);
  auto elsewhere = OrderWith(anns[1], cat, "文三路 90 号 2 栋 202 室");
  ASSERT_TRUE(elsewhere) << elsewhere.error().message;

  // Both pay from one payment account: the second redemption is blocked
  // (it keeps its price, passes nothing on) and flagged.
  Deliver();
  PaySandbox(*bobs_order, "wx-same-account");
  PaySandbox(*elsewhere, "wx-same-account");
  Deliver();
  EXPECT_EQ(Given(bob.id).size(), 3u);
  EXPECT_EQ(Get(anns[1].id).state, VoucherState::kRedeemed);
  EXPECT_EQ(Get(anns[1].id).blocked, "payer");
  EXPECT_TRUE(Given(cat.id).empty()) << "a blocked redemption passes nothing on";
  auto flags = W([&](storage::Tx& tx) { return FindVoucherFlags(tx, m_, w_, merchant_); });
  ASSERT_TRUE(flags);
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ(flags->front().kind, "shared_payer");
  EXPECT_EQ(flags->front().vouchers.size(), 2u);
}

TEST_F(VoucherFlowsTest, BudgetExpiryAndTheDeepestGeneration) {
  auto c = Campaign(/*max_generations=*/1, /*budget=*/9900 - 990);
  customers::Customer ann = Seed("13900000001");
  auto anns = Given(ann.id);
  customers::Customer bob = Customer("13900000002");
  customers::Customer cat = Customer("13900000003");
  ASSERT_TRUE(Claim(anns[0], bob.id, "device-bob"));
  ASSERT_TRUE(Claim(anns[1], cat.id, "device-cat"));
  auto first = OrderWith(anns[0], bob);
  ASSERT_TRUE(first);
  auto over = OrderWith(anns[1], cat);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, errors::kBudgetExhausted);
  // Bob's order is cancelled unpaid: the voucher is his again and the budget back.
  ASSERT_TRUE(W([&](storage::Tx& tx) {
    return CancelOrder(tx, m_, merchant_, first->id, "changed mind", "buyer");
  }));
  Deliver();
  EXPECT_EQ(Get(anns[0].id).state, VoucherState::kClaimed);
  auto cats = OrderWith(anns[1], cat);
  ASSERT_TRUE(cats) << cats.error().message;
  Deliver();
  PaySandbox(*cats, "payer-cat");
  Deliver();
  EXPECT_TRUE(Given(cat.id).empty()) << "generation 1 is the deepest: no vouchers follow";

  // Ann's last voucher expires after 14 days.
  clock_.Advance(15 * kDay);
  auto late = Claim(anns[2], Customer("13900000004").id, "device-dan");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, errors::kExpired);
  (void)c;
}

TEST_F(VoucherFlowsTest, ClustersAreFlaggedAndVoidingTakesWhatTheyPassedOn) {
  Campaign();
  customers::Customer ann = Seed("13900000001");
  auto anns = Given(ann.id);
  std::vector<customers::Customer> friends;
  int room = 501;
  for (const auto& v : anns) {
    customers::Customer f = Customer("1390000001" + std::to_string(room % 10));
    ASSERT_TRUE(Claim(v, f.id, "device-" + std::to_string(room)));
    auto o = OrderWith(v, f, "幸福小区3栋" + std::to_string(room++) + "室");
    ASSERT_TRUE(o) << o.error().message;
    Deliver();
    PaySandbox(*o, "payer-" + std::to_string(room));
    Deliver();
    friends.push_back(f);
  }
  auto flags = W([&](storage::Tx& tx) { return FindVoucherFlags(tx, m_, w_, merchant_); });
  ASSERT_TRUE(flags);
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ(flags->front().kind, "shared_address");
  EXPECT_EQ(flags->front().vouchers.size(), 3u);
  EXPECT_FALSE(flags->front().voided);

  // A month on, none of the three bought again: the giver is flagged too.
  clock_.Advance(31 * kDay);
  flags = W([&](storage::Tx& tx) { return FindVoucherFlags(tx, m_, w_, merchant_); });
  ASSERT_EQ(flags->size(), 2u);
  EXPECT_EQ(flags->back().kind, "friends_never_return");
  EXPECT_EQ(flags->back().givers, std::vector<CustomerId>{ann.id});

  // Voiding the cluster: each redeemed voucher is marked, and what its
  // friend was given and has not used goes with it.
  ASSERT_EQ(Given(friends[0].id).size(), 3u);
  for (const auto& v : flags->front().vouchers) {
    auto n = W([&](storage::Tx& tx) { return w_.vouchers.Void(tx, merchant_, v.id, "同一楼栋"); });
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 4);
  }
  for (const auto& v : Given(friends[0].id)) EXPECT_EQ(v.state, VoucherState::kVoided);
  flags = W([&](storage::Tx& tx) { return FindVoucherFlags(tx, m_, w_, merchant_); });
  EXPECT_TRUE(flags->front().voided);
  auto claim = Claim(Given(friends[0].id)[0], Customer("13900000099").id, "device-x");
  ASSERT_FALSE(claim);
  EXPECT_EQ(claim.error().code, errors::kVoided);
}

}  // namespace
}  // namespace weishang::workflows
