// Token buckets keyed by client (IP address or token). Each key may burst to
// `burst` requests and refills at `rate` per second. Sharded locks keep the
// cost to a few tens of nanoseconds per request. Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace weishang::api {

class RateLimiter {
 public:
  // rate <= 0 disables limiting.
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  // Takes one token for `key`; false when the bucket is empty.
  bool Allow(const std::string& key);
  bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kMaxKeysPerShard = 100'000;

  double rate_;
  double burst_;
  std::array<Shard, kShards> shards_;
};

}  // namespace weishang::api
