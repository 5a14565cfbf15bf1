#include "core/background_loop.h"

#include "core/threads.h"

namespace weishang {

void BackgroundLoop::Start() {
  thread_ = std::thread([this] {
    NameThisThread(name_.c_str());
    std::unique_lock lock(mu_);
    while (!stop_) {
      woken_ = false;
      lock.unlock();
      tick_();
      lock.lock();
      if (min_gap_.count() > 0) cv_.wait_for(lock, min_gap_, [this] { return stop_; });
      cv_.wait_for(lock, interval_ - min_gap_, [this] { return stop_ || woken_; });
    }
  });
}

void BackgroundLoop::Wake() {
  if (woken_.exchange(true)) return;  // a wake-up is already pending
  // Taking the lock orders this against the loop's check of woken_, so the
  // notification cannot fall between that check and its wait.
  { std::lock_guard lock(mu_); }
  cv_.notify_one();
}

void BackgroundLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace weishang
