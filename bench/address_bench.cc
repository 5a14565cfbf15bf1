// Address parsing over the shared dev cases (../shared/data/address/
// dev_cases.jsonl, or $WEISHANG_ADDRESS_CASES): lines per second on one core,
// reported as items_per_second. The budget is 100,000 lines/s.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "modules/address/address.h"

namespace {

std::vector<std::string> LoadCases() {
  const char* env = std::getenv("WEISHANG_ADDRESS_CASES");
  std::ifstream in(env != nullptr ? env : WEISHANG_ADDRESS_CASES);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (!ec && v.is_object() && v.as_object().contains("input"))
      lines.emplace_back(v.as_object().at("input").as_string());
  }
  return lines;
}

void BM_AddressParseDevCases(benchmark::State& state) {
  static const std::vector<std::string> lines = LoadCases();
  if (lines.empty()) {
    state.SkipWithError("no dev cases: set WEISHANG_ADDRESS_CASES");
    return;
  }
  (void)weishang::address::Parse(lines[0]);  // builds the tables outside the timing
  std::size_t i = 0;
  for (auto _ : state) {
    auto parsed = weishang::address::Parse(lines[i]);
    benchmark::DoNotOptimize(parsed);
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetLabel(std::to_string(lines.size()) + " dev cases, lines/s = items_per_second");
}
BENCHMARK(BM_AddressParseDevCases);

}  // namespace
