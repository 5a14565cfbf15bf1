// Scenario files for the pricing tests (tests/data/pricing/*.json), in the
// spirit of DuckDB's sqllogictest: input, then the expected breakdown.
//
//   {"name": "...", "input": {...QuoteInput...},
//    "expect": {"total": 12900, "lines": [{"payable": 5900}, ...],
//               "explanations_contain": ["coupon SAVE10 (#3) applied"]}}
//   or "expect": {"error": "pricing.coupon_expired", "kind": "conflict"}
//
// Money is in fen; times are ISO strings ("2026-11-11T10:00:00Z") or
// milliseconds. A discount or reduction without a window is always live.
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "modules/pricing/pricing.h"

namespace weishang::pricing::testing {

struct Scenario {
  std::string file;  // base name, e.g. "coupon_expired.json"
  std::string name;
  QuoteInput input;
  json::object expect;
};

// The .json files under `dir`, sorted by name. Empty if `dir` is missing.
std::vector<std::string> ListScenarioFiles(const std::string& dir);

// The folder holding the scenarios: $WEISHANG_SOURCE_DIR/tests/data/pricing,
// or tests/data/pricing under the current directory.
std::string ScenarioDir();

// Reads and decodes one scenario; fails with "request.invalid_field" or
// "request.malformed_json" naming the faulty field.
Result<Scenario> LoadScenario(const std::string& path);

// Compares a result against `expect`. Returns one line per mismatch, each
// naming the field ("lines[1].payable: want 5900, got 6000"); empty = pass.
std::vector<std::string> CheckExpectation(const json::object& expect, const Result<Quote>& result);

}  // namespace weishang::pricing::testing
