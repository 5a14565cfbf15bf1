// The catalog: categories, products with spec options and SKUs, the home
// page's featured list and uploaded image metadata, per merchant. Stock is
// not here (inventory owns it, keyed by SKU id). Every call takes the
// caller's unit of work and the merchant it acts for; rows of other merchants
// are invisible (kNotFound). Stateless apart from its references; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "modules/catalog/image.h"
#include "modules/catalog/product.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::catalog {

using storage::Tx;

inline constexpr std::size_t kMaxFeatured = 8;
inline constexpr std::size_t kMaxCategoryNameBytes = 60;

struct Category {
  CategoryId id;
  MerchantId merchant_id;
  std::string name;
  std::int64_t sort_order = 0;  // ascending; ties by creation
  CategoryStatus status = CategoryStatus::kActive;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

struct CategoryUpdate {
  std::optional<std::string> name;
  std::optional<std::int64_t> sort_order;
  std::optional<CategoryStatus> status;
};

// A product as lists show it: no SKUs, the price range of its live SKUs.
struct ProductSummary {
  ProductId id;
  CategoryId category_id;
  std::string title;
  std::string subtitle;
  ProductStatus status = ProductStatus::kDraft;
  std::string main_image_url;  // "" when none
  Fen min_price = 0;           // 0 when it has no live SKU
  Fen max_price = 0;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// Filters of ListProducts. Pages run from the newest product back; `after`
// is the last id of the previous page (0 for the first).
struct ProductFilter {
  std::optional<ProductStatus> status;
  CategoryId category_id;  // 0 = any
  std::string q;           // substring of the title; "" = any
  ProductId after;
  int limit = 20;  // 1..100
};

struct ProductPage {
  std::vector<ProductSummary> items;
  ProductId next_after;  // pass as `after` for the next page; 0 = this was the last
};

// What checkout needs to sell one SKU, loaded in the order's unit of work.
struct SkuForSale {
  SkuId sku_id;
  ProductId product_id;
  CategoryId category_id;
  std::string title;
  std::string spec_text;
  Fen price;
  std::string image_url;
  AftersalesPolicy policy;
  int consumption_cycle_days;
};

class CatalogService {
 public:
  CatalogService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Categories. Names are 1..kMaxCategoryNameBytes (catalog.invalid_category);
  // unknown ids give catalog.category_not_found. Categories are hidden, never
  // deleted. ListCategories orders by sort_order then id.
  Result<Category> CreateCategory(Tx& tx, MerchantId merchant, const std::string& name,
                                  std::int64_t sort_order);
  Result<Category> UpdateCategory(Tx& tx, MerchantId merchant, CategoryId category,
                                  const CategoryUpdate& u);
  Result<Category> GetCategory(Tx& tx, MerchantId merchant, CategoryId category);
  Result<std::vector<Category>> ListCategories(Tx& tx, MerchantId merchant, bool active_only);

  // Creates a draft product and its SKUs (returned in input order). Fails
  // with ValidateProduct's codes, catalog.category_not_found,
  // catalog.image_not_found, or catalog.duplicate_barcode (kConflict) when a
  // barcode names a live SKU of another product.
  Result<Product> CreateProduct(Tx& tx, MerchantId merchant, const ProductInput& in);

  // Replaces everything `in` holds, keeping the status. A SKU whose spec
  // values match an existing one keeps its id; existing SKUs not listed
  // become off_sale (never deleted). The result's first in.skus.size() SKUs
  // are the input's, in order. Same failures as CreateProduct, plus
  // catalog.product_not_found.
  Result<Product> UpdateProduct(Tx& tx, MerchantId merchant, ProductId product,
                                const ProductInput& in);

  // The product with all its SKUs (removed ones last); catalog.product_not_found.
  Result<Product> GetProduct(Tx& tx, MerchantId merchant, ProductId product);
  Result<ProductPage> ListProducts(Tx& tx, MerchantId merchant, const ProductFilter& filter);
  // The category of each of `products` that has one, in one query; products
  // of another merchant, unknown ones and those without a category are absent.
  Result<std::map<ProductId, CategoryId>> CategoriesOf(Tx& tx, MerchantId merchant,
                                                       const std::vector<ProductId>& products);

  // Publishes, unpublishes or archives; see NextStatus for the rules.
  // Repeating an action succeeds and changes nothing.
  Result<Product> ChangeStatus(Tx& tx, MerchantId merchant, ProductId product,
                               ProductAction action);

  // Sets how many days one unit lasts (0: not a consumable), as the
  // repurchase screen does; product.changed. catalog.invalid_consumption_cycle
  // outside 0..kMaxConsumptionCycleDays, catalog.product_not_found. Setting
  // the value it has changes nothing.
  Result<Product> SetConsumptionCycle(Tx& tx, MerchantId merchant, ProductId product,
                                      std::int64_t days);

  // The SKU, live or removed; catalog.sku_not_found.
  Result<Sku> GetSku(Tx& tx, MerchantId merchant, SkuId sku);

  // Unknown (or other merchant's) sku → kNotFound "catalog.sku_not_found"; product or sku not on
  // sale → kConflict "catalog.product_not_on_sale". Results are in the order of `sku_ids`; a
  // repeated id appears twice.
  Result<std::vector<SkuForSale>> GetSkusForSale(Tx& tx, MerchantId merchant,
                                                 const std::vector<SkuId>& sku_ids);

  // Replaces the home page's featured list. At most kMaxFeatured
  // (catalog.too_many_featured), no repeats (catalog.duplicate_featured),
  // each a product of the merchant (catalog.product_not_found) that is on
  // sale (catalog.product_not_on_sale). Returns the ids in order.
  Result<std::vector<ProductId>> SetFeatured(Tx& tx, MerchantId merchant,
                                             const std::vector<ProductId>& products);
  // The featured products still on sale, in the merchant's order.
  Result<std::vector<ProductSummary>> ListFeatured(Tx& tx, MerchantId merchant);

  // Records an image whose bytes the caller has stored at `image.path`.
  // `image.id` is the caller's (it named the file); created_at is set here.
  Result<Image> RecordImage(Tx& tx, MerchantId merchant, const Image& image);
  // catalog.image_not_found.
  Result<Image> GetImage(Tx& tx, MerchantId merchant, ImageId image);
  // The merchant's image with these bytes, if one was uploaded before.
  Result<std::optional<Image>> FindImageBySha256(Tx& tx, MerchantId merchant,
                                                 const std::string& sha256);

 private:
  Result<void> CheckCategory(Tx& tx, MerchantId merchant, CategoryId category);
  Result<void> ResolveImages(Tx& tx, MerchantId merchant, const ProductInput& in, Product* out);
  Result<void> WriteProductRow(Tx& tx, const Product& p, bool insert);

  const Clock& clock_;
  IdGenerator& ids_;
};

// This module's schema, embedded from schema/*.sql.
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::catalog
