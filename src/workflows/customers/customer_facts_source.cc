#include "workflows/customers/customer_facts_source.h"

namespace weishang::workflows {
namespace {

constexpr int kPage = 1000;

// Every customer record of `merchant` that List gives (merged ones left out), page by page.
Result<void> ForEachRecord(storage::Tx& tx, Modules& m, MerchantId merchant,
                           const std::function<void(const customers::Customer&)>& fn) {
  customers::ListFilter f;
  f.limit = kPage;
  for (;;) {
    auto page = m.customers.List(tx, merchant, f);
    if (!page) return Fail(page.error());
    for (const auto& c : *page) fn(c);
    if (static_cast<int>(page->size()) < kPage) return {};
    f.after = page->back().id;
  }
}

}  // namespace

tags::CustomerFacts FactsOf(const customers::Customer& c) {
  tags::CustomerFacts f;
  f.id = c.id;
  f.ordinal = static_cast<tags::Ordinal>(c.ordinal);
  f.gender = std::string(TextOf(customers::kGenderText, c.gender));
  f.birthday = c.birthday;
  f.province = c.province;
  f.city = c.city;
  f.channel = c.channel;
  f.owner_staff_id = c.owner_staff_id;
  f.stage = std::string(TextOf(customers::kStageText, c.stage));
  f.orders_count = c.orders_count;
  f.spent_total = c.spent_total;
  f.first_order_at = c.first_order_at;
  f.last_order_at = c.last_order_at;
  f.created_at = c.created_at;
  f.merged_into = c.merged_into;
  f.erased = c.erased_at.has_value();
  f.fields = c.fields;
  return f;
}

Result<void> CustomerFactsSource::ForEachCustomer(
    storage::Tx& tx, MerchantId merchant,
    const std::function<void(const tags::CustomerFacts&)>& fn) {
  return ForEachRecord(tx, m_, merchant, [&](const customers::Customer& c) { fn(FactsOf(c)); });
}

Result<void> CustomerFactsSource::ForEachPurchase(
    storage::Tx& tx, MerchantId merchant,
    const std::function<void(const tags::PurchaseFacts&)>& fn) {
  return m_.customers.ForEachPurchase(tx, merchant, [&](const customers::Purchase& p) {
    tags::PurchaseFacts facts{
        p.customer_id, static_cast<tags::Ordinal>(p.ordinal), p.order_id, p.paid_at, {}};
    for (const auto& l : p.lines) {
      facts.lines.push_back({l.product_id, l.sku_id, l.category_id, l.quantity});
    }
    fn(facts);
  });
}

Result<std::vector<std::optional<tags::CustomerFacts>>> CustomerFactsSource::FindCustomers(
    storage::Tx& tx, MerchantId merchant, const std::vector<CustomerId>& ids) {
  std::vector<std::optional<tags::CustomerFacts>> out;
  for (CustomerId id : ids) {
    auto c = m_.customers.Get(tx, merchant, id);
    if (!c) {
      if (c.error().kind != ErrorKind::kNotFound) return Fail(c.error());
      out.emplace_back();
      continue;
    }
    out.emplace_back(FactsOf(*c));
  }
  return out;
}

}  // namespace weishang::workflows
