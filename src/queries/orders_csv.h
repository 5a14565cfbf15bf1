// The console's order list as a CSV file a merchant opens in Excel
// (GET /admin/v1/orders/export.csv).
//
// One row per order, not per order line: every money column then adds up
// (the sum of "实付" is what buyers were charged, as the finance summary
// says; the sum of "已退款" what went back), which is what bookkeeping and a
// reconciliation against the payment provider's statement need. A row per
// line would repeat the order's postage and total on each of its lines, and
// a column sum would count them twice. The goods are one "items" cell per
// order ("剁椒鱼头酱 (规格: 200g) ×3; …"), which is what packing needs.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/ids.h"
#include "modules/order/order.h"
#include "storage/database.h"

namespace weishang::queries {

// The most orders one file holds. The file is built in memory before it is
// sent (about 400 bytes an order: 8 MB at most), so a larger export must be
// split by dates: order.export_too_large (422) says so.
inline constexpr std::int64_t kMaxExportOrders = 20'000;
// Orders read per statement while the file is built.
inline constexpr int kExportBatch = 500;

struct OrdersCsvOptions {
  // The buyer's full phone number and street address: for roles that ship
  // (order_fulfil). Others get the phone masked as in the order list
  // (138****8001) and the province only: enough to reconcile, and no more
  // of the buyers' personal information than the job needs (PIPL).
  bool full_contact = false;
  bool english = false;  // headers and statuses in English instead of Chinese
};

// The orders of `merchant` that `filter` selects (its status, dates and
// phone; `after` and `limit` are ignored), newest first, as UTF-8 CSV with a
// byte-order mark (Excel reads UTF-8 only with one), CRLF line ends and a
// header row. Money in yuan with two decimals (from fen by integer
// arithmetic), times in shop time (shop_time.h). A cell that a spreadsheet
// would take for a formula (starting with = + - @) is prefixed with ',
// so a buyer's name or address can never run in the merchant's Excel.
// Fails with order.export_too_large (422) past kMaxExportOrders orders,
// or with the storage's errors.
Result<std::string> OrdersCsv(storage::Tx& tx, order::OrderService& orders, MerchantId merchant,
                              order::ListFilter filter, const OrdersCsvOptions& options);

}  // namespace weishang::queries
