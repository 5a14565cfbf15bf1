// The bounded pool that runs argon2id off the HTTP threads.
#include "core/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

namespace weishang {
namespace {

TEST(WorkerPoolTest, RunsJobsInOrderAndRefusesWhenTheQueueIsFull) {
  WorkerPool pool({.name = "ws-test", .threads = 1, .max_queued = 2});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  std::vector<int> order;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
    order.push_back(0);
  }));
  started.get_future().wait();  // the thread is busy; the queue is empty
  EXPECT_TRUE(pool.TrySubmit([&] { order.push_back(1); }));
  EXPECT_TRUE(pool.TrySubmit([&] { order.push_back(2); }));
  bool ran_refused = false;
  EXPECT_FALSE(pool.TrySubmit([&] { ran_refused = true; })) << "two are waiting already";
  release.set_value();
  pool.Stop();  // runs what was queued
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  EXPECT_FALSE(ran_refused);
  EXPECT_FALSE(pool.TrySubmit([] {})) << "a stopped pool takes nothing";
  pool.Stop();  // idempotent
}

TEST(WorkerPoolTest, SeveralThreadsShareTheQueue) {
  std::atomic<int> done{0};
  {
    WorkerPool pool({.threads = 3, .max_queued = 100, .nice = 5});
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ++done; }));
  }  // the destructor stops the pool after the queued jobs
  EXPECT_EQ(done, 50);
}

}  // namespace
}  // namespace weishang
