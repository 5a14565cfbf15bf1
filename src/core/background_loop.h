// A thread that runs one function over and over: `tick`, then a wait of
// `interval` or until Wake(), until Stop(). The timed jobs, the event
// dispatcher and the outbox tail each run on one. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace weishang {

class BackgroundLoop {
 public:
  // `name` names the thread (15 bytes show in top -H). At least `min_gap`
  // passes between two ticks even when woken, so a burst of wake-ups (one per
  // commit under load) makes one tick over the whole burst.
  BackgroundLoop(std::string name, std::chrono::milliseconds interval, std::function<void()> tick,
                 std::chrono::milliseconds min_gap = std::chrono::milliseconds(0))
      : name_(std::move(name)), interval_(interval), min_gap_(min_gap), tick_(std::move(tick)) {}
  ~BackgroundLoop() { Stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  // Starts the thread; the first tick runs at once. Call once.
  void Start();
  // Ends the wait early: the next tick runs now (or right after the current
  // one). Cheap when a wake-up is already pending (one atomic exchange), so a
  // caller on a hot path may call it per event.
  void Wake();
  // Lets the current tick finish and joins the thread. Idempotent.
  void Stop();

 private:
  std::string name_;
  std::chrono::milliseconds interval_;
  std::chrono::milliseconds min_gap_;
  std::function<void()> tick_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> woken_{false};  // set without the lock when already set
  std::thread thread_;
};

}  // namespace weishang
