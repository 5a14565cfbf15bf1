// Reads for the console's reports: orders paid per day, orders in a status,
// and the lines of a page of orders.
#include <unordered_map>

#include "modules/order/order.h"

namespace weishang::order {

Result<std::vector<DayCount>> OrderService::PaidPerDay(Tx& tx, MerchantId merchant, Timestamp from,
                                                       Timestamp to, Timestamp utc_offset) {
  // Integer division of non-negative times is a floor on both engines; the
  // day column is grouped by position, so PostgreSQL sees one expression.
  auto rows = tx.Query(
      "SELECT (paid_at + ?) / 86400000, COUNT(*) FROM order_order"
      " WHERE merchant_id = ? AND paid_at >= ? AND paid_at < ? GROUP BY 1 ORDER BY 1",
      {utc_offset, merchant, from, to});
  if (!rows) return Fail(rows.error());
  std::vector<DayCount> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(DayCount{r.Int(0), r.Int(1)});
  return out;
}

Result<std::int64_t> OrderService::CountWithStatus(Tx& tx, MerchantId merchant, Status status) {
  auto row = tx.QueryOne("SELECT COUNT(*) FROM order_order WHERE merchant_id = ? AND status = ?",
                         {merchant, StatusName(status)});
  if (!row) return Fail(row.error());
  return *row ? (*row)->Int(0) : 0;
}

Result<void> OrderService::LoadLinesOf(Tx& tx, MerchantId merchant, std::vector<Order>& orders) {
  if (orders.empty()) return {};
  std::string sql =
      "SELECT order_id, line_no, sku_id, product_id, title, spec_text, unit_price, quantity,"
      " item_discount, order_discount_share, coupon_share, payable, aftersales_flags,"
      " refunded_quantity, refunded_amount FROM order_line WHERE merchant_id = ? AND order_id IN (";
  std::vector<storage::Param> params{merchant};
  params.reserve(orders.size() + 1);
  std::unordered_map<Id, Order*> by_id;
  for (Order& o : orders) {
    sql += params.size() == 1 ? "?" : ", ?";
    params.emplace_back(o.id);
    o.lines.clear();
    by_id[o.id.value()] = &o;
  }
  sql += ") ORDER BY order_id, line_no";
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    auto it = by_id.find(r.Int(0));
    if (it == by_id.end()) continue;
    it->second->lines.push_back(Line{static_cast<int>(r.Int(1)), r.IdAt(2), r.IdAt(3), r.Str(4),
                                     r.Str(5), r.Int(6), r.Int(7), r.Int(8), r.Int(9), r.Int(10),
                                     r.Int(11), static_cast<int>(r.Int(12)), r.Int(13), r.Int(14)});
  }
  return {};
}

}  // namespace weishang::order
