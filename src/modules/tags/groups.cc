// Tag groups: a merchant's tags in named, ordered groups.
#include "modules/tags/records.h"

namespace weishang::tags {

using namespace records;

Result<Group> TagService::CreateGroup(Tx& tx, MerchantId merchant, const GroupInput& in) {
  if (auto ok = CheckName(in.name, 20, "a tag group's"); !ok) return Fail(ok.error());
  auto count = tx.QueryOne("SELECT COUNT(*) FROM tags_group WHERE merchant_id = ?", {merchant});
  if (!count) return Fail(count.error());
  if ((*count)->Int(0) >= kMaxGroups) {
    return Fail(Conflict(errors::kTooManyGroups,
                         "a shop has at most " + std::to_string(kMaxGroups) + " tag groups"));
  }
  Group g{ids_.Next<TagGroupId>(), merchant,        in.name,      in.choice,
          in.sort_order,           Status::kActive, clock_.Now(), 0};
  g.updated_at = g.created_at;
  auto ok = tx.Exec(
      "INSERT INTO tags_group (id, merchant_id, name, choice, sort_order, status, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {g.id, merchant, g.name, TextOf(kChoiceText, g.choice), g.sort_order,
       TextOf(kStatusText, g.status), g.created_at, g.updated_at});
  if (!ok) return Fail(ok.error());
  return g;
}

Result<Group> TagService::GetGroup(Tx& tx, MerchantId merchant, TagGroupId group) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kGroupColumns + " FROM tags_group WHERE merchant_id = ? AND id = ?",
      {merchant, group});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kGroupNotFound, "no such tag group"));
  return GroupFrom(**row);
}

Result<std::vector<Group>> TagService::ListGroups(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kGroupColumns +
                           " FROM tags_group WHERE merchant_id = ? ORDER BY sort_order, id",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Group> out;
  for (const auto& r : *rows) out.push_back(GroupFrom(r));
  return out;
}

Result<Group> TagService::UpdateGroup(Tx& tx, MerchantId merchant, TagGroupId group,
                                      const GroupUpdate& u) {
  auto current = GetGroup(tx, merchant, group);
  if (!current) return current;
  Group g = std::move(*current);
  if (u.name) {
    if (auto ok = CheckName(*u.name, 20, "a tag group's"); !ok) return Fail(ok.error());
    g.name = *u.name;
  }
  if (u.choice) g.choice = *u.choice;
  if (u.sort_order) g.sort_order = *u.sort_order;
  if (u.status) g.status = *u.status;
  g.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE tags_group SET name = ?, choice = ?, sort_order = ?, status = ?, updated_at = ?"
      " WHERE merchant_id = ? AND id = ?",
      {g.name, TextOf(kChoiceText, g.choice), g.sort_order, TextOf(kStatusText, g.status),
       g.updated_at, merchant, group});
  if (!ok) return Fail(ok.error());
  return g;
}

}  // namespace weishang::tags
