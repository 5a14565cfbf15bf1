// A customer's orders and purchases, and the facts they move.
#include <algorithm>

#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"

namespace weishang::customers {
namespace {

// An order's row in customers_order.
struct Link {
  CustomerId customer;
  Fen total = 0;
  Fen refunded = 0;
  bool paid = false;
};

Result<std::optional<Link>> ReadLink(Tx& tx, MerchantId merchant, OrderId order) {
  auto row = tx.QueryOne(
      "SELECT customer_id, total, refunded, paid_at FROM customers_order"
      " WHERE merchant_id = ? AND order_id = ?",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Link>();
  const storage::Row& r = **row;
  return std::optional<Link>(Link{r.IdAt(0), r.Int(1), r.Int(2), r.OptInt(3).has_value()});
}

}  // namespace

Result<void> CustomerService::SaveFacts(Tx& tx, const Customer& c) {
  auto ok = tx.Exec(
      "UPDATE customers_customer SET stage = ?, orders_count = ?, spent_total = ?,"
      " first_order_at = ?, last_order_at = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {TextOf(kStageText, c.stage), c.orders_count, c.spent_total, c.first_order_at,
       c.last_order_at, c.updated_at, c.id, c.merchant_id});
  if (!ok) return Fail(ok.error());
  return EmitChanged(tx, c, c.updated_at);
}

Result<void> CustomerService::LinkOrder(Tx& tx, MerchantId merchant, CustomerId customer,
                                        OrderId order, Fen total, Timestamp placed_at) {
  auto ok = tx.Exec(
      "INSERT INTO customers_order (merchant_id, order_id, customer_id, total, placed_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {merchant, order, customer, total, placed_at});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::optional<Customer>> CustomerService::CustomerOfOrder(Tx& tx, MerchantId merchant,
                                                                 OrderId order) {
  auto link = ReadLink(tx, merchant, order);
  if (!link) return Fail(link.error());
  if (!*link) return std::optional<Customer>();
  auto c = Get(tx, merchant, (*link)->customer);
  if (!c) return Fail(c.error());
  return std::optional<Customer>(std::move(*c));
}

Result<void> CustomerService::RecordPaid(Tx& tx, MerchantId merchant, OrderId order,
                                         Timestamp paid_at,
                                         const std::vector<PurchasedLine>& lines) {
  auto link = ReadLink(tx, merchant, order);
  if (!link) return Fail(link.error());
  if (!*link || (*link)->paid) return {};  // not linked, or its payment already counted
  auto ok = tx.Exec(
      "UPDATE customers_order SET paid_at = ? WHERE merchant_id = ? AND order_id = ?"
      " AND paid_at IS NULL",
      {paid_at, merchant, order});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) return {};  // counted by a unit that committed since the read
  auto owner = Get(tx, merchant, (*link)->customer);
  if (!owner) return Fail(owner.error());
  Customer c = std::move(*owner);
  int line_no = 0;
  for (const PurchasedLine& l : lines) {
    auto added = tx.Exec(
        "INSERT INTO customers_purchase (merchant_id, order_id, line_no, customer_id, product_id,"
        " sku_id, category_id, quantity, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {merchant, order, ++line_no, c.id, l.product_id, l.sku_id, l.category_id, l.quantity,
         paid_at});
    if (!added) return Fail(added.error());
  }
  c.orders_count += 1;
  c.spent_total += (*link)->total - (*link)->refunded;
  c.first_order_at = c.first_order_at ? std::min(*c.first_order_at, paid_at) : paid_at;
  c.last_order_at = c.last_order_at ? std::max(*c.last_order_at, paid_at) : paid_at;
  c.stage = std::max(c.stage, c.orders_count >= 2 ? Stage::kRepeatBuyer : Stage::kFirstPurchase);
  c.updated_at = clock_.Now();
  if (auto saved = SaveFacts(tx, c); !saved) return saved;
  // A friend they brought has bought: the one who referred them is a referrer.
  if (c.orders_count == 1 && c.referrer_id) {
    if (auto r = Advance(tx, merchant, *c.referrer_id, Stage::kReferrer); !r)
      return Fail(r.error());
  }
  return EmitPurchased(tx, c, order, paid_at, lines, c.updated_at);
}

Result<Customer> CustomerService::Advance(Tx& tx, MerchantId merchant, CustomerId id, Stage to) {
  auto found = Get(tx, merchant, id);
  if (!found) return Fail(found.error());
  Customer c = std::move(*found);
  if (c.stage >= to || c.erased_at) return c;
  c.stage = to;
  c.updated_at = clock_.Now();
  if (auto saved = SaveFacts(tx, c); !saved) return Fail(saved.error());
  return c;
}

Result<void> CustomerService::RecordRefunded(Tx& tx, MerchantId merchant, OrderId order,
                                             Fen refunded_total) {
  auto link = ReadLink(tx, merchant, order);
  if (!link) return Fail(link.error());
  if (!*link || refunded_total <= (*link)->refunded) return {};
  Fen more = refunded_total - (*link)->refunded;
  auto ok =
      tx.Exec("UPDATE customers_order SET refunded = ? WHERE merchant_id = ? AND order_id = ?",
              {refunded_total, merchant, order});
  if (!ok) return Fail(ok.error());
  if (!(*link)->paid) return {};  // its spend was never counted
  auto owner = Get(tx, merchant, (*link)->customer);
  if (!owner) return Fail(owner.error());
  Customer c = std::move(*owner);
  c.spent_total -= more;
  c.updated_at = clock_.Now();
  return SaveFacts(tx, c);
}

