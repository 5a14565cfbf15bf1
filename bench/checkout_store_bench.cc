// The raw SQLite ceiling for checkout: the same rows a checkout writes
// (idempotency check and record, three conditional stock updates, the order,
// three lines, the first trail event), through the same modules, with the
// same durability (WAL, synchronous=FULL) and the same group commit, but no
// HTTP and no pricing. 128 units are kept in flight, like 128 connections.
//
//   checkout_store_bench [seconds=5] [in_flight=128]
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>

#include "cli/schema.h"
#include "core/metrics.h"
#include "modules/idempotency/idempotency.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/modules.h"

using namespace weishang;

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 5;
  int in_flight = argc > 2 ? std::atoi(argv[2]) : 128;
  auto dir = std::filesystem::temp_directory_path() / ("weishang-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(7);
  workflows::Modules m(clock, ids);
  const Id merchant = 1;
  const std::vector<inventory::Units> units = {{11, 1}, {12, 2}, {13, 1}};
  (*db)->Write([&](storage::Tx& tx) -> Result<void> {
    for (const auto& u : units) {
      if (auto ok = m.inventory.SetAvailable(tx, merchant, u.sku_id, inventory::kMaxStock); !ok) return ok;
    }
    return {};
  });
  order::NewOrder proto;
  proto.merchant_id = merchant;
  proto.buyer = order::Buyer{"压测", "13800000000", "湖南", "长沙市岳麓区 1 号", ""};
  proto.totals = order::Totals{14600, 0, 0, 0, 0, 14600};
  proto.pay_deadline = clock.Now() + 30 * kMinute;
  for (const auto& u : units) {
    proto.lines.push_back(order::Line{0, u.sku_id, 100 + u.sku_id, "咸鸭", "6只装", 3900, u.quantity, 0, 0, 0,
                                      3900 * u.quantity, 15, 0, 0});
  }

  std::mutex mu;
  std::condition_variable cv;
  std::vector<double> latencies;
  std::atomic<long> done_count{0}, failed{0}, next_key{0};
  std::atomic<bool> stop{false};
  int outstanding = 0;
  auto start = std::chrono::steady_clock::now();
  // Keys shaped like the wrk load's: a random prefix per client, then a
  // counter (their B-tree placement decides how many pages a commit writes).
  const std::string prefix = "bench-" + std::to_string(std::random_device{}() % 1000000000) + "-";
  std::function<void()> submit = [&] {
    std::string key = prefix + std::to_string(next_key++);
    auto t0 = std::chrono::steady_clock::now();
    (*db)->Submit(
        [&, key](storage::Tx& tx) -> Result<void> {
          auto seen = idempotency::Find(tx, merchant, "store.checkout", key, "h");
          if (!seen) return Fail(seen.error());
          if (auto ok = m.inventory.Take(tx, merchant, units); !ok) return ok;
          auto o = m.orders.Create(tx, proto);
          if (!o) return Fail(o.error());
          return idempotency::Save(tx, merchant, "store.checkout", key, "h",
                                   {201, "{\"id\":\"" + EncodeId("ord", o->id) + "\"}"}, clock.Now());
        },
        [&, t0](Result<void> r) {
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
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
  auto pct = [&](double p) { return latencies.empty() ? 0 : latencies[static_cast<std::size_t>(p * (latencies.size() - 1))]; };
  // The commit group sizes, for comparison with the server's /metrics.
  const std::string text = Metrics::Global().Render();
  for (const auto& line : {std::string("_sum"), std::string("_count")}) {
    auto at = text.find("weishang_commit_group_size" + line + " ");
    if (at != std::string::npos) std::fprintf(stderr, "%s", text.substr(at, text.find('\n', at) - at + 1).c_str());
  }
  std::printf("RESULT requests=%ld rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%ld\n", done_count.load(),
              done_count.load() / elapsed, pct(0.50), pct(0.99), failed.load());
  std::filesystem::remove_all(dir);
  return failed.load() == 0 ? 0 : 1;
}
