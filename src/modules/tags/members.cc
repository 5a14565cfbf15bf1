// Who carries which tag. Every change records tag.members_changed with the
// customers it really added or removed (RETURNING tells which), so each
// node's SegmentIndex follows.
#include <algorithm>
#include <map>

#include "modules/tags/records.h"
#include "modules/tags/tags_events.h"

namespace weishang::tags {

using namespace records;

namespace {

constexpr std::size_t kRowsPerStatement = 200;

std::string Placeholders(std::size_t n, std::string_view one) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += one;
  }
  return out;
}

// The targets whose customer ids came back.
std::vector<Target> Returned(const storage::Rows& rows, const std::vector<Target>& asked) {
  std::vector<Target> out;
  for (const auto& r : rows) {
    CustomerId id = r.IdAt(0);
    auto it = std::find_if(asked.begin(), asked.end(),
                           [&](const Target& t) { return t.customer_id == id; });
    if (it != asked.end()) out.push_back(*it);
  }
  return out;
}

Result<std::vector<Target>> Insert(Tx& tx, MerchantId merchant, TagId tag,
                                   const std::vector<Target>& add, std::string_view source,
                                   Timestamp now) {
  std::vector<Target> done;
  for (std::size_t at = 0; at < add.size(); at += kRowsPerStatement) {
    std::vector<Target> part(add.begin() + at,
                             add.begin() + std::min(add.size(), at + kRowsPerStatement));
    std::vector<storage::Param> params;
    for (const auto& t : part) {
      for (storage::Param p :
           {storage::Param(merchant), storage::Param(tag), storage::Param(t.customer_id),
            storage::Param(static_cast<std::int64_t>(t.ordinal)), storage::Param(source),
            storage::Param(now)}) {
        params.push_back(p);
      }
    }
    auto rows = tx.Query(
        "INSERT INTO tags_customer_tag (merchant_id, tag_id, customer_id, ordinal, source,"
        " created_at) VALUES " +
            Placeholders(part.size(), "(?, ?, ?, ?, ?, ?)") +
            " ON CONFLICT DO NOTHING RETURNING customer_id",
        storage::Params(params));
    if (!rows) return Fail(rows.error());
    auto added = Returned(*rows, part);
    done.insert(done.end(), added.begin(), added.end());
  }
  return done;
}

Result<std::vector<Target>> Delete(Tx& tx, MerchantId merchant, TagId tag,
                                   const std::vector<Target>& remove) {
  std::vector<Target> done;
  for (std::size_t at = 0; at < remove.size(); at += kRowsPerStatement) {
    std::vector<Target> part(remove.begin() + at,
                             remove.begin() + std::min(remove.size(), at + kRowsPerStatement));
    std::vector<storage::Param> params = {merchant, tag};
    for (const auto& t : part) params.emplace_back(t.customer_id);
    auto rows = tx.Query(
        "DELETE FROM tags_customer_tag WHERE merchant_id = ? AND tag_id = ? AND customer_id IN (" +
            Placeholders(part.size(), "?") + ") RETURNING customer_id",
        storage::Params(params));
    if (!rows) return Fail(rows.error());
    auto removed = Returned(*rows, part);
    done.insert(done.end(), removed.begin(), removed.end());
  }
  return done;
}

Result<void> CheckCount(const std::vector<Target>& customers) {
  if (customers.size() > kMaxCustomersPerCall) {
    return Fail(Invalid(errors::kTooManyCustomers,
                        "at most " + std::to_string(kMaxCustomersPerCall) + " customers at once"));
  }
  return {};
}

}  // namespace

Result<TagChange> TagService::Change(Tx& tx, MerchantId merchant, const Tag& tag,
                                     const std::vector<Target>& add,
                                     const std::vector<Target>& remove, std::string_view source) {
  Timestamp now = clock_.Now();
  TagChange change;
  auto added = Insert(tx, merchant, tag.id, add, source, now);
  if (!added) return Fail(added.error());
  auto removed = Delete(tx, merchant, tag.id, remove);
  if (!removed) return Fail(removed.error());
  change.added = std::move(*added);
  change.removed = std::move(*removed);
  if (auto ok = EmitMembersChanged(tx, merchant, tag.id, change, now); !ok) {
    return Fail(ok.error());
  }
  return change;
}

Result<Tag> TagService::ManualTag(Tx& tx, MerchantId merchant, TagId id,
                                  const std::vector<Target>& customers) {
  if (auto ok = CheckCount(customers); !ok) return Fail(ok.error());
  auto tag = GetTag(tx, merchant, id);
  if (!tag) return Fail(tag.error());
  if (tag->kind != TagKind::kManual) {
    return Fail(Conflict(errors::kNotManual, "a rule tag's customers follow its rule"));
  }
  if (tag->status != Status::kActive) {
    return Fail(Conflict(errors::kArchived, "the tag is archived"));
  }
  return tag;
}

Result<TagChange> TagService::AddManual(Tx& tx, MerchantId merchant, TagId id,
                                        const std::vector<Target>& customers) {
  auto tag = ManualTag(tx, merchant, id, customers);
  if (!tag) return Fail(tag.error());
  auto group = GetGroup(tx, merchant, tag->group_id);
  if (!group) return Fail(group.error());
  if (group->choice == Choice::kSingle) {
    // One manual tag of a single-choice group per customer: the others go.
    auto siblings = ListTags(tx, merchant);
    if (!siblings) return Fail(siblings.error());
    for (const Tag& other : *siblings) {
      if (other.group_id != tag->group_id || other.id == id || other.kind != TagKind::kManual) {
        continue;
      }
      auto ok = Change(tx, merchant, other, {}, customers, "manual");
      if (!ok) return Fail(ok.error());
    }
  }
  return Change(tx, merchant, *tag, customers, {}, "manual");
}

