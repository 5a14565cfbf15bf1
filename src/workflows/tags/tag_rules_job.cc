#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "modules/tags/tags_events.h"
#include "workflows/tags/tag_rules.h"

namespace weishang::workflows {
namespace {

constexpr std::size_t kTargetsPerUnit = 1000;

// What one merchant's evaluation reads on one snapshot.
struct Snapshot {
  tags::RfmCuts rfm;
  std::int64_t position = 0;  // the outbox's last event at the snapshot
  // Per tag evaluated: who should carry it, and who does.
  std::map<TagId, std::unordered_map<Id, tags::Ordinal>> want, have;
};

// The tags this pass evaluates: new or changed rules, and after midnight
// every rule that moves with time.
std::vector<tags::Tag> Due(const std::vector<tags::Tag>& all, bool nightly) {
  std::vector<tags::Tag> out;
  for (const auto& t : all) {
    if (t.pending() || (nightly && tags::MovesWithTime(*t.rule))) out.push_back(t);
  }
  return out;
}

Result<void> Read(storage::Tx& tx, tags::TagService& service, tags::FactsSource& facts,
                  MerchantId merchant, const std::vector<tags::Tag>& due, bool fresh_rfm,
                  const tags::RfmCuts& old_rfm, std::int64_t today, Snapshot& s) {
  auto last = events::LastSeq(tx);
  if (!last) return Fail(last.error());
  s.position = *last;
  s.rfm = old_rfm;
  if (fresh_rfm) {
    std::vector<std::int64_t> recency, frequency, monetary;
    auto ok = facts.ForEachCustomer(tx, merchant, [&](const tags::CustomerFacts& c) {
      if (!c.live() || c.orders_count <= 0 || !c.last_order_at) return;
      recency.push_back(*c.last_order_at);
      frequency.push_back(c.orders_count);
      monetary.push_back(c.spent_total);
    });
    if (!ok) return ok;
    s.rfm = tags::ComputeRfmCuts(std::move(recency), std::move(frequency), std::move(monetary));
  }
  tags::RuleContext ctx{today, &s.rfm};
  bool purchases = false;
  for (const auto& t : due) {
    s.want[t.id];
    purchases |= tags::FromPurchases(*t.rule);
    auto members = service.MembersOf(tx, merchant, t.id);
    if (!members) return Fail(members.error());
    auto& have = s.have[t.id];
    for (const auto& m : *members) have.emplace(m.customer_id.value(), m.ordinal);
  }
  std::unordered_map<Id, bool> live;
  auto ok = facts.ForEachCustomer(tx, merchant, [&](const tags::CustomerFacts& c) {
    live.emplace(c.id.value(), c.live());
    for (const auto& t : due) {
      if (!tags::FromPurchases(*t.rule) && tags::Matches(*t.rule, c, ctx)) {
        s.want[t.id].emplace(c.id.value(), c.ordinal);
      }
    }
  });
  if (!ok) return ok;
  if (!purchases) return {};
  return facts.ForEachPurchase(tx, merchant, [&](const tags::PurchaseFacts& p) {
    auto it = live.find(p.customer_id.value());
    if (it == live.end() || !it->second) return;
    for (const auto& t : due) {
      if (tags::FromPurchases(*t.rule) && tags::MatchesPurchase(*t.rule, p)) {
        s.want[t.id].emplace(p.customer_id.value(), p.ordinal);
      }
    }
  });
}

// Customers whose facts changed after the snapshot: the handler judges them
// on their newer facts, so this pass leaves them alone.
Result<std::set<Id>> ChangedSince(storage::Database& db, MerchantId merchant,
                                  std::int64_t position) {
  std::set<Id> out;
  for (;;) {
    auto batch = storage::ReadValue(
        db, [&](storage::Tx& tx) { return events::ReadAfter(tx, position, 1000); });
    if (!batch) return Fail(batch.error());
    for (const auto& e : batch->events) {
      position = e.seq;
      if (e.merchant_id != merchant) continue;
      if (e.kind != tags::kCustomerChanged && e.kind != tags::kCustomerPurchased) continue;
      if (auto id = DecodeId<CustomerId>(e.subject)) out.insert(id->value());
    }
    if (batch->events.size() < 1000) return out;
  }
}

Result<void> WriteDifferences(storage::Database& db, tags::TagService& service, MerchantId merchant,
                              const tags::Tag& tag, const Snapshot& s, const std::set<Id>& skip) {
  const auto& want = s.want.at(tag.id);
  const auto& have = s.have.at(tag.id);
  std::vector<tags::Target> add, remove;
  for (const auto& [id, ordinal] : want) {
    if (!have.count(id) && !skip.count(id)) add.push_back({CustomerId(id), ordinal});
  }
  for (const auto& [id, ordinal] : have) {
    if (!want.count(id) && !skip.count(id)) remove.push_back({CustomerId(id), ordinal});
  }
  std::size_t a = 0, r = 0;
  while (a < add.size() || r < remove.size()) {
    std::size_t a_to = std::min(add.size(), a + kTargetsPerUnit);
    std::size_t r_to = std::min(remove.size(), r + kTargetsPerUnit);
    std::vector<tags::Target> adding(add.begin() + a, add.begin() + a_to);
    std::vector<tags::Target> removing(remove.begin() + r, remove.begin() + r_to);
    auto ok = db.Write([&](storage::Tx& tx) -> Result<void> {
      auto changed = service.ApplyRule(tx, merchant, tag.id, adding, removing);
      if (!changed) return Fail(changed.error());
      return {};
    });
    if (!ok) return ok;
    a = a_to;
    r = r_to;
  }
  return {};
}

Result<bool> EvaluateMerchant(storage::Database& db, tags::TagService& service,
                              tags::FactsSource& facts, MerchantId merchant, Timestamp now) {
  std::int64_t today = tags::ShopDayOf(now);
  std::vector<tags::Tag> all;
  tags::RuleState state;
  auto loaded = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto list = service.ActiveRuleTags(tx, merchant);
    if (!list) return Fail(list.error());
    all = std::move(*list);
    auto st = service.GetRuleState(tx, merchant);
    if (!st) return Fail(st.error());
    state = std::move(*st);
    return {};
  });
  if (!loaded) return Fail(loaded.error());
  bool nightly = state.evaluated_day < today;
  std::vector<tags::Tag> due = Due(all, nightly);
  if (due.empty()) {
    if (!nightly) return false;
    auto saved = db.Write([&](storage::Tx& tx) {
      return service.SaveRuleState(tx, merchant, tags::RuleState{state.rfm, today});
    });
    if (!saved) return Fail(saved.error());
    return true;
  }
  bool has_rfm = std::any_of(all.begin(), all.end(), [](const tags::Tag& t) {
    return t.rule->kind == tags::RuleKind::kRfmBand;
  });
  bool fresh_rfm = has_rfm && (nightly || state.rfm.empty());
  Snapshot s;
  auto read = db.Read([&](storage::Tx& tx) {
    return Read(tx, service, facts, merchant, due, fresh_rfm, state.rfm, today, s);
  });
  if (!read) return Fail(read.error());
  auto skip = ChangedSince(db, merchant, s.position);
  if (!skip) return Fail(skip.error());
  for (const auto& t : due) {
    auto ok = WriteDifferences(db, service, merchant, t, s, *skip);
    if (!ok) return Fail(ok.error());
  }
  // Done: the new cut points, the day, and each computed rule's version.
  auto done = db.Write([&](storage::Tx& tx) -> Result<void> {
    for (const auto& t : due) {
      if (!t.pending()) continue;
      auto ok = service.MarkEvaluated(tx, merchant, t.id, t.rule_version);
      if (!ok) return ok;
    }
    return service.SaveRuleState(tx, merchant,
                                 tags::RuleState{s.rfm, nightly ? today : state.evaluated_day});
  });
  if (!done) return Fail(done.error());
  return true;
}

}  // namespace

Result<JobTally> EvaluateRuleTags(storage::Database& db, tags::TagService& tags,
                                  tags::FactsSource& facts, Timestamp now) {
  auto merchants = storage::ReadValue(
      db, [&](storage::Tx& tx) { return tags.MerchantsDue(tx, tags::ShopDayOf(now)); });
  if (!merchants) return Fail(merchants.error());
  JobTally tally;
  for (MerchantId m : *merchants) {
    auto evaluated = EvaluateMerchant(db, tags, facts, m, now);
    if (!evaluated) return Fail(evaluated.error());
    if (*evaluated) ++tally.handled;
  }
  return tally;
}

Job TagRulesJob(tags::TagService& tags, tags::FactsSource& facts) {
  return Job{"tag_rules", [&tags, &facts](storage::Database& db, Modules&, Timestamp now) {
               return EvaluateRuleTags(db, tags, facts, now);
             }};
}

}  // namespace weishang::workflows
