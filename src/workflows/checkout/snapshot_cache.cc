#include "workflows/checkout/snapshot_cache.h"

namespace weishang::workflows {

Result<std::shared_ptr<MerchantSnapshot>> SnapshotCache::Load(storage::Tx& tx, Modules& m,
                                                              MerchantId merchant) {
  auto snap = std::make_shared<MerchantSnapshot>();
  snap->loaded = std::chrono::steady_clock::now();
  auto shop = m.identity.GetMerchant(tx, merchant);
  if (!shop) return Fail(shop.error());
  snap->settings = shop->settings;
  auto discounts = m.promotions.ListSkuDiscounts(tx, merchant);
  if (!discounts) return Fail(discounts.error());
  for (auto& d : *discounts) {
    if (d.status == pricing::PromotionStatus::kActive)
      snap->discounts.push_back(std::move(d.discount));
  }
  auto reductions = m.promotions.ListReductions(tx, merchant);
  if (!reductions) return Fail(reductions.error());
  for (auto& r : *reductions) {
    if (r.status == pricing::PromotionStatus::kActive)
      snap->reductions.push_back(std::move(r.reduction));
  }
  return snap;
}

Result<std::shared_ptr<const MerchantSnapshot>> SnapshotCache::Get(storage::Tx& tx, Modules& m,
                                                                   MerchantId merchant) {
  // Read the generation before loading: a write committing meanwhile bumps
  // it again, so the next call reloads.
  std::uint64_t generation = generations_.Generation(merchant);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    auto it = snapshots_.find(merchant);
    if (it != snapshots_.end() && it->second->generation == generation &&
        now - it->second->loaded < ttl_) {
      return it->second;
    }
  }
  auto loaded = Load(tx, m, merchant);
  if (!loaded) return Fail(loaded.error());
  (*loaded)->generation = generation;
  std::shared_ptr<const MerchantSnapshot> snap = std::move(*loaded);
  std::lock_guard lock(mu_);
  snapshots_[merchant] = snap;
  return snap;
}

Result<std::vector<const catalog::SkuForSale*>> SnapshotCache::Skus(storage::Tx& tx, Modules& m,
                                                                    MerchantId merchant,
                                                                    const MerchantSnapshot& snap,
                                                                    const std::vector<SkuId>& ids) {
  std::vector<const catalog::SkuForSale*> out;
  out.reserve(ids.size());
  std::vector<SkuId> missing;
  {
    std::lock_guard lock(snap.mu);
    for (SkuId id : ids) {
      if (!snap.skus.count(id)) missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    auto loaded = m.catalog.GetSkusForSale(tx, merchant, missing);
    if (!loaded) return Fail(loaded.error());
    std::lock_guard lock(snap.mu);
    for (auto& sku : *loaded) snap.skus.emplace(sku.sku_id, std::move(sku));
  }
  std::lock_guard lock(snap.mu);
  for (SkuId id : ids) out.push_back(&snap.skus.at(id));  // map nodes never move
  return out;
}

}  // namespace weishang::workflows
