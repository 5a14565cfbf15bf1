// Tags and segments of a merchant's customers (标签/分群): tag groups, tags
// (manual, or kept by a rule: rules.h), which customers carry which tag, and
// saved segments (boolean expressions over tags and attributes:
// expression.h). Counting and listing segments is SegmentIndex's
// (segment_index.h); this facade keeps the records. Every membership change
// records tag.members_changed (tags_events.h) in the caller's unit, which is
// how every node's SegmentIndex learns of it. Writes take the caller's Tx.
// Stateless apart from its references; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "modules/tags/bitmap.h"
#include "modules/tags/expression.h"
#include "modules/tags/rules.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::tags {

using storage::Tx;

enum class Choice { kSingle, kMulti };
inline constexpr EnumText<Choice> kChoiceText[] = {{Choice::kSingle, "single"},
                                                   {Choice::kMulti, "multi"}};
enum class TagKind { kManual, kRule };
inline constexpr EnumText<TagKind> kTagKindText[] = {{TagKind::kManual, "manual"},
                                                     {TagKind::kRule, "rule"}};
enum class Status { kActive, kArchived };
inline constexpr EnumText<Status> kStatusText[] = {{Status::kActive, "active"},
                                                   {Status::kArchived, "archived"}};

// Per merchant.
inline constexpr int kMaxGroups = 50;
inline constexpr int kMaxTags = 500;
inline constexpr int kMaxSegments = 200;
// Customers tagged or untagged in one call.
inline constexpr std::size_t kMaxCustomersPerCall = 1000;

struct Group {
  TagGroupId id;
  MerchantId merchant_id;
  std::string name;
  Choice choice = Choice::kMulti;  // single: at most one of its manual tags per customer
  int sort_order = 0;
  Status status = Status::kActive;
  Timestamp created_at = 0, updated_at = 0;
};

struct GroupInput {
  std::string name;
  Choice choice = Choice::kMulti;
  int sort_order = 0;
};
struct GroupUpdate {
  std::optional<std::string> name;
  std::optional<Choice> choice;
  std::optional<int> sort_order;
  std::optional<Status> status;
};

struct Tag {
  TagId id;
  MerchantId merchant_id;
  TagGroupId group_id;
  std::string name;
  std::string color;  // "#RRGGBB"
  TagKind kind = TagKind::kManual;
  std::optional<Rule> rule;  // rule tags only
  int sort_order = 0;
  Status status = Status::kActive;
  std::int64_t rule_version = 0;       // bumped when the rule changes
  std::int64_t evaluated_version = 0;  // the version whose members were computed for everyone
  Timestamp created_at = 0, updated_at = 0;
  // A rule tag whose members are not yet computed for everyone (new or changed rule).
  bool pending() const { return kind == TagKind::kRule && evaluated_version < rule_version; }
};

struct TagInput {
  TagGroupId group_id;
  std::string name;
  std::string color = "#409EFF";
  TagKind kind = TagKind::kManual;
  std::optional<Rule> rule;  // required for rule tags, refused for manual ones
  int sort_order = 0;
};
struct TagUpdate {
  std::optional<TagGroupId> group_id;
  std::optional<std::string> name, color;
  std::optional<Rule> rule;  // rule tags only; a new rule is computed again for everyone
  std::optional<int> sort_order;
  std::optional<Status> status;
};

// A customer as a tag's member: the id, and the ordinal that is its bit.
struct Target {
  CustomerId customer_id;
  Ordinal ordinal = 0;
};

// What a tagging call changed.
struct TagChange {
  std::vector<Target> added, removed;
};

struct Segment {
  SegmentId id;
  MerchantId merchant_id;
  std::string name;
  Expr expression;
  std::int64_t customer_count = 0;  // as counted when saved
  Timestamp counted_at = 0;
  Status status = Status::kActive;
  Timestamp created_at = 0, updated_at = 0;
};

struct SegmentInput {
  std::string name;
  Expr expression;
};
struct SegmentUpdate {
  std::optional<std::string> name;
  std::optional<Expr> expression;
  std::optional<Status> status;
};

// The rule evaluation's state per merchant (the nightly job's).
struct RuleState {
  RfmCuts rfm;
  std::int64_t evaluated_day = 0;  // shop day of the last nightly evaluation; 0: never
};

class TagService {
 public:
  TagService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // ---- groups (groups.cc)
  // tags.invalid_name (422, 1-20 characters); tags.too_many_groups (409).
  Result<Group> CreateGroup(Tx& tx, MerchantId merchant, const GroupInput& in);
  // tags.group_not_found (404) when absent or another merchant's.
  Result<Group> GetGroup(Tx& tx, MerchantId merchant, TagGroupId group);
  // Active and archived, by sort order.
  Result<std::vector<Group>> ListGroups(Tx& tx, MerchantId merchant);
  Result<Group> UpdateGroup(Tx& tx, MerchantId merchant, TagGroupId group, const GroupUpdate& u);

