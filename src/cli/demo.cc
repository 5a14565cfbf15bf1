// The demo shop, in the spirit of the source articles: a Hunan snack shop
// that sells salted duck to office workers, plus shampoo and facial masks
// with short consumption cycles (the repurchase products). Orders are placed
// through the same workflows as real ones, on a clock set in the past, so
// every state of the lifecycle is present and consistent.
#include "cli/demo.h"

#include <cstdio>
#include <filesystem>

#include "cli/demo_crm.h"
#include "cli/demo_growth.h"
#include "cli/demo_moments.h"
#include "cli/demo_outreach.h"
#include "cli/demo_presale.h"
#include "cli/demo_reminders.h"
#include "cli/demo_vouchers.h"
#include "cli/registry.h"
#include "core/crypto.h"
#include "workflows/aftersales/aftersales_flows.h"
#include "workflows/attribution/attribution_flows.h"
#include "workflows/checkout/checkout.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/orders/order_flows.h"

namespace weishang::cli {
namespace {

// A published demo credential, printed at start; not a secret.
constexpr const char* kDemoPassword = "weishang-demo";

struct DemoProduct {
  const char* title;
  const char* subtitle;
  const char* category;
  std::int64_t cycle_days;
  std::vector<std::pair<const char*, Fen>> skus;  // spec value, price
  std::int64_t stock;
};

const std::vector<DemoProduct>& Products() {
  static const std::vector<DemoProduct> kProducts = {
      {"湘味咸鸭 办公室零食",
       "洞庭湖麻鸭，古法腌制，开袋即食",
       "零食 Snacks",
       0,
       {{"3只装", 3900}, {"6只装", 6900}},
       500},
      {"香辣鸭脖 200g",
       "加班时的一口辣，微辣不上火",
       "零食 Snacks",
       0,
       {{"微辣", 1990}, {"特辣", 1990}},
       800},
      {"控油洗发水 500ml", "三天不塌，一瓶用一个月", "洗护 Hair care", 30, {{"500ml", 5900}}, 300},
      {"补水面膜 10片",
       "每晚一片，十天见效",
       "护肤 Skin care",
       10,
       {{"10片装", 4990}, {"30片装", 12900}},
       400},
      {"湘味礼盒",
       "咸鸭+鸭脖+腊肉，送客户不丢面子",
       "礼盒 Gift boxes",
       0,
       {{"标准装", 16800}},
       120},
  };
  return kProducts;
}

struct Customer {
  const char* name;
  const char* phone;
  const char* region;
  const char* address;
};

const Customer kCustomers[] = {
    {"李娜", "13800138001", "湖南", "长沙市岳麓区麓谷大道 8 号 3 楼"},
    {"王芳", "13900139002", "广东", "深圳市南山区科技园 12 栋"},
    {"张伟", "13700137003", "上海", "浦东新区张江路 99 号"},
    {"刘洋", "13600136004", "北京", "海淀区中关村大街 1 号"},
    {"陈静", "13500135005", "浙江", "杭州市西湖区文三路 5 号"},
    {"杨帆", "13400134006", "四川", "成都市高新区天府大道 100 号"},
    {"周敏", "13100131009", "湖南", "长沙市开福区芙蓉中路 1 号"},  // referred by 李娜
};

Result<std::vector<SkuId>> SeedCatalog(storage::Tx& tx, workflows::Modules& m,
                                       MerchantId merchant) {
  std::map<std::string, CategoryId> categories;
  std::vector<ProductId> products;
  std::vector<SkuId> skus;
  for (const auto& d : Products()) {
    if (!categories.count(d.category)) {
      auto c = m.catalog.CreateCategory(tx, merchant, d.category,
                                        static_cast<std::int64_t>(categories.size()));
      if (!c) return Fail(c.error());
      categories[d.category] = c->id;
    }
    catalog::ProductInput in;
    in.title = d.title;
    in.subtitle = d.subtitle;
    in.description = std::string(d.subtitle) + "。产地直发，48 小时内发货。";
    in.category_id = categories[d.category];
    in.consumption_cycle_days = d.cycle_days;
    in.spec_options.push_back(catalog::SpecOption{"规格", {}});
    for (const auto& [spec, price] : d.skus) {
      in.spec_options[0].values.push_back(spec);
      in.skus.push_back(catalog::SkuInput{{spec}, price, std::nullopt, std::nullopt});
    }
    auto p = m.catalog.CreateProduct(tx, merchant, in);
    if (!p) return Fail(p.error());
    auto on = m.catalog.ChangeStatus(tx, merchant, p->id, catalog::ProductAction::kPublish);
    if (!on) return Fail(on.error());
    products.push_back(p->id);
    for (const auto& sku : p->skus) {
      if (auto ok = m.inventory.SetAvailable(tx, merchant, sku.id, d.stock); !ok)
        return Fail(ok.error());
      skus.push_back(sku.id);
    }
  }
  auto featured = m.catalog.SetFeatured(tx, merchant, products);
  if (!featured) return Fail(featured.error());
  return skus;
}

Result<void> SeedPromotions(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                            Timestamp now, const std::vector<SkuId>& skus) {
  pricing::Coupon c;
  c.code = "NEWFRIEND";
  c.kind = pricing::CouponKind::kFixed;
  c.amount_off = 1000;
  c.min_spend = 6900;
  c.valid_from = now - 30 * kDay;
  c.valid_until = now + 365 * kDay;
  c.per_customer_limit = 1;
  c.total_quantity = 1000;
  if (auto r = m.promotions.CreateCoupon(tx, merchant, c, "新朋友立减 10 元"); !r)
    return Fail(r.error());
  pricing::FullReduction f;
  f.name = "满 99 减 10，满 199 减 30";
  f.starts_at = now - 30 * kDay;
  f.ends_at = now + 365 * kDay;
  f.tiers = {{9900, 1000}, {19900, 3000}};
  if (auto r = m.promotions.CreateReduction(tx, merchant, f); !r) return Fail(r.error());
  pricing::SkuDiscount d;
  d.sku_id = skus.at(2);  // 鸭脖 微辣
  d.name = "限时 8 折";
  d.kind = pricing::DiscountKind::kPercent;
  d.percent_bp = 8000;
  d.starts_at = now - kDay;
  d.ends_at = now + 30 * kDay;
  if (auto r = m.promotions.CreateSkuDiscount(tx, merchant, d); !r) return Fail(r.error());
  return {};
}

// How far each demo order gets, oldest first.
enum class Stage { kCompleted, kReturned, kReceived, kShipped, kPaid, kPending, kCancelled };

// `visitor`: the device it was placed on, as the store sends it (the
// checkout credits the order to the device's last share link or channel code).
Result<void> SeedOrder(storage::Database& db, workflows::Modules& m, FakeClock& clock,
                       MerchantId merchant, StaffId staff, const Customer& c,
                       std::vector<workflows::LineRequest> lines, Stage stage,
                       const std::string& visitor = "") {
  workflows::PlaceOrderRequest req;
  req.quote.merchant_id = merchant;
  req.quote.lines = std::move(lines);
  req.buyer = order::Buyer{c.name, c.phone, c.region, c.address, ""};
  auto prepared = storage::ReadValue(
      db, [&](storage::Tx& tx) { return workflows::PrepareOrder(tx, m, req, clock.Now()); });
  if (!prepared) return Fail(prepared.error());
  auto o = storage::WriteValue(db, [&](storage::Tx& tx) -> Result<order::Order> {
    auto placed = workflows::CommitOrder(tx, m, *prepared);
    if (!placed) return placed;
    if (auto ok = workflows::CreditPlacedOrder(tx, m, *placed, visitor, std::nullopt); !ok)
      return Fail(ok.error());
    return placed;
  });
  if (!o) return Fail(o.error());
  if (stage == Stage::kPending) return {};
  if (stage == Stage::kCancelled) {
    return db.Write([&](storage::Tx& tx) -> Result<void> {
      auto r = workflows::CancelOrder(tx, m, merchant, o->id, "买家取消", "buyer");
      if (!r) return Fail(r.error());
      return {};
    });
  }
  return db.Write([&](storage::Tx& tx) -> Result<void> {
    auto paid = workflows::ConfirmManualPayment(tx, m, merchant, o->id, o->totals.total, "transfer",
                                                "微信转账", staff);
    if (!paid) return Fail(paid.error());
    if (stage == Stage::kPaid) return {};
    auto shipped =
        workflows::ShipOrder(tx, m, merchant, o->id, "顺丰速运",
                             "SF" + std::to_string(o->id.value() % 10'000'000'000), "demo");
    if (!shipped) return Fail(shipped.error());
    if (stage == Stage::kShipped) return {};
    auto received = workflows::ConfirmReceipt(tx, m, merchant, o->id, "buyer");
    if (!received) return Fail(received.error());
    if (stage != Stage::kReturned) return {};
    workflows::AftersalesRequestInput in{merchant,     o->token, aftersales::Kind::kNoReasonReturn,
                                         "口味不合适", "",       {}};
    auto asked = workflows::RequestAftersales(tx, m, in);
    if (!asked) return Fail(asked.error());
    return {};
  });
}

}  // namespace

Result<DemoLogin> SeedDemo(storage::Database& db, workflows::Modules& live, const Clock& clock,
                           const workflows::ImageFiles& files) {
  DemoLogin login;
  login.password = kDemoPassword;
  auto existing = storage::ReadValue(
      db, [&](storage::Tx& tx) { return live.identity.FindMerchantBySlug(tx, login.shop); });
  if (!existing) return Fail(existing.error());
  if (*existing) return login;

  // Seed on a clock 25 days back so old orders can be settled by the jobs.
  FakeClock past(clock.Now() - 25 * kDay);
  IdGenerator ids(1023);
  workflows::Modules m(past, ids);
  // Every module's handlers and jobs, as serve runs them: the handlers see
  // every event the demo records (their cursors start before the first),
  // so its orders make customers and its customers get their rule tags.
  Wiring wiring{db, past, ids, m, {}, {}};
  Installed installed = InstallAll(wiring);
  events::Dispatcher events(db, past, installed.handlers);
  if (auto ok = events.CreateCursors(); !ok) return Fail(ok.error());
  auto deliver = [&]() -> Result<void> {
    for (;;) {
      auto n = events.RunOnce();
      if (!n) return Fail(n.error());
      if (*n == 0) return {};
    }
  };
  identity::SignUpInput in{login.shop, "湘味小铺 Xiangwei Snacks", login.login, "店主 Owner",
                           HashPassword(kDemoPassword)};
  auto owner = storage::WriteValue(db, [&](storage::Tx& tx) { return m.identity.SignUp(tx, in); });
  if (!owner) return Fail(owner.error());
  MerchantId merchant = owner->principal.merchant_id;
  StaffId staff = owner->principal.staff_id;
  // Its positioning: the line under its name on the store's home page.
  identity::ShopUpdate profile;
  profile.description = "湖南特产零食";
  auto described = storage::WriteValue(
      db, [&](storage::Tx& tx) { return m.identity.UpdateShop(tx, merchant, profile); });
  if (!described) return Fail(described.error());
  auto skus =
      storage::WriteValue(db, [&](storage::Tx& tx) { return SeedCatalog(tx, m, merchant); });
  if (!skus) return Fail(skus.error());
  if (auto ok = db.Write(
          [&](storage::Tx& tx) { return SeedPromotions(tx, m, merchant, past.Now(), *skus); });
      !ok) {
    return Fail(ok.error());
  }
  // The CRM as it stood before the orders: staff, tags, contacts.
  auto crm = SeedDemoCrmBefore(db, m, ids, owner->principal, kDemoPassword);
  if (!crm) return Fail(crm.error());
  const auto& s = *skus;
  struct Plan {
    int days_ago;
    Stage stage;
    int customer;
    std::vector<workflows::LineRequest> lines;
  };
  const std::vector<Plan> plans = {
      {20, Stage::kCompleted, 0, {{s[0], 2}, {s[2], 1}}},
      {18, Stage::kCompleted, 1, {{s[4], 1}}},
      {9, Stage::kCompleted, 1, {{s[2], 1}, {s[5], 1}}},
      {7, Stage::kReceived, 6, {{s[4], 1}, {s[1], 2}}},
      {6, Stage::kReturned, 2, {{s[5], 1}}},
      {5, Stage::kReceived, 3, {{s[1], 1}}},
      {4, Stage::kShipped, 4, {{s[0], 1}, {s[6], 1}}},
      {3, Stage::kPaid, 5, {{s[7], 1}}},
      {2, Stage::kCancelled, 1, {{s[3], 3}}},
  };
  for (const auto& p : plans) {
    past.Set(clock.Now() - p.days_ago * kDay);
    if (auto ok = SeedOrder(db, m, past, merchant, staff, kCustomers[p.customer], p.lines, p.stage);
        !ok) {
      return Fail(ok.error());
    }
  }
  // Bring the old orders up to date: receipts past the window settle.
  past.Set(clock.Now());
  workflows::Scheduler(db, m, past, workflows::OrderJobs()).RunOnce();
  // And one order still waiting for its payment.
  if (auto ok =
          SeedOrder(db, m, past, merchant, staff, kCustomers[0], {{s[4], 2}}, Stage::kPending);
      !ok) {
    return Fail(ok.error());
  }
  // Repurchase cycles and care plans (before the handlers see the orders, as
  // if the merchant had set them up first). The orders' buyers become
  // customers, the jobs compute the rule tags and make the repurchase and
  // care tasks due, and the CRM's present follows: tags given, chats, a
  // handover (the tasks go with the customers), segments.
  if (auto ok = SeedDemoReminders(db, m, merchant, past); !ok) return Fail(ok.error());
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  workflows::Scheduler(db, m, past, installed.jobs).RunOnce();
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  if (auto ok = SeedDemoCrmAfter(db, m, ids, owner->principal, *crm); !ok) return Fail(ok.error());
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  // Yesterday's promotion to two customers and today's to everyone: the
  // budget skips those two, one customer has opted out.
  if (auto ok = SeedDemoOutreach(db, m, merchant, past); !ok) return Fail(ok.error());
  // A moment for the first segment (0–3 岁宝妈) and a public one scheduled for tomorrow.
  std::error_code made_dir;
  std::filesystem::create_directories(files.upload_dir, made_dir);
  if (auto ok = SeedDemoMoments(db, m, ids, files, merchant, past); !ok) return Fail(ok.error());
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  // Channel codes with their scans, a campaign 李娜 shared, the customers
  // they brought; two buyers from the card and the article order as guests.
  auto first = storage::ReadValue(db, [&](storage::Tx& tx) {
    return m.customers.FindByIdentity(tx, merchant,
                                      {customers::IdentityKind::kPhone, kCustomers[0].phone});
  });
  if (!first) return Fail(first.error());
  if (!*first) return Fail(Internal("demo.no_customer", "the demo's first buyer is missing"));
  auto card_product =
      storage::ReadValue(db, [&](storage::Tx& tx) { return m.catalog.GetSku(tx, merchant, s[4]); });
  if (!card_product) return Fail(card_product.error());
  auto growth = SeedDemoGrowth(db, m, merchant, card_product->product_id, (*first)->id);
  if (!growth) return Fail(growth.error());
  const Customer kGrowthBuyers[] = {
      {"曹颖", "13811138025", "湖南", "长沙市天心区书院路 6 号"},
      {"邓佳", "13811138026", "湖北", "武汉市武昌区中北路 18 号"},
  };
  for (std::size_t i = 0; i < growth->buyer_visitors.size(); ++i) {
    auto ok = SeedOrder(db, m, past, merchant, staff, kGrowthBuyers[i], {{s[4], 1}}, Stage::kPaid,
                        growth->buyer_visitors[i]);
    if (!ok) return Fail(ok.error());
  }
  if (auto ok = deliver(); !ok) return Fail(ok.error());
  // A pre-sale settled last fortnight (the recommendation's history), one
  // taking deposits now, and an open fan vote with votes.
  std::vector<DemoBuyer> voters;
  for (int i = 0; i < 4; ++i) {
    auto c = storage::ReadValue(db, [&](storage::Tx& tx) {
      return m.customers.FindByIdentity(tx, merchant,
                                        {customers::IdentityKind::kPhone, kCustomers[i].phone});
    });
    if (!c) return Fail(c.error());
    if (!*c) return Fail(Internal("demo.no_customer", "a demo buyer is missing"));
    voters.push_back(DemoBuyer{(*c)->id, kCustomers[i].name, kCustomers[i].phone});
  }
  auto presales = SeedDemoPresales(db, m, ids, past, merchant, staff, s[0], voters, deliver);
  if (!presales) return Fail(presales.error());
  // A share-voucher campaign for the facial mask: 王芳's vouchers passed to
  // two friends, one friend's to a third generation, one claimed and waiting.
  auto second = storage::ReadValue(db, [&](storage::Tx& tx) {
    return m.customers.FindByIdentity(tx, merchant,
                                      {customers::IdentityKind::kPhone, kCustomers[1].phone});
  });
  if (!second) return Fail(second.error());
  if (!*second) return Fail(Internal("demo.no_customer", "the demo's second buyer is missing"));
  auto vouchers = SeedDemoVouchers(db, m, ids, past, merchant, staff, (*second)->id, s[5], deliver);
  if (!vouchers) return Fail(vouchers.error());

  login.created = true;
  return login;
}

void PrintDemoLogin(const DemoLogin& login) {
  std::printf(
      "demo shop '%s'%s\n  console login: shop=%s login=%s password=%s\n"
      "  staff logins:  wang@demo.shop, li@demo.shop (same password; they see their own"
      " customers)\n"
      "  storefront:    /store/v1/%s/home\n",
      login.shop.c_str(), login.created ? " created" : " ready", login.shop.c_str(),
      login.login.c_str(), login.password.c_str(), login.shop.c_str());
  std::fflush(stdout);
}

}  // namespace weishang::cli
