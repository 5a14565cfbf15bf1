// What the tags module knows of a customer: the facts the customers module
// publishes with its events (docs/events.md, customer.changed and
// customer.purchased), and the port through which a full rebuild reads them
// all. The tags module never reads the customers module's tables; the
// composition root wires FactsSource to the customers module's facade
// (workflows/customers), and tests use an in-memory one.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "modules/tags/bitmap.h"
#include "storage/database.h"

namespace weishang::tags {

// One customer's facts, as customer.changed v1 carries them.
struct CustomerFacts {
  CustomerId id;
  Ordinal ordinal = 0;   // dense per merchant from 1: the customer's bit
  std::string gender;    // unknown | female | male
  std::string birthday;  // "YYYY-MM-DD" or ""
  std::string province, city, channel;
  std::optional<StaffId> owner_staff_id;
  std::string stage;  // acquired | interacted | first_purchase | repeat_buyer | ...
  std::int64_t orders_count = 0;
  std::int64_t spent_total = 0;  // fen
  std::optional<Timestamp> first_order_at, last_order_at;
  Timestamp created_at = 0;
  std::optional<CustomerId> merged_into;
  bool erased = false;
  std::map<std::string, std::string> fields;  // the merchant's custom fields

  // Shown in lists and counted by segments: neither merged nor erased.
  bool live() const { return !erased && !merged_into; }
};

// One line of a paid order, as customer.purchased v1 carries them.
struct PurchaseLine {
  ProductId product_id;
  SkuId sku_id;
  std::optional<CategoryId> category_id;
  std::int64_t quantity = 0;
};

struct PurchaseFacts {
  CustomerId customer_id;
  Ordinal ordinal = 0;
  OrderId order_id;
  Timestamp paid_at = 0;
  std::vector<PurchaseLine> lines;
};

// Parses a customer.changed v1 payload; tags.invalid_event when a required
// field is missing or mistyped.
Result<CustomerFacts> ParseCustomerChanged(std::string_view payload);
// Parses a customer.purchased v1 payload; tags.invalid_event.
Result<PurchaseFacts> ParseCustomerPurchased(std::string_view payload);

// Every customer's facts, for rebuilding what follows from them. Implemented
// outside the module (the customers module's facade); must be thread-safe.
class FactsSource {
 public:
  virtual ~FactsSource() = default;
  // Calls `fn` with every customer of `merchant`, merged and erased ones
  // included, in any order, within the caller's unit of work.
  virtual Result<void> ForEachCustomer(storage::Tx& tx, MerchantId merchant,
                                       const std::function<void(const CustomerFacts&)>& fn) = 0;
  // Calls `fn` with every paid order of `merchant`'s customers (its lines).
  virtual Result<void> ForEachPurchase(storage::Tx& tx, MerchantId merchant,
                                       const std::function<void(const PurchaseFacts&)>& fn) = 0;
  // The facts of these customers of `merchant`, in the order asked; nullopt
  // for an id that is not the merchant's.
  virtual Result<std::vector<std::optional<CustomerFacts>>> FindCustomers(
      storage::Tx& tx, MerchantId merchant, const std::vector<CustomerId>& ids) = 0;
};

}  // namespace weishang::tags
