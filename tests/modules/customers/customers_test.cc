// Customers on a real database (both engines): one record per person,
// found by any identity, merged (never duplicated) when identities meet, and
// facts that follow their orders.
#include "modules/customers/customers.h"

#include <gtest/gtest.h>

#include <future>
#include <set>

#include "modules/customers/customer_events.h"
#include "testing/temp_db.h"

namespace weishang::customers {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{31};
constexpr MerchantId kOtherShop{32};

Identity Phone(std::string v) { return {IdentityKind::kPhone, std::move(v)}; }
Identity Openid(std::string v) { return {IdentityKind::kWechatOpenid, std::move(v)}; }

class CustomersTest : public ::testing::Test {
 protected:
  CustomersTest() : clock_(1'800'000'000'000), ids_(1), customers_(clock_, ids_) {}

  Result<Matched> Arrive(std::vector<Identity> ids, std::string name = "",
                         MerchantId shop = kShop) {
    return db_.Write([&](storage::Tx& tx) {
      Arrival a;
      a.identities = ids;
      a.display_name = name;
      a.channel = "test";
      return customers_.Arrive(tx, shop, a, "test");
    });
  }
  std::int64_t Count(const std::string& sql) {
    auto n = db_.Read([&](storage::Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne(sql);
      if (!row) return Fail(row.error());
      return (**row).Int(0);
    });
    return n ? *n : -1;
  }

  FakeClock clock_;
  IdGenerator ids_;
  CustomerService customers_;
  TempDb db_;
};

TEST(BirthdayTest, TheWaysSheetsWriteADateBecomeOneRealCalendarDate) {
  EXPECT_EQ(ParseBirthday("1990-05-01", 2026), "1990-05-01");
  EXPECT_EQ(ParseBirthday("1990/5/1", 2026), "1990-05-01");
  EXPECT_EQ(ParseBirthday("1990.5.1", 2026), "1990-05-01");
  EXPECT_EQ(ParseBirthday("19900501", 2026), "1990-05-01");
  EXPECT_EQ(ParseBirthday("1990年5月1日", 2026), "1990-05-01");
  EXPECT_EQ(ParseBirthday("2000-02-29", 2026), "2000-02-29");
  EXPECT_EQ(ParseBirthday("1900-02-29", 2026), "");  // not a leap year
  EXPECT_EQ(ParseBirthday("1990-02-30", 2026), "");
  EXPECT_EQ(ParseBirthday("1899-12-31", 2026), "");
  EXPECT_EQ(ParseBirthday("2027-01-01", 2026), "");
  EXPECT_EQ(ParseBirthday("May 1", 2026), "");
  EXPECT_TRUE(ReadDate("2024-02-29"));
  EXPECT_FALSE(ReadDate("2024-2-29"));
  EXPECT_FALSE(ReadDate("2023-02-29"));
}

TEST(NormalisePhoneTest, KeepsMainlandMobilesOnly) {
  EXPECT_EQ(NormalisePhone("13800138000"), "13800138000");
  EXPECT_EQ(NormalisePhone("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(NormalisePhone("0086 13800138000"), "13800138000");
  EXPECT_EQ(NormalisePhone("(86) 139 1234 5678"), "13912345678");
  EXPECT_EQ(NormalisePhone("0755-22107333"), "");
  EXPECT_EQ(NormalisePhone("12800138000"), "");
  EXPECT_EQ(NormalisePhone("1380013800"), "");
  EXPECT_EQ(NormalisePhone("138OO138000"), "");
  EXPECT_EQ(NormalisePhone(""), "");
}

TEST_F(CustomersTest, APhoneSeenTwiceIsOneCustomer) {
  auto first = Arrive({Phone("13800138000")}, "张三");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->customer.ordinal, 1);
  EXPECT_EQ(first->customer.phone, "13800138000");
  auto again = Arrive({Phone("+86 138 0013 8000")}, "Zhang");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->customer.id, first->customer.id);
  EXPECT_EQ(again->customer.display_name, "张三") << "the first name stays";
  auto other = Arrive({Phone("13900139000")});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->customer.ordinal, 2);
  auto elsewhere = Arrive({Phone("13800138000")}, "", kOtherShop);
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->created) << "customers belong to one merchant";
  EXPECT_EQ(elsewhere->customer.ordinal, 1);
}

