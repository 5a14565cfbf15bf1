#include "modules/inventory/inventory.h"

#include <algorithm>

#include "core/ids.h"
#include "events/outbox.h"
#include "modules/inventory/inventory_errors.h"

namespace weishang::inventory {

Result<void> InventoryService::SetAvailable(Tx& tx, MerchantId merchant, SkuId sku,
                                            std::int64_t units) {
  if (units < 0 || units > kMaxStock) {
    return Fail(Invalid(inventory::errors::kInvalidQuantity,
                        "stock must be between 0 and " + std::to_string(kMaxStock)));
  }
  auto ok = tx.Exec(
      "INSERT INTO inventory_stock (sku_id, merchant_id, available, updated_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (sku_id) DO UPDATE SET available = excluded.available,"
      " updated_at = excluded.updated_at WHERE inventory_stock.merchant_id = excluded.merchant_id",
      {sku, merchant, units, clock_.Now()});
  if (!ok) return Fail(ok.error());
  // Staff set the stock (checkout's takes are told by order.placed instead).
  std::string subject = EncodeId(sku);
  return events::Emit(tx,
                      {merchant, kStockChanged, 1, subject,
                       "{\"sku_id\":\"" + subject + "\",\"stock\":" + std::to_string(units) + "}"},
                      clock_.Now());
}

Result<void> InventoryService::Take(Tx& tx, MerchantId merchant, const std::vector<Units>& lines) {
  Timestamp now = clock_.Now();
  // Rows are locked in SKU order, so two orders sharing SKUs can never wait
  // on each other in a cycle (PostgreSQL would abort one as a deadlock).
  std::vector<Units> sorted = lines;
  std::sort(sorted.begin(), sorted.end(),
            [](const Units& a, const Units& b) { return a.sku_id < b.sku_id; });
  for (const Units& u : sorted) {
    // The WHERE clause is the whole concurrency story: the row changes only
    // if enough units remain at the moment of the update.
    auto changed = tx.Exec(
        "UPDATE inventory_stock SET available = available - ?, updated_at = ?"
        " WHERE sku_id = ? AND merchant_id = ? AND available >= ?",
        {u.quantity, now, u.sku_id, merchant, u.quantity});
    if (!changed) return Fail(changed.error());
    if (*changed == 0) {
      return Fail(Conflict(inventory::errors::kInsufficientStock,
                           "not enough stock for " + EncodeId(u.sku_id)));
    }
  }
  return {};
}

Result<void> InventoryService::Restore(Tx& tx, MerchantId merchant,
                                       const std::vector<Units>& lines) {
  Timestamp now = clock_.Now();
  for (const Units& u : lines) {
    auto ok = tx.Exec(
        "UPDATE inventory_stock SET available = available + ?, updated_at = ?"
        " WHERE sku_id = ? AND merchant_id = ?",
        {u.quantity, now, u.sku_id, merchant});
    if (!ok) return Fail(ok.error());
  }
  return {};
}

Result<std::unordered_map<SkuId, std::int64_t>> InventoryService::Available(
    Tx& tx, MerchantId merchant, const std::vector<SkuId>& skus) {
  std::unordered_map<SkuId, std::int64_t> out;
  for (SkuId sku : skus) {
    auto row =
        tx.QueryOne("SELECT available FROM inventory_stock WHERE sku_id = ? AND merchant_id = ?",
                    {sku, merchant});
    if (!row) return Fail(row.error());
    out[sku] = *row ? (*row)->Int(0) : 0;
  }
  return out;
}

}  // namespace weishang::inventory
