// Runs the timed jobs (payment timeouts, automatic receipt, ...) on one
// background thread, once a second. Each job is a write unit of work over
// rows whose time has come, so running it twice is harmless. Thread-safe
// Start/Stop.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct Job {
  std::string name;
  // Handles what is due at `now`; returns how many items it handled.
  std::function<Result<int>(storage::Database&, Modules&, Timestamp now)> run;
};

// Every timed job of the engine, in the order they run each tick.
std::vector<Job> AllJobs();

class Scheduler {
 public:
  Scheduler(storage::Database& db, Modules& modules, const Clock& clock);
  ~Scheduler();

  void Start();
  void Stop();
  // Runs every job once now, on the calling thread (tests, CLI).
  void RunOnce();

 private:
  storage::Database& db_;
  Modules& modules_;
  const Clock& clock_;
  std::vector<Job> jobs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace weishang::workflows
