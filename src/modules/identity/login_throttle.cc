#include "modules/identity/login_throttle.h"

#include <algorithm>

namespace weishang::identity {

Timestamp LoginThrottle::Admit(const std::string& key) {
  std::lock_guard lock(mu_);
  Timestamp now = clock_.Now();
  Entry& e = Touch(key, now);
  if (now < e.locked_until) return e.locked_until - now;
  // Checks in flight count as failures to come, so a burst of parallel
  // guesses cannot all slip in before the first failure is counted.
  if (e.in_flight > 0 && e.failures + e.in_flight >= limits_.free_failures) {
    return limits_.first_delay;
  }
  ++e.in_flight;
  return 0;
}

void LoginThrottle::Finish(const std::string& key, AttemptOutcome outcome) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;  // forgotten meanwhile (the bound)
  Entry& e = it->second;
  if (e.in_flight > 0) --e.in_flight;
  Timestamp now = clock_.Now();
  if (outcome == AttemptOutcome::kFailed) {
    ++e.failures;
    e.last_failure = now;
    if (e.failures >= limits_.free_failures) {
      e.locked_until = now + Delay(e.failures - limits_.free_failures);
    }
  } else if (outcome == AttemptOutcome::kSucceeded && limits_.success_forgets) {
    e.failures = 0;
    e.locked_until = 0;
  }
  EraseIfIdle(it);
}

std::size_t LoginThrottle::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

// The key's entry, made the most recently used; a count past forget_after
// is dropped, and a new key beyond max_keys evicts the least recently used.
LoginThrottle::Entry& LoginThrottle::Touch(const std::string& key, Timestamp now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    while (!recent_.empty() && entries_.size() >= limits_.max_keys) {
      entries_.erase(recent_.back());
      recent_.pop_back();
    }
    recent_.push_front(key);
    it = entries_.emplace(key, Entry{.recent = recent_.begin()}).first;
    return it->second;
  }
  Entry& e = it->second;
  recent_.splice(recent_.begin(), recent_, e.recent);
  if (e.failures > 0 && now - e.last_failure >= limits_.forget_after) {
    e.failures = 0;
    e.locked_until = 0;
  }
  return e;
}

// first_delay doubled `n` times, at most max_delay.
Timestamp LoginThrottle::Delay(int n) const {
  return GrowingDelay(limits_.first_delay, 2, limits_.max_delay, n);
}

// Keys with nothing to remember leave at once, so the map holds only
// accounts and addresses with failures or checks in flight.
void LoginThrottle::EraseIfIdle(std::unordered_map<std::string, Entry>::iterator it) {
  if (it->second.failures > 0 || it->second.in_flight > 0) return;
  recent_.erase(it->second.recent);
  entries_.erase(it);
}

LoginGuard::LoginGuard(const Clock& clock, Limits limits)
    : account_(clock, limits.account),
      address_(clock, limits.address),
      by_address_(limits.by_address) {}

// "<length of shop>:<shop><login>": no other shop and login make the same key.
std::string LoginGuard::AccountKey(std::string_view shop, std::string_view login) {
  std::string key = std::to_string(shop.size());
  key += ':';
  key += shop;
  key += login;
  return key;
}

Timestamp LoginGuard::Admit(const Attempt& attempt) {
  Timestamp wait = account_.Admit(attempt.account);
  if (wait > 0 || !by_address_) return wait;
  wait = address_.Admit(attempt.address);
  if (wait > 0) account_.Finish(attempt.account, AttemptOutcome::kNotRun);
  return wait;
}

void LoginGuard::Finish(const Attempt& attempt, AttemptOutcome outcome) {
  account_.Finish(attempt.account, outcome);
  if (by_address_) address_.Finish(attempt.address, outcome);
}

}  // namespace weishang::identity
