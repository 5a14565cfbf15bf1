// Product writes and the single-product read.
#include "modules/catalog/catalog.h"
#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_events.h"
#include "modules/catalog/rows.h"

namespace weishang::catalog {
namespace {

void CopyInput(const ProductInput& in, Product* p) {
  p->category_id = in.category_id;
  p->title = in.title;
  p->subtitle = in.subtitle;
  p->description = in.description;
  p->consumption_cycle_days = in.consumption_cycle_days;
  p->policy = in.policy;
  p->spec_options = in.spec_options;
}

}  // namespace

Result<void> CatalogService::CheckCategory(Tx& tx, MerchantId merchant, CategoryId category) {
  if (!category.valid()) return {};
  auto c = GetCategory(tx, merchant, category);
  if (!c) return Fail(c.error());
  return {};
}

// Products keep each picture's URL beside its id: pictures never change once
// uploaded, so reads need no join.
Result<void> CatalogService::ResolveImages(Tx& tx, MerchantId merchant, const ProductInput& in,
                                           Product* out) {
  out->main_image.reset();
  if (in.main_image_id.valid()) {
    auto img = GetImage(tx, merchant, in.main_image_id);
    if (!img) return Fail(img.error());
    out->main_image = ImageRef{img->id, ImageUrl(img->path)};
  }
  out->detail_images.clear();
  for (ImageId id : in.detail_image_ids) {
    auto img = GetImage(tx, merchant, id);
    if (!img) return Fail(img.error());
    out->detail_images.push_back(ImageRef{img->id, ImageUrl(img->path)});
  }
  return {};
}

Result<void> CatalogService::WriteProductRow(Tx& tx, const Product& p, bool insert) {
  ImageId main_id = p.main_image ? p.main_image->id : ImageId();
  std::string main_url = p.main_image ? p.main_image->url : "";
  std::string details = detail::EncodeImages(p.detail_images);
  std::string options = detail::EncodeOptions(p.spec_options);
  const AftersalesPolicy& a = p.policy;
  auto ok =
      insert ? tx.Exec(
                   "INSERT INTO catalog_product (category_id, title, subtitle, description, status,"
                   " main_image_id, main_image_url, detail_images, spec_options,"
                   " consumption_cycle_days, no_reason_7d, quality_return, exchange, refund_only,"
                   " created_at, updated_at, merchant_id, id)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {p.category_id, p.title, p.subtitle, p.description, StatusName(p.status),
                    main_id, main_url, details, options, p.consumption_cycle_days, a.no_reason_7d,
                    a.quality_return, a.exchange, a.refund_only, p.created_at, p.updated_at,
                    p.merchant_id, p.id})
             : tx.Exec(
                   "UPDATE catalog_product SET category_id = ?, title = ?, subtitle = ?,"
                   " description = ?, status = ?, main_image_id = ?, main_image_url = ?,"
                   " detail_images = ?, spec_options = ?, consumption_cycle_days = ?,"
                   " no_reason_7d = ?, quality_return = ?, exchange = ?, refund_only = ?,"
                   " created_at = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
                   {p.category_id, p.title, p.subtitle, p.description, StatusName(p.status),
                    main_id, main_url, details, options, p.consumption_cycle_days, a.no_reason_7d,
                    a.quality_return, a.exchange, a.refund_only, p.created_at, p.updated_at,
                    p.merchant_id, p.id});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<Product> CatalogService::CreateProduct(Tx& tx, MerchantId merchant, const ProductInput& in) {
  if (auto ok = ValidateProduct(in); !ok) return Fail(ok.error());
  if (auto ok = CheckCategory(tx, merchant, in.category_id); !ok) return Fail(ok.error());
  Product p;
  p.id = ids_.Next<ProductId>();
  p.merchant_id = merchant;
  p.status = ProductStatus::kDraft;
  p.created_at = p.updated_at = clock_.Now();
  CopyInput(in, &p);
  if (auto ok = ResolveImages(tx, merchant, in, &p); !ok) return Fail(ok.error());
  if (auto ok = WriteProductRow(tx, p, true); !ok) return Fail(ok.error());
  const std::vector<Sku> none;
  auto skus = detail::ReplaceSkus(tx, ids_, {merchant, p.id, &none, &in.skus, p.created_at});
  if (!skus) return Fail(skus.error());
  p.skus = std::move(*skus);
  if (auto ok = EmitProductChanged(tx, p, clock_.Now()); !ok) return Fail(ok.error());
  return p;
}

Result<Product> CatalogService::UpdateProduct(Tx& tx, MerchantId merchant, ProductId product,
                                              const ProductInput& in) {
  if (auto ok = ValidateProduct(in); !ok) return Fail(ok.error());
  auto current = GetProduct(tx, merchant, product);
  if (!current) return current;
  if (auto ok = CheckCategory(tx, merchant, in.category_id); !ok) return Fail(ok.error());
  Product p = *current;
  p.updated_at = clock_.Now();
  CopyInput(in, &p);
  if (auto ok = ResolveImages(tx, merchant, in, &p); !ok) return Fail(ok.error());
  if (auto ok = WriteProductRow(tx, p, false); !ok) return Fail(ok.error());
  auto skus =
      detail::ReplaceSkus(tx, ids_, {merchant, p.id, &current->skus, &in.skus, p.updated_at});
  if (!skus) return Fail(skus.error());
  p.skus = std::move(*skus);
  if (auto ok = EmitProductChanged(tx, p, clock_.Now()); !ok) return Fail(ok.error());
  return p;
}

Result<std::map<ProductId, CategoryId>> CatalogService::CategoriesOf(
    Tx& tx, MerchantId merchant, const std::vector<ProductId>& products) {
  std::map<ProductId, CategoryId> out;
  if (products.empty()) return out;
  std::string sql =
      "SELECT id, category_id FROM catalog_product WHERE merchant_id = ? AND category_id <> 0"
      " AND id IN (";
  std::vector<storage::Param> params{merchant};
  for (ProductId p : products) {
    sql += params.size() == 1 ? "?" : ", ?";
    params.emplace_back(p);
  }
  auto rows = tx.Query(sql + ")", storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) out.emplace(r.IdAt(0), r.IdAt(1));
  return out;
}

Result<Product> CatalogService::GetProduct(Tx& tx, MerchantId merchant, ProductId product) {
  auto row = tx.QueryOne(std::string("SELECT ") + detail::kProductColumns +
                             " FROM catalog_product WHERE merchant_id = ? AND id = ?",
                         {merchant, product});
  if (!row) return Fail(row.error());
  if (!*row) {
    return Fail(NotFound(errors::kProductNotFound, "no product " + EncodeId(product)));
  }
  Product p = detail::ProductFromRow(**row);
  auto skus = detail::LoadSkus(tx, merchant, product);
  if (!skus) return Fail(skus.error());
  p.skus = std::move(*skus);
  return p;
}

Result<Product> CatalogService::ChangeStatus(Tx& tx, MerchantId merchant, ProductId product,
                                             ProductAction action) {
  auto current = GetProduct(tx, merchant, product);
  if (!current) return current;
  auto next = NextStatus(*current, action);
  if (!next) return Fail(next.error());
  if (*next == current->status) return current;
  Product p = std::move(*current);
  p.status = *next;
  p.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE catalog_product SET status = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
      {StatusName(p.status), p.updated_at, merchant, product});
  if (!ok) return Fail(ok.error());
  if (auto emitted = EmitProductChanged(tx, p, clock_.Now()); !emitted) {
    return Fail(emitted.error());
  }
  return p;
}

Result<Product> CatalogService::SetConsumptionCycle(Tx& tx, MerchantId merchant, ProductId product,
                                                    std::int64_t days) {
  if (auto ok = ValidateConsumptionCycle(days); !ok) return Fail(ok.error());
  auto current = GetProduct(tx, merchant, product);
  if (!current || current->consumption_cycle_days == days) return current;
  Product p = std::move(*current);
  p.consumption_cycle_days = days;
  p.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE catalog_product SET consumption_cycle_days = ?, updated_at = ? WHERE"
      " merchant_id = ? AND id = ?",
      {days, p.updated_at, merchant, product});
  if (!ok) return Fail(ok.error());
  if (auto emitted = EmitProductChanged(tx, p, p.updated_at); !emitted)
    return Fail(emitted.error());
  return p;
}

}  // namespace weishang::catalog
