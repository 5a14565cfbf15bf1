#include <map>
#include <memory>

#include "modules/tags/tags_events.h"
#include "workflows/tags/tag_rules.h"

namespace weishang::workflows {
namespace {

// Each merchant's active rule tags and RFM cut points, read once per unit of
// work (the dispatcher hands a handler many events in one unit) and
// forgotten when the next begins. Used by the dispatcher's one thread.
class RuleMemo {
 public:
  struct Rules {
    std::vector<tags::Tag> tags;
    tags::RuleState state;
  };
  void Forget() { rules_.clear(); }
  Result<const Rules*> Of(storage::Tx& tx, tags::TagService& service, MerchantId merchant) {
    auto it = rules_.find(merchant);
    if (it == rules_.end()) {
      auto list = service.ActiveRuleTags(tx, merchant);
      if (!list) return Fail(list.error());
      auto state = service.GetRuleState(tx, merchant);
      if (!state) return Fail(state.error());
      it = rules_.emplace(merchant, Rules{std::move(*list), std::move(*state)}).first;
    }
    return &it->second;
  }

 private:
  std::map<MerchantId, Rules> rules_;
};

// A merge: the merged record's tags go to the kept one (its ordinal from the facts).
Result<void> Merged(storage::Tx& tx, tags::TagService& service, tags::FactsSource& facts,
                    MerchantId merchant, const tags::Target& self, CustomerId into) {
  auto kept = facts.FindCustomers(tx, merchant, {into});
  if (!kept) return Fail(kept.error());
  if (kept->empty() || !kept->front()) return service.DropMembers(tx, merchant, self);
  return service.MoveMembers(tx, merchant, self, {kept->front()->id, kept->front()->ordinal});
}

Result<void> Changed(storage::Tx& tx, tags::TagService& service, tags::FactsSource& source,
                     RuleMemo& memo, const events::Event& e, Timestamp now) {
  auto facts = tags::ParseCustomerChanged(e.payload);
  if (!facts) return Fail(facts.error());
  tags::Target self{facts->id, facts->ordinal};
  if (!facts->live()) {
    if (facts->merged_into) {
      return Merged(tx, service, source, e.merchant_id, self, *facts->merged_into);
    }
    return service.DropMembers(tx, e.merchant_id, self);
  }
  auto rules = memo.Of(tx, service, e.merchant_id);
  if (!rules) return Fail(rules.error());
  if ((*rules)->tags.empty()) return {};
  auto have = service.RuleTagsOf(tx, e.merchant_id, facts->id);
  if (!have) return Fail(have.error());
  tags::RuleContext ctx{tags::ShopDayOf(now), &(*rules)->state.rfm};
  for (const tags::Tag& tag : (*rules)->tags) {
    if (tags::FromPurchases(*tag.rule)) continue;
    bool want = tags::Matches(*tag.rule, *facts, ctx);
    bool has = have->count(tag.id) > 0;
    if (want == has) continue;
    auto ok = want ? service.ApplyRule(tx, e.merchant_id, tag.id, {self}, {})
                   : service.ApplyRule(tx, e.merchant_id, tag.id, {}, {self});
    if (!ok) return Fail(ok.error());
  }
  return {};
}

Result<void> Purchased(storage::Tx& tx, tags::TagService& service, RuleMemo& memo,
                       const events::Event& e) {
  auto purchase = tags::ParseCustomerPurchased(e.payload);
  if (!purchase) return Fail(purchase.error());
  auto rules = memo.Of(tx, service, e.merchant_id);
  if (!rules) return Fail(rules.error());
  for (const tags::Tag& tag : (*rules)->tags) {
    if (!tags::FromPurchases(*tag.rule) || !tags::MatchesPurchase(*tag.rule, *purchase)) continue;
    auto ok = service.ApplyRule(tx, e.merchant_id, tag.id,
                                {{purchase->customer_id, purchase->ordinal}}, {});
    if (!ok) return Fail(ok.error());
  }
  return {};
}

}  // namespace

events::Handler TagRulesHandler(tags::TagService& tags, tags::FactsSource& facts,
                                const Clock& clock) {
  auto memo = std::make_shared<RuleMemo>();
  return events::Handler{
      "tag_rules",
      {std::string(tags::kCustomerChanged), std::string(tags::kCustomerPurchased)},
      [&tags, &facts, &clock, memo](storage::Tx& tx, const events::Event& e) -> Result<void> {
        if (e.kind == tags::kCustomerChanged) {
          return Changed(tx, tags, facts, *memo, e, clock.Now());
        }
        return Purchased(tx, tags, *memo, e);
      },
      [memo] { memo->Forget(); }};
}

}  // namespace weishang::workflows
