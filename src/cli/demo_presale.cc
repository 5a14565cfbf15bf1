#include "cli/demo_presale.h"

#include "workflows/orders/order_flows.h"
#include "workflows/presale/presale_flows.h"

namespace weishang::cli {
namespace {

Result<order::Order> Order(storage::Database& db, workflows::Modules& m,
                           workflows::PresaleWiring& w, FakeClock& clock, MerchantId merchant,
                           const presale::Presale& sale, SkuId sku, const DemoBuyer& who,
                           presale::Payment payment) {
  workflows::PresaleOrderRequest req;
  req.merchant_id = merchant;
  req.presale_id = sale.id;
  req.sku_id = sku;
  req.quantity = 1;
  req.payment = payment;
  req.customer = who.id;
  req.buyer = order::Buyer{who.name, who.phone, "湖南", "长沙市岳麓区麓谷大道 8 号", ""};
  auto prepared = storage::ReadValue(db, [&](storage::Tx& tx) {
    return workflows::PreparePresaleOrder(tx, m, w, req, clock.Now());
  });
  if (!prepared) return Fail(prepared.error());
  auto placed = storage::WriteValue(
      db, [&](storage::Tx& tx) { return workflows::CommitPresaleOrder(tx, m, w, *prepared); });
  if (!placed) return Fail(placed.error());
  return placed->order;
}

Result<void> Pay(storage::Database& db, workflows::Modules& m, MerchantId merchant, StaffId staff,
                 const order::Order& o) {
  return db.Write([&](storage::Tx& tx) -> Result<void> {
    auto paid = workflows::ConfirmManualPayment(tx, m, merchant, o.id, o.totals.total, "transfer",
                                                "微信转账", staff);
    if (!paid) return Fail(paid.error());
    return {};
  });
}

}  // namespace

Result<DemoPresales> SeedDemoPresales(storage::Database& db, workflows::Modules& m,
                                      IdGenerator& ids, FakeClock& clock, MerchantId merchant,
                                      StaffId staff, SkuId sku,
                                      const std::vector<DemoBuyer>& buyers,
                                      const std::function<Result<void>()>& deliver) {
  if (buyers.size() < 4) return Fail(Internal("demo.buyers", "the pre-sales need four customers"));
  presale::PresaleService sales(clock, ids);
  votes::VoteService ballots(clock, ids);
  outreach::OutreachService messages(clock, ids);
  workflows::PresaleWiring w{sales, ballots, messages};
  Timestamp now = clock.Now();
  auto for_sale =
      storage::ReadValue(db, [&](storage::Tx& tx) { return m.catalog.GetSku(tx, merchant, sku); });
  if (!for_sale) return Fail(for_sale.error());
  auto product = storage::ReadValue(db, [&](storage::Tx& tx) {
    return m.catalog.GetProduct(tx, merchant, for_sale->product_id);
  });
  if (!product) return Fail(product.error());
  std::string picture = product->main_image ? product->main_image->url : std::string();
  auto make = [&](const char* title, Timestamp from, std::optional<Fen> deposit) {
    workflows::PresaleRequest in;
    in.product_id = product->id;
    in.title = title;
    in.prices = {{sku, for_sale->price}};
    in.deposit = deposit;
    in.quantity = 100;
    in.interest_starts_at = from;
    in.order_starts_at = from + 2 * kDay;
    in.order_ends_at = from + 9 * kDay;
    if (deposit) {
      in.balance_starts_at = from + 10 * kDay;
      in.balance_ends_at = from + 12 * kDay;
    }
    in.ship_at = from + 14 * kDay;
    return storage::WriteValue(
        db, [&](storage::Tx& tx) { return workflows::CreatePresale(tx, m, w, merchant, in); });
  };
  auto interest = [&](const presale::Presale& p, std::size_t n) -> Result<void> {
    return db.Write([&](storage::Tx& tx) -> Result<void> {
      for (std::size_t i = 0; i < n && i < buyers.size(); ++i) {
        auto kind = i % 2 == 0 ? presale::InterestKind::kLike : presale::InterestKind::kReservation;
        auto ok = workflows::RegisterPresaleInterest(tx, w, merchant, p.id, buyers[i].id, kind);
        if (!ok) return Fail(ok.error());
      }
      return {};
    });
  };
  DemoPresales out;

  // Last fortnight's: four interested, two paid in full and shipped.
  clock.Set(now - 20 * kDay);
  auto settled = make("中秋礼盒预售", clock.Now(), std::nullopt);
  if (!settled) return Fail(settled.error());
  out.settled = settled->id;
  if (auto ok = interest(*settled, 4); !ok) return Fail(ok.error());
  clock.Set(now - 17 * kDay);
  std::vector<order::Order> shipped;
  for (std::size_t i = 0; i < 2; ++i) {
    auto o =
        Order(db, m, w, clock, merchant, *settled, sku, buyers[i + 2], presale::Payment::kFull);
    if (!o) return Fail(o.error());
    if (auto ok = Pay(db, m, merchant, staff, *o); !ok) return Fail(ok.error());
    shipped.push_back(*o);
  }
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  clock.Set(now - 6 * kDay + kHour);
  for (const auto& o : shipped) {
    auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
      auto s = workflows::ShipOrder(tx, m, merchant, o.id, "顺丰速运",
                                    "SF" + std::to_string(o.id.value() % 10'000'000'000), "demo");
      if (!s) return Fail(s.error());
      return {};
    });
    if (!ok) return Fail(ok.error());
  }

  // Today's: collecting interest since yesterday, orders open today with a deposit.
  clock.Set(now - 2 * kDay);
  auto live = make("新品桂花糕预售", clock.Now(), Fen{500});
  if (!live) return Fail(live.error());
  out.live = live->id;
  if (auto ok = interest(*live, 3); !ok) return Fail(ok.error());
  clock.Set(now);
  auto deposit =
      Order(db, m, w, clock, merchant, *live, sku, buyers[1], presale::Payment::kDeposit);
  if (!deposit) return Fail(deposit.error());
  if (auto ok = Pay(db, m, merchant, staff, *deposit); !ok) return Fail(ok.error());
  auto full = Order(db, m, w, clock, merchant, *live, sku, buyers[1], presale::Payment::kFull);
  if (!full) return Fail(full.error());

  // An open vote on three styles.
  votes::VoteInput vin;
  vin.title = "下一款礼盒选哪个？";
  vin.description = "得票最高的款式会开放预售，投票的朋友第一时间收到通知。";
  std::string pic = picture.empty() ? "/media/demo-style.png" : picture;
  vin.candidates = {{"桂花糯米藕礼盒", "软糯香甜，适合送长辈", {pic}},
                    {"香辣小鱼仔家庭装", "办公室分享装", {pic}},
                    {"臭豆腐尝鲜装", "长沙风味，真空小包", {pic}}};
  auto vote = storage::WriteValue(
      db, [&](storage::Tx& tx) { return workflows::CreateVote(tx, m, w, merchant, vin, true); });
  if (!vote) return Fail(vote.error());
  out.vote = vote->id;
  const int picks[][2] = {{0, 0}, {1, 0}, {2, 0}, {3, 1}, {0, 1}, {1, 2}};
  auto cast = db.Write([&](storage::Tx& tx) -> Result<void> {
    for (const auto& p : picks) {
      auto ok = ballots.Cast(tx, *vote, vote->candidates[p[1]].id, buyers[p[0]].id);
      if (!ok) return Fail(ok.error());
    }
    return {};
  });
  if (!cast) return Fail(cast.error());
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  return out;
}

}  // namespace weishang::cli
