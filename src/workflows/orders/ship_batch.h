// Shipping many orders from one CSV (order_id,carrier,tracking_no per row,
// an optional header row), as merchants paste them from a courier's sheet.
// Every good row ships in its own unit of work, so one bad order does not
// hold back the others; every bad row is reported with its row number.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

inline constexpr std::size_t kMaxShipRows = 2000;

struct ShipRow {
  int row = 0;  // 1-based line number in the CSV
  OrderId order_id;
  std::string order_ref, carrier, tracking_no;
};

struct RowFailure {
  int row = 0;
  std::string order_ref;
  Error error;
};

struct ShipBatchPlan {
  std::vector<ShipRow> rows;        // to ship
  std::vector<RowFailure> refused;  // unreadable rows: order.invalid_row, order.not_found
};

// Splits CSV text into rows of fields (quoted fields, "" escapes, CRLF).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

// Reads a batch; order.batch_too_large (422) past kMaxShipRows rows.
Result<ShipBatchPlan> ReadShipBatch(const std::string& csv);

struct ShipBatchResult {
  std::vector<std::string> shipped;  // order refs, in the order they committed
  std::vector<RowFailure> failed;    // refused rows and rows whose shipping failed
};

// Ships every row of `plan` (each its own unit, submitted at once) as
// `actor`, then calls `done` once, on a storage thread, with every row's
// outcome.
void ShipBatch(storage::Database& db, Modules& m, MerchantId merchant, const std::string& actor,
               ShipBatchPlan plan, std::function<void(ShipBatchResult)> done);

}  // namespace weishang::workflows
