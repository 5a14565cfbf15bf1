// Group buys under a race, on SQLite: 1,000 groups of 5 are opened by their
// leaders (one place each taken), then 10,000 other customers race to join
// them from 8 threads, ten joiners aimed at each group's four free places, in
// shuffled order. Each attempt is what the store's join route runs: the
// read phase (workflows::PrepareGroupOrder: the group, the campaign, the
// order priced at the group price) and the write unit
// (workflows::CommitGroupOrder: the place by conditional update, the stock,
// the order and the member). Prints attempts per second and checks that no
// group was over-filled: taken <= size, members == taken, and exactly the
// free places were sold (exit 1 otherwise).
//
//   groupbuy_bench [groups=1000] [customers=10000] [threads=8]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "cli/registry.h"
#include "core/crypto.h"
#include "modules/groupbuy/groupbuy.h"
#include "modules/groupbuy/groupbuy_errors.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/groupbuy/groupbuy_flows.h"
#include "workflows/modules.h"

using namespace weishang;

namespace {

constexpr int kSize = 5;

int Die(const Error& e) {
  std::fprintf(stderr, "%s: %s\n", e.code.c_str(), e.message.c_str());
  return 1;
}

workflows::GroupOrderRequest Request(MerchantId merchant, SkuId sku, Id customer) {
  workflows::GroupOrderRequest req;
  req.merchant_id = merchant;
  req.sku_id = sku;
  req.customer = CustomerId(customer);
  req.shown_name = "尾号" + std::to_string(customer % 10000);
  req.buyer = order::Buyer{"买家", "139" + std::to_string(10000000 + customer), "湖南",
                           "长沙市岳麓区 1 号", ""};
  return req;
}

}  // namespace

int main(int argc, char** argv) {
  int groups = argc > 1 ? std::atoi(argv[1]) : 1000;
  int customers = argc > 2 ? std::atoi(argv[2]) : 10000;
  int threads = argc > 3 ? std::atoi(argv[3]) : 8;
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-groupbuy-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(1);
  workflows::Modules m(clock, ids);
  groupbuy::GroupbuyService service(clock, ids);
  workflows::GroupbuyWiring w{service};

  struct Shop {
    MerchantId merchant;
    SkuId sku;
    groupbuy::Campaign campaign;
  };
  auto shop = storage::WriteValue(**db, [&](storage::Tx& tx) -> Result<Shop> {
    auto owner = m.identity.SignUp(
        tx, {"bench", "Bench", "owner@bench", "", HashPassword("bench-seed-runner")});
    if (!owner) return Fail(owner.error());
    MerchantId merchant = owner->principal.merchant_id;
    catalog::ProductInput in;
    in.title = "湘味咸鸭";
    in.skus.push_back(catalog::SkuInput{{}, 3900, std::nullopt, std::nullopt});
    auto p = m.catalog.CreateProduct(tx, merchant, in);
    if (!p) return Fail(p.error());
    auto on = m.catalog.ChangeStatus(tx, merchant, p->id, catalog::ProductAction::kPublish);
    if (!on) return Fail(on.error());
    SkuId sku = p->skus.front().id;
    if (auto ok = m.inventory.SetAvailable(tx, merchant, sku, 1'000'000); !ok) {
      return Fail(ok.error());
    }
    workflows::CampaignRequest c{p->id, "五人团", {{sku, 2900}},         kSize,
                                 24,    1,        clock.Now() - kMinute, clock.Now() + 7 * kDay};
    auto campaign = workflows::CreateGroupbuyCampaign(tx, m, w, merchant, c);
    if (!campaign) return Fail(campaign.error());
    return Shop{merchant, sku, std::move(*campaign)};
  });
  if (!shop) return Die(shop.error());

  // The leaders open the groups.
  std::vector<GroupbuyGroupId> opened;
  for (int g = 0; g < groups; ++g) {
    auto req = Request(shop->merchant, shop->sku, 1'000'000 + g);
    req.campaign = shop->campaign.id;
    auto prepared = storage::ReadValue(**db, [&](storage::Tx& tx) {
      return workflows::PrepareGroupOrder(tx, m, w, req, clock.Now());
    });
    if (!prepared) return Die(prepared.error());
    auto done = storage::WriteValue(
        **db, [&](storage::Tx& tx) { return workflows::CommitGroupOrder(tx, m, w, *prepared); });
    if (!done) return Die(done.error());
    opened.push_back(done->group.id);
  }

  // Customer i aims at group i % groups; the order of attempts is shuffled.
  std::vector<int> order(customers);
  for (int i = 0; i < customers; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(13));
  std::atomic<int> next{0}, joined{0}, full{0}, failed{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < customers; i = next++) {
        int who = order[i];
        auto req = Request(shop->merchant, shop->sku, 2'000'000 + who);
        req.group = opened[who % groups];
        auto prepared = storage::ReadValue(**db, [&](storage::Tx& tx) {
          return workflows::PrepareGroupOrder(tx, m, w, req, clock.Now());
        });
        Result<workflows::GroupOrder> done =
            prepared
                ? storage::WriteValue(**db,
                                      [&](storage::Tx& tx) {
                                        return workflows::CommitGroupOrder(tx, m, w, *prepared);
                                      })
                : Result<workflows::GroupOrder>(Fail(prepared.error()));
        if (done) {
          ++joined;
        } else if (done.error().code == groupbuy::errors::kGroupFull ||
                   done.error().code == groupbuy::errors::kGroupClosed) {
          ++full;
        } else {
          if (failed++ == 0) Die(done.error());
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // No group over-filled, and every place was sold once.
  auto check = storage::ReadValue(**db, [&](storage::Tx& tx) -> Result<std::int64_t> {
    auto rows = tx.Query(
        "SELECT COUNT(*) FROM groupbuy_group g WHERE g.merchant_id = ? AND (g.taken > g.size OR"
        " g.taken <> (SELECT COUNT(*) FROM groupbuy_member m WHERE m.group_id = g.id AND m.state"
        " = 'held'))",
        {shop->merchant});
    if (!rows) return Fail(rows.error());
    return rows->front().Int(0);
  });
  if (!check) return Die(check.error());
  std::int64_t places = static_cast<std::int64_t>(groups) * (kSize - 1);
  std::int64_t expect_joined = std::min<std::int64_t>(places, customers);
  bool ok = *check == 0 && failed == 0 && joined == expect_joined;
  (*db)->Close();
  std::filesystem::remove_all(dir);
  std::printf(
      "group buys: %d customers raced to join %d groups of %d from %d threads (SQLite): %.0f "
      "attempts/s (%d attempts in %.2f s; %d joined, %d refused as full, %d other errors); "
      "groups over-filled or miscounted: %lld%s\n",
      customers, groups, kSize, threads, customers / secs, customers, secs, joined.load(),
      full.load(), failed.load(), static_cast<long long>(*check), ok ? "" : "  <-- FAILED");
  return ok ? 0 : 1;
}
