#include "cli/demo_vouchers.h"

#include "cli/demo_growth.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/orders/order_flows.h"
#include "workflows/vouchers/voucher_flows.h"

namespace weishang::cli {
namespace {

struct Friend {
  const char* name;
  const char* phone;
  const char* address;
};

// Pays an order as the shop confirms a WeChat transfer.
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

Result<DemoVouchers> SeedDemoVouchers(storage::Database& db, workflows::Modules& m,
                                      IdGenerator& ids, FakeClock& clock, MerchantId merchant,
                                      StaffId staff, CustomerId seed, SkuId sku,
                                      const std::function<Result<void>()>& deliver) {
  vouchers::VoucherService service(clock, ids);
  workflows::VoucherWiring w{service};
  Timestamp start = clock.Now();
  clock.Set(start - 3 * kDay);
  auto mask =
      storage::ReadValue(db, [&](storage::Tx& tx) { return m.catalog.GetSku(tx, merchant, sku); });
  if (!mask) return Fail(mask.error());
  workflows::VoucherCampaignRequest in;
  in.title = "补水面膜 9.9 元体验券";
  in.product_id = mask->product_id;
  in.sku_id = sku;
  in.benefit = vouchers::Benefit::kTrialPrice;
  in.value = 990;
  in.budget = 200000;
  in.starts_at = clock.Now();
  in.ends_at = start + 30 * kDay;
  auto campaign = storage::WriteValue(db, [&](storage::Tx& tx) {
    return workflows::CreateVoucherCampaign(tx, m, w, merchant, in);
  });
  if (!campaign) return Fail(campaign.error());

  // 王芳 buys another box of masks: three vouchers to pass on.
  auto li =
      storage::ReadValue(db, [&](storage::Tx& tx) { return m.customers.Get(tx, merchant, seed); });
  if (!li) return Fail(li.error());
  workflows::PlaceOrderRequest again;
  again.quote.merchant_id = merchant;
  again.quote.lines = {{sku, 1}};
  again.buyer =
      order::Buyer{li->display_name, li->phone, "湖南", "长沙市岳麓区麓谷大道 8 号 3 楼", ""};
  auto prepared = storage::ReadValue(
      db, [&](storage::Tx& tx) { return workflows::PrepareOrder(tx, m, again, clock.Now()); });
  if (!prepared) return Fail(prepared.error());
  auto bought = storage::WriteValue(
      db, [&](storage::Tx& tx) { return workflows::CommitOrder(tx, m, *prepared); });
  if (!bought) return Fail(bought.error());
  if (auto ok = Pay(db, m, merchant, staff, *bought); !ok) return Fail(ok.error());
  if (auto ok = deliver(); !ok) return Fail(ok.error());

  // A friend opens a voucher's link on their phone, signs in, claims it,
  // orders at the trial price and pays (or only claims it).
  auto redeem = [&](CustomerId giver, int index, const Friend& f, bool order) -> Result<void> {
    clock.Advance(7 * kHour);
    auto given = storage::ReadValue(
        db, [&](storage::Tx& tx) { return service.GivenTo(tx, merchant, giver); });
    if (!given) return Fail(given.error());
    if (static_cast<int>(given->size()) <= index) {
      return Fail(Internal("demo.no_voucher", "the demo's giver holds too few vouchers"));
    }
    const vouchers::Voucher& v = (*given)[given->size() - 1 - index];
    std::string device = std::string("demo-voucher-") + f.phone;
    auto placed =
        storage::WriteValue(db, [&](storage::Tx& tx) -> Result<std::optional<order::Order>> {
          auto code = workflows::ShareCode(tx, m, merchant, giver, campaign->growth_campaign_id);
          if (!code) return Fail(code.error());
          auto seen = workflows::RecordVisit(tx, m, merchant, device, *code, "/vouchers/" + v.token,
                                             std::nullopt);
          if (!seen) return Fail(seen.error());
          auto who = DemoSignIn(tx, m, merchant, device, f.name, f.phone);
          if (!who) return Fail(who.error());
          auto claimed = workflows::ClaimVoucher(tx, m, w, merchant, v.token, *who, device);
          if (!claimed) return Fail(claimed.error());
          if (!order) return std::optional<order::Order>();
          workflows::VoucherOrderRequest req;
          req.merchant_id = merchant;
          req.token = v.token;
          req.customer = who->id;
          req.buyer = order::Buyer{f.name, f.phone, "湖南", f.address, ""};
          req.visitor = device;
          auto p = workflows::PrepareVoucherOrder(tx, m, w, req, clock.Now());
          if (!p) return Fail(p.error());
          auto o = workflows::CommitVoucherOrder(tx, m, w, *p);
          if (!o) return Fail(o.error());
          return std::optional<order::Order>(std::move(*o));
        });
    if (!placed) return Fail(placed.error());
    if (*placed) {
      if (auto ok = Pay(db, m, merchant, staff, **placed); !ok) return Fail(ok.error());
    }
    return deliver();
  };
  auto customer_of = [&](const char* phone) -> Result<CustomerId> {
    auto c = storage::ReadValue(db, [&](storage::Tx& tx) {
      return m.customers.FindByIdentity(tx, merchant, {customers::IdentityKind::kPhone, phone});
    });
    if (!c) return Fail(c.error());
    if (!*c) return Fail(Internal("demo.no_customer", "a demo voucher friend is missing"));
    return (*c)->id;
  };
  const Friend kXu{"许可", "13811138031", "长沙市雨花区韶山中路 18 号"};
  const Friend kMeng{"孟瑶", "13811138032", "长沙市天心区湘府路 66 号"};
  const Friend kJiang{"江楠", "13811138033", "株洲市天元区长江北路 9 号"};
  const Friend kQin{"秦川", "13811138034", "湘潭市岳塘区建设路 3 号"};
  if (auto ok = redeem(seed, 0, kXu, true); !ok) return Fail(ok.error());
  if (auto ok = redeem(seed, 1, kMeng, true); !ok) return Fail(ok.error());
  auto meng = customer_of(kMeng.phone);
  if (!meng) return Fail(meng.error());
  if (auto ok = redeem(*meng, 0, kJiang, true); !ok) return Fail(ok.error());
  if (auto ok = redeem(seed, 2, kQin, false); !ok) return Fail(ok.error());
  clock.Set(start);
  return DemoVouchers{campaign->id};
}

}  // namespace weishang::cli