Result<void> CustomerService::RecordReturned(
    Tx& tx, MerchantId merchant, OrderId order,
    const std::vector<std::pair<int, std::int64_t>>& returned) {
  auto rows = tx.Query(
      "SELECT line_no, customer_id, product_id, quantity, returned, paid_at FROM"
      " customers_purchase WHERE merchant_id = ? AND order_id = ? ORDER BY line_no",
      {merchant, order});
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return {};  // not paid, or not a customer's
  CustomerId customer = (*rows)[0].IdAt(1);
  Timestamp paid_at = (*rows)[0].Int(5);
  std::vector<ReturnedLine> moved;
  for (const auto& r : *rows) {
    int line_no = static_cast<int>(r.Int(0));
    auto it = std::find_if(returned.begin(), returned.end(),
                           [&](const auto& p) { return p.first == line_no; });
    if (it == returned.end()) continue;
    std::int64_t now_returned = std::min(it->second, r.Int(3));
    if (now_returned <= r.Int(4)) continue;
    auto ok = tx.Exec(
        "UPDATE customers_purchase SET returned = ? WHERE merchant_id = ? AND order_id = ?"
        " AND line_no = ?",
        {now_returned, merchant, order, line_no});
    if (!ok) return Fail(ok.error());
    moved.push_back(ReturnedLine{r.IdAt(2), r.Int(3), now_returned});
  }
  if (moved.empty()) return {};
  auto c = Get(tx, merchant, customer);
  if (!c) return Fail(c.error());
  return EmitReturned(tx, *c, order, paid_at, moved, clock_.Now());
}

Result<void> CustomerService::ForEachPurchase(Tx& tx, MerchantId merchant,
                                              const std::function<void(const Purchase&)>& fn) {
  auto rows = tx.Query(
      "SELECT p.customer_id, c.ordinal, p.order_id, p.paid_at, p.product_id, p.sku_id,"
      " p.category_id, p.quantity - p.returned FROM customers_purchase p JOIN customers_customer c"
      " ON c.id = p.customer_id AND c.merchant_id = p.merchant_id"
      " WHERE p.merchant_id = ? AND p.quantity > p.returned"
      " ORDER BY p.customer_id, p.order_id, p.line_no",
      {merchant});
  if (!rows) return Fail(rows.error());
  Purchase current;
  for (const auto& r : *rows) {
    OrderId order = r.IdAt(2);
    if (order != current.order_id) {
      if (current.order_id.valid()) fn(current);
      current = Purchase{r.IdAt(0), r.Int(1), order, r.Int(3), {}};
    }
    current.lines.push_back(PurchasedLine{r.IdAt(4), r.IdAt(5), r.OptIdAt(6), r.Int(7)});
  }
  if (current.order_id.valid()) fn(current);
  return {};
}

Result<void> CustomerService::ScanPurchaseLines(
    Tx& tx, MerchantId merchant, const LineScope& scope, int page,
    const std::function<void(CustomerId, ProductId, Timestamp, std::int64_t)>& fn) {
  // In the table's own order (by order), so that the pages read it sequentially.
  std::string sql =
      "SELECT order_id, customer_id, product_id, paid_at, quantity - returned FROM"
      " customers_purchase WHERE merchant_id = ? AND order_id > ? AND quantity > returned";
  if (!scope.products.empty()) {
    sql += " AND product_id IN (?";
    for (std::size_t i = 1; i < scope.products.size(); ++i) sql += ", ?";
    sql += ")";
  }
  if (scope.customer) sql += " AND customer_id = ?";
  sql += " ORDER BY order_id, line_no LIMIT ?";
  Id after = 0;
  for (;;) {
    std::vector<storage::Param> params{merchant, after};
    for (ProductId p : scope.products) params.emplace_back(p);
    if (scope.customer) params.emplace_back(*scope.customer);
    params.emplace_back(page);
    auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
    if (!rows) return Fail(rows.error());
    bool last_page = static_cast<int>(rows->size()) < page;
    // On a full page the last order's lines may go on: they start the next page.
    std::size_t end = rows->size();
    if (!last_page) {
      Id tail = rows->back().Int(0);
      while (end > 0 && (*rows)[end - 1].Int(0) == tail) --end;
      if (end == 0) {
        return Fail(Invalid("customers.page_too_small", "a page holds fewer lines than one order"));
      }
    }
    for (std::size_t i = 0; i < end; ++i) {
      const auto& r = (*rows)[i];
      fn(r.IdAt(1), r.IdAt(2), r.Int(3), r.Int(4));
    }
    if (last_page) return {};
    after = (*rows)[end - 1].Int(0);
  }
}

Result<std::vector<OrderId>> CustomerService::OrdersOf(Tx& tx, MerchantId merchant,
                                                       CustomerId customer,
                                                       std::optional<OrderId> before, int limit) {
  auto rows = tx.Query(
      "SELECT order_id FROM customers_order WHERE merchant_id = ? AND customer_id = ?"
      " AND order_id < ? ORDER BY order_id DESC LIMIT ?",
      {merchant, customer, before ? before->value() : INT64_MAX, limit});
  if (!rows) return Fail(rows.error());
  std::vector<OrderId> out;
  for (const auto& r : *rows) out.push_back(r.IdAt(0));
  return out;
}

}  // namespace weishang::customers
