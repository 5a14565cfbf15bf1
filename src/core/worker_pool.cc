#include "core/worker_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include "core/threads.h"

namespace weishang {

WorkerPool::WorkerPool(Options options) : options_(options) {
  int n = options_.threads < 1 ? 1 : options_.threads;
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= options_.max_queued) return false;
    queue_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  std::call_once(stopped_, [this] {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  });
}

void WorkerPool::Run() {
  NameThisThread(options_.name);
  // On Linux the nice value is per thread: this lowers only this one, so the
  // connection threads win the CPU when both want it.
  if (options_.nice != 0) {
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.nice);
  }
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

}  // namespace weishang
