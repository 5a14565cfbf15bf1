// Pre-sales and fan votes on a real database (both engines), through the
// module and the workflows: the recommendation's arithmetic against hand-
// computed cases; one interest per customer; full-payment and deposit
// orders (balance asked for in the message centre, paid, shipped together
// from the ship date); an unpaid balance releasing the reservation with the
// deposit refunded, once; racing buyers never oversell the quantity; one
// vote per customer per candidate; winners becoming pre-sales in one step
// with their voters credited and told.
#include <atomic>
#include <cmath>
#include <thread>

#include "events/dispatcher.h"
#include "modules/payment/payment.h"
#include "modules/presale/presale_errors.h"
#include "modules/votes/votes_errors.h"
#include "testing/shop_fixture.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/presale/presale_flows.h"

namespace weishang::workflows {
namespace {

using presale::OrderState;
using presale::Payment;

// --- the arithmetic ---

TEST(PresaleRecommendTest, NoHistoryStocksHalfTheInterestWithNoInterval) {
  auto r = presale::Recommend(200, {});
  EXPECT_EQ(r.basis, "default");
  EXPECT_DOUBLE_EQ(r.conversion, 0.5);
  EXPECT_EQ(r.recommended, 100);
  EXPECT_FALSE(r.low);
  EXPECT_FALSE(r.high);
  EXPECT_EQ(presale::Recommend(7, {}).recommended, 4) << "3.5 rounds half away from zero";
}

TEST(PresaleRecommendTest, OnePastPresaleGivesItsRateAndNoInterval) {
  auto r = presale::Recommend(300, {0.3});
  EXPECT_EQ(r.basis, "one_presale");
  EXPECT_DOUBLE_EQ(r.conversion, 0.3);
  EXPECT_EQ(r.recommended, 90);
  EXPECT_FALSE(r.conversion_low) << "one pre-sale says nothing of the spread";
}

TEST(PresaleRecommendTest, TwoPastPresalesGiveAVeryWideInterval) {
  // mean 0.5, sd = sqrt(((-.1)^2 + .1^2) / 1) = 0.141421, t(1) = 12.706,
  // half = 12.706 * 0.141421 * sqrt(1.5) = 2.20074.
  auto r = presale::Recommend(200, {0.4, 0.6});
  EXPECT_EQ(r.basis, "history");
  EXPECT_NEAR(r.conversion, 0.5, 1e-12);
  EXPECT_EQ(r.recommended, 100);
  ASSERT_TRUE(r.conversion_low && r.conversion_high);
  EXPECT_DOUBLE_EQ(*r.conversion_low, 0.0) << "floored at zero";
  EXPECT_NEAR(*r.conversion_high, 2.70074, 1e-4);
  EXPECT_EQ(*r.low, 0);
  EXPECT_EQ(*r.high, 540);
}

TEST(PresaleRecommendTest, ThreePastPresalesGiveAStudentTPredictionInterval) {
  // mean 0.5, sd 0.1, t(2) = 4.303, half = 4.303 * 0.1 * sqrt(4/3) = 0.496867:
  // 0.003133 .. 0.996867 of 200 interest = 0.63 -> 1 .. 199.37 -> 199.
  auto r = presale::Recommend(200, {0.4, 0.5, 0.6});
  EXPECT_EQ(r.recommended, 100);
  EXPECT_NEAR(*r.conversion_low, 0.003133, 1e-5);
  EXPECT_NEAR(*r.conversion_high, 0.996867, 1e-5);
  EXPECT_EQ(*r.low, 1);
  EXPECT_EQ(*r.high, 199);
  // The articles' shop: 1,000 likes, past conversions 0.45, 0.5, 0.55, 0.5:
  // mean 0.5, sd 0.040825, t(3) = 3.182, half = 3.182 * 0.040825 * sqrt(1.25)
  // = 0.145237 -> 355 .. 645.
  auto live = presale::Recommend(1000, {0.45, 0.5, 0.55, 0.5});
  EXPECT_EQ(live.recommended, 500);
  EXPECT_EQ(*live.low, 355);
  EXPECT_EQ(*live.high, 645);
  EXPECT_DOUBLE_EQ(presale::TwoSidedT95(1), 12.706);
  EXPECT_DOUBLE_EQ(presale::TwoSidedT95(30), 2.042);
  EXPECT_DOUBLE_EQ(presale::TwoSidedT95(500), 1.960);
}

// --- on a database ---

class PresaleTest : public testing::ShopFixture {
 protected:
  PresaleTest()
      : sales_(clock_, ids_),
        votes_(clock_, ids_),
        outreach_(clock_, ids_),
        w_{sales_, votes_, outreach_} {}

