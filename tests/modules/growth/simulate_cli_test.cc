// `weishang simulate fission` as an operator runs it (the binary ctest names
// in WEISHANG_BINARY): the same seed prints the same projection, --json is
// the route's JSON, and a rate out of range is an error with exit code 1.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Ran {
  int code = -1;
  std::string out;  // stdout and stderr
};

Ran RunCli(const std::string& args) {
  const char* binary = std::getenv("WEISHANG_BINARY");
  Ran ran;
  if (binary == nullptr) return ran;
  std::string command = std::string(binary) + " simulate fission " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return ran;
  std::array<char, 4096> buffer;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    ran.out.append(buffer.data(), n);
  int status = pclose(pipe);
  ran.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

const char kExample[] =
    "--seeds 30 --vouchers 3 --redemption 0.4 --conversion 0.6 --days 14 --budget-fen 50000"
    " --cost-per-redemption-fen 500 --runs 300";

class SimulateCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("WEISHANG_BINARY") == nullptr) GTEST_SKIP() << "WEISHANG_BINARY is not set";
  }
};

TEST_F(SimulateCliTest, TheSameSeedPrintsTheSameProjection) {
  Ran a = RunCli(std::string(kExample) + " --seed 42");
  Ran b = RunCli(std::string(kExample) + " --seed 42");
  Ran c = RunCli(std::string(kExample) + " --seed 43");
  ASSERT_EQ(a.code, 0) << a.out;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  EXPECT_NE(a.out.find("30 seeds x 3 vouchers"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("budget 500.00 yuan"), std::string::npos) << a.out;
}

TEST_F(SimulateCliTest, JsonHasEveryDayAndTheInput) {
  Ran r = RunCli(std::string(kExample) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  boost::json::value v = boost::json::parse(r.out);
  EXPECT_EQ(v.at("days").as_array().size(), 14u);
  EXPECT_EQ(v.at("input").at("seed").to_number<std::int64_t>(), 42);  // the default
  EXPECT_EQ(v.at("input").at("budget_fen").to_number<std::int64_t>(), 50000);
  EXPECT_LE(v.at("total_cost_fen").at("p90").to_number<std::int64_t>(), 50000);
}

TEST_F(SimulateCliTest, ARateOutOfRangeIsAnError) {
  Ran r = RunCli("--redemption 0.4 --conversion 1.5");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("growth.invalid_simulation"), std::string::npos) << r.out;
  Ran delay = RunCli("--redemption 0.4 --conversion 0.6 --delay 0.5,x");
  EXPECT_EQ(delay.code, 1);
  EXPECT_NE(delay.out.find("--delay"), std::string::npos) << delay.out;
}

}  // namespace
