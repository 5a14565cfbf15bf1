// What the console and the buyer see of orders: reads that gather one
// order's parts from several modules, and the finance summary. Each runs on
// the caller's read snapshot and changes nothing.
#pragma once

#include <string>
#include <vector>

#include "modules/aftersales/aftersales.h"
#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// One order with its trail, its payments and its after-sales requests.
struct OrderDetail {
  order::Order order;
  std::vector<order::Event> events;  // oldest first
  std::vector<payment::Payment> payments;
  std::vector<aftersales::Request> aftersales;
};

// The console's view of `order_id`; order.not_found when it is not this
// merchant's.
Result<OrderDetail> LoadOrderDetail(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    OrderId order_id);

// The buyer's view of the order behind `token` (payments left out: the buyer
// sees what was paid in the order's totals); order.not_found for a wrong token.
Result<OrderDetail> LoadBuyerOrder(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   const std::string& token);

// Money by order status over orders created in [from, to). A receivable is
// settled only once its order completed (receipt plus the after-sales window);
// paid, shipped and received orders are still pending. Net of refunds.
struct FinanceSummary {
  std::vector<order::StatusTotals> by_status;
  Fen receivable_pending = 0;
  Fen receivable_settled = 0;
  Fen refunded = 0;  // by paid orders of every status
};
Result<FinanceSummary> SummariseFinance(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        Timestamp from, Timestamp to);

}  // namespace weishang::workflows
