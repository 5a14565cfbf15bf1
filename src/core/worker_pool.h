// A fixed set of threads running queued jobs, with a bounded queue: when it
// is full, TrySubmit refuses at once instead of letting work pile up. For
// CPU-heavy work (argon2id) that must not run on the HTTP connection threads
// nor delay them: the threads run at a lower scheduling priority (`nice`).
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace weishang {

class WorkerPool {
 public:
  struct Options {
    const char* name = "ws-pool";  // thread name (15 bytes at most are kept)
    int threads = 1;               // at least 1
    std::size_t max_queued = 32;   // jobs waiting, not counting those running
    int nice = 0;                  // added to each thread's nice value (Linux)
  };

  explicit WorkerPool(Options options);
  // Stop(): runs the jobs already queued, then joins the threads.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job` to run on one of the threads, in order of submission. False,
  // and `job` is dropped unrun, when max_queued jobs are already waiting or
  // the pool has stopped. A job must not throw.
  bool TrySubmit(std::function<void()> job);

  // Refuses new jobs, runs those queued and joins the threads. Idempotent.
  void Stop();

 private:
  void Run();

  Options options_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::once_flag stopped_;
  std::vector<std::thread> threads_;
};

}  // namespace weishang
