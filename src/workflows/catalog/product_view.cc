#include "workflows/catalog/product_view.h"

#include "modules/catalog/catalog_errors.h"

namespace weishang::workflows {
namespace {

std::vector<Id> SkuIds(const catalog::Product& p) {
  std::vector<Id> ids;
  ids.reserve(p.skus.size());
  for (const auto& s : p.skus) ids.push_back(s.id);
  return ids;
}

}  // namespace

Result<ProductWithStock> AttachStock(Tx& tx, Modules& m, Id merchant, catalog::Product product) {
  auto stock = m.inventory.Available(tx, merchant, SkuIds(product));
  if (!stock) return Fail(stock.error());
  return ProductWithStock{std::move(product), std::move(*stock)};
}

Result<ProductWithStock> LoadProductWithStock(Tx& tx, Modules& m, Id merchant, Id product) {
  auto p = m.catalog.GetProduct(tx, merchant, product);
  if (!p) return Fail(p.error());
  return AttachStock(tx, m, merchant, std::move(*p));
}

Result<ProductWithStock> LoadProductForStore(Tx& tx, Modules& m, Id merchant, Id product) {
  auto p = m.catalog.GetProduct(tx, merchant, product);
  if (!p) return Fail(p.error());
  if (p->status != catalog::ProductStatus::kOnSale) {
    // Same answer as an unknown id: a draft's existence is not public.
    return Fail(NotFound(catalog::errors::kProductNotFound,
                         "no product " + EncodeId("prd", product)));
  }
  std::erase_if(p->skus, [](const catalog::Sku& s) { return s.status != "on_sale"; });
  return AttachStock(tx, m, merchant, std::move(*p));
}

}  // namespace weishang::workflows