  void SetUp() override {
    ShopFixture::SetUp();
    dispatcher_ = std::make_unique<events::Dispatcher>(
        db(), clock_, std::vector<events::Handler>{PresaleHandler(w_)});
    ASSERT_TRUE(dispatcher_->CreateCursors());
  }

  // Interest for a day, orders for a day, (balance a day later for a day), ship after.
  presale::Presale Sale(SkuId sku, Fen price, std::optional<Fen> deposit,
                        std::optional<std::int64_t> quantity = std::nullopt, int limit = 5) {
    auto product = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return m_.catalog.GetSku(tx, merchant_, sku); });
    EXPECT_TRUE(product);
    Timestamp now = clock_.Now();
    PresaleRequest in;
    in.product_id = product->product_id;
    in.title = "新款连衣裙";
    in.prices = {{sku, price}};
    in.deposit = deposit;
    in.quantity = quantity;
    in.per_customer_limit = limit;
    in.interest_starts_at = now;
    in.order_starts_at = now + kDay;
    in.order_ends_at = now + 2 * kDay;
    if (deposit) {
      in.balance_starts_at = now + 3 * kDay;
      in.balance_ends_at = now + 4 * kDay;
    }
    in.ship_at = now + 5 * kDay;
    auto p = storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CreatePresale(tx, m_, w_, merchant_, in); });
    EXPECT_TRUE(p) << p.error().message;
    return *p;
  }

  Result<InterestOutcome> Like(const presale::Presale& p, CustomerId c) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) {
      return RegisterPresaleInterest(tx, w_, merchant_, p.id, c, presale::InterestKind::kLike);
    });
  }

  Result<PresaleOrderPlaced> Buy(const presale::Presale& p, CustomerId c, SkuId sku, Payment pay,
                                 std::int64_t qty = 1) {
    PresaleOrderRequest req;
    req.merchant_id = merchant_;
    req.presale_id = p.id;
    req.sku_id = sku;
    req.quantity = qty;
    req.payment = pay;
    req.customer = c;
    req.buyer = order::Buyer{"买家", "1390000" + std::to_string(1000 + c.value() % 9000), "湖南",
                             "长沙市岳麓区 1 号", ""};
    auto prepared = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return PreparePresaleOrder(tx, m_, w_, req, clock_.Now()); });
    if (!prepared) return Fail(prepared.error());
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CommitPresaleOrder(tx, m_, w_, *prepared); });
  }

  Result<PresaleOrderPlaced> Balance(OrderId deposit, CustomerId c) {
    auto prepared = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return PrepareBalanceOrder(tx, m_, w_, merchant_, deposit, c, clock_.Now());
    });
    if (!prepared) return Fail(prepared.error());
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CommitBalanceOrder(tx, m_, w_, *prepared); });
  }

  void Deliver() {
    auto ran = dispatcher_->RunOnce();
    ASSERT_TRUE(ran) << ran.error().message;
  }

  presale::Presale Get(PresaleId id) {
    auto p =
        storage::ReadValue(db(), [&](storage::Tx& tx) { return sales_.Get(tx, merchant_, id); });
    EXPECT_TRUE(p);
    return *p;
  }
  presale::PresaleOrder Entry(OrderId id) {
    auto o = storage::ReadValue(
        db(), [&](storage::Tx& tx) { return sales_.GetOrder(tx, merchant_, id); });
    EXPECT_TRUE(o) << o.error().message;
    return *o;
  }

  Result<order::Order> Ship(OrderId id) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) {
      return ShipOrder(tx, m_, merchant_, id, "顺丰速运", "SF200", "system");
    });
  }

  std::int64_t Count(const std::string& sql) {
    auto n = storage::ReadValue(db(), [&](storage::Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne(sql, {merchant_});
      if (!row) return Fail(row.error());
      return (**row).Int(0);
    });
    EXPECT_TRUE(n);
    return *n;
  }

  std::int64_t Messages(CustomerId c) {
    auto n = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return outreach_.Messages(tx, merchant_, c, std::nullopt, 100);
    });
    EXPECT_TRUE(n);
    return static_cast<std::int64_t>(n->size());
  }

  presale::PresaleService sales_;
  votes::VoteService votes_;
  outreach::OutreachService outreach_;
  PresaleWiring w_;
  std::unique_ptr<events::Dispatcher> dispatcher_;
};

