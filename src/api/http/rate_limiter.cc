#include "api/http/rate_limiter.h"

#include <algorithm>

namespace weishang::api {

bool RateLimiter::Allow(const std::string& key) {
  if (rate_ <= 0) return true;
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() > kMaxKeysPerShard) {
    // Bound memory under a flood of distinct keys: forget full buckets.
    std::erase_if(shard.buckets, [&](const auto& kv) {
      double refill = std::chrono::duration<double>(now - kv.second.last).count() * rate_;
      return kv.second.tokens + refill >= burst_;
    });
  }
  auto [it, fresh] = shard.buckets.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace weishang::api
