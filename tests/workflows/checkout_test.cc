#include <atomic>
#include <future>
#include <thread>

#include "testing/shop_fixture.h"
#include "workflows/jobs/scheduler.h"

namespace weishang::workflows {
namespace {

using testing::kStart;
using testing::ShopFixture;

class CheckoutTest : public ShopFixture {};

TEST_F(CheckoutTest, PlacingAnOrderTakesStockAndPricesPostage) {
  SkuId duck = MakeSku("湘味咸鸭 3只装", 3900, 10);
  auto o = Place(Request({{duck, 2}}));
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->status, order::Status::kPendingPayment);
  EXPECT_EQ(o->totals.merchandise_total, 7800);
  EXPECT_EQ(o->totals.postage, 1000);  // default: 10.00, free from 99.00
  EXPECT_EQ(o->totals.total, 8800);
  EXPECT_EQ(Stock(duck), 8);
  EXPECT_FALSE(o->token.empty());
}

TEST_F(CheckoutTest, UnknownSkuAndOtherMerchantsSkuAreRefused) {
  auto other = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return m_.identity.SignUp(tx, identity::SignUpInput{"shop-b", "B", "b@b", "B", "x"});
  });
  ASSERT_TRUE(other);
  SkuId theirs = MakeSku("B's mask", 1000, 5, other->principal.merchant_id);
  auto o = Place(Request({{theirs, 1}}));
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().code, "catalog.sku_not_found");
  auto unknown = Place(Request({{SkuId(123456789), 1}}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "catalog.sku_not_found");
}

TEST_F(CheckoutTest, QuantitiesOutOfRangeAreRefusedBeforeAnythingIsWritten) {
  SkuId duck = MakeSku("duck", 3900, 10);
  for (std::int64_t qty : {0LL, -1LL, 1000LL, 1LL << 40}) {
    auto o = Place(Request({{duck, qty}}));
    ASSERT_FALSE(o);
    EXPECT_EQ(o.error().code, "order.invalid_quantity");
  }
  EXPECT_EQ(Stock(duck), 10);
}

TEST_F(CheckoutTest, SixtyFourConcurrentBuyersForHundredUnitsSellExactlyHundred) {
  SkuId sku = MakeSku("flash sale mask", 1990, 100);
  auto prepared = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return PrepareOrder(tx, m_, Request({{sku, 2}}), clock_.Now());
  });
  ASSERT_TRUE(prepared);
  std::atomic<int> sold{0}, short_of_stock{0}, other{0};
  std::vector<std::thread> buyers;
  for (int i = 0; i < 64; ++i) {
    buyers.emplace_back([&] {
      auto r = storage::WriteValue(db(),
                                   [&](storage::Tx& tx) { return CommitOrder(tx, m_, *prepared); });
      if (r)
        ++sold;
      else if (r.error().code == "inventory.insufficient_stock")
        ++short_of_stock;
      else
        ++other;
    });
  }
  for (auto& t : buyers) t.join();
  EXPECT_EQ(sold.load(), 50);  // 50 orders of 2 units = 100 units
  EXPECT_EQ(short_of_stock.load(), 14);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Stock(sku), 0);
}

TEST_F(CheckoutTest, CouponIsRedeemedOnceAndReturnedWhenTheOrderIsCancelled) {
  SkuId duck = MakeSku("duck", 6000, 10);
  auto coupon = storage::WriteValue(db(), [&](storage::Tx& tx) {
    pricing::Coupon c;
    c.code = "DUCK10";
    c.kind = pricing::CouponKind::kFixed;
    c.amount_off = 1000;
    c.min_spend = 5000;
    c.valid_from = kStart - kDay;
    c.valid_until = kStart + kDay;
    c.per_customer_limit = 1;
    c.total_quantity = 100;
    return m_.promotions.CreateCoupon(tx, merchant_, c, "10 off");
  });
  ASSERT_TRUE(coupon) << coupon.error().message;
  auto first = Place(Request({{duck, 2}}, "DUCK10"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->totals.coupon_discount, 1000);
  EXPECT_EQ(first->totals.total, 12000 - 1000);  // still above 99.00 after the coupon: free postage
  auto second = Place(Request({{duck, 2}}, "DUCK10"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "pricing.coupon_limit_reached");

  auto cancelled = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return CancelOrder(tx, m_, merchant_, first->id, "changed my mind", "buyer");
  });
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(Stock(duck), 10);
  auto again = Place(Request({{duck, 2}}, "DUCK10"));
  EXPECT_TRUE(again) << again.error().message;
}