constexpr CustomerId kAnn{9001}, kBob{9002}, kCat{9003};

TEST_F(PresaleTest, OneInterestPerCustomerAndOnlyWhileCollecting) {
  SkuId dress = MakeSku("连衣裙", 19900, 0);
  auto p = Sale(dress, 16900, std::nullopt);
  auto first = Like(p, kAnn);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->added);
  auto again = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return RegisterPresaleInterest(tx, w_, merchant_, p.id, kAnn,
                                   presale::InterestKind::kReservation);
  });
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->added) << "a repeat, of either kind, changes nothing";
  ASSERT_TRUE(Like(p, kBob));
  EXPECT_EQ(Get(p.id).interest, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM presale_interest WHERE merchant_id = ?"), 2);
  clock_.Advance(2 * kDay);
  auto late = Like(p, kCat);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, presale::errors::kNotCollecting);
  // Another merchant's pre-sale is not found.
  auto other = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return RegisterPresaleInterest(tx, w_, MerchantId(merchant_.value() + 999), p.id, kCat,
                                   presale::InterestKind::kLike);
  });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, presale::errors::kNotFound);
}

TEST_F(PresaleTest, RulesOfCreation) {
  SkuId dress = MakeSku("连衣裙", 19900, 0);
  SkuId foreign = MakeSku("别的", 100, 0);
  auto product = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.catalog.GetSku(tx, merchant_, dress); });
  ASSERT_TRUE(product);
  Timestamp now = clock_.Now();
  PresaleRequest in;
  in.product_id = product->product_id;
  in.title = "预售";
  in.prices = {{dress, 16900}};
  in.interest_starts_at = now;
  in.order_starts_at = now + kDay;
  in.order_ends_at = now + 2 * kDay;
  in.ship_at = now + 3 * kDay;
  auto create = [&](const PresaleRequest& r) {
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return CreatePresale(tx, m_, w_, merchant_, r); });
  };
  ASSERT_TRUE(create(in));
  auto bad = in;
  bad.deposit = 16900;
  bad.balance_starts_at = now + 2 * kDay;
  bad.balance_ends_at = now + 3 * kDay;
  EXPECT_EQ(create(bad).error().code, presale::errors::kInvalidField) << "deposit below the price";
  bad.deposit = 5000;
  bad.balance_starts_at = std::nullopt;
  EXPECT_EQ(create(bad).error().code, presale::errors::kInvalidField)
      << "a deposit needs a balance";
  bad = in;
  bad.order_ends_at = bad.order_starts_at;
  EXPECT_EQ(create(bad).error().code, presale::errors::kInvalidField);
  bad = in;
  bad.prices = {{foreign, 50}};
  EXPECT_EQ(create(bad).error().code, presale::errors::kSkuNotInPresale);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM attribution_campaign WHERE merchant_id = ? AND kind ="
                  " 'presale'"),
            1)
      << "the pre-sale is a growth campaign its links credit";
}

TEST_F(PresaleTest, FullPaymentOrdersAtThePresalePriceShipFromTheShipDate) {
  SkuId dress = MakeSku("连衣裙", 19900, 10);
  auto p = Sale(dress, 16900, std::nullopt);
  auto early = Buy(p, kAnn, dress, Payment::kFull);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, presale::errors::kNotOpen) << "orders open after the interest";
  clock_.Advance(kDay);
  auto deposit = Buy(p, kAnn, dress, Payment::kDeposit);
  ASSERT_FALSE(deposit);
  EXPECT_EQ(deposit.error().code, presale::errors::kNoDeposit);
  auto o = Buy(p, kAnn, dress, Payment::kFull, 2);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->order.lines.at(0).unit_price, 16900);
  EXPECT_EQ(o->order.totals.merchandise_total, 33800);
  EXPECT_LE(o->order.pay_deadline, p.order_ends_at);
  EXPECT_EQ(Stock(dress), 8);
  EXPECT_EQ(Get(p.id).sold, 2);
  auto over = Buy(p, kAnn, dress, Payment::kFull, 4);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, presale::errors::kLimitReached) << "5 per customer";
  PaySandbox(o->order);
  Deliver();
  EXPECT_EQ(Entry(o->order.id).state, OrderState::kPaid);
  EXPECT_EQ(Get(p.id).paid_orders, 1);
  auto before = Ship(o->order.id);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, presale::errors::kBeforeShipDate);
  clock_.Advance(4 * kDay);
  auto shipped = Ship(o->order.id);
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(shipped->status, order::Status::kShipped);
}