TEST_F(CustomersTest, AMalformedIdentityIsRefused) {
  auto bad = Arrive({Phone("0755-22107333")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "customers.invalid_identity");
  auto spaced = Arrive({Openid("has space")});
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().code, "customers.invalid_identity");
  EXPECT_FALSE(Arrive({}));
}

TEST_F(CustomersTest, IdentitiesOfTwoRecordsMergeThemIntoTheOlderKeepingBothHistories) {
  auto by_phone = Arrive({Phone("13800138000")}, "张三");
  clock_.Advance(1000);
  auto by_wechat = Arrive({Openid("o-abc")}, "微信用户");
  ASSERT_TRUE(by_phone && by_wechat);
  ASSERT_NE(by_phone->customer.id, by_wechat->customer.id);
  ASSERT_TRUE(db_.Write([&](storage::Tx& tx) -> Result<void> {
    if (auto ok = customers_.LinkOrder(tx, kShop, by_wechat->customer.id, OrderId(900), 5000,
                                       clock_.Now());
        !ok)
      return ok;
    return customers_.RecordPaid(tx, kShop, OrderId(900), clock_.Now(),
                                 {{ProductId(1), SkuId(2), CategoryId(3), 2}});
  }));
  auto both = Arrive({Phone("13800138000"), Openid("o-abc")});
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->customer.id, by_phone->customer.id) << "the older record is kept";
  ASSERT_EQ(both->merged.size(), 1u);
  EXPECT_EQ(both->merged[0], by_wechat->customer.id);
  EXPECT_EQ(both->customer.orders_count, 1);
  EXPECT_EQ(both->customer.spent_total, 5000);
  EXPECT_EQ(both->customer.stage, Stage::kFirstPurchase);
  // The merged record leads to the kept one; its order and identity moved.
  auto via_merged =
      db_.Read([&](storage::Tx& tx) { return customers_.Get(tx, kShop, by_wechat->customer.id); });
  ASSERT_TRUE(via_merged);
  EXPECT_EQ(via_merged->id, by_phone->customer.id);
  auto orders = db_.Read([&](storage::Tx& tx) {
    return customers_.OrdersOf(tx, kShop, by_phone->customer.id, std::nullopt, 10);
  });
  ASSERT_TRUE(orders);
  EXPECT_EQ(orders->size(), 1u);
  std::vector<Purchase> bought;
  ASSERT_TRUE(db_.Read([&](storage::Tx& tx) {
    return customers_.ForEachPurchase(tx, kShop, [&](const Purchase& p) { bought.push_back(p); });
  }));
  ASSERT_EQ(bought.size(), 1u);
  EXPECT_EQ(bought[0].customer_id, by_phone->customer.id) << "purchases move with the merge";
  EXPECT_EQ(bought[0].ordinal, by_phone->customer.ordinal);
  ASSERT_EQ(bought[0].lines.size(), 1u);
  EXPECT_EQ(bought[0].lines[0].category_id, std::optional<CategoryId>(CategoryId(3)));
  EXPECT_EQ(bought[0].lines[0].quantity, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM customers_merge WHERE reason = 'identity_match'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox WHERE kind = 'customer.merged'"), 1);
  auto listed = db_.Read([&](storage::Tx& tx) { return customers_.List(tx, kShop, {}); });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u) << "a merged record is not listed";
}

