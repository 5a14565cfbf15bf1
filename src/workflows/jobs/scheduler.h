// Runs the timed jobs (payment timeouts, automatic receipt, settlement) on
// one background thread, once per interval. Each job is a write unit of work
// per row whose time has come, whose conditional UPDATE makes a second
// handling a harmless conflict. With several nodes on one database, each
// job's tick runs under a lock between the nodes (SchedulerOptions::locks),
// so each due row is handled by one node, once. Thread-safe Start/Stop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/background_loop.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "storage/database.h"
#include "storage/node_locks.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// What one tick of a job did with the rows that were due.
struct JobTally {
  int handled = 0;    // rows moved on
  int conflicts = 0;  // rows someone else moved first (a buyer, another node)
};

struct Job {
  std::string name;
  // Handles what is due at `now`.
  std::function<Result<JobTally>(storage::Database&, Modules&, Timestamp now)> run;
};

// The order module's timed jobs: payment timeouts, automatic receipt, settlement.
std::vector<Job> OrderJobs();
// Forgetting idempotency keys past their retention.
std::vector<Job> IdempotencyJobs();

struct SchedulerOptions {
  std::chrono::milliseconds interval{1000};  // between the end of a tick and the next
  // Held around each job's tick ("job:<name>") so that one node at a time
  // runs it; null when this process is the only one (SQLite).
  storage::NodeLocks* locks = nullptr;
};

// Each job's series in /metrics, per node: weishang_job_ticks_total (ticks
// run), weishang_job_ticks_skipped_total (another node held the job), and
// weishang_job_rows_total{outcome="handled"|"conflict"}.
class Scheduler {
 public:
  // Runs `jobs` (each module's, gathered by cli/registry.cc) in that order each tick.
  Scheduler(storage::Database& db, Modules& modules, const Clock& clock, std::vector<Job> jobs,
            SchedulerOptions options = {});
  ~Scheduler();

  void Start();
  void Stop();
  // Runs every job once now, on the calling thread (tests, CLI).
  void RunOnce();

 private:
  struct Series {
    Counter* ticks;
    Counter* skipped;
    Counter* handled;
    Counter* conflicts;
  };
  void Tick(const Job& job, const Series& series);

  storage::Database& db_;
  Modules& modules_;
  const Clock& clock_;
  SchedulerOptions options_;
  std::vector<Job> jobs_;
  std::vector<Series> series_;  // one per job, in the same order
  BackgroundLoop loop_;
};

}  // namespace weishang::workflows
