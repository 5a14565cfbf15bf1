// The products export a merchant opens in a spreadsheet: one row per SKU of
// the products a console list filter selects, with the product's fields, the
// SKU's spec, prices in yuan, stock and barcode. Reads catalog (products,
// SKUs, category names) and inventory (stock) in one snapshot.
#pragma once

#include <string>

#include "workflows/modules.h"

namespace weishang::workflows {

using storage::Tx;

// The header row's language: Chinese for merchants' spreadsheets (the
// default), English for tools.
enum class ExportLanguage { kChinese, kEnglish };

// CSV text (core/csv.h: UTF-8 with a byte order mark, CRLF rows) of every
// SKU, live and removed, of the merchant's products matching `filter`'s
// status, category and title search (its `after` and `limit` are ignored),
// newest product first, each product's SKUs in the product's order. A
// product without SKUs gets no row. Products are read a page (100) at a
// time, so only the text grows with the catalog (about 200 bytes a SKU).
// Fails only with storage errors.
Result<std::string> ExportProductsCsv(Tx& tx, Modules& m, MerchantId merchant,
                                      catalog::ProductFilter filter, ExportLanguage language);

}  // namespace weishang::workflows
