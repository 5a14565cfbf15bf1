// The growth report (workflows::BuildGrowthReport) over 1,000,000 customers
// and 3,000,000 orders on SQLite. Generated straight into the tables in
// bulk, spread over the last 360 days: 20 campaigns and 20 channel codes;
// 1,000,000 customers (40% referred by an earlier customer, so the referral
// forest has 400,000 edges and a few generations), each with its first
// touch (60% through a campaign or a channel code); 1,500,000 visits; and
// 3,000,000 orders credited to a touch (70% to a campaign or channel code,
// 90% paid, 5% partly refunded), the customers' order counts and spend
// following them; the orders' daily sums (attribution_order_day, which the
// engine keeps as orders are paid and refunded) are filled from them once.
// Then the report is read for the last 365 days (every row in the period)
// and for the last 30 days, and timed. Target (issue 13): a report <= 2 s.
//
//   growth_report_bench [customers=1000000] [orders=3000000]
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "cli/registry.h"
#include "core/crypto.h"
#include "storage/sqlite/sqlite_database.h"
#include "workflows/growth/growth_report.h"
#include "workflows/modules.h"

using namespace weishang;

namespace {

constexpr int kSources = 20;
constexpr Id kFirstCustomer = 1'000'000'000;
constexpr Timestamp kSpan = 360 * kDay;

// Multi-row INSERTs of `columns` (n placeholders each), in units of 20,000 rows.
class BulkInsert {
 public:
  BulkInsert(storage::Database& db, std::string table, int columns)
      : db_(db), table_(std::move(table)), columns_(columns) {}
  // Fill(i, params, text) appends one row's values; text(s) keeps a string
  // alive until the statement ran (a Param only views it).
  template <class Fill>
  Result<void> Run(std::int64_t rows, Fill fill) {
    constexpr std::int64_t kPerUnit = 20000, kPerInsert = 200;
    std::string one = "(";
    for (int c = 0; c < columns_; ++c) one += c == 0 ? "?" : ", ?";
    one += ")";
    for (std::int64_t from = 0; from < rows; from += kPerUnit) {
      auto ok = db_.Write([&](storage::Tx& tx) -> Result<void> {
        std::vector<storage::Param> params;
        std::deque<std::string> kept;
        auto text = [&kept](std::string s) {
          kept.push_back(std::move(s));
          return storage::Param(kept.back());
        };
        std::int64_t n = 0;
        auto flush = [&]() -> Result<void> {
          if (n == 0) return {};
          std::string sql = "INSERT INTO " + table_ + " VALUES " + one;
          for (std::int64_t i = 1; i < n; ++i) sql += ", " + one;
          auto done = tx.Exec(sql, storage::Params(params.data(), params.size()));
          if (!done) return Fail(done.error());
          params.clear();
          kept.clear();
          n = 0;
          return {};
        };
        for (std::int64_t i = from; i < std::min(rows, from + kPerUnit); ++i) {
          fill(i, params, text);
          if (++n == kPerInsert) {
            if (auto f = flush(); !f) return f;
          }
        }
        return flush();
      });
      if (!ok) return ok;
    }
    return {};
  }

