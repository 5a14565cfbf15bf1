// Repurchase reminders for 1,000,000 customers on SQLite: generated
// purchases (1-3 orders each, 20 products of which 10 have a 30-day cycle,
// 1-3 units, paid over the last 120 days) are written to customers_purchase,
// then the reminders are computed the way setting a cycle does it
// (workflows::RebuildSupplies: every purchase line read, the run-out of every
// customer x product, the supply rows written) and the due set is read as
// the job's tick reads it (ReminderService::DueSupplies). Prints the wall
// time of both. Target (issue 12): <= 5 s.
//
//   reminder_bench [customers=1000000]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "cli/registry.h"
#include "core/crypto.h"
#include "modules/reminders/reminders.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/modules.h"
#include "workflows/reminders/reminder_flows.h"

using namespace weishang;

namespace {

constexpr int kProducts = 20, kWithCycle = 10;
constexpr Id kFirstProduct = 1000;

// Writes the purchases, 20,000 customers per unit; returns the lines written.
Result<std::int64_t> Seed(storage::Database& db, MerchantId merchant, int customers,
                          Timestamp now) {
  std::mt19937_64 rng(12);
  std::int64_t lines = 0;
  Id order = 1;
  constexpr int kPerUnit = 20000, kRowsPerInsert = 100;
  std::string one = "(?, ?, 1, ?, ?, ?, NULL, ?, ?)";
  for (int from = 0; from < customers; from += kPerUnit) {
    auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
      std::vector<storage::Param> params;
      int rows = 0;
      auto flush = [&]() -> Result<void> {
        if (rows == 0) return {};
        std::string sql =
            "INSERT INTO customers_purchase (merchant_id, order_id, line_no, customer_id,"
            " product_id, sku_id, category_id, quantity, paid_at) VALUES " +
            one;
        for (int i = 1; i < rows; ++i) sql += ", " + one;
        auto done = tx.Exec(sql, storage::Params(params.data(), params.size()));
        if (!done) return Fail(done.error());
        params.clear();
        rows = 0;
        return {};
      };
      for (int c = from; c < std::min(customers, from + kPerUnit); ++c) {
        int orders = 1 + static_cast<int>(rng() % 3);
        Id product = kFirstProduct + static_cast<Id>(rng() % kProducts);
        for (int k = 0; k < orders; ++k) {
          // A second order is of the same product two times in three.
          if (k > 0 && rng() % 3 == 0) product = kFirstProduct + static_cast<Id>(rng() % kProducts);
          Timestamp paid = now - static_cast<Timestamp>(rng() % (120 * kDay));
          params.insert(params.end(), {merchant, order++, Id(c + 1), product, product * 10,
                                       static_cast<std::int64_t>(1 + rng() % 3), paid});
          ++lines;
          if (++rows == kRowsPerInsert) {
            if (auto f = flush(); !f) return f;
          }
        }
      }
      return flush();
    });
    if (!ok) return Fail(ok.error());
  }
  return lines;
}

}  // namespace

int main(int argc, char** argv) {
  int customers = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-reminder-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(1);
  workflows::Modules m(clock, ids);
  reminders::ReminderService service(clock);
  auto merchant = storage::WriteValue(**db, [&](storage::Tx& tx) -> Result<MerchantId> {
    auto owner = m.identity.SignUp(
        tx, {"bench", "Bench", "owner@bench", "", HashPassword("bench-seed-runner")});
    if (!owner) return Fail(owner.error());
    for (int p = 0; p < kWithCycle; ++p) {
      auto c = service.SetCycle(tx, owner->principal.merchant_id,
                                reminders::Cycle{ProductId(kFirstProduct + p), 30, 5, 0});
      if (!c) return Fail(c.error());
    }
    return owner->principal.merchant_id;
  });
  if (!merchant) return 1;
  Timestamp now = clock.Now();
  auto lines = Seed(**db, *merchant, customers, now);
  if (!lines) return std::fprintf(stderr, "%s\n", lines.error().message.c_str()), 1;

  auto start = std::chrono::steady_clock::now();
  auto tally = storage::WriteValue(
      **db, [&](storage::Tx& tx) { return workflows::RebuildSupplies(tx, m, service, *merchant); });
  if (!tally) return std::fprintf(stderr, "%s\n", tally.error().message.c_str()), 1;
  double rebuild = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto tick = std::chrono::steady_clock::now();
  auto due = storage::ReadValue(
      **db, [&](storage::Tx& tx) { return service.DueSupplies(tx, clock.Now(), 500); });
  if (!due) return std::fprintf(stderr, "%s\n", due.error().message.c_str()), 1;
  double read = std::chrono::duration<double>(std::chrono::steady_clock::now() - tick).count();
  double total = rebuild + read;
  (*db)->Close();
  std::filesystem::remove_all(dir);
  std::printf(
      "repurchase reminders: %d customers, %lld purchase lines; run-out of %lld customer x "
      "product supplies computed and written in %.2f s (%lld due now, %lld lapsed); the job's "
      "first due page (%zu rows) read in %.3f s; total %.2f s (target: <= 5 s)\n",
      customers, static_cast<long long>(*lines), static_cast<long long>(tally->supplies), rebuild,
      static_cast<long long>(tally->due), static_cast<long long>(tally->lapsed), due->size(), read,
      total);
  return total <= 5.0 ? 0 : 1;
}
