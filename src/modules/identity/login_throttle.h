// Brakes password guessing. A LoginThrottle counts the failed password
// checks of each key (an account, or a client address); past
// `free_failures` of them it refuses the key's attempts for a delay that
// doubles with each further failure: 1 s, 2 s, 4 s ... at most 15 minutes.
// A refused attempt runs no argon2id at all. Counts are forgotten an hour
// after a key's last failure, and, for accounts, by a successful login.
//
// State is in memory, per process: on several nodes each node counts on its
// own (docs/operations.md). It is bounded: past `max_keys` keys the least
// recently used is forgotten. Time comes from the injected Clock.
// Thread-safe (one mutex; each call is a hash lookup).
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace weishang::identity {

enum class AttemptOutcome {
  kSucceeded,  // the password matched
  kFailed,     // it did not (or the login is unknown)
  kNotRun,     // no check ran (the pool was full, the database failed)
};

class LoginThrottle {
 public:
  struct Limits {
    int free_failures = 5;               // failures before delays start
    Timestamp first_delay = 1000;        // after the last free failure
    Timestamp max_delay = 15 * kMinute;  // the doubling stops here
    Timestamp forget_after = kHour;      // since the key's last failure
    std::size_t max_keys = 100'000;      // least recently used beyond
    bool success_forgets = true;         // a success clears the count
  };

  LoginThrottle(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // Before checking a password for `key`: 0 when the check may run now (it
  // then counts as in flight until Finish), else the milliseconds to wait.
  // Checks in flight count as failures to come: failures plus checks in
  // flight stay within free_failures (so at most that many run at once),
  // except that one check may always run once a delay is over.
  Timestamp Admit(const std::string& key);
  // After an admitted check. kFailed counts a failure and, past the free
  // ones, starts the next delay; kSucceeded clears the count if
  // success_forgets; kNotRun only ends the attempt.
  void Finish(const std::string& key, AttemptOutcome outcome);

  // Keys remembered (for tests and the bound).
  std::size_t size() const;

 private:
  struct Entry {
    int failures = 0;
    int in_flight = 0;
    Timestamp last_failure = 0;
    Timestamp locked_until = 0;
    std::list<std::string>::iterator recent;  // position in recent_
  };

  Entry& Touch(const std::string& key, Timestamp now);
  Timestamp Delay(int failures_past_free) const;
  void EraseIfIdle(std::unordered_map<std::string, Entry>::iterator it);

  const Clock& clock_;
  const Limits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recent_;  // most recently used first
};

// The two throttles in front of every password check: one per account (shop
// and login) and one per client address, which may be turned off (behind a
// load balancer every client has its address). Thread-safe.
class LoginGuard {
 public:
  struct Limits {
    LoginThrottle::Limits account;
    // 20 free failures: an office or a carrier's NAT shares one address.
    LoginThrottle::Limits address{.free_failures = 20, .success_forgets = false};
    bool by_address = true;
  };
  struct Attempt {
    std::string account;  // from AccountKey
    std::string address;  // the client's IP address
  };

  LoginGuard(const Clock& clock, Limits limits);

  static std::string AccountKey(std::string_view shop, std::string_view login);

  // 0 when both throttles admit the attempt, else the longer wait (and
  // neither counts it).
  Timestamp Admit(const Attempt& attempt);
  // After an admitted attempt; a success clears the account's count only.
  void Finish(const Attempt& attempt, AttemptOutcome outcome);

 private:
  LoginThrottle account_;
  LoginThrottle address_;
  const bool by_address_;
};

}  // namespace weishang::identity