 private:
  storage::Database& db_;
  std::string table_;
  int columns_;
};

struct Person {
  Timestamp created = 0;
  std::optional<Id> referrer;
  std::optional<Id> campaign, channel;
  std::int64_t orders = 0;
  Fen spent = 0;
  std::optional<Timestamp> first, last;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t customers = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  std::int64_t orders = argc > 2 ? std::atoll(argv[2]) : 3'000'000;
  InitCrypto();
  auto dir = std::filesystem::temp_directory_path() /
             ("weishang-growth-bench-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  auto db = storage::SqliteDatabase::Open({.path = (dir / "bench.db").string()});
  if (!db || !storage::ApplyMigrations(**db, cli::AllMigrations())) return 1;
  SystemClock clock;
  IdGenerator ids(1);
  workflows::Modules m(clock, ids);
  std::vector<Id> campaigns, channels;
  auto merchant = storage::WriteValue(**db, [&](storage::Tx& tx) -> Result<MerchantId> {
    auto owner = m.identity.SignUp(
        tx, {"bench", "Bench", "owner@bench", "", HashPassword("bench-seed-runner")});
    if (!owner) return Fail(owner.error());
    MerchantId shop = owner->principal.merchant_id;
    for (int i = 0; i < kSources; ++i) {
      attribution::CampaignInput c;
      c.name = "campaign " + std::to_string(i);
      c.kind = attribution::CampaignKind::kVoucher;
      c.spend = 100'000 * (i + 1);
      auto made = m.attribution.CreateCampaign(tx, shop, c);
      if (!made) return Fail(made.error());
      campaigns.push_back(made->id.value());
      attribution::ChannelInput ch;
      ch.name = "channel " + std::to_string(i);
      ch.spend = 50'000 * (i + 1);
      auto code = m.attribution.CreateChannel(tx, shop, ch);
      if (!code) return Fail(code.error());
      channels.push_back(code->id.value());
    }
    return shop;
  });
  if (!merchant) return 1;
  Id shop = merchant->value();
  Timestamp now = clock.Now(), start = now - kSpan;
  auto seeding = std::chrono::steady_clock::now();

  // Who the customers are (in memory first: their orders move their counts).
  std::mt19937_64 rng(13);
  std::vector<Person> people(static_cast<std::size_t>(customers));
  for (std::int64_t i = 0; i < customers; ++i) {
    Person& p = people[static_cast<std::size_t>(i)];
    p.created = start + static_cast<Timestamp>((kSpan - kDay) * i / customers);
    if (i > 0 && rng() % 10 < 4) p.referrer = kFirstCustomer + static_cast<Id>(rng() % i);
    int source = static_cast<int>(rng() % 10);
    if (source < 3)
      p.campaign = campaigns[rng() % kSources];
    else if (source < 6)
      p.channel = channels[rng() % kSources];
  }
  struct Placed {
    std::int64_t customer;
    Timestamp placed;
    Fen total, discount, refunded;
    std::optional<Timestamp> paid;
    std::optional<Id> campaign, channel;
  };
  std::vector<Placed> placed(static_cast<std::size_t>(orders));
  for (std::int64_t o = 0; o < orders; ++o) {
    Placed& x = placed[static_cast<std::size_t>(o)];
    x.customer = static_cast<std::int64_t>(rng() % customers);
    Person& p = people[static_cast<std::size_t>(x.customer)];
    x.placed =
        p.created + static_cast<Timestamp>(rng() % static_cast<std::uint64_t>(now - p.created));
    x.total = 1000 + static_cast<Fen>(rng() % 30000);
    x.discount = static_cast<Fen>(rng() % 3000);
    int to = static_cast<int>(rng() % 10);
    if (to < 4)
      x.campaign = campaigns[rng() % kSources];
    else if (to < 7)
      x.channel = channels[rng() % kSources];
    if (rng() % 10 != 0) {
      x.paid = std::min(now, x.placed + static_cast<Timestamp>(rng() % kHour));
      x.refunded = rng() % 20 == 0 ? x.total / 2 : 0;
      p.orders += 1;
      p.spent += x.total - x.refunded;
      if (!p.first || *x.paid < *p.first) p.first = x.paid;
      if (!p.last || *x.paid > *p.last) p.last = x.paid;
    }
  }

  using P = std::vector<storage::Param>;
  auto opt = [](const std::optional<Id>& v) {
    return v ? storage::Param(*v) : storage::Param(nullptr);
  };
  auto optt = [](const std::optional<Timestamp>& v) {
    return v ? storage::Param(*v) : storage::Param(nullptr);
  };
  BulkInsert customer_rows(**db,
                           "customers_customer (id, merchant_id, ordinal, channel, referrer_id,"
                           " stage, orders_count, spent_total, first_order_at, last_order_at,"
                           " created_at, updated_at)",
                           12);
  auto ok = customer_rows.Run(customers, [&](std::int64_t i, P& params, auto& text) {
    const Person& p = people[static_cast<std::size_t>(i)];
    std::string channel = p.referrer ? "referral" : p.campaign ? "campaign" : p.channel ? "qr" : "";
    const char* stage = p.orders >= 2   ? "repeat_buyer"
                        : p.orders == 1 ? "first_purchase"
                                        : "acquired";
    params.insert(params.end(), {kFirstCustomer + i, shop, i + 1, text(channel), opt(p.referrer),
                                 storage::Param(stage), p.orders, p.spent, optt(p.first),
                                 optt(p.last), p.created, p.created});
  });
  if (!ok) return std::fprintf(stderr, "customers: %s\n", ok.error().message.c_str()), 1;
  // Each customer's first touch, and 500,000 visits of others.
  std::int64_t visits = customers + customers / 2;
  BulkInsert touch_rows(**db,
                        "attribution_touch (merchant_id, id, visitor, customer_id, sharer_id,"
                        " campaign_id, channel_id, forged, path, at)",
                        10);
  ok = touch_rows.Run(visits, [&](std::int64_t i, P& params, auto& text) {
    std::optional<Id> customer, sharer, campaign, channel;
    Timestamp at;
    if (i < customers) {
      const Person& p = people[static_cast<std::size_t>(i)];
      customer = kFirstCustomer + i;
      sharer = p.referrer;
      campaign = p.campaign;
      channel = p.channel;
      at = p.created;
    } else {
      at = start + static_cast<Timestamp>(rng() % kSpan);
      if (rng() % 2 == 0)
        campaign = campaigns[rng() % kSources];
      else
        channel = channels[rng() % kSources];
    }
    params.insert(params.end(),
                  {shop, 1 + i, text("visitor-" + std::to_string(i)), opt(customer), opt(sharer),
                   opt(campaign), opt(channel), 0, storage::Param("/"), at});
  });
  if (!ok) return std::fprintf(stderr, "touches: %s\n", ok.error().message.c_str()), 1;
  BulkInsert acquisition_rows(**db,
                              "attribution_acquisition (merchant_id, customer_id, touch_id,"
                              " sharer_id, campaign_id, channel_id, at)",
                              7);
  ok = acquisition_rows.Run(customers, [&](std::int64_t i, P& params, auto& text) {
    const Person& p = people[static_cast<std::size_t>(i)];
    params.insert(params.end(), {shop, kFirstCustomer + i, 1 + i, opt(p.referrer), opt(p.campaign),
                                 opt(p.channel), p.created});
  });
  if (!ok) return std::fprintf(stderr, "acquisitions: %s\n", ok.error().message.c_str()), 1;
  BulkInsert order_rows(**db,
                        "attribution_order (merchant_id, order_id, visitor, customer_id, touch_id,"
                        " sharer_id, campaign_id, channel_id, total, discount, placed_at, paid_at,"
                        " refunded)",
                        13);
  ok = order_rows.Run(orders, [&](std::int64_t o, P& params, auto& text) {
    const Placed& x = placed[static_cast<std::size_t>(o)];
    params.insert(params.end(), {shop, 1 + o, text("visitor-" + std::to_string(x.customer)),
                                 kFirstCustomer + x.customer, 1 + x.customer,
                                 storage::Param(nullptr), opt(x.campaign), opt(x.channel), x.total,
                                 x.discount, x.placed, optt(x.paid), x.refunded});
  });
  if (!ok) return std::fprintf(stderr, "orders: %s\n", ok.error().message.c_str()), 1;
  // The orders' daily sums: the engine keeps them as orders are credited,
  // paid and refunded; rows written in bulk get them the way the migration
  // filled them (one GROUP BY over every order).
  ok = (*db)->Write([&](storage::Tx& tx) -> Result<void> {
    auto done = tx.Exec(
        "INSERT INTO attribution_order_day (merchant_id, placed_day, campaign_id, channel_id,"
        " paid_day, orders, revenue, discount) SELECT merchant_id, (placed_at + ?) / ?,"
        " COALESCE(campaign_id, 0), COALESCE(channel_id, 0), (paid_at + ?) / ?, COUNT(*),"
        " SUM(total - refunded), SUM(discount) FROM attribution_order WHERE merchant_id = ?"
        " AND paid_at IS NOT NULL AND (campaign_id IS NOT NULL OR channel_id IS NOT NULL)"
        " GROUP BY 1, 2, 3, 4, 5",
        {attribution::kReportDayOffset, kDay, attribution::kReportDayOffset, kDay, shop});
    if (!done) return Fail(done.error());
    return {};
  });
  if (!ok) return std::fprintf(stderr, "daily sums: %s\n", ok.error().message.c_str()), 1;
  double seeded = Seconds(seeding);
  people.clear();
  placed.clear();

  auto report = [&](int days, double* seconds) -> Result<workflows::GrowthReport> {
    auto period = workflows::PeriodOf("", "", days, now);
    if (!period) return Fail(period.error());
    auto t = std::chrono::steady_clock::now();
    auto r = storage::ReadValue(**db, [&](storage::Tx& tx) {
      return workflows::BuildGrowthReport(tx, m, *merchant, period->from, period->to);
    });
    *seconds = Seconds(t);
    return r;
  };
  double year = 0, month = 0;
  auto all = report(365, &year);
  if (!all) return std::fprintf(stderr, "%s\n", all.error().message.c_str()), 1;
  auto last30 = report(30, &month);
  if (!last30) return std::fprintf(stderr, "%s\n", last30.error().message.c_str()), 1;
  std::int64_t counted = 0, brought = 0;
  for (const auto& r : all->campaigns)
    counted += r.figures.orders, brought += r.figures.new_customers;
  (*db)->Close();
  std::filesystem::remove_all(dir);
  std::printf(
      "growth report: %lld customers, %lld credited orders, %lld visits generated in %.1f s;"
      " report over 365 days (%lld paid orders and %lld new customers credited to campaigns,"
      " %zu generations, %lld in the referral forest) in %.2f s; over the last 30 days in %.2f s"
      " (target: <= 2 s)\n",
      static_cast<long long>(customers), static_cast<long long>(orders),
      static_cast<long long>(visits), seeded, static_cast<long long>(counted),
      static_cast<long long>(brought), all->generations.size(),
      static_cast<long long>(all->forest_members), year, month);
  return year <= 2.0 && month <= 2.0 ? 0 : 1;
}