Result<TagChange> TagService::RemoveManual(Tx& tx, MerchantId merchant, TagId id,
                                           const std::vector<Target>& customers) {
  auto tag = ManualTag(tx, merchant, id, customers);
  if (!tag) return Fail(tag.error());
  return Change(tx, merchant, *tag, {}, customers, "manual");
}

Result<TagChange> TagService::ApplyRule(Tx& tx, MerchantId merchant, TagId id,
                                        const std::vector<Target>& added,
                                        const std::vector<Target>& removed) {
  if (added.empty() && removed.empty()) return TagChange{};
  auto tag = GetTag(tx, merchant, id);
  if (!tag) return Fail(tag.error());
  if (tag->kind != TagKind::kRule) {
    return Fail(Conflict(errors::kNotManual, "only a rule tag's members follow a rule"));
  }
  return Change(tx, merchant, *tag, added, removed, "rule");
}

Result<std::vector<Tag>> TagService::TagsOf(Tx& tx, MerchantId merchant, CustomerId customer) {
  std::string columns;
  for (std::string_view c :
       {"id", "merchant_id", "group_id", "name", "color", "kind", "rule", "sort_order", "status",
        "rule_version", "evaluated_version", "created_at", "updated_at"}) {
    columns += (columns.empty() ? "t." : ", t.") + std::string(c);
  }
  auto rows =
      tx.Query("SELECT " + columns +
                   " FROM tags_customer_tag ct JOIN tags_tag t ON t.id = ct.tag_id"
                   " WHERE ct.merchant_id = ? AND ct.customer_id = ? AND t.status = 'active'"
                   " ORDER BY t.group_id, t.sort_order, t.id",
               {merchant, customer});
  if (!rows) return Fail(rows.error());
  std::vector<Tag> out;
  for (const auto& r : *rows) out.push_back(TagFrom(r));
  return out;
}

Result<std::set<TagId>> TagService::RuleTagsOf(Tx& tx, MerchantId merchant, CustomerId customer) {
  auto rows = tx.Query(
      "SELECT tag_id FROM tags_customer_tag WHERE merchant_id = ? AND customer_id = ?"
      " AND source = 'rule'",
      {merchant, customer});
  if (!rows) return Fail(rows.error());
  std::set<TagId> out;
  for (const auto& r : *rows) out.insert(r.IdAt(0));
  return out;
}

Result<std::vector<Target>> TagService::MembersOf(Tx& tx, MerchantId merchant, TagId tag) {
  auto rows = tx.Query(
      "SELECT customer_id, ordinal FROM tags_customer_tag WHERE merchant_id = ? AND tag_id = ?",
      {merchant, tag});
  if (!rows) return Fail(rows.error());
  std::vector<Target> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(Target{r.IdAt(0), static_cast<Ordinal>(r.Int(1))});
  return out;
}

Result<void> TagService::ForEachMember(Tx& tx, MerchantId merchant,
                                       const std::function<void(TagId, Ordinal)>& fn) {
  auto rows =
      tx.Query("SELECT tag_id, ordinal FROM tags_customer_tag WHERE merchant_id = ?", {merchant});
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) fn(r.IdAt(0), static_cast<Ordinal>(r.Int(1)));
  return {};
}

Result<void> TagService::MoveMembers(Tx& tx, MerchantId merchant, const Target& from,
                                     const Target& into) {
  auto rows = tx.Query(
      "SELECT ct.tag_id, ct.source, t.group_id, g.choice FROM tags_customer_tag ct"
      " JOIN tags_tag t ON t.id = ct.tag_id JOIN tags_group g ON g.id = t.group_id"
      " WHERE ct.merchant_id = ? AND ct.customer_id = ?",
      {merchant, from.customer_id});
  if (!rows) return Fail(rows.error());
  auto kept = TagsOf(tx, merchant, into.customer_id);
  if (!kept) return Fail(kept.error());
  for (const auto& r : *rows) {
    auto tag = GetTag(tx, merchant, r.IdAt(0));
    if (!tag) return Fail(tag.error());
    bool manual = r.Str(1) == "manual";
    if (!manual && !(tag->rule && FromPurchases(*tag->rule))) continue;
    if (manual && r.Str(3) == "single") {
      // `into` keeps its own choice in a single-choice group.
      bool has_one = std::any_of(kept->begin(), kept->end(), [&](const Tag& k) {
        return k.kind == TagKind::kManual && k.group_id == tag->group_id;
      });
      if (has_one) continue;
    }
    auto ok = Change(tx, merchant, *tag, {into}, {}, manual ? "manual" : "rule");
    if (!ok) return Fail(ok.error());
  }
  return DropMembers(tx, merchant, from);
}

Result<void> TagService::DropMembers(Tx& tx, MerchantId merchant, const Target& customer) {
  auto rows = tx.Query(
      "DELETE FROM tags_customer_tag WHERE merchant_id = ? AND customer_id = ? RETURNING tag_id",
      {merchant, customer.customer_id});
  if (!rows) return Fail(rows.error());
  Timestamp now = clock_.Now();
  for (const auto& r : *rows) {
    TagChange change;
    change.removed.push_back(customer);
    auto ok = EmitMembersChanged(tx, merchant, r.IdAt(0), change, now);
    if (!ok) return ok;
  }
  return {};
}

}  // namespace weishang::tags
