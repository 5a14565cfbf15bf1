// JSON shapes of the catalog, for the console (/admin/v1) and the storefront
// (/store/v1). Decoders check JSON types only; the catalog's own rules (and
// their catalog.* codes) run in the module. Ids travel with their prefixes:
// cat_, prd_, sku_, img_. Money is integer fen. Pure; thread-safe.
#pragma once

#include "core/json.h"
#include "modules/catalog/catalog.h"
#include "workflows/catalog/save_product.h"

namespace weishang::api {

// {"title", "subtitle", "description", "category_id", "main_image_id",
//  "detail_image_ids": [...], "consumption_cycle_days",
//  "aftersales": {"no_reason_7d", "quality_return", "exchange", "refund_only"},
//  "spec_options": [{"name": "规格", "values": ["3只装", "6只装"]}],
//  "skus": [{"spec_values": ["3只装"], "price": 1990, "list_price": 2990,
//            "barcode": "6901234567890", "stock": 100}]}
// Fails with request.invalid_field for wrong JSON types, and with
// catalog.category_not_found / catalog.image_not_found for ids that are
// not ids of that kind.
Result<workflows::SaveProductInput> DecodeProductInput(const json::object& body);

// The console's view: every SKU (removed ones too) with barcode, status and stock.
json::value EncodeProduct(const workflows::ProductWithStock& p);
// The buyer's view: live SKUs with price, stock and sold_out; no barcodes.
json::value EncodeStoreProduct(const workflows::ProductWithStock& p);

json::value EncodeSummary(const catalog::ProductSummary& s);
json::value EncodeSummaries(const std::vector<catalog::ProductSummary>& items);
// {"items": [...], "next_cursor": "cur_…" | null}.
json::value EncodePage(const catalog::ProductPage& page);

json::value EncodeCategory(const catalog::Category& c);
json::value EncodeCategories(const std::vector<catalog::Category>& list);
json::value EncodeImage(const catalog::Image& img);

// "cat_x" -> id, "" or null -> 0; otherwise `not_found_code` (kNotFound).
Result<Id> DecodeOptionalIdValue(const json::object& body, std::string_view key,
                                 std::string_view prefix, const char* not_found_code);
// The same, typed: DecodeOptionalId<CategoryId>(body, "category_id", code);
// absent gives the invalid id T().
template <class T>
Result<T> DecodeOptionalId(const json::object& body, std::string_view key,
                           const char* not_found_code) {
  auto id = DecodeOptionalIdValue(body, key, T::kPrefix, not_found_code);
  if (!id) return Fail(id.error());
  return T(*id);
}

}  // namespace weishang::api
