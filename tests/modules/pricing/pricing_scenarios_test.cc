// Runs every scenario in tests/data/pricing, one test per file. See
// scenario.h for the file format and docs/rules/pricing.md for the rules.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>

#include "modules/pricing/scenario.h"

namespace weishang::pricing::testing {
namespace {

class PricingScenarioTest : public ::testing::TestWithParam<std::string> {};
// An empty folder is reported by ScenarioFolderHoldsAtLeastFifteenFiles below.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PricingScenarioTest);

TEST_P(PricingScenarioTest, MatchesExpectation) {
  Result<Scenario> scenario = LoadScenario(GetParam());
  ASSERT_TRUE(scenario.has_value()) << GetParam() << ": " << scenario.error().message;
  const std::vector<std::string> problems =
      CheckExpectation(scenario->expect, PriceCart(scenario->input));
  for (const std::string& problem : problems) {
    ADD_FAILURE() << "scenario '" << scenario->name << "' (" << scenario->file << "): " << problem;
  }
}

// "coupon_expired.json" -> "coupon_expired": GoogleTest names allow only
// letters, digits and underscores.
std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, PricingScenarioTest,
                         ::testing::ValuesIn(ListScenarioFiles(ScenarioDir())), TestName);

// Guards against a wrong working directory silently running zero scenarios.
TEST(PricingScenarioFilesTest, ScenarioFolderHoldsAtLeastFifteenFiles) {
  EXPECT_GE(ListScenarioFiles(ScenarioDir()).size(), 15u) << "looked in " << ScenarioDir();
}

}  // namespace
}  // namespace weishang::pricing::testing
