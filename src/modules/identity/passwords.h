// The password work of the routes: hashing a chosen password, and verifying
// the one presented at login against the stored hash, through an injected
// PasswordHasher, on a small pool of threads of its own. argon2id takes tens
// of milliseconds of CPU; run on the HTTP connection threads, a flood of
// logins slowed every other request (the storefront home page went from
// 0.1 ms to 130 ms). On the pool, at lowered priority, a flood waits in a
// bounded queue, and is refused once that is full, while other requests
// keep their threads. Thread-safe; owned by the composition root.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/worker_pool.h"
#include "modules/identity/password_hasher.h"

namespace weishang::identity {

class Passwords {
 public:
  struct Options {
    int threads = 1;              // argon2id runs at once
    std::size_t max_queued = 32;  // jobs waiting beyond those; more are refused
  };

  // Hashes a dummy password with `hasher` before returning (one hash), and
  // starts the pool's threads. `hasher` must outlive this object.
  Passwords(const PasswordHasher& hasher, Options options);

  // Queues `job` (which calls Hash and Verify) on the pool. False, and `job`
  // dropped unrun, when max_queued jobs are waiting or Stop has run. A job
  // must not throw.
  bool Submit(std::function<void()> job) { return pool_.TrySubmit(std::move(job)); }
  // Runs the jobs queued, then stops the threads. Call before what the jobs
  // use (the database, the routes' services) goes away. Idempotent.
  void Stop() { pool_.Stop(); }

  // The hash to store for `password`. Call on the pool.
  std::string Hash(std::string_view password) const { return hasher_.Hash(password); }

  // Whether `password` matches `hash`. Without a hash (unknown shop or
  // login, disabled account) false, after verifying `password` against a
  // dummy hash made once with the same hasher and parameters: either way
  // exactly one verification and no hash, so the time taken does not tell
  // which logins exist. Call on the pool.
  bool Verify(const std::optional<std::string>& hash, std::string_view password) const;

 private:
  const PasswordHasher& hasher_;
  const std::string dummy_hash_;
  WorkerPool pool_;  // last: its threads start once the rest is ready
};

}  // namespace weishang::identity
