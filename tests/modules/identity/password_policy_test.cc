// The password policy, table-driven: each weak password found by probing the
// server is refused with a message saying why, and reasonable passphrases
// (including every password the fixtures and the demo use) pass.
#include "modules/identity/password_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "modules/identity/identity_errors.h"

namespace weishang::identity {
namespace {

const PasswordContext kOwner{"owner@shop-a.test", "shop-a", "店主 Li Na"};

struct Weak {
  std::string password;
  std::string why;  // a part of the message
};

TEST(PasswordPolicyTest, RefusesWeakPasswordsSayingWhy) {
  const Weak kWeak[] = {
      {"12345678", "too easy to guess"},
      {"password", "too easy to guess"},
      {"        ", "too easy to guess"},  // eight spaces
      {"aaaaaaaa", "too easy to guess"},
      {"owner@shop-a.test", "contain your login"},
      {"OWNER@shop-a.test!", "contain your login"},
      {"owner-shop-a", "built from your login, name or shop"},
      {std::string("correct\0horse", 13), "control characters"},
      {std::string("\0\0\0\0\0\0\0\0", 8), "control characters"},
      {"correct\thorse", "control characters"},
      {"correct\xc2\x85horse", "control characters"},  // U+0085, a C1 control
      {"qwertyuiop", "too easy to guess"},
      {"asdfghjkl", "too easy to guess"},
      {"1qaz2wsx3edc", "too easy to guess"},
      {"1q2w3e4r5t", "too easy to guess"},
      {"zxcvbnm,", "too easy to guess"},
      {"P@ssw0rd2024", "too easy to guess"},
      {"iloveyou123", "too easy to guess"},
      {"short", "at least 8 characters (it has 5)"},
      // Seven characters in 21 bytes: long enough by bytes, not by characters.
      {"咸鸭鸭脖腊肉好", "at least 8 characters (it has 7)"},
  };
  for (const Weak& w : kWeak) {
    auto r = CheckPassword(w.password, kOwner);
    ASSERT_FALSE(r) << "accepted: " << w.password;
    EXPECT_EQ(r.error().code, errors::kWeakPassword) << w.password;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << w.password;
    EXPECT_NE(r.error().message.find(w.why), std::string::npos)
        << w.password << ": " << r.error().message;
  }
}

TEST(PasswordPolicyTest, AcceptsReasonablePassphrases) {
  for (const char* good : {
           "weishang-demo",      // the demo shop's published password
           "correct horse",      // the test fixtures' owners
           "clerk till drawer",  // the test fixtures' clerks
           "bench-seed-runner",  // bench/
           "tea lamp river", "purple monkey dishwasher", "tr0ub4dor&3",
           "咸鸭鸭脖腊肉好吃",  // eight characters, none ASCII
       }) {
    auto r = CheckPassword(good, kOwner);
    EXPECT_TRUE(r) << good << ": " << (r ? "" : r.error().message);
  }
}

TEST(PasswordPolicyTest, CountsCharactersNotBytes) {
  EXPECT_EQ(CountUtf8Chars("abc"), 3u);
  EXPECT_EQ(CountUtf8Chars("咸鸭"), 2u);
  EXPECT_EQ(CountUtf8Chars("a咸😀"), 3u);
  EXPECT_EQ(CountUtf8Chars(""), 0u);
}

}  // namespace
}  // namespace weishang::identity
