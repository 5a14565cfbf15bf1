// A per-merchant cache of rendered storefront responses. Entries live at most
// `ttl` (bounding how stale live figures such as stock may be) and every
// entry of a merchant is dropped at once by Invalidate(merchant), which
// writes call after their commit. Thread-safe.
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
  std::optional<std::string> Get(Id merchant, const std::string& key);
  void Put(Id merchant, const std::string& key, std::string value);
  // Drops every entry of `merchant` and bumps its generation.
  void Invalidate(Id merchant);
  // A number that changes whenever `merchant` is invalidated; other caches
  // of derived data compare it to know when to reload.
  std::uint64_t Generation(Id merchant);

 private:
  struct Entry {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<Id, std::unordered_map<std::string, Entry>> merchants;
    std::unordered_map<Id, std::uint64_t> generations;
  };
  static constexpr std::size_t kShards = 32;
  static constexpr std::size_t kMaxKeysPerMerchant = 4096;
  Shard& ShardFor(Id merchant) { return shards_[static_cast<std::size_t>(merchant) % kShards]; }

  std::chrono::milliseconds ttl_;
  std::array<Shard, kShards> shards_;
};

}  // namespace weishang
