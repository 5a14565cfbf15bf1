#include "workflows/catalog/save_product.h"

#include <algorithm>

#include "modules/catalog/catalog_errors.h"

namespace weishang::workflows {
namespace {

std::vector<SkuId> SkuIds(const catalog::Product& p) {
  std::vector<SkuId> ids;
  ids.reserve(p.skus.size());
  for (const auto& s : p.skus) ids.push_back(s.id);
  return ids;
}

// The saved product's first SKUs are the input's, in order (CatalogService's
// contract), so stock[i] belongs to skus[i]. A new SKU without a figure
// starts at 0, so every live SKU has a stock row.
Result<void> ApplyStock(Tx& tx, Modules& m, MerchantId merchant, const catalog::Product& saved,
                        const std::vector<std::optional<std::int64_t>>& stock,
                        const std::vector<SkuId>& existing_ids) {
  for (std::size_t i = 0; i < stock.size() && i < saved.skus.size(); ++i) {
    SkuId sku = saved.skus[i].id;
    bool existed = std::find(existing_ids.begin(), existing_ids.end(), sku) != existing_ids.end();
    if (!stock[i] && existed) continue;
    auto ok = m.inventory.SetAvailable(tx, merchant, sku, stock[i].value_or(0));
    if (!ok) return Fail(ok.error());
  }
  return {};
}

}  // namespace

Result<ProductWithStock> CreateProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                                const SaveProductInput& in) {
  auto product = m.catalog.CreateProduct(tx, merchant, in.product);
  if (!product) return Fail(product.error());
  if (auto ok = ApplyStock(tx, m, merchant, *product, in.stock, {}); !ok) return Fail(ok.error());
  return AttachStock(tx, m, merchant, std::move(*product));
}

Result<ProductWithStock> UpdateProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                                ProductId product, const SaveProductInput& in) {
  auto before = m.catalog.GetProduct(tx, merchant, product);
  if (!before) return Fail(before.error());
  auto saved = m.catalog.UpdateProduct(tx, merchant, product, in.product);
  if (!saved) return Fail(saved.error());
  auto ok = ApplyStock(tx, m, merchant, *saved, in.stock, SkuIds(*before));
  if (!ok) return Fail(ok.error());
  return AttachStock(tx, m, merchant, std::move(*saved));
}

Result<std::int64_t> SetSkuStock(Tx& tx, Modules& m, MerchantId merchant, SkuId sku,
                                 std::int64_t units) {
  // The catalog lookup is the tenant check: inventory rows are keyed by SKU
  // id alone, so a foreign SKU must be refused before touching them.
  auto found = m.catalog.GetSku(tx, merchant, sku);
  if (!found) return Fail(found.error());
  auto ok = m.inventory.SetAvailable(tx, merchant, sku, units);
  if (!ok) return Fail(ok.error());
  return units;
}

Result<ProductWithStock> AttachStock(Tx& tx, Modules& m, MerchantId merchant,
                                     catalog::Product product) {
  auto stock = m.inventory.Available(tx, merchant, SkuIds(product));
  if (!stock) return Fail(stock.error());
  return ProductWithStock{std::move(product), std::move(*stock)};
}

Result<ProductWithStock> LoadProductWithStock(Tx& tx, Modules& m, MerchantId merchant,
                                              ProductId product) {
  auto p = m.catalog.GetProduct(tx, merchant, product);
  if (!p) return Fail(p.error());
  return AttachStock(tx, m, merchant, std::move(*p));
}

Result<ProductWithStock> LoadProductForStore(Tx& tx, Modules& m, MerchantId merchant,
                                             ProductId product) {
  auto p = m.catalog.GetProduct(tx, merchant, product);
  if (!p) return Fail(p.error());
  if (p->status != catalog::ProductStatus::kOnSale) {
    // Same answer as an unknown id: a draft's existence is not public.
    return Fail(NotFound(catalog::errors::kProductNotFound, "no product " + EncodeId(product)));
  }
  std::erase_if(p->skus,
                [](const catalog::Sku& s) { return s.status != catalog::SkuStatus::kOnSale; });
  return AttachStock(tx, m, merchant, std::move(*p));
}

Result<ProductWithStock> ChangeProductStatus(Tx& tx, Modules& m, MerchantId merchant,
                                             ProductId product, catalog::ProductAction action) {
  auto p = m.catalog.ChangeStatus(tx, merchant, product, action);
  if (!p) return Fail(p.error());
  return AttachStock(tx, m, merchant, std::move(*p));
}

}  // namespace weishang::workflows
