// The login throttle on a fake clock: free failures, doubling delays with a
// cap, what resets a count, parallel checks, the bound on memory, and the
// account and address throttles together.
#include "modules/identity/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace weishang::identity {
namespace {

constexpr Timestamp kStart = 1'700'000'000'000;

class LoginThrottleTest : public ::testing::Test {
 protected:
  // One admitted check of `key` that fails.
  void Fail(LoginThrottle& t, const std::string& key) {
    ASSERT_EQ(t.Admit(key), 0) << key;
    t.Finish(key, AttemptOutcome::kFailed);
  }

  FakeClock clock_{kStart};
  LoginThrottle account_{clock_, {}};
};

TEST_F(LoginThrottleTest, FiveFailuresAreFreeThenTheDelayDoublesUpToFifteenMinutes) {
  for (int i = 0; i < 5; ++i) Fail(account_, "a");
  Timestamp expected = 1000;
  for (int failure = 6; failure <= 20; ++failure) {
    EXPECT_EQ(account_.Admit("a"), expected) << "refused before failure " << failure;
    clock_.Advance(expected - 1);
    EXPECT_EQ(account_.Admit("a"), 1) << "still refused a millisecond before the end";
    clock_.Advance(1);
    Fail(account_, "a");
    expected = std::min<Timestamp>(expected * 2, 15 * kMinute);
  }
  EXPECT_EQ(account_.Admit("a"), 15 * kMinute) << "the delay stops doubling at 15 minutes";
  EXPECT_EQ(account_.Admit("b"), 0) << "another account is not affected";
}

TEST_F(LoginThrottleTest, ASuccessClearsTheAccountsCount) {
  for (int i = 0; i < 5; ++i) Fail(account_, "a");
  clock_.Advance(1000);
  ASSERT_EQ(account_.Admit("a"), 0);
  account_.Finish("a", AttemptOutcome::kSucceeded);
  for (int i = 0; i < 5; ++i) Fail(account_, "a");  // five free ones again
  EXPECT_EQ(account_.Admit("a"), 1000);
}

TEST_F(LoginThrottleTest, ACountIsForgottenAnHourAfterTheLastFailure) {
  for (int i = 0; i < 12; ++i) {
    // Waits out each delay, then fails again.
    if (Timestamp wait = account_.Admit("a"); wait > 0) {
      clock_.Advance(wait);
      ASSERT_EQ(account_.Admit("a"), 0);
    }
    account_.Finish("a", AttemptOutcome::kFailed);
  }
  EXPECT_EQ(account_.Admit("a"), 128'000);
  clock_.Advance(kHour - 1);
  EXPECT_EQ(account_.Admit("a"), 0) << "the lock is over, the count not yet forgotten";
  account_.Finish("a", AttemptOutcome::kFailed);
  EXPECT_EQ(account_.Admit("a"), 256'000);
  clock_.Advance(kHour);
  for (int i = 0; i < 5; ++i) Fail(account_, "a");
  EXPECT_EQ(account_.Admit("a"), 1000);
}

TEST_F(LoginThrottleTest, ChecksThatDidNotRunCountNothing) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(account_.Admit("a"), 0);
    account_.Finish("a", AttemptOutcome::kNotRun);
  }
  EXPECT_EQ(account_.size(), 0u);
}

TEST_F(LoginThrottleTest, ParallelChecksCannotOutrunTheCount) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(account_.Admit("a"), 0) << "five free checks at once";
  EXPECT_EQ(account_.Admit("a"), 1000) << "a sixth waits for the others to finish";
  for (int i = 0; i < 5; ++i) account_.Finish("a", AttemptOutcome::kFailed);
  EXPECT_EQ(account_.Admit("a"), 1000);

  Fail(account_, "b");
  Fail(account_, "b");
  Fail(account_, "b");
  Fail(account_, "b");
  EXPECT_EQ(account_.Admit("b"), 0) << "the last free check";
  EXPECT_EQ(account_.Admit("b"), 1000) << "nothing beside it";
}

TEST_F(LoginThrottleTest, MemoryIsBoundedByForgettingTheLeastRecentlyUsedKey) {
  LoginThrottle small(clock_, {.max_keys = 3});
  for (const char* key : {"a", "b", "c"}) Fail(small, key);
  ASSERT_EQ(small.Admit("a"), 0);  // "a" is now the most recent; "b" the least
  small.Finish("a", AttemptOutcome::kFailed);
  Fail(small, "d");
  EXPECT_EQ(small.size(), 3u);
  // Had "b" been kept, its first failure and these four would lock it.
  for (int i = 0; i < 4; ++i) Fail(small, "b");
  EXPECT_EQ(small.Admit("b"), 0) << "\"b\" was forgotten when \"d\" came";
  EXPECT_EQ(small.size(), 3u);
}

TEST(LoginGuardTest, AnAddressIsCountedAcrossAccountsAndASuccessDoesNotClearIt) {
  FakeClock clock(kStart);
  LoginGuard guard(clock, {.address = {.free_failures = 3, .success_forgets = false}});
  auto attempt = [](const std::string& login) {
    return LoginGuard::Attempt{LoginGuard::AccountKey("shop-a", login), "10.0.0.1"};
  };
  for (const char* login : {"a", "b", "c"}) {
    ASSERT_EQ(guard.Admit(attempt(login)), 0);
    guard.Finish(attempt(login), AttemptOutcome::kFailed);
  }
  EXPECT_EQ(guard.Admit(attempt("d")), 1000) << "the address is past its free failures";
  clock.Advance(1000);
  ASSERT_EQ(guard.Admit(attempt("d")), 0);
  guard.Finish(attempt("d"), AttemptOutcome::kSucceeded);
  EXPECT_EQ(guard.Admit(attempt("e")), 0) << "the lock after 3 failures is over";
  guard.Finish(attempt("e"), AttemptOutcome::kFailed);
  EXPECT_EQ(guard.Admit(attempt("e")), 2000) << "a success elsewhere did not clear the address";
  EXPECT_EQ(guard.Admit(LoginGuard::Attempt{LoginGuard::AccountKey("shop-a", "e"), "10.0.0.2"}), 0)
      << "from another address the account itself is still free";
}

TEST(LoginGuardTest, WithoutTheAddressThrottleOnlyAccountsCount) {
  FakeClock clock(kStart);
  LoginGuard guard(clock, {.by_address = false});
  for (int i = 0; i < 100; ++i) {
    LoginGuard::Attempt a{LoginGuard::AccountKey("shop-a", std::to_string(i)), "10.0.0.1"};
    ASSERT_EQ(guard.Admit(a), 0) << i;
    guard.Finish(a, AttemptOutcome::kFailed);
  }
}

TEST(LoginGuardTest, AccountKeysOfDifferentShopsAndLoginsNeverCollide) {
  EXPECT_NE(LoginGuard::AccountKey("ab", "c"), LoginGuard::AccountKey("a", "bc"));
  EXPECT_NE(LoginGuard::AccountKey("shop-a", "x"), LoginGuard::AccountKey("shop-b", "x"));
}

}  // namespace
}  // namespace weishang::identity
