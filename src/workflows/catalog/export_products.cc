#include "workflows/catalog/export_products.h"

#include <array>
#include <map>
#include <string_view>

#include "core/csv.h"
#include "workflows/catalog/save_product.h"

namespace weishang::workflows {
namespace {

constexpr int kPageSize = 100;
constexpr std::size_t kColumns = 14;

constexpr std::array<std::string_view, kColumns> kChineseHeader = {
    "商品ID",   "商品名称",   "卖点", "分类", "商品状态", "SKU ID",       "规格",
    "售价(元)", "划线价(元)", "库存", "条码", "SKU状态",  "消费周期(天)", "创建时间(UTC)"};
constexpr std::array<std::string_view, kColumns> kEnglishHeader = {"product_id",
                                                                   "title",
                                                                   "subtitle",
                                                                   "category",
                                                                   "status",
                                                                   "sku_id",
                                                                   "spec",
                                                                   "price",
                                                                   "list_price",
                                                                   "stock",
                                                                   "barcode",
                                                                   "sku_status",
                                                                   "consumption_cycle_days",
                                                                   "created_at"};

std::string_view ProductStatusText(catalog::ProductStatus s, ExportLanguage language) {
  if (language == ExportLanguage::kEnglish) return catalog::StatusName(s);
  switch (s) {
    case catalog::ProductStatus::kDraft:
      return "草稿";
    case catalog::ProductStatus::kOnSale:
      return "在售";
    case catalog::ProductStatus::kOffSale:
      return "已下架";
    case catalog::ProductStatus::kArchived:
      return "已归档";
  }
  return catalog::StatusName(s);
}

// A SKU is on_sale while its product lists it, off_sale once removed.
std::string_view SkuStatusText(catalog::SkuStatus status, ExportLanguage language) {
  if (language == ExportLanguage::kEnglish) return TextOf(catalog::kSkuStatusText, status);
  return status == catalog::SkuStatus::kOnSale ? "在售" : "已移除";
}

void WriteProduct(CsvWriter& csv, const ProductWithStock& p,
                  const std::map<CategoryId, std::string>& categories, ExportLanguage language) {
  const catalog::Product& product = p.product;
  auto category = categories.find(product.category_id);
  for (const catalog::Sku& sku : product.skus) {
    auto stock = p.stock.find(sku.id);
    csv.Text(EncodeId(product.id))
        .Text(product.title)
        .Text(product.subtitle)
        .Text(category == categories.end() ? "" : category->second)
        .Text(ProductStatusText(product.status, language))
        .Text(EncodeId(sku.id))
        .Text(catalog::SpecText(product.spec_options, sku.spec_values))
        .Yuan(sku.price);
    if (sku.list_price) {
      csv.Yuan(*sku.list_price);
    } else {
      csv.Empty();
    }
    csv.Int(stock == p.stock.end() ? 0 : stock->second)
        .Text(sku.barcode.value_or(""))
        .Text(SkuStatusText(sku.status, language))
        .Int(product.consumption_cycle_days)
        .Text(FormatIso8601(product.created_at));
    csv.EndRow();
  }
}

}  // namespace

Result<std::string> ExportProductsCsv(Tx& tx, Modules& m, MerchantId merchant,
                                      catalog::ProductFilter filter, ExportLanguage language) {
  auto listed = m.catalog.ListCategories(tx, merchant, false);
  if (!listed) return Fail(listed.error());
  std::map<CategoryId, std::string> categories;
  for (const auto& c : *listed) categories[c.id] = c.name;

  CsvWriter csv;
  for (std::string_view title :
       language == ExportLanguage::kEnglish ? kEnglishHeader : kChineseHeader) {
    csv.Text(title);
  }
  csv.EndRow();

  filter.limit = kPageSize;
  filter.after = ProductId();
  while (true) {
    auto page = m.catalog.ListProducts(tx, merchant, filter);
    if (!page) return Fail(page.error());
    for (const auto& summary : page->items) {
      auto product = LoadProductWithStock(tx, m, merchant, summary.id);
      if (!product) return Fail(product.error());
      WriteProduct(csv, *product, categories, language);
    }
    if (!page->next_after.valid()) break;
    filter.after = page->next_after;
  }
  return csv.Take();
}

}  // namespace weishang::workflows