  // ---- tags (tag_records.cc)
  // tags.unknown_group (422) unless the group is the merchant's and active;
  // tags.invalid_name, tags.invalid_color, tags.invalid_rule (a manual tag
  // with a rule or a rule tag without); tags.too_many_tags (409). A rule tag
  // starts pending: the rule job computes its members for everyone.
  Result<Tag> CreateTag(Tx& tx, MerchantId merchant, const TagInput& in);
  // tags.tag_not_found (404).
  Result<Tag> GetTag(Tx& tx, MerchantId merchant, TagId tag);
  // Every tag of the merchant, by group and sort order.
  Result<std::vector<Tag>> ListTags(Tx& tx, MerchantId merchant);
  // The same checks as CreateTag; tags.invalid_rule when a rule is given to a
  // manual tag.
  Result<Tag> UpdateTag(Tx& tx, MerchantId merchant, TagId tag, const TagUpdate& u);
  // The merchant's active rule tags.
  Result<std::vector<Tag>> ActiveRuleTags(Tx& tx, MerchantId merchant);
  // Merchants with an active rule tag that is pending, or whose rules were
  // last evaluated before shop day `today` (the rule job's work).
  Result<std::vector<MerchantId>> MerchantsDue(Tx& tx, std::int64_t today);
  // Records that `tag`'s members were computed for everyone at `version`.
  Result<void> MarkEvaluated(Tx& tx, MerchantId merchant, TagId tag, std::int64_t version);
  // Checks that every tag `e` names is the merchant's and active:
  // tags.unknown_tag (422) names the first that is not.
  Result<void> CheckExpressionTags(Tx& tx, MerchantId merchant, const Expr& e);

  // ---- members (members.cc)
  // Gives a manual tag to `customers` (the caller resolved them: ids and
  // ordinals of the merchant's live customers). In a single-choice group the
  // customers lose the group's other manual tags. Idempotent: customers who
  // have the tag are left alone. tags.tag_not_found; tags.not_manual (409)
  // for a rule tag; tags.archived (409); tags.too_many_customers (422).
  Result<TagChange> AddManual(Tx& tx, MerchantId merchant, TagId tag,
                              const std::vector<Target>& customers);
  // Takes a manual tag away; the same failures. Idempotent.
  Result<TagChange> RemoveManual(Tx& tx, MerchantId merchant, TagId tag,
                                 const std::vector<Target>& customers);
  // Sets a rule tag's members: `added` and `removed` (for the rule handlers
  // and job, which computed them). Customers already in the wanted state
  // are skipped. Records tag.members_changed.
  Result<TagChange> ApplyRule(Tx& tx, MerchantId merchant, TagId tag,
                              const std::vector<Target>& added, const std::vector<Target>& removed);
  // The active tags `customer` carries.
  Result<std::vector<Tag>> TagsOf(Tx& tx, MerchantId merchant, CustomerId customer);
  // The rule tags `customer` carries (ids).
  Result<std::set<TagId>> RuleTagsOf(Tx& tx, MerchantId merchant, CustomerId customer);
  // The ordinals of a tag's members.
  Result<std::vector<Target>> MembersOf(Tx& tx, MerchantId merchant, TagId tag);
  // Every (tag, ordinal) of the merchant (a SegmentIndex rebuild).
  Result<void> ForEachMember(Tx& tx, MerchantId merchant,
                             const std::function<void(TagId, Ordinal)>& fn);
  // A merge: `from`'s manual and purchase-rule tags move to `into` (who
  // keeps what it had), and `from` loses every tag. The rule tags that follow
  // `into`'s facts are its own customer.changed's business.
  Result<void> MoveMembers(Tx& tx, MerchantId merchant, const Target& from, const Target& into);
  // An erasure (or a merge): `customer` loses every tag.
  Result<void> DropMembers(Tx& tx, MerchantId merchant, const Target& customer);

  // ---- segments (segments.cc)
  // The caller checked the expression's tags (CheckExpressionTags) and
  // counted it. tags.invalid_name (1-30 characters); tags.too_many_segments (409).
  Result<Segment> CreateSegment(Tx& tx, MerchantId merchant, const SegmentInput& in,
                                std::int64_t count);
  // tags.segment_not_found (404).
  Result<Segment> GetSegment(Tx& tx, MerchantId merchant, SegmentId segment);
  // Active and archived, newest first.
  Result<std::vector<Segment>> ListSegments(Tx& tx, MerchantId merchant);
  // `count` is the new count when the expression changed (else nullopt).
  Result<Segment> UpdateSegment(Tx& tx, MerchantId merchant, SegmentId segment,
                                const SegmentUpdate& u, std::optional<std::int64_t> count);

  // ---- the rule job's state (rule_state.cc)
  Result<RuleState> GetRuleState(Tx& tx, MerchantId merchant);
  Result<void> SaveRuleState(Tx& tx, MerchantId merchant, const RuleState& state);

 private:
  // The tag staff may give or take now: active and manual
  // (tags.not_manual, tags.archived), for at most kMaxCustomersPerCall.
  Result<Tag> ManualTag(Tx& tx, MerchantId merchant, TagId id,
                        const std::vector<Target>& customers);
  Result<TagChange> Change(Tx& tx, MerchantId merchant, const Tag& tag,
                           const std::vector<Target>& add, const std::vector<Target>& remove,
                           std::string_view source);
  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::tags