TEST_F(PresaleTest, ADepositAsksForTheBalanceWhichShipsWithIt) {
  SkuId dress = MakeSku("连衣裙", 19900, 10);
  auto p = Sale(dress, 16900, Fen{5000});
  clock_.Advance(kDay);
  auto o = Buy(p, kAnn, dress, Payment::kDeposit);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->order.lines.at(0).unit_price, 5000) << "the deposit";
  PaySandbox(o->order);
  Deliver();
  EXPECT_EQ(Entry(o->order.id).state, OrderState::kDepositPaid);
  EXPECT_EQ(Get(p.id).paid_orders, 0) << "a deposit alone is not a paid order";
  auto not_yet = Balance(o->order.id, kAnn);
  ASSERT_FALSE(not_yet);
  EXPECT_EQ(not_yet.error().code, presale::errors::kBalanceNotOpen);

  Scheduler jobs(db(), m_, clock_, PresaleJobs(w_));
  clock_.Advance(2 * kDay);  // the balance period opens
  EXPECT_EQ(Messages(kAnn), 0);
  jobs.RunOnce();
  EXPECT_EQ(Messages(kAnn), 1) << "asked for the balance in the message centre";
  jobs.RunOnce();
  EXPECT_EQ(Messages(kAnn), 1) << "once";

  auto stranger = Balance(o->order.id, kBob);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, presale::errors::kOrderNotFound);
  auto b = Balance(o->order.id, kAnn);
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->order.lines.at(0).unit_price, 11900) << "price - deposit";
  EXPECT_EQ(b->order.totals.postage, 0);
  EXPECT_EQ(b->order.pay_deadline, *p.balance_ends_at);
  EXPECT_EQ(Stock(dress), 9) << "the balance order takes no stock: the deposit holds the unit";
  auto twice = Balance(o->order.id, kAnn);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, presale::errors::kBalancePending);
  auto unpaid_ship = Ship(o->order.id);
  ASSERT_FALSE(unpaid_ship);
  EXPECT_EQ(unpaid_ship.error().code, presale::errors::kBalanceUnpaid);
  PaySandbox(b->order);
  Deliver();
  EXPECT_EQ(Entry(o->order.id).state, OrderState::kBalancePaid);
  EXPECT_EQ(Get(p.id).paid_orders, 1);
  auto alone = Ship(b->order.id);
  ASSERT_FALSE(alone);
  EXPECT_EQ(alone.error().code, presale::errors::kShipsWithDeposit);
  clock_.Advance(2 * kDay);  // past the ship date
  jobs.RunOnce();
  auto shipped = Ship(o->order.id);
  ASSERT_TRUE(shipped) << shipped.error().message;
  EXPECT_EQ(Load(b->order.id).status, order::Status::kShipped) << "the balance ships with it";
  EXPECT_EQ(Stock(dress), 9);
}

