#include "workflows/jobs/scheduler.h"

#include "core/log.h"

namespace weishang::workflows {

Scheduler::Scheduler(storage::Database& db, Modules& modules, const Clock& clock)
    : db_(db), modules_(modules), clock_(clock), jobs_(AllJobs()) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
    }
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::RunOnce() {
  for (const Job& job : jobs_) {
    auto handled = job.run(db_, modules_, clock_.Now());
    if (!handled) {
      LogError("job " + job.name + " failed: " + handled.error().code + ": " + handled.error().message);
    } else if (*handled > 0) {
      LogInfo("job " + job.name + " handled " + std::to_string(*handled));
    }
  }
}

}  // namespace weishang::workflows
