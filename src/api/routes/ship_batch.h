// POST /admin/v1/orders/ship-batch: ship many orders from a CSV body
//   order_id,carrier,tracking_no
//   ord_2x…,顺丰,SF1234567890
// A header row is optional. Every good row is applied in its own unit of
// work; every bad row is reported with its row number, code and message.
#pragma once

#include <string>
#include <vector>

#include "api/http/message.h"
#include "api/services.h"

namespace weishang::api {

struct ShipRow {
  int row = 0;  // 1-based line number in the CSV
  std::string order_ref, carrier, tracking_no;
};

// Splits CSV text into rows of fields (quoted fields, "" escapes, CRLF).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

Reply ShipBatch(Services& s, HttpRequest& req);

}  // namespace weishang::api