TEST_F(CustomersTest, ManyArrivalsOfOnePhoneAtOnceMakeOneCustomer) {
  std::vector<std::future<Result<Matched>>> all;
  for (int i = 0; i < 10; ++i) {
    all.push_back(std::async(std::launch::async, [&] { return Arrive({Phone("13700137000")}); }));
  }
  std::set<CustomerId> seen;
  for (auto& f : all) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().code << ": " << r.error().message;
    seen.insert(r->customer.id);
  }
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM customers_customer"), 1);
}

TEST_F(CustomersTest, PaymentsMoveTheFactsOnceAndRefundsComeOffTheSpend) {
  auto c = Arrive({Phone("13800138000")});
  ASSERT_TRUE(c);
  CustomerId id = c->customer.id;
  auto pay = [&](OrderId order, Fen total) {
    return db_.Write([&](storage::Tx& tx) -> Result<void> {
      if (auto ok = customers_.LinkOrder(tx, kShop, id, order, total, clock_.Now()); !ok) return ok;
      if (auto ok = customers_.RecordPaid(tx, kShop, order, clock_.Now(), {}); !ok) return ok;
      return customers_.RecordPaid(tx, kShop, order, clock_.Now(), {});  // a repeat
    });
  };
  ASSERT_TRUE(pay(OrderId(10), 3000));
  clock_.Advance(kDay);
  ASSERT_TRUE(pay(OrderId(11), 2000));
  ASSERT_TRUE(db_.Write(
      [&](storage::Tx& tx) { return customers_.RecordRefunded(tx, kShop, OrderId(11), 500); }));
  auto now = db_.Read([&](storage::Tx& tx) { return customers_.Get(tx, kShop, id); });
  ASSERT_TRUE(now);
  EXPECT_EQ(now->orders_count, 2);
  EXPECT_EQ(now->spent_total, 4500);
  EXPECT_EQ(now->stage, Stage::kRepeatBuyer);
  EXPECT_EQ(now->first_order_at, std::optional<Timestamp>(1'800'000'000'000));
  EXPECT_EQ(now->last_order_at, std::optional<Timestamp>(1'800'000'000'000 + kDay));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events_outbox WHERE kind = 'customer.purchased'"), 2);
}

TEST_F(CustomersTest, TheLifecycleMovesForwardOnlyAndAReferredFriendsFirstOrderMakesAReferrer) {
  auto referrer = Arrive({Phone("13800138001")}, "阿May");
  ASSERT_TRUE(referrer);
  CustomerId may = referrer->customer.id;
  auto friend_arrives = db_.Write([&](storage::Tx& tx) {
    Arrival a;
    a.identities = {Phone("13800138002")};
    a.channel = "referral";
    a.referrer_id = may;
    return customers_.Arrive(tx, kShop, a, "test");
  });
  ASSERT_TRUE(friend_arrives);
  CustomerId friend_id = friend_arrives->customer.id;
  auto stage_of = [&](CustomerId id) {
    auto c = db_.Read([&](storage::Tx& tx) { return customers_.Get(tx, kShop, id); });
    EXPECT_TRUE(c);
    return c ? c->stage : Stage::kAcquired;
  };
  EXPECT_EQ(stage_of(may), Stage::kAcquired) << "an arrival alone refers no one yet";

  ASSERT_TRUE(db_.Write(
      [&](storage::Tx& tx) { return customers_.Advance(tx, kShop, may, Stage::kInteracted); }));
  EXPECT_EQ(stage_of(may), Stage::kInteracted);

  auto pay = [&](CustomerId who, OrderId order) {
    return db_.Write([&](storage::Tx& tx) -> Result<void> {
      if (auto ok = customers_.LinkOrder(tx, kShop, who, order, 1000, clock_.Now()); !ok) return ok;
      return customers_.RecordPaid(tx, kShop, order, clock_.Now(), {});
    });
  };
  ASSERT_TRUE(pay(friend_id, OrderId(20)));
  EXPECT_EQ(stage_of(friend_id), Stage::kFirstPurchase);
  EXPECT_EQ(stage_of(may), Stage::kReferrer) << "the friend she brought has bought";

  // Never back: a later interaction or purchase of her own leaves her a referrer.
  ASSERT_TRUE(db_.Write(
      [&](storage::Tx& tx) { return customers_.Advance(tx, kShop, may, Stage::kInteracted); }));
  ASSERT_TRUE(pay(may, OrderId(21)));
  EXPECT_EQ(stage_of(may), Stage::kReferrer);
  // The friend's second order does not count again.
  ASSERT_TRUE(pay(friend_id, OrderId(22)));
  EXPECT_EQ(stage_of(friend_id), Stage::kRepeatBuyer);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM customers_customer WHERE stage = 'referrer'"), 1);
}

