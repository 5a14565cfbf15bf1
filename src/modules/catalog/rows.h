// Internal to the catalog module: the column lists its queries select, the
// mapping of rows to values, the JSON text of list-valued columns, and the
// SKU writer shared by create and update. Not part of the public facade.
#pragma once

#include <string>
#include <vector>

#include "modules/catalog/catalog.h"

namespace weishang::catalog::detail {

inline constexpr const char* kCategoryColumns =
    "id, merchant_id, name, sort_order, status, created_at, updated_at";
inline constexpr const char* kProductColumns =
    "id, merchant_id, category_id, title, subtitle, description, status, main_image_id,"
    " main_image_url, detail_images, spec_options, consumption_cycle_days, no_reason_7d,"
    " quality_return, exchange, refund_only, created_at, updated_at";
inline constexpr const char* kSkuColumns =
    "id, product_id, spec_values, price, list_price, barcode, status, created_at, updated_at";
inline constexpr const char* kImageColumns =
    "id, merchant_id, content_type, size_bytes, sha256, path, created_at";
// Selected from catalog_product aliased p; the price range is over live SKUs.
inline constexpr const char* kSummaryColumns =
    "p.id, p.category_id, p.title, p.subtitle, p.status, p.main_image_url,"
    " (SELECT MIN(s.price) FROM catalog_sku s WHERE s.merchant_id = p.merchant_id"
    " AND s.product_id = p.id AND s.status = 'on_sale'),"
    " (SELECT MAX(s.price) FROM catalog_sku s WHERE s.merchant_id = p.merchant_id"
    " AND s.product_id = p.id AND s.status = 'on_sale'),"
    " p.created_at, p.updated_at";

Category CategoryFromRow(const storage::Row& r);
Product ProductFromRow(const storage::Row& r);  // without SKUs
Sku SkuFromRow(const storage::Row& r);
Image ImageFromRow(const storage::Row& r);
ProductSummary SummaryFromRow(const storage::Row& r);

// JSON text of the list-valued columns, and back. Text that fails to parse
// reads as an empty list (it was written by these functions).
std::string EncodeStrings(const std::vector<std::string>& values);
std::vector<std::string> DecodeStrings(const std::string& text);
std::string EncodeOptions(const std::vector<SpecOption>& options);
std::vector<SpecOption> DecodeOptions(const std::string& text);
std::string EncodeImages(const std::vector<ImageRef>& images);
std::vector<ImageRef> DecodeImages(const std::string& text);

// The SKUs of one product, live ones first, in position order.
Result<std::vector<Sku>> LoadSkus(Tx& tx, MerchantId merchant, ProductId product);

struct SkuReplacement {
  MerchantId merchant;
  ProductId product;
  const std::vector<Sku>* existing = nullptr;  // the product's SKUs now
  const std::vector<SkuInput>* inputs = nullptr;
  Timestamp now = 0;
};

// Makes the product's live SKUs exactly `inputs`: a SKU with the same spec
// values keeps its id, new combinations get new ids, existing SKUs not
// listed become off_sale. Returns the input SKUs in order, then the removed
// ones. catalog.duplicate_barcode when a barcode names another product's SKU.
Result<std::vector<Sku>> ReplaceSkus(Tx& tx, IdGenerator& ids, const SkuReplacement& r);

}  // namespace weishang::catalog::detail