TEST_F(CheckoutTest, UnpaidOrdersAreCancelledAfterThePaymentTimeout) {
  SkuId duck = MakeSku("duck", 3900, 5);
  auto o = Place(Request({{duck, 3}}));
  ASSERT_TRUE(o);
  Scheduler jobs(db(), m_, clock_, OrderJobs());
  jobs.RunOnce();
  EXPECT_EQ(Load(o->id).status, order::Status::kPendingPayment);
  clock_.Advance(31 * kMinute);
  jobs.RunOnce();
  EXPECT_EQ(Load(o->id).status, order::Status::kCancelled);
  EXPECT_EQ(Stock(duck), 5);
  jobs.RunOnce();  // running again changes nothing
  EXPECT_EQ(Stock(duck), 5);
}

TEST_F(CheckoutTest, ACheckoutKeyIsRememberedForAWeekThenForgotten) {
  SkuId duck = MakeSku("duck", 3900, 10);
  auto prepared = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return PrepareOrder(tx, m_, Request({{duck, 1}}), clock_.Now());
  });
  ASSERT_TRUE(prepared);
  auto checkout = [&] {
    return storage::WriteValue(db(), [&](storage::Tx& tx) {
      return CommitCheckout(tx, m_, *prepared, "key-1", "fingerprint", clock_.Now());
    });
  };
  auto first = checkout();
  ASSERT_TRUE(first) << first.error().message;
  std::vector<Job> all = OrderJobs();
  for (auto& job : IdempotencyJobs()) all.push_back(std::move(job));
  Scheduler jobs(db(), m_, clock_, std::move(all));
  clock_.Advance(6 * kDay);
  jobs.RunOnce();  // also cancels the unpaid first order, returning its unit
  std::int64_t stock = Stock(duck);
  auto retry = checkout();
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->id, first->id) << "within the week a retry gets the first order";
  EXPECT_EQ(retry->token, first->token);
  EXPECT_EQ(Stock(duck), stock) << "and takes nothing";
  clock_.Advance(kDay + kMinute);
  jobs.RunOnce();
  auto later = checkout();
  ASSERT_TRUE(later);
  EXPECT_NE(later->id, first->id) << "after the week the key is forgotten: a new request";
  EXPECT_EQ(Stock(duck), stock - 1);
}

// Stands in for the other nodes: holds every job's lock, or none.
class FakeNodeLocks final : public storage::NodeLocks {
 public:
  bool held_elsewhere = true;
  Result<bool> RunExclusively(std::string_view, const std::function<void()>& fn) override {
    if (held_elsewhere) return false;
    fn();
    return true;
  }
};

TEST_F(CheckoutTest, AJobAnotherNodeIsRunningIsSkippedUntilItsLockIsFree) {
  SkuId duck = MakeSku("duck", 3900, 5);
  auto o = Place(Request({{duck, 3}}));
  ASSERT_TRUE(o);
  FakeNodeLocks locks;
  Scheduler jobs(db(), m_, clock_, OrderJobs(), {.locks = &locks});
  Counter& skipped = Metrics::Global().GetCounter("weishang_job_ticks_skipped_total", "",
                                                  "job=\"cancel_unpaid_orders\"");
  auto skipped_before = skipped.value();
  clock_.Advance(31 * kMinute);
  jobs.RunOnce();
  EXPECT_EQ(Load(o->id).status, order::Status::kPendingPayment);
  EXPECT_EQ(skipped.value(), skipped_before + 1);
  locks.held_elsewhere = false;
  jobs.RunOnce();
  EXPECT_EQ(Load(o->id).status, order::Status::kCancelled);
  EXPECT_EQ(Stock(duck), 5);
}

