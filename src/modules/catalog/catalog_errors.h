// Stable error codes of the catalog module. Clients and tests match on these
// strings; messages may change, codes may not.
#pragma once

namespace weishang::catalog::errors {

// kInvalidArgument (422): the input breaks a catalog rule.
inline constexpr char kInvalidTitle[] = "catalog.invalid_title";
inline constexpr char kInvalidPrice[] = "catalog.invalid_price";
inline constexpr char kInvalidSpec[] = "catalog.invalid_spec";
inline constexpr char kTooManySpecDimensions[] = "catalog.too_many_spec_dimensions";
inline constexpr char kTooManySkus[] = "catalog.too_many_skus";
inline constexpr char kNoSkus[] = "catalog.no_skus";
inline constexpr char kTooManyImages[] = "catalog.too_many_images";
inline constexpr char kInvalidCycle[] = "catalog.invalid_consumption_cycle";
inline constexpr char kInvalidCategory[] = "catalog.invalid_category";
inline constexpr char kInvalidStatus[] = "catalog.invalid_status";
inline constexpr char kTooManyFeatured[] = "catalog.too_many_featured";
inline constexpr char kDuplicateFeatured[] = "catalog.duplicate_featured";
inline constexpr char kUnsupportedImageType[] = "catalog.unsupported_image_type";

// kTooLarge (413).
inline constexpr char kImageTooLarge[] = "catalog.image_too_large";

// kNotFound (404): unknown ids, or ids of another merchant.
inline constexpr char kProductNotFound[] = "catalog.product_not_found";
inline constexpr char kSkuNotFound[] = "catalog.sku_not_found";
inline constexpr char kCategoryNotFound[] = "catalog.category_not_found";
inline constexpr char kImageNotFound[] = "catalog.image_not_found";

// kConflict (409): well-formed, but not allowed in the current state.
inline constexpr char kDuplicateBarcode[] = "catalog.duplicate_barcode";
inline constexpr char kProductNotOnSale[] = "catalog.product_not_on_sale";
inline constexpr char kInvalidStatusChange[] = "catalog.invalid_status_change";

// Also raised by this module:
inline constexpr char kImageWriteFailed[] = "catalog.image_write_failed";
inline constexpr char kUnknownAction[] = "catalog.unknown_action";

}  // namespace weishang::catalog::errors
