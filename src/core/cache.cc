#include "core/cache.h"

namespace weishang {

std::optional<std::string> MerchantCache::Get(MerchantId merchant, const std::string& key) {
  Shard& s = ShardFor(merchant);
  std::lock_guard lock(s.mu);
  auto m = s.merchants.find(merchant);
  if (m == s.merchants.end()) return std::nullopt;
  auto e = m->second.find(key);
  if (e == m->second.end()) return std::nullopt;
  if (e->second.expires < std::chrono::steady_clock::now()) {
    m->second.erase(e);
    return std::nullopt;
  }
  return e->second.value;
}

void MerchantCache::Put(MerchantId merchant, const std::string& key, std::string value) {
  Shard& s = ShardFor(merchant);
  std::lock_guard lock(s.mu);
  auto& entries = s.merchants[merchant];
  if (entries.size() >= kMaxKeysPerMerchant) entries.clear();  // crude bound; rare
  entries[key] = Entry{std::move(value), std::chrono::steady_clock::now() + ttl_};
}

void MerchantCache::Invalidate(MerchantId merchant) {
  InvalidateLocally(merchant);
  if (publish_) publish_(merchant);
}

void MerchantCache::InvalidateLocally(MerchantId merchant) {
  Shard& s = ShardFor(merchant);
  std::lock_guard lock(s.mu);
  s.merchants.erase(merchant);
  ++s.generations[merchant];
}

std::uint64_t MerchantCache::Generation(MerchantId merchant) {
  Shard& s = ShardFor(merchant);
  std::lock_guard lock(s.mu);
  auto it = s.generations.find(merchant);
  return it == s.generations.end() ? 0 : it->second;
}

}  // namespace weishang