TEST_F(CustomersTest, TheListFindsByNameOrPhoneAndPagesNewestFirst) {
  ASSERT_TRUE(Arrive({Phone("13800138001")}, "王小明"));
  ASSERT_TRUE(Arrive({Phone("13800138002")}, "李%华"));
  ASSERT_TRUE(Arrive({Phone("13800138003")}, "王芳"));
  auto list = [&](ListFilter f) {
    auto r = db_.Read([&](storage::Tx& tx) { return customers_.List(tx, kShop, f); });
    std::vector<std::string> names;
    if (r)
      for (const auto& c : *r) names.push_back(c.display_name);
    return names;
  };
  EXPECT_EQ(list({.query = "王"}), (std::vector<std::string>{"王芳", "王小明"}));
  EXPECT_EQ(list({.query = "%"}), (std::vector<std::string>{"李%华"}));
  EXPECT_EQ(list({.query = "138 0013 8002"}), (std::vector<std::string>{"李%华"}));
  auto first = db_.Read([&](storage::Tx& tx) { return customers_.List(tx, kShop, {.limit = 2}); });
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(list({.after = first->back().id}), (std::vector<std::string>{"王小明"}));
}

// The referral edges for the growth workflows: referred and merged records
// only, every one once across pages, another shop's never.
TEST_F(CustomersTest, ScanReferralsReadsTheReferredAndTheMergedInPages) {
  auto root = Arrive({Phone("13800138101")}, "王芳");
  ASSERT_TRUE(root);
  std::vector<CustomerId> referred;
  for (int i = 0; i < 5; ++i) {
    auto made = db_.Write([&](storage::Tx& tx) {
      Arrival a;
      a.identities = {Phone("1380013820" + std::to_string(i))};
      a.referrer_id = root->customer.id;
      return customers_.Arrive(tx, kShop, a, "test");
    });
    ASSERT_TRUE(made);
    referred.push_back(made->customer.id);
  }
  auto twin = Arrive({Phone("13800138301")}, "王芳 2");
  ASSERT_TRUE(twin);
  ASSERT_TRUE(db_.Write([&](storage::Tx& tx) {
    return customers_.Merge(tx, kShop, root->customer.id, twin->customer.id, "manual", "test");
  }));
  ASSERT_TRUE(Arrive({Phone("13800138401")}, "别家", kOtherShop));
  std::vector<ReferralRow> rows;
  auto scanned = db_.Read([&](storage::Tx& tx) {
    return customers_.ScanReferrals(tx, kShop, 2, [&](const ReferralRow& r) { rows.push_back(r); });
  });
  ASSERT_TRUE(scanned) << scanned.error().message;
  ASSERT_EQ(rows.size(), 6u);  // five referred, one merged; the root (neither) left out
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(rows[i].id, referred[i]);
    EXPECT_EQ(rows[i].referrer_id, root->customer.id);
    EXPECT_FALSE(rows[i].merged_into.has_value());
    EXPECT_FALSE(rows[i].first_order_at.has_value());
  }
  EXPECT_EQ(rows[5].id, twin->customer.id);
  EXPECT_EQ(rows[5].merged_into, root->customer.id);
}

}  // namespace
}  // namespace weishang::customers