TEST_F(CheckoutTest, ForgedCallbackIsRefusedAndChangesNothing) {
  SkuId duck = MakeSku("duck", 3900, 5);
  auto o = Place(Request({{duck, 1}}));
  ASSERT_TRUE(o);
  auto pay = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return StartSandboxPayment(tx, m_, merchant_, o->token); });
  ASSERT_TRUE(pay);
  std::string body = CallbackBody(pay->id, pay->amount);
  auto forged = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return HandleSandboxCallback(tx, m_, merchant_, body,
                                 payment::SignSandbox("not-the-secret", body));
  });
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, "payment.bad_signature");
  EXPECT_EQ(Load(o->id).status, order::Status::kPendingPayment);
  auto deliver = [&] {
    return storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<payment::Payment> {
      auto secret = m_.payments.SandboxSecret(tx, merchant_);
      return HandleSandboxCallback(tx, m_, merchant_, body, payment::SignSandbox(*secret, body));
    });
  };
  ASSERT_TRUE(deliver());
  EXPECT_EQ(Load(o->id).status, order::Status::kPaid);
  ASSERT_TRUE(deliver());  // a repeated callback is harmless
  EXPECT_EQ(Load(o->id).status, order::Status::kPaid);
  auto events = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.orders.Events(tx, merchant_, o->id); });
  EXPECT_EQ(events->size(), 2u);  // placed, paid
}

TEST_F(CheckoutTest, PaymentArrivingAfterTimeoutIsRefunded) {
  SkuId duck = MakeSku("duck", 3900, 5);
  auto o = Place(Request({{duck, 1}}));
  ASSERT_TRUE(o);
  auto pay = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return StartSandboxPayment(tx, m_, merchant_, o->token); });
  ASSERT_TRUE(pay);
  clock_.Advance(31 * kMinute);
  Scheduler(db(), m_, clock_, OrderJobs()).RunOnce();
  auto late = storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<payment::Payment> {
    auto secret = m_.payments.SandboxSecret(tx, merchant_);
    std::string body = CallbackBody(pay->id, pay->amount);
    return HandleSandboxCallback(tx, m_, merchant_, body, payment::SignSandbox(*secret, body));
  });
  ASSERT_TRUE(late) << late.error().message;
  auto p = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.payments.GetSucceeded(tx, merchant_, o->id); });
  ASSERT_TRUE(p);
  EXPECT_EQ(p->refunded, p->amount);
  EXPECT_EQ(Load(o->id).status, order::Status::kCancelled);
}

}  // namespace
}  // namespace weishang::workflows

namespace weishang::workflows {
namespace {

class SnapshotCacheTest : public testing::ShopFixture {};

TEST_F(SnapshotCacheTest, PricesComeFromTheCacheUntilTheMerchantIsInvalidated) {
  SkuId duck = MakeSku("duck", 3900, 10);
  MerchantCache generations(std::chrono::milliseconds(1000));
  SnapshotCache cache(generations, std::chrono::hours(1));
  auto price = [&] {
    auto p = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return PrepareOrder(tx, m_, Request({{duck, 1}}), clock_.Now(), &cache);
    });
    EXPECT_TRUE(p) << p.error().message;
    return p->quote.lines[0].unit_price;
  };
  EXPECT_EQ(price(), 3900);
  auto on_sale = storage::WriteValue(db(), [&](storage::Tx& tx) {
    pricing::SkuDiscount d;
    d.sku_id = duck;
    d.name = "half price";
    d.kind = pricing::DiscountKind::kFixedPrice;
    d.fixed_price = 1950;
    d.starts_at = testing::kStart - kDay;
    d.ends_at = testing::kStart + kDay;
    return m_.promotions.CreateSkuDiscount(tx, merchant_, d);
  });
  ASSERT_TRUE(on_sale);
  auto discounted = [&] {
    auto p = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return PrepareOrder(tx, m_, Request({{duck, 1}}), clock_.Now(), &cache);
    });
    return p->quote.lines[0].payable;
  };
  EXPECT_EQ(discounted(), 3900);      // the cached snapshot does not know the discount yet
  generations.Invalidate(merchant_);  // what the promotion route does after commit
  EXPECT_EQ(discounted(), 1950);
}

}  // namespace
}  // namespace weishang::workflows
