// Reading a product together with its stock: catalog and inventory, read in
// one snapshot, for the console's product page and the storefront's detail.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "workflows/modules.h"

namespace weishang::workflows {

using storage::Tx;

// A product with the available units of each of its SKUs (SKUs without a
// stock row read as 0).
struct ProductWithStock {
  catalog::Product product;
  std::unordered_map<Id, std::int64_t> stock;
};

// Reads the stock of `product`'s SKUs and pairs them with it.
Result<ProductWithStock> AttachStock(Tx& tx, Modules& m, Id merchant, catalog::Product product);

// The product and the stock of all its SKUs, for the console.
Result<ProductWithStock> LoadProductWithStock(Tx& tx, Modules& m, Id merchant, Id product);

// The product as a buyer may see it: on sale, with only its live SKUs and
// their stock. catalog.product_not_found otherwise (drafts stay private).
Result<ProductWithStock> LoadProductForStore(Tx& tx, Modules& m, Id merchant, Id product);

}  // namespace weishang::workflows
