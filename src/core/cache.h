// A per-merchant cache of rendered storefront responses. Entries live at most
// `ttl` (bounding how stale live figures such as stock may be) and every
// entry of a merchant is dropped at once by Invalidate(merchant), which
// writes call after their commit. With several nodes on one database, a
// publisher tells the other nodes of each Invalidate, and they apply it with
// InvalidateLocally (docs/decisions/0007-several-nodes.md); the TTL still
// bounds staleness if a notice is lost. Thread-safe once the publisher is set.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ids.h"

namespace weishang {

class MerchantCache {
 public:
  explicit MerchantCache(std::chrono::milliseconds ttl) : ttl_(ttl) {}

  // The cached value for (merchant, key), or nullopt.
  std::optional<std::string> Get(MerchantId merchant, const std::string& key);
  void Put(MerchantId merchant, const std::string& key, std::string value);
  // Drops every entry of `merchant`, bumps its generation, and hands the
  // merchant to the publisher, if there is one.
  void Invalidate(MerchantId merchant);
  // As Invalidate, without the publisher: for a change another node has
  // announced.
  void InvalidateLocally(MerchantId merchant);
  // Sets who hears of every Invalidate (on PostgreSQL, the change feed that
  // tells the other nodes). Call before the cache is shared between threads.
  // Without one (SQLite, one node) Invalidate costs nothing more.
  void SetPublisher(std::function<void(MerchantId merchant)> publish) {
    publish_ = std::move(publish);
  }
  // A number that changes whenever `merchant` is invalidated; other caches
  // of derived data compare it to know when to reload.
  std::uint64_t Generation(MerchantId merchant);

 private:
  struct Entry {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<MerchantId, std::unordered_map<std::string, Entry>> merchants;
    std::unordered_map<MerchantId, std::uint64_t> generations;
  };
  static constexpr std::size_t kShards = 32;
  static constexpr std::size_t kMaxKeysPerMerchant = 4096;
  Shard& ShardFor(MerchantId merchant) {
    return shards_[static_cast<std::size_t>(merchant.value()) % kShards];
  }

  std::chrono::milliseconds ttl_;
  std::array<Shard, kShards> shards_;
  std::function<void(MerchantId)> publish_;
};

}  // namespace weishang
