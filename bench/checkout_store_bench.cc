// The raw SQLite ceiling for checkout: the rows a checkout writes, written
// by the same write unit (workflows::CommitCheckout: idempotency check and
// record, three conditional stock updates, the order, three lines, the first
// trail event), with the same durability (WAL, fsync before an answer) and
// the same group commit, but no HTTP. The order is prepared once, from the
// same product scripts/bench seeds and the same request bench/wrk/checkout.lua
// sends, so the rows match the HTTP checkout's byte for byte in shape.
// 128 units are kept in flight, like 128 connections.
//
//   checkout_store_bench [seconds=5] [in_flight=128]
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>

#include "cli/registry.h"
#include "core/crypto.h"
#include "core/metrics.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/catalog/save_product.h"
#include "workflows/checkout/checkout.h"
#include "workflows/modules.h"

using namespace weishang;

namespace {

// The shop, product and order of bench/seed_bench.py and bench/wrk/checkout.lua.
Result<workflows::PreparedOrder> PrepareBenchOrder(storage::Database& db, workflows::Modules& m,
                                                   const Clock& clock) {
  auto merchant = storage::WriteValue(db, [&](storage::Tx& tx) -> Result<MerchantId> {
    auto owner = m.identity.SignUp(
        tx, {"bench", "Bench", "owner@bench", "", HashPassword("bench-seed-runner")});
    if (!owner) return Fail(owner.error());
    return owner->principal.merchant_id;
  });
  if (!merchant) return Fail(merchant.error());
  workflows::SaveProductInput in;
  in.product.title = "湘味咸鸭 办公室零食";
  in.product.subtitle = "洞庭湖麻鸭，古法腌制，开袋即食";
  for (int i = 0; i < 20; ++i) in.product.description += "产地直发，48 小时内发货。";
  in.product.spec_options = {{"规格", {"3只装", "6只装", "礼盒"}}};
  for (auto [value, price] : {std::pair{"3只装", 3900}, {"6只装", 6900}, {"礼盒", 16800}}) {
    in.product.skus.push_back({{value}, price, std::nullopt, std::nullopt});
    in.stock.push_back(100'000'000);
  }
  auto product = storage::WriteValue(db, [&](storage::Tx& tx) -> Result<catalog::Product> {
    auto p = workflows::CreateProductWithStock(tx, m, *merchant, in);
    if (!p) return Fail(p.error());
    auto on =
        m.catalog.ChangeStatus(tx, *merchant, p->product.id, catalog::ProductAction::kPublish);
    if (!on) return Fail(on.error());
    return p->product;
  });
  if (!product) return Fail(product.error());
  workflows::PlaceOrderRequest req;
  req.quote.merchant_id = *merchant;
  const std::int64_t quantities[] = {1, 2, 1};
  for (std::size_t i = 0; i < 3; ++i)
    req.quote.lines.push_back({product->skus[i].id, quantities[i]});
  req.buyer = order::Buyer{"压测", "13800000000", "湖南", "长沙市岳麓区 1 号", ""};
  req.explain = false;
  return storage::ReadValue(
      db, [&](storage::Tx& tx) { return workflows::PrepareOrder(tx, m, req, clock.Now()); });
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5;
  int in_flight = argc > 2 ? std::atoi(argv[2]) : 128;
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(7);
  workflows::Modules m(clock, ids);
  auto prepared = PrepareBenchOrder(**db, m, clock);
  if (!prepared) {
    std::fprintf(stderr, "cannot prepare the bench order: %s\n", prepared.error().message.c_str());
    return 1;
  }
  // What the server's checkout fingerprints: the request body (the same for
  // every request of the load; only the key differs).
  const std::string hash = FingerprintHex(
      R"({"lines":[{"sku_id":"sku_2wqz2pilv6kh","quantity":1},{"sku_id":"sku_2wqz2pilv6ki","quantity":2},)"
      R"({"sku_id":"sku_2wqz2pilv6kj","quantity":1}],"buyer":{"name":"压测","phone":"13800000000",)"
      R"("region":"湖南","address":"长沙市岳麓区 1 号"}})");

  std::mutex mu;
  std::condition_variable cv;
  std::vector<double> latencies;
  std::atomic<long> done_count{0}, failed{0}, next_key{0};
  std::atomic<bool> stop{false};
  int outstanding = 0;
  auto start = std::chrono::steady_clock::now();
  // Keys shaped like the wrk load's: wrk's two threads each send a random
  // prefix and a counter (their B-tree placement decides how many pages a
  // commit writes).
  std::mt19937 random(std::random_device{}());
  const std::string prefixes[] = {"bench-1-" + std::to_string(random() % 1000000000 + 1) + "-",
                                  "bench-2-" + std::to_string(random() % 1000000000 + 1) + "-"};
  std::function<void()> submit = [&] {
    long n = next_key++;
    std::string key = prefixes[n % 2] + std::to_string(n / 2 + 1);
    auto t0 = std::chrono::steady_clock::now();
    (*db)->Submit(
        [&, key](storage::Tx& tx) -> Result<void> {
          auto o = workflows::CommitCheckout(tx, m, *prepared, key, hash, clock.Now());
          if (!o) return Fail(o.error());
          return {};
        },
        [&, t0](Result<void> r) {
          double ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count();
          if (!r) ++failed;
          std::lock_guard lock(mu);
          latencies.push_back(ms);
          ++done_count;
          if (!stop) {
            submit();
          } else if (--outstanding == 0) {
            cv.notify_all();
          }
        });
  };
  {
    std::lock_guard lock(mu);
    outstanding = in_flight;
  }
  for (int i = 0; i < in_flight; ++i) submit();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return outstanding == 0; });
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  (*db)->Close();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty() ? 0 : latencies[static_cast<std::size_t>(p * (latencies.size() - 1))];
  };
  // The commit group sizes, for comparison with the server's /metrics.
  const std::string text = Metrics::Global().Render();
  for (const auto& line : {std::string("_sum"), std::string("_count")}) {
    auto at = text.find("weishang_commit_group_size" + line + " ");
    if (at != std::string::npos)
      std::fprintf(stderr, "%s", text.substr(at, text.find('\n', at) - at + 1).c_str());
  }
  std::printf("RESULT requests=%ld rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%ld\n",
              done_count.load(), done_count.load() / elapsed, pct(0.50), pct(0.99), failed.load());
  std::filesystem::remove_all(dir);
  return failed.load() == 0 ? 0 : 1;
}
