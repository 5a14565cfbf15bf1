#include "workflows/tags/segment_flows.h"

#include <algorithm>
#include <set>

#include "modules/tags/tags_errors.h"

namespace weishang::workflows {
namespace {

namespace errors = tags::errors;

// Checks e's tags on a read snapshot.
Result<void> CheckTags(storage::Database& db, TagWiring& w, MerchantId merchant,
                       const tags::Expr& e) {
  return db.Read([&](storage::Tx& tx) { return w.tags.CheckExpressionTags(tx, merchant, e); });
}

Result<std::uint64_t> CountAll(storage::Database& db, TagWiring& w, MerchantId merchant,
                               const tags::Expr& e) {
  if (auto ok = CheckTags(db, w, merchant, e); !ok) return Fail(ok.error());
  auto answer = w.index.Evaluate(merchant, e, tags::Scope{}, w.clock.Now());
  if (!answer) return Fail(answer.error());
  return answer->count;
}

CustomerPage PageOf(tags::SegmentIndex::Answer answer, int limit) {
  CustomerPage page{answer.count, std::move(answer.page), std::nullopt};
  if (static_cast<int>(page.items.size()) == limit && !page.items.empty()) {
    page.next = page.items.back().ordinal;
  }
  return page;
}

// The customers behind `ids` that the caller sees, as tag members, or
// tags.unknown_customer naming the first that is not.
Result<std::vector<tags::Target>> Resolve(storage::Tx& tx, TagWiring& w,
                                          const identity::Principal& who,
                                          const std::vector<CustomerId>& ids) {
  auto found = w.facts.FindCustomers(tx, who.merchant_id, ids);
  if (!found) return Fail(found.error());
  tags::Scope scope = ScopeOf(who);
  std::vector<tags::Target> out;
  std::set<Id> seen;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto& f = (*found)[i];
    bool visible = f && f->live() && (!scope.owner || f->owner_staff_id == scope.owner);
    if (!visible) {
      return Fail(Invalid(errors::kUnknownCustomer, "no such customer " + EncodeId(ids[i])));
    }
    if (seen.insert(f->id.value()).second) out.push_back({f->id, f->ordinal});
  }
  return out;
}

}  // namespace

tags::Scope ScopeOf(const identity::Principal& who) {
  if (identity::SeesAllCustomers(who.role)) return tags::Scope{};
  return tags::Scope{who.staff_id};
}

Result<std::vector<CountedTag>> ListTagsCounted(storage::Database& db, TagWiring& w,
                                                const identity::Principal& who) {
  auto list =
      storage::ReadValue(db, [&](storage::Tx& tx) { return w.tags.ListTags(tx, who.merchant_id); });
  if (!list) return Fail(list.error());
  std::vector<TagId> ids;
  for (const auto& t : *list) ids.push_back(t.id);
  auto counts = w.index.Counts(who.merchant_id, ids, ScopeOf(who));
  if (!counts) return Fail(counts.error());
  std::vector<CountedTag> out;
  for (std::size_t i = 0; i < list->size(); ++i) out.push_back({(*list)[i], (*counts)[i]});
  return out;
}

Result<std::uint64_t> PreviewSegment(storage::Database& db, TagWiring& w,
                                     const identity::Principal& who, const tags::Expr& e) {
  if (auto ok = CheckTags(db, w, who.merchant_id, e); !ok) return Fail(ok.error());
  auto answer = w.index.Evaluate(who.merchant_id, e, ScopeOf(who), w.clock.Now());
  if (!answer) return Fail(answer.error());
  return answer->count;
}

Result<std::uint64_t> CountSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                   const tags::Expr& e) {
  return CountAll(db, w, merchant, e);
}

Result<CustomerPage> CustomersWhere(storage::Database& db, TagWiring& w,
                                    const identity::Principal& who, const tags::Expr& e,
                                    std::optional<tags::Ordinal> before, int limit) {
  if (auto ok = CheckTags(db, w, who.merchant_id, e); !ok) return Fail(ok.error());
  auto answer = w.index.Evaluate(who.merchant_id, e, ScopeOf(who), w.clock.Now(), before,
                                 static_cast<std::size_t>(limit));
  if (!answer) return Fail(answer.error());
  return PageOf(std::move(*answer), limit);
}

namespace {

// Counts an active segment in the caller's scope; an archived one is not counted.
Result<CountedSegment> Counted(TagWiring& w, const identity::Principal& who, tags::Segment s) {
  if (s.status != tags::Status::kActive) return CountedSegment{std::move(s), std::nullopt};
  auto answer = w.index.Evaluate(who.merchant_id, s.expression, ScopeOf(who), w.clock.Now());
  if (!answer) return Fail(answer.error());
  return CountedSegment{std::move(s), answer->count};
}

}  // namespace

