// Saving a product is catalog and inventory in one unit of work: the product
// and its SKUs are written by the catalog, each SKU's sellable units by
// inventory, and a failure of either rolls back both.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "workflows/catalog/product_view.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct SaveProductInput {
  catalog::ProductInput product;
  // Parallel to product.skus. nullopt: 0 for a new SKU, unchanged for a SKU
  // an update matches by its spec values.
  std::vector<std::optional<std::int64_t>> stock;
};

// Creates a draft product, its SKUs and their stock. Fails with the catalog's
// CreateProduct codes or inventory.invalid_quantity; nothing is written then.
Result<ProductWithStock> CreateProductWithStock(Tx& tx, Modules& m, Id merchant,
                                                const SaveProductInput& in);

// Replaces the product's fields, spec options and SKUs (matched SKUs keep
// their ids; SKUs not listed go off sale) and sets the stock given.
// catalog.product_not_found for another merchant's product.
Result<ProductWithStock> UpdateProductWithStock(Tx& tx, Modules& m, Id merchant, Id product,
                                                const SaveProductInput& in);

// Sets the available units of one of the merchant's SKUs and returns them.
// catalog.sku_not_found for unknown or other merchants' SKUs;
// inventory.invalid_quantity outside 0..inventory::kMaxStock.
Result<std::int64_t> SetSkuStock(Tx& tx, Modules& m, Id merchant, Id sku, std::int64_t units);

}  // namespace weishang::workflows
