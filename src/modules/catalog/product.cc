#include "modules/catalog/product.h"

#include <set>

#include "modules/catalog/catalog_errors.h"

namespace weishang::catalog {
namespace {

Result<void> ValidateText(const ProductInput& in) {
  if (in.title.empty() || in.title.size() > kMaxTitleBytes) {
    return Fail(Invalid(errors::kInvalidTitle,
                        "title must be 1 to " + std::to_string(kMaxTitleBytes) + " bytes"));
  }
  if (in.subtitle.size() > kMaxSubtitleBytes || in.description.size() > kMaxDescriptionBytes) {
    return Fail(Invalid(errors::kInvalidTitle, "subtitle or description is too long"));
  }
  if (auto ok = ValidateConsumptionCycle(in.consumption_cycle_days); !ok) return ok;
  if (in.detail_image_ids.size() > kMaxDetailImages) {
    return Fail(
        Invalid(errors::kTooManyImages,
                "a product has at most " + std::to_string(kMaxDetailImages) + " detail images"));
  }
  return {};
}

// Spec names and values are short printable text; control characters are
// refused, which also keeps SpecKey's separator unambiguous.
bool ValidSpecText(const std::string& s) {
  if (s.empty() || s.size() > kMaxSpecTextBytes) return false;
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

Result<void> ValidateOptions(const std::vector<SpecOption>& options) {
  if (options.size() > kMaxSpecDimensions) {
    return Fail(Invalid(
        errors::kTooManySpecDimensions,
        "a product has at most " + std::to_string(kMaxSpecDimensions) + " spec dimensions"));
  }
  std::set<std::string> names;
  for (const SpecOption& o : options) {
    if (!ValidSpecText(o.name) || !names.insert(o.name).second) {
      return Fail(Invalid(errors::kInvalidSpec, "spec names must be distinct and 1 to " +
                                                    std::to_string(kMaxSpecTextBytes) + " bytes"));
    }
    if (o.values.empty() || o.values.size() > kMaxSpecValues) {
      return Fail(Invalid(errors::kInvalidSpec, "spec '" + o.name + "' needs 1 to " +
                                                    std::to_string(kMaxSpecValues) + " values"));
    }
    std::set<std::string> values;
    for (const std::string& v : o.values) {
      if (!ValidSpecText(v) || !values.insert(v).second) {
        return Fail(Invalid(errors::kInvalidSpec,
                            "values of spec '" + o.name + "' must be distinct and non-empty"));
      }
    }
  }
  return {};
}

// Each SKU names one value of every dimension, and no combination repeats.
Result<void> ValidateSkuSpecs(const std::vector<SpecOption>& options,
                              const std::vector<SkuInput>& skus) {
  std::set<std::string> combinations;
  for (const SkuInput& sku : skus) {
    if (sku.spec_values.size() != options.size()) {
      return Fail(Invalid(errors::kInvalidSpec, "every SKU needs exactly one value per spec"));
    }
    for (std::size_t d = 0; d < options.size(); ++d) {
      const auto& allowed = options[d].values;
      if (std::find(allowed.begin(), allowed.end(), sku.spec_values[d]) == allowed.end()) {
        return Fail(Invalid(
            errors::kInvalidSpec,
            "'" + sku.spec_values[d] + "' is not a value of spec '" + options[d].name + "'"));
      }
    }
    if (!combinations.insert(SpecKey(sku.spec_values)).second) {
      return Fail(Invalid(errors::kInvalidSpec, "two SKUs have the same spec values"));
    }
  }
  return {};
}

Result<void> ValidateSkuPrices(const std::vector<SkuInput>& skus) {
  std::set<std::string> barcodes;
  for (const SkuInput& sku : skus) {
    if (sku.price <= 0 || sku.price > kMaxFen) {
      return Fail(Invalid(errors::kInvalidPrice,
                          "price must be between 1 and " + std::to_string(kMaxFen) + " fen"));
    }
    if (sku.list_price && (*sku.list_price <= 0 || *sku.list_price > kMaxFen)) {
      return Fail(Invalid(errors::kInvalidPrice,
                          "list_price must be between 1 and " + std::to_string(kMaxFen) + " fen"));
    }
    if (!sku.barcode) continue;
    if (sku.barcode->empty() || sku.barcode->size() > kMaxBarcodeBytes) {
      return Fail(Invalid(errors::kInvalidSpec,
                          "barcode must be 1 to " + std::to_string(kMaxBarcodeBytes) + " bytes"));
    }
    if (!barcodes.insert(*sku.barcode).second) {
      return Fail(Invalid(errors::kDuplicateBarcode,
                          "barcode '" + *sku.barcode + "' is given to two SKUs"));
    }
  }
  return {};
}

}  // namespace

const char* StatusName(ProductStatus status) {
  switch (status) {
    case ProductStatus::kDraft:
      return "draft";
    case ProductStatus::kOnSale:
      return "on_sale";
    case ProductStatus::kOffSale:
      return "off_sale";
    case ProductStatus::kArchived:
      return "archived";
  }
  return "draft";
}

std::optional<ProductStatus> ParseStatus(std::string_view text) {
  if (text == "draft") return ProductStatus::kDraft;
  if (text == "on_sale") return ProductStatus::kOnSale;
  if (text == "off_sale") return ProductStatus::kOffSale;
  if (text == "archived") return ProductStatus::kArchived;
  return std::nullopt;
}

std::optional<ProductAction> ParseAction(std::string_view text) {
  if (text == "publish") return ProductAction::kPublish;
  if (text == "unpublish") return ProductAction::kUnpublish;
  if (text == "archive") return ProductAction::kArchive;
  return std::nullopt;
}

Result<void> ValidateConsumptionCycle(std::int64_t days) {
  if (days < 0 || days > kMaxConsumptionCycleDays) {
    return Fail(Invalid(errors::kInvalidCycle, "consumption_cycle_days must be between 0 and " +
                                                   std::to_string(kMaxConsumptionCycleDays)));
  }
  return {};
}

Result<void> ValidateProduct(const ProductInput& in) {
  if (auto ok = ValidateText(in); !ok) return ok;
  if (auto ok = ValidateOptions(in.spec_options); !ok) return ok;
  if (in.skus.empty()) return Fail(Invalid(errors::kNoSkus, "a product needs at least one SKU"));
  if (in.skus.size() > kMaxSkus) {
    return Fail(Invalid(errors::kTooManySkus,
                        "a product has at most " + std::to_string(kMaxSkus) + " SKUs"));
  }
  if (auto ok = ValidateSkuSpecs(in.spec_options, in.skus); !ok) return ok;
  return ValidateSkuPrices(in.skus);
}

std::string SpecKey(const std::vector<std::string>& values) {
  std::string key;
  for (const std::string& v : values) {
    key += v;
    key.push_back('\x1f');  // unit separator; ValidSpecText refuses it inside values
  }
  return key;
}

std::string SpecText(const std::vector<SpecOption>& options,
                     const std::vector<std::string>& values) {
  std::string text;
  for (std::size_t d = 0; d < options.size() && d < values.size(); ++d) {
    if (!text.empty()) text += "; ";
    text += options[d].name + ": " + values[d];
  }
  return text;
}

Result<ProductStatus> NextStatus(const Product& product, ProductAction action) {
  switch (action) {
    case ProductAction::kPublish: {
      bool has_live_sku = std::any_of(product.skus.begin(), product.skus.end(),
                                      [](const Sku& s) { return s.status == SkuStatus::kOnSale; });
      if (!has_live_sku) {
        return Fail(
            Conflict(errors::kInvalidStatusChange, "a product needs a SKU on sale to publish"));
      }
      return ProductStatus::kOnSale;
    }
    case ProductAction::kUnpublish:
      if (product.status == ProductStatus::kDraft || product.status == ProductStatus::kArchived) {
        return Fail(Conflict(errors::kInvalidStatusChange, std::string("a product that is ") +
                                                               StatusName(product.status) +
                                                               " is not in the shop"));
      }
      return ProductStatus::kOffSale;
    case ProductAction::kArchive:
      return ProductStatus::kArchived;
  }
  return Fail(Internal(catalog::errors::kUnknownAction, "unknown product action"));
}

}  // namespace weishang::catalog
