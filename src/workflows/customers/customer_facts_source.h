// The tags module's FactsSource (modules/tags/customer_facts.h) over the
// customers module's facade: every customer's facts for a rebuild of the
// segment bitmaps and the rule job, and customers by id for tagging.
//
// Purchases come from the customers module's own record of them
// (CustomerService::ForEachPurchase, one query), with each product's category
// as it was when the order was paid.
// Thread-safe (stateless over Modules).
#pragma once

#include "modules/tags/customer_facts.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The facts a tag rule and a segment see, from a customer record.
tags::CustomerFacts FactsOf(const customers::Customer& c);

class CustomerFactsSource final : public tags::FactsSource {
 public:
  explicit CustomerFactsSource(Modules& modules) : m_(modules) {}

  // Live and erased customers (merged records are the kept ones' now).
  Result<void> ForEachCustomer(storage::Tx& tx, MerchantId merchant,
                               const std::function<void(const tags::CustomerFacts&)>& fn) override;
  // Every paid order of every customer, with its lines.
  Result<void> ForEachPurchase(storage::Tx& tx, MerchantId merchant,
                               const std::function<void(const tags::PurchaseFacts&)>& fn) override;
  // By id, following merges to the record kept; nullopt when absent or
  // another merchant's.
  Result<std::vector<std::optional<tags::CustomerFacts>>> FindCustomers(
      storage::Tx& tx, MerchantId merchant, const std::vector<CustomerId>& ids) override;

 private:
  Modules& m_;
};

}  // namespace weishang::workflows
