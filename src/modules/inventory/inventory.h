// Stock on hand per SKU. Units are taken with one conditional UPDATE per
// line inside the caller's unit of work, so concurrent buyers can never take
// more than there is, in either storage mode. Writes take the caller's Tx so
// a workflow commits them with the order. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::inventory {

// Recorded when staff set a SKU's stock (docs/events.md): v1 {"sku_id","stock"}.
inline constexpr std::string_view kStockChanged = "stock.changed";

using storage::Tx;

struct Units {
  SkuId sku_id;
  std::int64_t quantity = 0;
};

// Largest stock one SKU may hold.
inline constexpr std::int64_t kMaxStock = 100'000'000;

class InventoryService {
 public:
  explicit InventoryService(const Clock& clock) : clock_(clock) {}

  // Sets the available units of a SKU (creating its row). 0 <= units <= kMaxStock,
  // else inventory.invalid_quantity.
  Result<void> SetAvailable(Tx& tx, MerchantId merchant, SkuId sku, std::int64_t units);

  // Takes every line or none: fails with kConflict "inventory.insufficient_stock"
  // naming the first SKU short of units. Callers roll back on failure (the
  // unit of work does), so earlier lines taken in this call are undone too.
  Result<void> Take(Tx& tx, MerchantId merchant, const std::vector<Units>& lines);

  // Gives units back (cancelled order, returned goods arrived).
  Result<void> Restore(Tx& tx, MerchantId merchant, const std::vector<Units>& lines);

  // Available units per SKU; SKUs without a row read as 0.
  Result<std::unordered_map<SkuId, std::int64_t>> Available(Tx& tx, MerchantId merchant,
                                                            const std::vector<SkuId>& skus);

 private:
  const Clock& clock_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::inventory
