// Segments over one merchant of 1,000,000 generated customers (issue 12's
// budgets: a segment count ≤ 5 ms, the customer list filtered by a tag,
// first page ≤ 20 ms). The customers' facts are spread as a shop's are
// (gender, stage, 31 provinces, 4 channels, 50 staff owners, orders and
// spend skewed to few, dates over three years) and 40 tags hold from 0.5%
// to 30% of them. What is timed is the index a query runs on
// (tags::MerchantIndex, which SegmentIndex holds per merchant on each node):
// evaluating the expression to a bitmap and counting it, and, for the list,
// the bitmap and its newest 20 ordinals. The list route then reads those 20
// customers by primary key, which does not grow with the shop.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "modules/tags/expression.h"
#include "modules/tags/merchant_index.h"

namespace {

using namespace weishang;
using namespace weishang::tags;

constexpr int kCustomers = 1'000'000;
constexpr int kTags = 40;
constexpr Timestamp kNow = 1'796'000'000'000;  // 2026-12-01
constexpr Timestamp kDay = 86'400'000;

struct World {
  MerchantIndex index;
  std::vector<TagId> tags;
};

const World& TheWorld() {
  static const World world = [] {
    std::mt19937_64 rng(12);
    static const char* kProvinces[] = {"湖南省", "广东省", "湖北省", "江西省", "北京市",
                                       "上海市", "四川省", "浙江省", "江苏省", "福建省"};
    static const char* kChannels[] = {"wechat", "share", "taobao", "offline"};
    World w;
    for (int t = 0; t < kTags; ++t) w.tags.push_back(TagId(1000 + t));
    MerchantIndex::Builder b;
    for (int i = 1; i <= kCustomers; ++i) {
      CustomerFacts f;
      f.id = CustomerId(10'000'000 + i);
      f.ordinal = static_cast<Ordinal>(i);
      f.gender = std::string(kGenders[rng() % 3]);
      f.province = kProvinces[rng() % 10];
      f.city = f.province + std::to_string(rng() % 10);
      f.channel = kChannels[rng() % 4];
      if (rng() % 10 != 0) f.owner_staff_id = StaffId(500 + rng() % 50);
      f.created_at = kNow - static_cast<Timestamp>(rng() % 1095) * kDay;
      int orders =
          static_cast<int>(rng() % 100 < 40 ? 0 : std::geometric_distribution<>(0.4)(rng) + 1);
      f.orders_count = orders;
      f.stage = orders == 0 ? "acquired" : orders == 1 ? "first_purchase" : "repeat_buyer";
      if (orders > 0) {
        f.spent_total = orders * static_cast<std::int64_t>(2000 + rng() % 30000);
        Timestamp first = f.created_at + static_cast<Timestamp>(rng() % 30) * kDay;
        f.first_order_at = first;
        f.last_order_at = first + static_cast<Timestamp>(rng() % 365) * kDay;
      }
      if (rng() % 3 == 0)
        f.birthday =
            "199" + std::to_string(rng() % 10) + "-0" + std::to_string(1 + rng() % 9) + "-15";
      b.AddCustomer(f);
      for (int t = 0; t < kTags; ++t) {
        // Tag t holds about 0.5% + t * 0.75% of the customers.
        if (rng() % 10'000 < static_cast<std::uint64_t>(50 + t * 75))
          b.AddMember(w.tags[t], f.ordinal);
      }
    }
    w.index = b.Finish();
    return w;
  }();
  return world;
}

Expr Parse(const std::string& text) {
  auto e = ParseExpressionText(text);
  if (!e) throw std::runtime_error(e.error().message);
  return *e;
}

std::string TagRef(int t) { return EncodeId(TheWorld().tags[t]); }

// The shop owner's view (every customer), and a staff member's (their own).
Scope ScopeOf(bool staff) { return staff ? Scope{StaffId(517)} : Scope{}; }

void BM_SegmentCount3Predicates(benchmark::State& state) {
  const World& w = TheWorld();
  Expr e = Parse(R"({"and":[{"tag":")" + TagRef(20) +
                 R"("},{"attr":"spent_total","op":"gte","value":20000},)"
                 R"({"attr":"last_order_at","op":"within_days","value":90}]})");
  Scope scope = ScopeOf(state.range(0) != 0);
  std::uint64_t n = 0;
  for (auto _ : state) {
    n = w.index.Evaluate(e, scope, kNow).Count();
    benchmark::DoNotOptimize(n);
  }
  state.counters["customers"] = static_cast<double>(n);
}
BENCHMARK(BM_SegmentCount3Predicates)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("staff")
    ->Unit(benchmark::kMillisecond);

void BM_SegmentCount5Predicates(benchmark::State& state) {
  const World& w = TheWorld();
  Expr e = Parse(R"({"and":[)"
                 R"({"or":[{"tag":")" +
                 TagRef(10) + R"("},{"tag":")" + TagRef(30) +
                 R"("}]},)"
                 R"({"not":{"tag":")" +
                 TagRef(5) +
                 R"("}},)"
                 R"({"attr":"gender","op":"eq","value":"female"},)"
                 R"({"attr":"orders_count","op":"between","value":[2,10]},)"
                 R"({"attr":"province","op":"in","value":["湖南省","广东省","湖北省"]}]})");
  Scope scope = ScopeOf(state.range(0) != 0);
  std::uint64_t n = 0;
  for (auto _ : state) {
    n = w.index.Evaluate(e, scope, kNow).Count();
    benchmark::DoNotOptimize(n);
  }
  state.counters["customers"] = static_cast<double>(n);
}
BENCHMARK(BM_SegmentCount5Predicates)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("staff")
    ->Unit(benchmark::kMillisecond);

// GET /admin/v1/customers?tag_id=…: the route evaluates {"and":[{"tag":…}]}
// (as it does with a stage or segment beside it) and takes the newest 20.
void BM_CustomerListByTagFirstPage(benchmark::State& state) {
  const World& w = TheWorld();
  Expr e = Parse(R"({"and":[{"tag":")" + TagRef(state.range(1)) + R"("}]})");
  Scope scope = ScopeOf(state.range(0) != 0);
  std::size_t got = 0;
  std::uint64_t n = 0;
  for (auto _ : state) {
    Bitmap set = w.index.Evaluate(e, scope, kNow);
    n = set.Count();
    auto page = w.index.Page(set, std::nullopt, 20);
    got = page.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["customers"] = static_cast<double>(n);
  state.counters["page"] = static_cast<double>(got);
}
BENCHMARK(BM_CustomerListByTagFirstPage)
    ->Args({0, 0})
    ->Args({0, 39})
    ->Args({1, 39})
    ->ArgNames({"staff", "tag"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
