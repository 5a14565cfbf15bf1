#include "workflows/catalog/home_page.h"

namespace weishang::workflows {

Result<std::vector<catalog::ProductSummary>> ArrangeHome(storage::Tx& tx, Modules& m,
                                                         MerchantId merchant,
                                                         const std::vector<ProductId>& products) {
  auto set = m.catalog.SetFeatured(tx, merchant, products);
  if (!set) return Fail(set.error());
  return m.catalog.ListFeatured(tx, merchant);
}

Result<StoreHome> LoadStoreHome(storage::Tx& tx, Modules& m, MerchantId merchant) {
  auto featured = m.catalog.ListFeatured(tx, merchant);
  if (!featured) return Fail(featured.error());
  auto categories = m.catalog.ListCategories(tx, merchant, /*active_only=*/true);
  if (!categories) return Fail(categories.error());
  return StoreHome{std::move(*featured), std::move(*categories)};
}

}  // namespace weishang::workflows
