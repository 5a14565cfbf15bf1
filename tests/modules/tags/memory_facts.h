// Customers for the tags module's tests without the customers module: an
// in-memory FactsSource, and the customer.changed / customer.purchased
// events the customers module would record for them (docs/events.md).
#pragma once

#include <map>
#include <mutex>

#include "core/json_writer.h"
#include "events/outbox.h"
#include "modules/tags/customer_facts.h"
#include "modules/tags/tags_events.h"

namespace weishang::tags::testing {

// customer.changed v1 for `f`, as the contract says.
inline std::string ChangedPayload(const CustomerFacts& f) {
  JsonWriter w;
  w.BeginObject()
      .IdField("customer_id", f.id)
      .Field("ordinal", static_cast<std::int64_t>(f.ordinal))
      .Field("gender", f.gender)
      .Field("birthday", f.birthday)
      .Field("province", f.province)
      .Field("city", f.city)
      .Field("channel", f.channel)
      .IdField("owner_staff_id", f.owner_staff_id)
      .Field("stage", f.stage)
      .Field("orders_count", f.orders_count)
      .Field("spent_total", f.spent_total);
  w.Key("first_order_at");
  f.first_order_at ? w.Int(*f.first_order_at) : w.Null();
  w.Key("last_order_at");
  f.last_order_at ? w.Int(*f.last_order_at) : w.Null();
  w.Field("created_at", f.created_at).IdField("merged_into", f.merged_into);
  w.Key("erased").Bool(f.erased);
  w.Key("fields").BeginObject();
  for (const auto& [k, v] : f.fields) w.Field(k, v);
  w.EndObject();
  return w.EndObject().Take();
}

inline std::string PurchasedPayload(const PurchaseFacts& p) {
  JsonWriter w;
  w.BeginObject()
      .IdField("customer_id", p.customer_id)
      .Field("ordinal", static_cast<std::int64_t>(p.ordinal))
      .IdField("order_id", p.order_id)
      .Field("paid_at", p.paid_at)
      .Key("lines")
      .BeginArray();
  for (const auto& l : p.lines) {
    w.BeginObject().IdField("product_id", l.product_id).IdField("sku_id", l.sku_id);
    w.IdField("category_id", l.category_id).Field("quantity", l.quantity).EndObject();
  }
  return w.EndArray().EndObject().Take();
}

// Customers kept in memory, per merchant. Thread-safe.
class MemoryFacts final : public FactsSource {
 public:
  // Stores `f` and records customer.changed in `tx`, as the customers module does.
  Result<void> Save(storage::Tx& tx, MerchantId merchant, const CustomerFacts& f, Timestamp now) {
    {
      std::lock_guard lock(mu_);
      customers_[merchant.value()][f.id.value()] = f;
    }
    return events::Emit(tx, {merchant, kCustomerChanged, 1, EncodeId(f.id), ChangedPayload(f)},
                        now);
  }
  Result<void> Purchase(storage::Tx& tx, MerchantId merchant, const PurchaseFacts& p,
                        Timestamp now) {
    {
      std::lock_guard lock(mu_);
      purchases_[merchant.value()].push_back(p);
    }
    return events::Emit(
        tx, {merchant, kCustomerPurchased, 1, EncodeId(p.customer_id), PurchasedPayload(p)}, now);
  }
  // Stores without an event (what a rebuild finds but no event told).
  void Put(MerchantId merchant, const CustomerFacts& f) {
    std::lock_guard lock(mu_);
    customers_[merchant.value()][f.id.value()] = f;
  }

  Result<void> ForEachCustomer(storage::Tx&, MerchantId merchant,
                               const std::function<void(const CustomerFacts&)>& fn) override {
    std::map<Id, CustomerFacts> copy;
    {
      std::lock_guard lock(mu_);
      copy = customers_[merchant.value()];
    }
    for (const auto& [id, f] : copy) fn(f);
    return {};
  }
  Result<void> ForEachPurchase(storage::Tx&, MerchantId merchant,
                               const std::function<void(const PurchaseFacts&)>& fn) override {
    std::vector<PurchaseFacts> copy;
    {
      std::lock_guard lock(mu_);
      copy = purchases_[merchant.value()];
    }
    for (const auto& p : copy) fn(p);
    return {};
  }
  Result<std::vector<std::optional<CustomerFacts>>> FindCustomers(
      storage::Tx&, MerchantId merchant, const std::vector<CustomerId>& ids) override {
    std::lock_guard lock(mu_);
    std::vector<std::optional<CustomerFacts>> out;
    for (CustomerId id : ids) {
      auto& all = customers_[merchant.value()];
      auto it = all.find(id.value());
      // Following merges to the record kept, as the customers module does.
      while (it != all.end() && it->second.merged_into)
        it = all.find(it->second.merged_into->value());
      out.push_back(it == all.end() ? std::nullopt : std::optional<CustomerFacts>(it->second));
    }
    return out;
  }

 private:
  std::mutex mu_;
  std::map<Id, std::map<Id, CustomerFacts>> customers_;
  std::map<Id, std::vector<PurchaseFacts>> purchases_;
};

}  // namespace weishang::tags::testing
