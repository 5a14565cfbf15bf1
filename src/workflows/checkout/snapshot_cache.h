// What a price depends on, apart from the coupon and the stock, cached per
// merchant: the shop's postage rule, its active SKU discounts and full
// reductions, and the SKUs asked for so far. Checkout prices from here so the
// request thread reads nothing on a hit.
//
// Staleness: a snapshot is reloaded when the merchant's generation in the
// storefront MerchantCache changes (every catalog, promotion and settings
// write bumps it after commit) and at the latest after `ttl`. Coupons are
// always read live (their use counts matter), and stock is decided by the
// conditional update in the write unit, never by this cache. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/cache.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct MerchantSnapshot {
  std::uint64_t generation = 0;
  std::chrono::steady_clock::time_point loaded;
  identity::ShopSettings settings;
  std::vector<pricing::SkuDiscount> discounts;     // status active; windows checked when pricing
  std::vector<pricing::FullReduction> reductions;  // status active
  mutable std::mutex mu;
  mutable std::unordered_map<SkuId, catalog::SkuForSale> skus;
};

class SnapshotCache {
 public:
  SnapshotCache(MerchantCache& generations, std::chrono::milliseconds ttl)
      : generations_(generations), ttl_(ttl) {}

  // The merchant's snapshot, (re)loaded through `tx` when missing or stale.
  Result<std::shared_ptr<const MerchantSnapshot>> Get(storage::Tx& tx, Modules& m,
                                                      MerchantId merchant);

  // The SKUs for sale among `ids`, in order, from `snap` or loaded through
  // `tx` (and remembered). catalog.sku_not_found / catalog.product_not_on_sale.
  // The pointers stay valid as long as `snap`: its SKUs are only ever added.
  static Result<std::vector<const catalog::SkuForSale*>> Skus(storage::Tx& tx, Modules& m,
                                                              MerchantId merchant,
                                                              const MerchantSnapshot& snap,
                                                              const std::vector<SkuId>& ids);

  // Loads a snapshot without caching (tests, the CLI).
  static Result<std::shared_ptr<MerchantSnapshot>> Load(storage::Tx& tx, Modules& m,
                                                        MerchantId merchant);

 private:
  MerchantCache& generations_;
  std::chrono::milliseconds ttl_;
  std::mutex mu_;
  std::unordered_map<MerchantId, std::shared_ptr<const MerchantSnapshot>> snapshots_;
};

}  // namespace weishang::workflows