Result<std::vector<CountedSegment>> ListSegmentsCounted(storage::Database& db, TagWiring& w,
                                                        const identity::Principal& who) {
  auto list = storage::ReadValue(
      db, [&](storage::Tx& tx) { return w.tags.ListSegments(tx, who.merchant_id); });
  if (!list) return Fail(list.error());
  std::vector<CountedSegment> out;
  for (auto& s : *list) {
    auto c = Counted(w, who, std::move(s));
    if (!c) return Fail(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

Result<CountedSegment> GetSegmentCounted(storage::Database& db, TagWiring& w,
                                         const identity::Principal& who, SegmentId segment) {
  auto s = storage::ReadValue(
      db, [&](storage::Tx& tx) { return w.tags.GetSegment(tx, who.merchant_id, segment); });
  if (!s) return Fail(s.error());
  return Counted(w, who, std::move(*s));
}

Result<tags::Segment> CreateSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                    const tags::SegmentInput& in) {
  auto count = CountAll(db, w, merchant, in.expression);
  if (!count) return Fail(count.error());
  return storage::WriteValue(db, [&](storage::Tx& tx) {
    return w.tags.CreateSegment(tx, merchant, in, static_cast<std::int64_t>(*count));
  });
}

Result<tags::Segment> UpdateSegment(storage::Database& db, TagWiring& w, MerchantId merchant,
                                    SegmentId segment, const tags::SegmentUpdate& u) {
  std::optional<std::int64_t> count;
  if (u.expression) {
    auto n = CountAll(db, w, merchant, *u.expression);
    if (!n) return Fail(n.error());
    count = static_cast<std::int64_t>(*n);
  }
  return storage::WriteValue(
      db, [&](storage::Tx& tx) { return w.tags.UpdateSegment(tx, merchant, segment, u, count); });
}

Result<CustomerPage> SegmentCustomers(storage::Database& db, TagWiring& w,
                                      const identity::Principal& who, SegmentId segment,
                                      std::optional<tags::Ordinal> before, int limit) {
  auto s = storage::ReadValue(
      db, [&](storage::Tx& tx) { return w.tags.GetSegment(tx, who.merchant_id, segment); });
  if (!s) return Fail(s.error());
  auto answer = w.index.Evaluate(who.merchant_id, s->expression, ScopeOf(who), w.clock.Now(),
                                 before, static_cast<std::size_t>(limit));
  if (!answer) return Fail(answer.error());
  return PageOf(std::move(*answer), limit);
}

Result<CustomerPage> TagCustomers(storage::Database& db, TagWiring& w,
                                  const identity::Principal& who, TagId tag,
                                  std::optional<tags::Ordinal> before, int limit) {
  auto t = storage::ReadValue(
      db, [&](storage::Tx& tx) { return w.tags.GetTag(tx, who.merchant_id, tag); });
  if (!t) return Fail(t.error());
  auto answer =
      w.index.WithTag(who.merchant_id, tag, ScopeOf(who), before, static_cast<std::size_t>(limit));
  if (!answer) return Fail(answer.error());
  return PageOf(std::move(*answer), limit);
}

Result<tags::TagChange> TagCustomersManually(storage::Tx& tx, TagWiring& w,
                                             const identity::Principal& who, TagId tag,
                                             const Tagging& t) {
  // The tag first: another merchant's tag is not found, whatever the ids.
  auto found = w.tags.GetTag(tx, who.merchant_id, tag);
  if (!found) return Fail(found.error());
  auto add = Resolve(tx, w, who, t.add);
  if (!add) return Fail(add.error());
  auto remove = Resolve(tx, w, who, t.remove);
  if (!remove) return Fail(remove.error());
  tags::TagChange change;
  if (!add->empty()) {
    auto added = w.tags.AddManual(tx, who.merchant_id, tag, *add);
    if (!added) return Fail(added.error());
    change.added = std::move(added->added);
  }
  if (!remove->empty()) {
    auto removed = w.tags.RemoveManual(tx, who.merchant_id, tag, *remove);
    if (!removed) return Fail(removed.error());
    change.removed = std::move(removed->removed);
  }
  if (add->empty() && remove->empty()) {
    // Nothing to do, but a rule or archived tag is still refused.
    auto none = w.tags.AddManual(tx, who.merchant_id, tag, {});
    if (!none) return Fail(none.error());
  }
  return change;
}

Result<std::vector<tags::Tag>> TagsOfCustomer(storage::Tx& tx, TagWiring& w,
                                              const identity::Principal& who, CustomerId customer) {
  auto found = w.facts.FindCustomers(tx, who.merchant_id, {customer});
  if (!found) return Fail(found.error());
  tags::Scope scope = ScopeOf(who);
  const auto& f = found->front();
  if (!f || (scope.owner && f->owner_staff_id != scope.owner)) {
    return Fail(NotFound(errors::kCustomerNotFound, "no such customer"));
  }
  return w.tags.TagsOf(tx, who.merchant_id, f->id);
}

Result<std::vector<TaggedCustomer>> LoadTaggedCustomers(storage::Tx& tx, Modules& m, TagWiring& w,
                                                        MerchantId merchant,
                                                        const std::vector<tags::Member>& page) {
  std::vector<customers::Customer> list;
  for (const auto& member : page) {
    auto c = m.customers.Get(tx, merchant, member.customer_id);
    if (!c) {
      if (c.error().kind == ErrorKind::kNotFound) continue;
      return Fail(c.error());
    }
    // Get follows a merge to the record kept, which is listed on its own.
    if (c->id != member.customer_id || c->erased_at) continue;
    list.push_back(std::move(*c));
  }
  return WithTags(tx, w, merchant, std::move(list));
}

Result<std::vector<TaggedCustomer>> WithTags(storage::Tx& tx, TagWiring& w, MerchantId merchant,
                                             std::vector<customers::Customer> list) {
  std::vector<TaggedCustomer> out;
  out.reserve(list.size());
  for (auto& c : list) {
    auto t = w.tags.TagsOf(tx, merchant, c.id);
    if (!t) return Fail(t.error());
    out.push_back({std::move(c), std::move(*t)});
  }
  return out;
}

}  // namespace weishang::workflows
