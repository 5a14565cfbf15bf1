// Tells the other nodes sharing one PostgreSQL database which merchants'
// cached data went stale, and hears what they tell: LISTEN/NOTIFY on the
// channel `weishang_invalidate`, whose payload is a merchant id in decimal.
//
// One connection and one thread per node. Publish() only queues the id; the
// thread sends it (pg_notify outside any transaction, so it is delivered at
// once) and hands every notice from another session to `on_change`. A node
// hears its own notices too, and skips them: it invalidated locally already.
//
// Delivery is at most once. Notices sent while this node's connection is
// down are missed, so every cache fed by this one must still expire on its
// own (MerchantCache's TTL is the bound). The thread reconnects, with
// doubling waits up to two seconds, and LISTENs again. Thread-safe.
// See docs/decisions/0007-several-nodes.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "storage/postgres/pg_connection.h"

namespace weishang::storage {

class PgChangeFeed {
 public:
  using OnChange = std::function<void(std::int64_t merchant)>;
  static constexpr const char* kChannel = "weishang_invalidate";

  // Connects, LISTENs and starts the thread, which calls `on_change` (on that
  // thread) with each merchant another node announces. Fails with
  // kUnavailable "storage.open_failed" when the server cannot be reached.
  static Result<std::unique_ptr<PgChangeFeed>> Open(const std::string& conninfo,
                                                    OnChange on_change);
  ~PgChangeFeed();
  PgChangeFeed(const PgChangeFeed&) = delete;
  PgChangeFeed& operator=(const PgChangeFeed&) = delete;

  // Queues a notice that `merchant` changed and wakes the thread. Never waits
  // on the network; an id already queued is not queued twice.
  void Publish(std::int64_t merchant);
  // Sends what is queued (when connected), stops the thread and disconnects.
  // Later Publish calls are dropped. Idempotent.
  void Close();

 private:
  PgChangeFeed(std::unique_ptr<PgConnection> conn, OnChange on_change, int wake_fd);
  void Wake();
  void Loop();
  bool Reconnect();
  void SendQueued();
  void Deliver();
  // Sleeps until Publish or Close wakes the thread, `timeout` passes or, when
  // `watch_server`, the server sends something.
  void WaitForWork(std::chrono::milliseconds timeout, bool watch_server);

  std::unique_ptr<PgConnection> conn_;  // used by the thread only, once started
  OnChange on_change_;
  int wake_fd_;  // an eventfd: Publish and Close wake the thread through it

  std::mutex mu_;
  std::set<std::int64_t> queued_;
  bool closing_ = false;
  std::thread thread_;
};

}  // namespace weishang::storage
