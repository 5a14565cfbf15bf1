#include "workflows/promotions/list_discounts.h"

#include <map>

#include "modules/catalog/catalog_errors.h"

namespace weishang::workflows {

Result<std::vector<ListedDiscount>> ListSkuDiscounts(storage::Tx& tx, Modules& m,
                                                     MerchantId merchant) {
  auto records = m.promotions.ListSkuDiscounts(tx, merchant);
  if (!records) return Fail(records.error());
  std::map<ProductId, catalog::Product> products;
  std::vector<ListedDiscount> out;
  out.reserve(records->size());
  for (auto& record : *records) {
    ListedDiscount listed{std::move(record), std::nullopt};
    // Discounts are created only for the merchant's own SKUs, and SKUs are
    // never deleted; a lookup that finds nothing leaves the SKU undescribed
    // rather than failing the whole list.
    auto sku = m.catalog.GetSku(tx, merchant, listed.record.discount.sku_id);
    if (!sku && sku.error().code != catalog::errors::kSkuNotFound) return Fail(sku.error());
    if (sku) {
      auto at = products.find(sku->product_id);
      if (at == products.end()) {
        auto product = m.catalog.GetProduct(tx, merchant, sku->product_id);
        if (!product) return Fail(product.error());
        at = products.emplace(sku->product_id, std::move(*product)).first;
      }
      listed.sku = DiscountedSku{sku->product_id, at->second.title,
                                 catalog::SpecText(at->second.spec_options, sku->spec_values)};
    }
    out.push_back(std::move(listed));
  }
  return out;
}

}  // namespace weishang::workflows
