// Tags: manual ones, and rule tags whose members the rule job and handlers keep.
#include <cctype>

#include "modules/tags/records.h"

namespace weishang::tags {

using namespace records;

namespace {

Result<void> CheckColor(const std::string& color) {
  bool ok = color.size() == 7 && color[0] == '#';
  for (std::size_t i = 1; ok && i < color.size(); ++i) {
    ok = std::isxdigit(static_cast<unsigned char>(color[i])) != 0;
  }
  if (!ok) return Fail(Invalid(errors::kInvalidColor, "a colour is \"#RRGGBB\""));
  return {};
}

Result<void> CheckKindAndRule(TagKind kind, const std::optional<Rule>& rule) {
  if (kind == TagKind::kRule && !rule) {
    return Fail(Invalid(errors::kInvalidRule, "a rule tag needs a rule"));
  }
  if (kind == TagKind::kManual && rule) {
    return Fail(Invalid(errors::kInvalidRule, "a manual tag has no rule"));
  }
  return {};
}

}  // namespace

Result<Tag> TagService::CreateTag(Tx& tx, MerchantId merchant, const TagInput& in) {
  if (auto ok = CheckName(in.name, 20, "a tag's"); !ok) return Fail(ok.error());
  if (auto ok = CheckColor(in.color); !ok) return Fail(ok.error());
  if (auto ok = CheckKindAndRule(in.kind, in.rule); !ok) return Fail(ok.error());
  auto group = GetGroup(tx, merchant, in.group_id);
  if (!group || group->status != Status::kActive) {
    if (!group && group.error().kind != ErrorKind::kNotFound) return Fail(group.error());
    return Fail(Invalid(errors::kUnknownGroup, "no such active tag group"));
  }
  auto count = tx.QueryOne("SELECT COUNT(*) FROM tags_tag WHERE merchant_id = ?", {merchant});
  if (!count) return Fail(count.error());
  if ((*count)->Int(0) >= kMaxTags) {
    return Fail(
        Conflict(errors::kTooManyTags, "a shop has at most " + std::to_string(kMaxTags) + " tags"));
  }
  Tag t;
  t.id = ids_.Next<TagId>();
  t.merchant_id = merchant;
  t.group_id = in.group_id;
  t.name = in.name;
  t.color = in.color;
  t.kind = in.kind;
  t.rule = in.rule;
  t.sort_order = in.sort_order;
  t.rule_version = in.kind == TagKind::kRule ? 1 : 0;
  t.created_at = t.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO tags_tag (id, merchant_id, group_id, name, color, kind, rule, sort_order,"
      " status, rule_version, evaluated_version, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
      {t.id, merchant, t.group_id, t.name, t.color, TextOf(kTagKindText, t.kind),
       t.rule ? RuleText(*t.rule) : std::string(), t.sort_order, TextOf(kStatusText, t.status),
       t.rule_version, t.created_at, t.updated_at});
  if (!ok) return Fail(ok.error());
  return t;
}

Result<Tag> TagService::GetTag(Tx& tx, MerchantId merchant, TagId tag) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kTagColumns + " FROM tags_tag WHERE merchant_id = ? AND id = ?",
      {merchant, tag});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kTagNotFound, "no such tag"));
  return TagFrom(**row);
}

Result<std::vector<Tag>> TagService::ListTags(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kTagColumns +
                           " FROM tags_tag WHERE merchant_id = ? ORDER BY group_id, sort_order, id",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Tag> out;
  for (const auto& r : *rows) out.push_back(TagFrom(r));
  return out;
}

Result<Tag> TagService::UpdateTag(Tx& tx, MerchantId merchant, TagId tag, const TagUpdate& u) {
  auto current = GetTag(tx, merchant, tag);
  if (!current) return current;
  Tag t = std::move(*current);
  if (u.name) {
    if (auto ok = CheckName(*u.name, 20, "a tag's"); !ok) return Fail(ok.error());
    t.name = *u.name;
  }
  if (u.color) {
    if (auto ok = CheckColor(*u.color); !ok) return Fail(ok.error());
    t.color = *u.color;
  }
  if (u.group_id && *u.group_id != t.group_id) {
    auto group = GetGroup(tx, merchant, *u.group_id);
    if (!group || group->status != Status::kActive) {
      if (!group && group.error().kind != ErrorKind::kNotFound) return Fail(group.error());
      return Fail(Invalid(errors::kUnknownGroup, "no such active tag group"));
    }
    t.group_id = *u.group_id;
  }
  if (u.rule) {
    if (t.kind != TagKind::kRule) {
      return Fail(Invalid(errors::kInvalidRule, "a manual tag has no rule"));
    }
    if (RuleText(*u.rule) != (t.rule ? RuleText(*t.rule) : "")) {
      t.rule = *u.rule;
      ++t.rule_version;  // the rule job computes the members again for everyone
    }
  }
  if (u.sort_order) t.sort_order = *u.sort_order;
  if (u.status) t.status = *u.status;
  t.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE tags_tag SET group_id = ?, name = ?, color = ?, rule = ?, sort_order = ?,"
      " status = ?, rule_version = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
      {t.group_id, t.name, t.color, t.rule ? RuleText(*t.rule) : std::string(), t.sort_order,
       TextOf(kStatusText, t.status), t.rule_version, t.updated_at, merchant, tag});
  if (!ok) return Fail(ok.error());
  return t;
}

Result<std::vector<Tag>> TagService::ActiveRuleTags(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kTagColumns +
                           " FROM tags_tag WHERE merchant_id = ? AND kind = 'rule'"
                           " AND status = 'active' ORDER BY id",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Tag> out;
  for (const auto& r : *rows) {
    Tag t = TagFrom(r);
    if (t.rule) out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<MerchantId>> TagService::MerchantsDue(Tx& tx, std::int64_t today) {
  auto rows = tx.Query(
      "SELECT DISTINCT t.merchant_id FROM tags_tag t"
      " LEFT JOIN tags_rule_state s ON s.merchant_id = t.merchant_id"
      " WHERE t.kind = 'rule' AND t.status = 'active' AND (t.evaluated_version < t.rule_version"
      " OR s.evaluated_day IS NULL OR s.evaluated_day < ?) ORDER BY t.merchant_id",
      {today});
  if (!rows) return Fail(rows.error());
  std::vector<MerchantId> out;
  for (const auto& r : *rows) out.push_back(r.IdAt(0));
  return out;
}

Result<void> TagService::MarkEvaluated(Tx& tx, MerchantId merchant, TagId tag,
                                       std::int64_t version) {
  auto ok = tx.Exec(
      "UPDATE tags_tag SET evaluated_version = ? WHERE merchant_id = ? AND id = ?"
      " AND evaluated_version < ?",
      {version, merchant, tag, version});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> TagService::CheckExpressionTags(Tx& tx, MerchantId merchant, const Expr& e) {
  for (TagId id : TagsIn(e)) {
    auto tag = GetTag(tx, merchant, id);
    if (!tag && tag.error().kind != ErrorKind::kNotFound) return Fail(tag.error());
    if (!tag || tag->status != Status::kActive) {
      return Fail(Invalid(errors::kUnknownTag, "no active tag " + EncodeId(id)));
    }
  }
  return {};
}

}  // namespace weishang::tags
