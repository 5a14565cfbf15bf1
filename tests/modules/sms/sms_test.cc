// One-time codes on a real database (both engines): one per phone per
// minute, a daily cap, five tries, five minutes, and never stored in clear.
#include "modules/sms/sms.h"

#include <gtest/gtest.h>

#include <regex>

#include "modules/sms/sms_errors.h"
#include "testing/temp_db.h"

namespace weishang::sms {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{41};
constexpr MerchantId kOtherShop{42};
constexpr std::string_view kPhone = "13800138000";

class SmsCodesTest : public ::testing::Test {
 protected:
  SmsCodesTest()
      : clock_(1'800'000'000'000),
        ids_(1),
        sandbox_(clock_, ids_),
        codes_(clock_, ids_, &sandbox_) {}

  Result<CodeRequest> Ask(std::string_view phone = kPhone, MerchantId shop = kShop) {
    return db_.Write(
        [&](storage::Tx& tx) { return codes_.Request(tx, shop, phone, kSignInPurpose, "小店"); });
  }
  Result<Verdict> Check(std::string_view code, std::string_view phone = kPhone,
                        MerchantId shop = kShop) {
    return db_.Write(
        [&](storage::Tx& tx) { return codes_.Verify(tx, shop, phone, kSignInPurpose, code); });
  }
  // The code in the newest text the sandbox recorded for `phone`.
  std::string LastCode(std::string_view phone = kPhone, MerchantId shop = kShop) {
    auto list =
        db_.Read([&](storage::Tx& tx) { return sandbox_.List(tx, shop, phone, std::nullopt, 1); });
    if (!list || list->empty()) return "";
    std::smatch m;
    std::regex six("([0-9]{6})");
    const std::string& text = list->front().text;
    return std::regex_search(text, m, six) ? m[1].str() : "";
  }
  std::string Wrong(const std::string& code) {
    std::string w = code;
    w[0] = w[0] == '9' ? '0' : static_cast<char>(w[0] + 1);
    return w;
  }

  TempDb db_;
  FakeClock clock_;
  IdGenerator ids_;
  SandboxSmsProvider sandbox_;
  CodeService codes_;
};

TEST_F(SmsCodesTest, ACodeIsSixDigitsSentThroughTheProviderAndAcceptedOnce) {
  auto sent = Ask();
  ASSERT_TRUE(sent) << sent.error().message;
  EXPECT_TRUE(sent->sent);
  EXPECT_EQ(sent->expires_at, clock_.Now() + 5 * kMinute);
  std::string code = LastCode();
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(*Check(code), Verdict::kAccepted);
  EXPECT_EQ(*Check(code), Verdict::kInvalid) << "a used code is gone";
}

TEST_F(SmsCodesTest, TheCodeIsStoredOnlyAsAKeyedHash) {
  ASSERT_TRUE(Ask());
  std::string code = LastCode();
  auto stored = db_.Read([&](storage::Tx& tx) -> Result<std::vector<std::string>> {
    auto rows = tx.Query("SELECT code_hash, phone, purpose FROM sms_code");
    if (!rows) return Fail(rows.error());
    std::vector<std::string> out;
    for (const auto& r : *rows) {
      for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.Str(i));
    }
    return out;
  });
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 3u);
  for (const auto& v : *stored) EXPECT_EQ(v.find(code), std::string::npos) << v;
  EXPECT_EQ((*stored)[0].size(), 64u) << "an HMAC-SHA256 in hex";
}

TEST_F(SmsCodesTest, OneCodePerPhonePerMinute) {
  ASSERT_TRUE(Ask()->sent);
  clock_.Advance(20'000);
  auto again = Ask();
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->sent);
  EXPECT_EQ(again->retry_after_s, 40);
  EXPECT_TRUE(Ask("13900139000")->sent) << "another phone is not held back";
  EXPECT_TRUE(Ask(kPhone, kOtherShop)->sent) << "nor the same phone in another shop";
  clock_.Advance(40'000);
  EXPECT_TRUE(Ask()->sent);
}

TEST_F(SmsCodesTest, ADailyCapPerPhone) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(Ask()->sent) << i;
    clock_.Advance(kMinute);
  }
  auto capped = Ask();
  ASSERT_FALSE(capped);
  EXPECT_EQ(capped.error().code, errors::kDailyCap);
  EXPECT_EQ(capped.error().kind, ErrorKind::kRateLimited);
  clock_.Advance(kDay - 9 * kMinute);
  EXPECT_TRUE(Ask()->sent) << "the oldest code left the 24-hour window";
}

TEST_F(SmsCodesTest, FiveWrongTriesKillTheCode) {
  ASSERT_TRUE(Ask());
  std::string code = LastCode();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(*Check(Wrong(code)), Verdict::kInvalid) << i;
  EXPECT_EQ(*Check(Wrong(code)), Verdict::kTooManyTries);
  EXPECT_EQ(*Check(code), Verdict::kTooManyTries) << "dead even for the right code";
}

TEST_F(SmsCodesTest, ACodeExpiresAfterFiveMinutes) {
  ASSERT_TRUE(Ask());
  std::string code = LastCode();
  clock_.Advance(5 * kMinute);
  EXPECT_EQ(*Check(code), Verdict::kExpired);
}

TEST_F(SmsCodesTest, OnlyTheNewestCodeCountsAndOnlyInItsShop) {
  ASSERT_TRUE(Ask());
  std::string first = LastCode();
  clock_.Advance(kMinute);
  ASSERT_TRUE(Ask());
  std::string second = LastCode();
  EXPECT_EQ(*Check(second, kPhone, kOtherShop), Verdict::kInvalid);
  if (first != second) EXPECT_EQ(*Check(first), Verdict::kInvalid);
  EXPECT_EQ(*Check(second), Verdict::kAccepted);
}

TEST_F(SmsCodesTest, BadPhonesAndNoProviderAreRefused) {
  auto bad = Ask("12345");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errors::kInvalidPhone);
  CodeService off(clock_, ids_, nullptr);
  auto none = db_.Write(
      [&](storage::Tx& tx) { return off.Request(tx, kShop, kPhone, kSignInPurpose, "小店"); });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, errors::kNoProvider);
}

TEST_F(SmsCodesTest, VerdictsHaveStableErrors) {
  EXPECT_EQ(VerdictError(Verdict::kInvalid).code, errors::kCodeInvalid);
  EXPECT_EQ(VerdictError(Verdict::kExpired).code, errors::kCodeExpired);
  EXPECT_EQ(VerdictError(Verdict::kTooManyTries).code, errors::kTooManyTries);
  EXPECT_EQ(VerdictError(Verdict::kTooManyTries).kind, ErrorKind::kRateLimited);
}

}  // namespace
}  // namespace weishang::sms
