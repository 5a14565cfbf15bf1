// Importing customers from CSV, end to end on SQLite: 100,000 generated rows
// (the shapes a friend list and a marketplace export have: a phone column,
// a 微信号, a one-cell 收货信息 the address parser reads, repeats of earlier
// people and a few bad rows) are checked and queued as the route does
// (PrepareCustomerImport, ImportService::Create), then worked through by the
// job's own code (RunCustomerImports), 500 rows per durable unit of work.
// Prints the wall time and rows per second. Target (issue 12): ≤ 10 s.
//
//   customer_import_bench [rows=100000]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "cli/registry.h"
#include "core/crypto.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/customers/customer_import.h"
#include "workflows/modules.h"

using namespace weishang;

namespace {

std::string Generate(int rows) {
  static const char* kPlaces[] = {"广东省广州市天河区体育西路191号", "浙江杭州西湖区文三路90号",
                                  "上海市浦东新区世纪大道100号", "湖南长沙岳麓区麓山南路8号",
                                  "四川省成都市武侯区人民南路四段1号"};
  static const char* kNames[] = {"张三", "李四", "王芳", "赵敏", "陈晨", "刘洋"};
  std::mt19937 rng(7);
  std::string csv = "昵称,手机号,微信号,收货信息,性别,生日,备注\n";
  for (int i = 0; i < rows; ++i) {
    // One row in 20 repeats an earlier person; one in 100 has a bad phone.
    int person = (i % 20 == 19) ? static_cast<int>(rng() % (i + 1)) : i;
    std::string phone = std::to_string(13000000000LL + person * 7);
    const char* name = kNames[person % 6];
    switch (i % 4) {
      case 0:  // a friend list: nickname, phone, 微信号
        csv += std::string(name) + "," + phone + ",wx_" + std::to_string(person) + ",,女,1990-05-" +
               std::to_string(1 + person % 28) + ",\n";
        break;
      case 1:  // a marketplace export: everything in one cell
        csv += ",,,\"" + std::string(name) + " " + phone + " " + kPlaces[person % 5] + "\",,,\n";
        break;
      case 2:  // phone and a remark
        csv += std::string(name) + "," + (i % 100 == 2 ? "12345" : phone) + ",,,男,,老客\n";
        break;
      default:  // a 微信号 only
        csv += std::string(name) + ",,wx_" + std::to_string(person) + ",,,,\n";
    }
  }
  return csv;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 100'000;
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-import-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(1);
  workflows::Modules m(clock, ids);
  imports::ImportService imports(clock, ids);
  auto merchant = storage::WriteValue(**db, [&](storage::Tx& tx) -> Result<MerchantId> {
    auto owner = m.identity.SignUp(
        tx, {"bench", "Bench", "owner@bench", "", HashPassword("bench-seed-runner")});
    if (!owner) return Fail(owner.error());
    return owner->principal.merchant_id;
  });
  if (!merchant) return 1;
  std::string file = Generate(rows);

  auto start = std::chrono::steady_clock::now();
  auto prepared = workflows::PrepareCustomerImport(StaffId(1), "bench.csv", file);
  if (!prepared) return std::fprintf(stderr, "%s\n", prepared.error().message.c_str()), 1;
  auto made = storage::WriteValue(
      **db, [&](storage::Tx& tx) { return imports.Create(tx, *merchant, prepared->file); });
  if (!made) return std::fprintf(stderr, "%s\n", made.error().message.c_str()), 1;
  workflows::CustomerImportOptions options;
  options.budget = std::chrono::hours(1);
  auto ran = workflows::RunCustomerImports(**db, imports, m, options);
  if (!ran) return std::fprintf(stderr, "%s\n", ran.error().message.c_str()), 1;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto done = storage::ReadValue(
      **db, [&](storage::Tx& tx) { return imports.Get(tx, *merchant, made->id); });
  (*db)->Close();
  std::filesystem::remove_all(dir);
  if (!done) return 1;
  std::printf(
      "customer import: %d rows (%.1f MB) in %.2f s, %.0f rows/s; %lld new, %lld matched, %lld "
      "failed; status %s (target: 100,000 rows in <= 10 s)\n",
      rows, file.size() / 1e6, seconds, rows / seconds, static_cast<long long>(done->created_rows),
      static_cast<long long>(done->matched_rows), static_cast<long long>(done->failed_rows),
      std::string(TextOf(imports::kStatusText, done->status)).c_str());
  return done->status == imports::Status::kDone ? 0 : 1;
}
