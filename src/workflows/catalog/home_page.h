// The shop's home page: the featured products the merchant arranged (at most
// eight, in their order) and the categories a buyer can browse.
#pragma once

#include <vector>

#include "modules/catalog/catalog.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// Replaces the featured list with `products`, in that order, and returns it as
// the home page will show it. catalog.too_many_featured, duplicate_featured,
// product_not_found, product_not_on_sale (see CatalogService::SetFeatured).
Result<std::vector<catalog::ProductSummary>> ArrangeHome(storage::Tx& tx, Modules& m,
                                                         MerchantId merchant,
                                                         const std::vector<ProductId>& products);

struct StoreHome {
  std::vector<catalog::ProductSummary> featured;  // on sale, in the merchant's order
  std::vector<catalog::Category> categories;      // active ones, by sort order
};

// What the storefront's home shows.
Result<StoreHome> LoadStoreHome(storage::Tx& tx, Modules& m, MerchantId merchant);

}  // namespace weishang::workflows
