// A product together with its stock: catalog and inventory in one unit of
// work. Saving writes the product and its SKUs through the catalog and each
// SKU's sellable units through inventory, so a failure of either rolls back
// both; reading pairs them in one snapshot, for the console's product page
// and the storefront's detail.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "workflows/modules.h"

namespace weishang::workflows {

using storage::Tx;

// A product with the available units of each of its SKUs (SKUs without a
// stock row read as 0).
struct ProductWithStock {
  catalog::Product product;
  std::unordered_map<SkuId, std::int64_t> stock;
};

// Reads the stock of `product`'s SKUs and pairs them with it.
Result<ProductWithStock> AttachStock(Tx& tx, Modules& m, MerchantId merchant,
                                     catalog::Product product);

// The product and the stock of all its SKUs, for the console.
Result<ProductWithStock> LoadProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                              ProductId product);

// The product as a buyer may see it: on sale, with only its live SKUs and
// their stock. catalog.product_not_found otherwise (drafts stay private).
Result<ProductWithStock> LoadProductForStore(Tx& tx, Modules& m, MerchantId merchant,
                                             ProductId product);

struct SaveProductInput {
  catalog::ProductInput product;
  // Parallel to product.skus. nullopt: 0 for a new SKU, unchanged for a SKU
  // an update matches by its spec values.
  std::vector<std::optional<std::int64_t>> stock;
};

// Creates a draft product, its SKUs and their stock. Fails with the catalog's
// CreateProduct codes or inventory.invalid_quantity; nothing is written then.
Result<ProductWithStock> CreateProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                                const SaveProductInput& in);

// Replaces the product's fields, spec options and SKUs (matched SKUs keep
// their ids; SKUs not listed go off sale) and sets the stock given.
// catalog.product_not_found for another merchant's product.
Result<ProductWithStock> UpdateProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                                ProductId product, const SaveProductInput& in);

// Publishes, unpublishes or archives the product and returns it with its
// stock. catalog.product_not_found, catalog.invalid_status_change.
Result<ProductWithStock> ChangeProductStatus(Tx& tx, Modules& m, MerchantId merchant,
                                             ProductId product, catalog::ProductAction action);

// Sets the available units of one of the merchant's SKUs and returns them.
// catalog.sku_not_found for unknown or other merchants' SKUs;
// inventory.invalid_quantity outside 0..inventory::kMaxStock.
Result<std::int64_t> SetSkuStock(Tx& tx, Modules& m, MerchantId merchant, SkuId sku,
                                 std::int64_t units);

}  // namespace weishang::workflows
