// Random and mutated input for the address parser: random bytes, random text
// from an alphabet of division characters, digits, signs, emoji and NUL,
// mutations of the shared dev cases, and inputs up to and past the length
// limit. Every call must return (the work per call is bounded by the length
// limit; no wall clock is asserted), and every answer must be well formed:
// valid UTF-8, fields made of the input's own (normalised) characters,
// divisions that exist and fit together. Deterministic: the seed is fixed
// unless WEISHANG_FUZZ_SEED is set.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "modules/address/address.h"
#include "modules/address/address_errors.h"
#include "modules/address/text.h"

namespace weishang::address {
namespace {

bool ValidUtf8(std::string_view s) {
  std::u32string decoded = DecodeUtf8(s);
  return decoded.find(U'\uFFFD') == std::u32string::npos && EncodeUtf8(decoded) == s;
}

class AddressFuzz : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* seed = std::getenv("WEISHANG_FUZZ_SEED");
    rng_.seed(seed != nullptr ? std::strtoull(seed, nullptr, 10) : 20261207);
    std::set<char32_t> chars;
    for (const auto& p : RegionTree()) {
      for (char32_t c : DecodeUtf8(p.name)) chars.insert(c);
      for (const auto& c : p.children) {
        for (char32_t x : DecodeUtf8(c.name)) chars.insert(x);
        for (const auto& d : c.children) {
          for (char32_t x : DecodeUtf8(d.name)) chars.insert(x);
        }
      }
    }
    for (char32_t c : std::u32string_view(U"0123456789abcXYZ，。:：;()（）【】-+#@ "
                                          U"\n\t收货人手机号码电话地址邮编路号楼室先生女士"
                                          U"\U0001F600\U0001F389\u200B\uFEFF\u3000０１２"))
      chars.insert(c);
    chars.insert(U'\0');
    alphabet_.assign(chars.begin(), chars.end());
    const char* path = std::getenv("WEISHANG_ADDRESS_CASES");
    std::ifstream in(path != nullptr ? path : "");
    std::string line;
    while (std::getline(in, line)) {
      boost::system::error_code ec;
      auto v = boost::json::parse(line, ec);
      if (!ec && v.is_object() && v.as_object().contains("input"))
        seeds_.emplace_back(v.as_object().at("input").as_string());
    }
    if (seeds_.empty()) {
      seeds_ = {"张三 13800138000 广东省广州市天河区体育西路191号",
                "收货人：李四，手机号码：+86 139 1234 5678，浙江杭州西湖区文三路 90号",
                "海南省海南省白沙黎族自治县海南省省直辖县级行政区划白沙黎族自治县牙叉农场"};
    }
  }

  std::size_t Below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }

  std::string RandomBytes(std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng_() & 0xFF);
    return s;
  }

  std::string RandomText(std::size_t n) {
    std::u32string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(alphabet_[Below(alphabet_.size())]);
    return EncodeUtf8(s);
  }

  std::string Mutate(std::string s) {
    int edits = 1 + static_cast<int>(Below(6));
    for (int e = 0; e < edits; ++e) {
      std::size_t at = Below(s.size() + 1);
      switch (Below(5)) {
        case 0:  // cut a byte range (may split a character: invalid UTF-8)
          s.erase(at, Below(8));
          break;
        case 1:
          s.insert(at, RandomText(1 + Below(6)));
          break;
        case 2:
          s.insert(at, RandomBytes(1 + Below(3)));
          break;
        case 3:  // repeat a piece (the region pasted twice)
          s.insert(at, s.substr(Below(s.size() + 1), Below(20)));
          break;
        default:
          s.insert(at, seeds_[Below(seeds_.size())].substr(0, Below(40)));
          break;
      }
    }
    return s;
  }

  void Check(const std::string& input) {
    auto parsed = Parse(input);
    if (!parsed) {
      const std::string& code = parsed.error().code;
      EXPECT_TRUE(code == errors::kEmpty || code == errors::kTooLong) << code;
      if (code == errors::kTooLong) {
        EXPECT_GT(input.size(), kMaxInputBytes);
      }
      return;
    }
    ASSERT_LE(input.size(), kMaxInputBytes);
    const ParsedAddress& a = *parsed;
    for (const std::string* field :
         {&a.name, &a.phone, &a.province, &a.city, &a.district, &a.detail, &a.postal_code}) {
      ASSERT_TRUE(ValidUtf8(*field)) << input;
    }
    // Name and detail are made of the input's own characters, normalised
    // (the detail may gain a space between two runs of letters or digits).
    std::u32string text = NormalizeText(input);
    std::set<char32_t> have(text.begin(), text.end());
    have.insert(U' ');
    for (const std::string* field : {&a.name, &a.detail}) {
      for (char32_t c : DecodeUtf8(*field)) ASSERT_TRUE(have.contains(c)) << input;
    }
    for (char c : a.phone) ASSERT_TRUE(std::isdigit(static_cast<unsigned char>(c)) || c == '-');
    ASSERT_TRUE(a.postal_code.empty() || a.postal_code.size() == 6) << a.postal_code;
    if (!a.province.empty() && !a.city.empty()) {
      EXPECT_TRUE(CheckRegion(a.province, a.city, a.district, true).has_value())
          << a.province << a.city << a.district << " from " << input;
    }
    for (std::size_t i = 1; i < a.uncertain.size(); ++i) {
      ASSERT_LT(static_cast<int>(a.uncertain[i - 1]), static_cast<int>(a.uncertain[i]));
    }
  }

  std::mt19937_64 rng_;
  std::vector<char32_t> alphabet_;
  std::vector<std::string> seeds_;
};

TEST_F(AddressFuzz, RandomBytesNeverBreakTheParser) {
  for (int i = 0; i < 10000; ++i) Check(RandomBytes(Below(400)));
}

TEST_F(AddressFuzz, RandomTextFromDivisionCharactersDigitsAndSigns) {
  for (int i = 0; i < 10000; ++i) Check(RandomText(Below(200)));
}

TEST_F(AddressFuzz, MutatedDevCases) {
  for (int i = 0; i < 20000; ++i) Check(Mutate(seeds_[Below(seeds_.size())]));
}

TEST_F(AddressFuzz, LongInputsUpToAndPastTheLimit) {
  for (int i = 0; i < 20; ++i) {
    Check(RandomBytes(10 * 1024));
    std::string near = RandomText(kMaxInputBytes / 3);
    Check(near.substr(0, kMaxInputBytes));
    std::string repeated;
    while (repeated.size() + seeds_[0].size() <= kMaxInputBytes) repeated += seeds_[0];
    Check(repeated);
  }
  Check(std::string(kMaxInputBytes, '1'));
  Check(std::string(kMaxInputBytes, '\0'));
}

}  // namespace
}  // namespace weishang::address
