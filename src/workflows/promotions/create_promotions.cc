#include "workflows/promotions/create_promotions.h"

namespace weishang::workflows {

Result<pricing::DiscountRecord> CreateSkuDiscount(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                  const pricing::SkuDiscount& d) {
  if (auto owned = m.catalog.GetSku(tx, merchant, d.sku_id); !owned) return Fail(owned.error());
  return m.promotions.CreateSkuDiscount(tx, merchant, d);
}

Result<pricing::ReductionRecord> CreateFullReduction(storage::Tx& tx, Modules& m,
                                                     MerchantId merchant,
                                                     const pricing::FullReduction& f) {
  // Another merchant's id answers 404, as an unknown one does.
  for (ProductId product : f.product_ids) {
    if (auto owned = m.catalog.GetProduct(tx, merchant, product); !owned)
      return Fail(owned.error());
  }
  for (CategoryId category : f.category_ids) {
    if (auto owned = m.catalog.GetCategory(tx, merchant, category); !owned)
      return Fail(owned.error());
  }
  return m.promotions.CreateReduction(tx, merchant, f);
}

}  // namespace weishang::workflows
