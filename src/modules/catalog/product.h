// Products, their spec options and SKUs as plain values, and the rules that
// need no I/O: what a valid product looks like, how SKUs are matched across
// an update, and which status changes are allowed. Every function here is
// pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"

namespace weishang::catalog {

// Limits of one product. Byte lengths: a Chinese character takes 3 bytes.
inline constexpr std::size_t kMaxSpecDimensions = 3;
inline constexpr std::size_t kMaxSpecValues = 20;  // per dimension
inline constexpr std::size_t kMaxSkus = 100;
inline constexpr std::size_t kMaxDetailImages = 9;
inline constexpr std::size_t kMaxTitleBytes = 200;
inline constexpr std::size_t kMaxSubtitleBytes = 300;
inline constexpr std::size_t kMaxDescriptionBytes = 20000;
inline constexpr std::size_t kMaxSpecTextBytes = 60;  // a dimension name or value
inline constexpr std::size_t kMaxBarcodeBytes = 64;
inline constexpr std::int64_t kMaxConsumptionCycleDays = 365;

// draft: being written, invisible to buyers. on_sale: in the storefront.
// off_sale: taken down, kept. archived: retired from the console's lists.
enum class ProductStatus { kDraft, kOnSale, kOffSale, kArchived };

const char* StatusName(ProductStatus status);
std::optional<ProductStatus> ParseStatus(std::string_view text);

// What a merchant does to a product's visibility.
// A SKU is sold while its product is; one removed from its product by an
// edit is kept (orders refer to it) as off sale.
enum class SkuStatus { kOnSale, kOffSale };
inline constexpr EnumText<SkuStatus> kSkuStatusText[] = {{SkuStatus::kOnSale, "on_sale"},
                                                         {SkuStatus::kOffSale, "off_sale"}};

// A hidden category keeps its products but is not listed in the store.
enum class CategoryStatus { kActive, kHidden };
inline constexpr EnumText<CategoryStatus> kCategoryStatusText[] = {
    {CategoryStatus::kActive, "active"}, {CategoryStatus::kHidden, "hidden"}};

enum class ProductAction { kPublish, kUnpublish, kArchive };

std::optional<ProductAction> ParseAction(std::string_view text);

// The after-sales services a product offers (售后服务), shown to buyers and
// enforced by the after-sales flow.
struct AftersalesPolicy {
  bool no_reason_7d = true;
  bool quality_return = true;
  bool exchange = true;
  bool refund_only = true;
};

// One dimension of variation, e.g. {"规格", {"3只装", "6只装"}}.
struct SpecOption {
  std::string name;
  std::vector<std::string> values;
};

// An uploaded image as a product shows it: its id and public URL.
struct ImageRef {
  ImageId id;
  std::string url;
};

struct SkuInput {
  std::vector<std::string> spec_values;  // one per spec option, in option order
  Fen price = 0;                         // 0 < price <= kMaxFen
  std::optional<Fen> list_price;         // the "original" price shown struck through
  std::optional<std::string> barcode;    // unique among the merchant's live SKUs
};

struct Sku {
  SkuId id;
  ProductId product_id;
  std::vector<std::string> spec_values;
  Fen price = 0;
  std::optional<Fen> list_price;
  std::optional<std::string> barcode;
  SkuStatus status = SkuStatus::kOnSale;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// Everything a merchant edits about a product; Create and Update both take
// the whole of it (an update replaces the spec options and SKUs).
struct ProductInput {
  std::string title;
  std::string subtitle;  // the one sentence that says the point (卖点)
  std::string description;
  CategoryId category_id;                   // 0 = uncategorised
  ImageId main_image_id;                    // 0 = none yet
  std::vector<ImageId> detail_image_ids;    // at most kMaxDetailImages, in order
  std::int64_t consumption_cycle_days = 0;  // 0 = not a consumable
  AftersalesPolicy policy;
  std::vector<SpecOption> spec_options;  // at most kMaxSpecDimensions
  std::vector<SkuInput> skus;            // 1..kMaxSkus
};

struct Product {
  ProductId id;
  MerchantId merchant_id;
  CategoryId category_id;
  std::string title;
  std::string subtitle;
  std::string description;
  ProductStatus status = ProductStatus::kDraft;
  std::optional<ImageRef> main_image;
  std::vector<ImageRef> detail_images;
  std::int64_t consumption_cycle_days = 0;
  AftersalesPolicy policy;
  std::vector<SpecOption> spec_options;
  std::vector<Sku> skus;  // in the merchant's order; live (on_sale) ones first
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// Checks every rule of a product that needs no database: title present,
// lengths, spec dimensions and values, one SKU per distinct combination of
// spec values, prices, barcodes distinct, image and cycle limits. Fails with
// the first problem found (kInvalidArgument; codes in catalog_errors.h).
Result<void> ValidateProduct(const ProductInput& in);
// catalog.invalid_consumption_cycle outside 0..kMaxConsumptionCycleDays.
Result<void> ValidateConsumptionCycle(std::int64_t days);

// A key identifying a SKU by its spec values, used to keep SKU ids when an
// update lists the same combination again.
std::string SpecKey(const std::vector<std::string>& values);

// "规格: 3只装; 口味: 麻辣" for order lines and receipts; "" without specs.
std::string SpecText(const std::vector<SpecOption>& options,
                     const std::vector<std::string>& values);

// The status `action` leads to from the product's current state. Publishing
// needs at least one live SKU; unpublishing a draft makes no sense. Fails
// with kConflict "catalog.invalid_status_change".
Result<ProductStatus> NextStatus(const Product& product, ProductAction action);

}  // namespace weishang::catalog