TEST_F(PresaleTest, AnUnpaidBalanceReleasesTheReservationAndRefundsTheDepositOnce) {
  SkuId dress = MakeSku("连衣裙", 19900, 10);
  auto p = Sale(dress, 16900, Fen{5000}, /*quantity=*/3);
  clock_.Advance(kDay);
  auto ann = Buy(p, kAnn, dress, Payment::kDeposit, 2);
  ASSERT_TRUE(ann);
  auto bob = Buy(p, kBob, dress, Payment::kDeposit, 1);
  ASSERT_TRUE(bob);
  PaySandbox(ann->order);
  PaySandbox(bob->order);
  Deliver();
  EXPECT_EQ(Stock(dress), 7);
  EXPECT_EQ(Get(p.id).sold, 3);
  clock_.Advance(2 * kDay + kHour);
  auto b = Balance(ann->order.id, kAnn);  // asked for, never paid
  ASSERT_TRUE(b);
  auto bob_balance = Balance(bob->order.id, kBob);
  ASSERT_TRUE(bob_balance);
  PaySandbox(bob_balance->order);
  Deliver();

  std::vector<Job> all = PresaleJobs(w_);
  for (auto& j : OrderJobs()) all.push_back(std::move(j));
  Scheduler jobs(db(), m_, clock_, std::move(all));
  clock_.Advance(kDay);  // the balance period has ended
  jobs.RunOnce();
  Deliver();
  jobs.RunOnce();
  Deliver();
  presale::PresaleOrder released = Entry(ann->order.id);
  EXPECT_EQ(released.state, OrderState::kReleased);
  EXPECT_EQ(Entry(bob->order.id).state, OrderState::kBalancePaid) << "Bob paid: untouched";
  EXPECT_EQ(Load(b->order.id).status, order::Status::kCancelled);
  order::Order deposit = Load(ann->order.id);
  EXPECT_EQ(deposit.status, order::Status::kCancelled);
  EXPECT_EQ(deposit.refunded_total, deposit.totals.total) << "the deposit back in full";
  auto pay = storage::ReadValue(db(), [&](storage::Tx& tx) {
    return m_.payments.GetSucceeded(tx, merchant_, ann->order.id);
  });
  ASSERT_TRUE(pay);
  EXPECT_EQ(pay->refunded, pay->amount);
  EXPECT_EQ(Stock(dress), 9) << "Ann's two units back once, the balance order put none back";
  EXPECT_EQ(Get(p.id).sold, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_refund WHERE merchant_id = ?"), 1);
  jobs.RunOnce();
  Deliver();
  EXPECT_EQ(Stock(dress), 9);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_refund WHERE merchant_id = ?"), 1);
}

TEST_F(PresaleTest, RacingBuyersNeverOversellTheQuantity) {
  constexpr int kBuyers = 12;
  SkuId dress = MakeSku("连衣裙", 19900, 100);
  auto p = Sale(dress, 16900, std::nullopt, /*quantity=*/5, /*limit=*/1);
  clock_.Advance(kDay);
  std::atomic<int> bought{0}, sold_out{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      auto r = Buy(p, CustomerId(9100 + i), dress, Payment::kFull);
      if (r) {
        ++bought;
      } else if (r.error().code == presale::errors::kSoldOut) {
        ++sold_out;
      } else {
        ++other;
        ADD_FAILURE() << r.error().code << ": " << r.error().message;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(bought.load(), 5);
  EXPECT_EQ(sold_out.load(), kBuyers - 5);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Get(p.id).sold, 5);
  EXPECT_EQ(Stock(dress), 95) << "refused buyers took no stock";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM presale_order WHERE merchant_id = ?"), 5);
}

TEST_F(PresaleTest, TheRecommendationReadsThisMerchantsSettledPresales) {
  SkuId dress = MakeSku("连衣裙", 19900, 10);
  auto past1 = Sale(dress, 16900, std::nullopt);
  auto past2 = Sale(dress, 16900, std::nullopt);
  auto current = Sale(dress, 16900, std::nullopt);
  auto set = [&](PresaleId id, int interest, int paid) {
    ASSERT_TRUE(db().Write([&](storage::Tx& tx) -> Result<void> {
      auto ok = tx.Exec("UPDATE presale_sale SET interest_count = ?, paid_orders = ? WHERE id = ?",
                        {interest, paid, id});
      if (!ok) return Fail(ok.error());
      return {};
    }));
  };
  set(past1.id, 100, 40);
  set(past2.id, 50, 30);
  set(current.id, 200, 0);
  auto rec = [&] {
    auto r = storage::ReadValue(db(), [&](storage::Tx& tx) -> Result<presale::Recommendation> {
      auto p = sales_.Get(tx, merchant_, current.id);
      if (!p) return Fail(p.error());
      return sales_.RecommendFor(tx, *p);
    });
    EXPECT_TRUE(r);
    return *r;
  };
  EXPECT_EQ(rec().basis, "default") << "none has settled yet";
  EXPECT_EQ(rec().recommended, 100);
  clock_.Advance(2 * kDay);  // all three settle (no deposit: at the end of orders)
  auto r = rec();
  EXPECT_EQ(r.history, 2) << "the current pre-sale is not its own history";
  EXPECT_NEAR(r.conversion, 0.5, 1e-12) << "(0.4 + 0.6) / 2";
  EXPECT_EQ(r.recommended, 100);
  EXPECT_EQ(*r.high, 540);
}

// --- votes ---

TEST_F(PresaleTest, OneVotePerCustomerPerCandidateAndWinnersBecomePresalesInOneStep) {
  votes::VoteInput in;
  in.title = "下一款做什么？";
  in.candidates = {{"碎花款", "夏天", {"https://img.example/a.jpg"}},
                   {"条纹款", "", {"https://img.example/b.jpg", "https://img.example/b2.jpg"}}};
  auto v = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return CreateVote(tx, m_, w_, merchant_, in, true); });
  ASSERT_TRUE(v) << v.error().message;
  VoteCandidateId floral = v->candidates[0].id, stripe = v->candidates[1].id;
  auto cast = [&](CustomerId c, VoteCandidateId cand) {
    return storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<bool> {
      auto vote = votes_.Get(tx, merchant_, v->id);
      if (!vote) return Fail(vote.error());
      return votes_.Cast(tx, *vote, cand, c);
    });
  };
  EXPECT_TRUE(*cast(kAnn, floral));
  EXPECT_FALSE(*cast(kAnn, floral)) << "one vote per customer per candidate";
  EXPECT_TRUE(*cast(kAnn, stripe)) << "another candidate is another vote";
  EXPECT_TRUE(*cast(kBob, floral));
  auto counted =
      storage::ReadValue(db(), [&](storage::Tx& tx) { return votes_.Get(tx, merchant_, v->id); });
  ASSERT_TRUE(counted);
  EXPECT_EQ(counted->candidates[0].votes, 2);
  EXPECT_EQ(counted->candidates[1].votes, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM votes_ballot WHERE merchant_id = ?"), 3);
  auto unknown = cast(kAnn, VoteCandidateId(123456));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, votes::errors::kCandidateNotFound);

  Timestamp now = clock_.Now();
  ConvertRequest conv;
  conv.winners = {{floral, 12900, Fen{3000}, 50}};
  conv.interest_starts_at = now;
  conv.order_starts_at = now + kDay;
  conv.order_ends_at = now + 2 * kDay;
  conv.balance_starts_at = now + 2 * kDay;
  conv.balance_ends_at = now + 3 * kDay;
  conv.ship_at = now + 4 * kDay;
  conv.staff = staff_;
  auto done = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return ConvertWinners(tx, m_, w_, merchant_, v->id, conv); });
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_EQ(done->size(), 1u);
  const Converted& c = done->front();
  EXPECT_EQ(c.voters_credited, 2);
  EXPECT_EQ(c.sale.title, "碎花款");
  EXPECT_EQ(c.sale.image_url, "https://img.example/a.jpg");
  EXPECT_TRUE(c.sale.candidate == floral);
  EXPECT_EQ(c.sale.deposit, 3000);
  auto product = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.catalog.GetProduct(tx, merchant_, c.product_id); });
  ASSERT_TRUE(product);
  EXPECT_EQ(product->status, catalog::ProductStatus::kOnSale);
  EXPECT_EQ(product->skus.at(0).price, 12900);
  EXPECT_EQ(Stock(product->skus.at(0).id), 50);
  EXPECT_EQ(Messages(kAnn), 1) << "told their style opens";
  EXPECT_EQ(Messages(kBob), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM crm_interaction WHERE merchant_id = ?"), 2)
      << "each voter credited on their profile";
  auto again = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return ConvertWinners(tx, m_, w_, merchant_, v->id, conv); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, votes::errors::kAlreadyConverted);
  // A voter registers interest and orders the new pre-sale.
  auto liked = Like(c.sale, kAnn);
  ASSERT_TRUE(liked) << liked.error().message;
  clock_.Advance(kDay);
  auto bought = Buy(c.sale, kAnn, product->skus.at(0).id, Payment::kDeposit);
  ASSERT_TRUE(bought) << bought.error().message;
  EXPECT_EQ(bought->order.totals.merchandise_total, 3000);

  auto closed = storage::WriteValue(
      db(), [&](storage::Tx& tx) { return votes_.Close(tx, merchant_, v->id); });
  ASSERT_TRUE(closed);
  auto late = cast(kCat, stripe);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, votes::errors::kClosed);
}

}  // namespace
}  // namespace weishang::workflows
