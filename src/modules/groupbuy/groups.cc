// Groups and their members: opening, taking a place, paying, releasing,
// expiring. Every move of a count or a state is a conditional UPDATE.
#include <map>

#include "core/json_writer.h"
#include "events/outbox.h"
#include "modules/groupbuy/groupbuy.h"
#include "modules/groupbuy/groupbuy_errors.h"

namespace weishang::groupbuy {
namespace {

constexpr const char* kGroupColumns =
    "id, campaign_id, leader_customer_id, size, taken, paid, state, deadline, created_at,"
    " closed_at";

Group GroupFromRow(const storage::Row& r, MerchantId merchant) {
  Group g;
  g.id = r.IdAt(0);
  g.merchant_id = merchant;
  g.campaign_id = r.IdAt(1);
  g.leader = r.IdAt(2);
  g.size = static_cast<int>(r.Int(3));
  g.taken = static_cast<int>(r.Int(4));
  g.paid = static_cast<int>(r.Int(5));
  g.state = FromText(kGroupStateText, r.Str(6)).value_or(GroupState::kExpired);
  g.deadline = r.Int(7);
  g.created_at = r.Int(8);
  g.closed_at = r.OptInt(9);
  return g;
}

Error Closed(const std::string& why) { return Conflict(errors::kGroupClosed, why); }

}  // namespace

Result<Group> GroupbuyService::OpenGroup(Tx& tx, const Campaign& c, CustomerId leader) {
  Timestamp now = clock_.Now();
  if (!c.Live(now)) {
    return Fail(Conflict(errors::kNotLive, "the group buy is not running now: no group can open"));
  }
  Group g;
  g.id = ids_.Next<GroupbuyGroupId>();
  g.merchant_id = c.merchant_id;
  g.campaign_id = c.id;
  g.leader = leader;
  g.size = c.group_size;
  g.deadline = now + c.window_hours * kHour;
  g.created_at = now;
  auto ok = tx.Exec(
      "INSERT INTO groupbuy_group (id, merchant_id, campaign_id, leader_customer_id, size, taken,"
      " paid, state, deadline, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, 'open', ?, ?)",
      {g.id, g.merchant_id, g.campaign_id, leader, g.size, g.deadline, now});
  if (!ok) return Fail(ok.error());
  return g;
}

Result<std::vector<Group>> GroupbuyService::SelectGroups(Tx& tx, MerchantId merchant,
                                                         const std::string& where,
                                                         std::vector<storage::Param> params) {
  auto rows =
      tx.Query(std::string("SELECT ") + kGroupColumns + " FROM groupbuy_group WHERE " + where,
               storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Group> out;
  for (const auto& r : *rows) out.push_back(GroupFromRow(r, merchant));
  if (auto ok = LoadMembers(tx, merchant, out); !ok) return Fail(ok.error());
  return out;
}

Result<void> GroupbuyService::LoadMembers(Tx& tx, MerchantId merchant, std::vector<Group>& groups) {
  if (groups.empty()) return {};
  std::map<Id, Group*> by_id;
  std::string in;
  std::vector<storage::Param> params{merchant};
  for (auto& g : groups) {
    by_id[g.id.value()] = &g;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(g.id);
  }
  auto rows = tx.Query(
      "SELECT group_id, order_id, customer_id, shown_name, leader, state, joined_at, paid_at,"
      " closed_at FROM groupbuy_member WHERE merchant_id = ? AND group_id IN (" +
          in + ") ORDER BY group_id, joined_at, order_id",
      storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    Member m;
    m.order_id = r.IdAt(1);
    m.customer_id = r.IdAt(2);
    m.shown_name = r.Str(3);
    m.leader = r.Int(4) != 0;
    m.state = FromText(kMemberStateText, r.Str(5)).value_or(MemberState::kReleased);
    m.joined_at = r.Int(6);
    m.paid_at = r.OptInt(7);
    m.closed_at = r.OptInt(8);
    by_id[r.Int(0)]->members.push_back(std::move(m));
  }
  return {};
}

Result<Group> GroupbuyService::GetGroup(Tx& tx, MerchantId merchant, GroupbuyGroupId id) {
  auto list = SelectGroups(tx, merchant, "id = ? AND merchant_id = ?", {id, merchant});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kGroupNotFound, "no such group"));
  return std::move(list->front());
}

Result<std::vector<Group>> GroupbuyService::ListGroups(Tx& tx, MerchantId merchant,
                                                       GroupbuyCampaignId campaign,
                                                       std::optional<GroupState> state, int limit) {
  std::string where = "merchant_id = ? AND campaign_id = ?";
  std::vector<storage::Param> params{merchant, campaign};
  if (state) {
    where += " AND state = ?";
    params.emplace_back(TextOf(kGroupStateText, *state));
  }
  where += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(limit);
  return SelectGroups(tx, merchant, where, std::move(params));
}

Result<Group> GroupbuyService::TakePlace(Tx& tx, MerchantId merchant, GroupbuyGroupId group,
                                         CustomerId customer, int per_customer_limit) {
  Timestamp now = clock_.Now();
  // The place first: on PostgreSQL this locks the group's row until the unit
  // ends, so the checks below see every join of this group committed before.
  auto taken = tx.Exec(
      "UPDATE groupbuy_group SET taken = taken + 1 WHERE id = ? AND merchant_id = ? AND state ="
      " 'open' AND deadline > ? AND taken < size",
      {group, merchant, now});
  if (!taken) return Fail(taken.error());
  auto g = GetGroup(tx, merchant, group);
  if (!g) return g;
  if (*taken == 0) {
    if (g->state != GroupState::kOpen || g->deadline <= now) {
      return Fail(Closed(g->state == GroupState::kFilled ? "the group has filled"
                                                         : "the group's time is up"));
    }
    return Fail(Conflict(errors::kGroupFull, "every place of the group is taken"));
  }
  for (const auto& m : g->members) {
    if (m.customer_id == customer &&
        (m.state == MemberState::kHeld || m.state == MemberState::kPaid)) {
      return Fail(Conflict(errors::kAlreadyMember, "you are already in this group"));
    }
  }
  auto row = tx.Exec(
      "INSERT INTO groupbuy_quota (merchant_id, campaign_id, customer_id, used) VALUES (?, ?, ?, 0)"
      " ON CONFLICT (campaign_id, customer_id) DO NOTHING",
      {merchant, g->campaign_id, customer});
  if (!row) return Fail(row.error());
  auto quota = tx.Exec(
      "UPDATE groupbuy_quota SET used = used + 1 WHERE campaign_id = ? AND customer_id = ? AND"
      " used < ?",
      {g->campaign_id, customer, per_customer_limit});
  if (!quota) return Fail(quota.error());
  if (*quota == 0) {
    return Fail(Conflict(errors::kLimitReached,
                         "you hold " + std::to_string(per_customer_limit) +
                             " place(s) in this group buy already, its limit per customer"));
  }
  return g;
}

Result<void> GroupbuyService::AddMember(Tx& tx, const Group& g, OrderId order, CustomerId customer,
                                        const std::string& shown_name) {
  auto ok = tx.Exec(
      "INSERT INTO groupbuy_member (merchant_id, order_id, group_id, campaign_id, customer_id,"
      " shown_name, leader, state, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'held', ?)",
      {g.merchant_id, order, g.id, g.campaign_id, customer, shown_name, customer == g.leader,
       clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> GroupbuyService::LockGroup(Tx& tx, MerchantId merchant, GroupbuyGroupId group) {
  auto locked = tx.Exec("UPDATE groupbuy_group SET taken = taken WHERE id = ? AND merchant_id = ?",
                        {group, merchant});
  if (!locked) return Fail(locked.error());
  if (*locked == 0) return Fail(NotFound(errors::kGroupNotFound, "no such group"));
  return {};
}

Result<std::optional<Membership>> GroupbuyService::MembershipOf(Tx& tx, MerchantId merchant,
                                                                OrderId order) {
  auto row = tx.QueryOne(
      "SELECT m.group_id, g.state, m.state, g.deadline FROM groupbuy_member m JOIN groupbuy_group"
      " g ON g.id = m.group_id WHERE m.merchant_id = ? AND m.order_id = ?",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Membership>();
  const auto& r = **row;
  return std::optional<Membership>(
      Membership{r.IdAt(0), FromText(kGroupStateText, r.Str(1)).value_or(GroupState::kExpired),
                 FromText(kMemberStateText, r.Str(2)).value_or(MemberState::kReleased), r.Int(3)});
}

Result<PaidOutcome> GroupbuyService::MarkPaid(Tx& tx, MerchantId merchant, OrderId order) {
  Timestamp now = clock_.Now();
  auto member = MembershipOf(tx, merchant, order);
  if (!member) return Fail(member.error());
  if (!*member) return PaidOutcome{};
  if (auto ok = LockGroup(tx, merchant, (*member)->group_id); !ok) return Fail(ok.error());
  auto moved = tx.Exec(
      "UPDATE groupbuy_member SET state = 'paid', paid_at = ? WHERE merchant_id = ? AND order_id"
      " = ? AND state = 'held'",
      {now, merchant, order});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return PaidOutcome{};
  GroupbuyGroupId group = (*member)->group_id;
  auto counted = tx.Exec(
      "UPDATE groupbuy_group SET paid = paid + 1 WHERE id = ? AND merchant_id = ? AND state ="
      " 'open'",
      {group, merchant});
  if (!counted) return Fail(counted.error());
  auto filled = tx.Exec(
      "UPDATE groupbuy_group SET state = 'filled', closed_at = ? WHERE id = ? AND merchant_id = ?"
      " AND state = 'open' AND paid >= size",
      {now, group, merchant});
  if (!filled) return Fail(filled.error());
  if (*filled == 0) return PaidOutcome{true, false};
  auto g = GetGroup(tx, merchant, group);
  if (!g) return Fail(g.error());
  if (auto ev = EmitGroupEvent(tx, *g, kGroupFilled); !ev) return Fail(ev.error());
  return PaidOutcome{true, true};
}

Result<bool> GroupbuyService::Release(Tx& tx, MerchantId merchant, OrderId order) {
  auto member = MembershipOf(tx, merchant, order);
  if (!member) return Fail(member.error());
  if (!*member) return false;
  GroupbuyGroupId group = (*member)->group_id;
  if (auto ok = LockGroup(tx, merchant, group); !ok) return Fail(ok.error());
  // Read again under the lock: the expiry may have closed the member meanwhile.
  member = MembershipOf(tx, merchant, order);
  if (!member) return Fail(member.error());
  if ((*member)->group_state != GroupState::kOpen) return false;
  bool was_paid = (*member)->state == MemberState::kPaid;
  if (!was_paid && (*member)->state != MemberState::kHeld) return false;
  auto moved = tx.Exec(
      "UPDATE groupbuy_member SET state = ?, closed_at = ? WHERE merchant_id = ? AND order_id = ?"
      " AND state = ?",
      {was_paid ? "refunded" : "released", clock_.Now(), merchant, order,
       was_paid ? "paid" : "held"});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return false;
  auto place = tx.Exec(
      "UPDATE groupbuy_group SET taken = taken - 1, paid = paid - ? WHERE id = ? AND merchant_id ="
      " ? AND state = 'open' AND taken > 0",
      {was_paid ? 1 : 0, group, merchant});
  if (!place) return Fail(place.error());
  auto quota = tx.Exec(
      "UPDATE groupbuy_quota SET used = used - 1 WHERE campaign_id = (SELECT campaign_id FROM"
      " groupbuy_member WHERE merchant_id = ? AND order_id = ?) AND customer_id = (SELECT"
      " customer_id FROM groupbuy_member WHERE merchant_id = ? AND order_id = ?) AND used > 0",
      {merchant, order, merchant, order});
  if (!quota) return Fail(quota.error());
  return true;
}

Result<std::vector<DueGroup>> GroupbuyService::DueExpiries(Tx& tx, Timestamp now, int limit) {
  auto rows = tx.Query(
      "SELECT merchant_id, id FROM groupbuy_group WHERE state = 'open' AND deadline <= ? ORDER BY"
      " deadline, id LIMIT ?",
      {now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<DueGroup> out;
  for (const auto& r : *rows) out.push_back(DueGroup{r.IdAt(0), r.IdAt(1)});
  return out;
}

Result<Group> GroupbuyService::Expire(Tx& tx, MerchantId merchant, GroupbuyGroupId group) {
  auto moved = tx.Exec(
      "UPDATE groupbuy_group SET state = 'expired', closed_at = ? WHERE id = ? AND merchant_id = ?"
      " AND state = 'open'",
      {clock_.Now(), group, merchant});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return Fail(Closed("the group is no longer open"));
  auto g = GetGroup(tx, merchant, group);
  if (!g) return g;
  if (auto ev = EmitGroupEvent(tx, *g, kGroupExpired); !ev) return Fail(ev.error());
  return g;
}

Result<void> GroupbuyService::CloseMember(Tx& tx, MerchantId merchant, OrderId order,
                                          MemberState to) {
  const char* from = to == MemberState::kRefunded ? "paid" : "held";
  auto moved = tx.Exec(
      "UPDATE groupbuy_member SET state = ?, closed_at = ? WHERE merchant_id = ? AND order_id = ?"
      " AND state = ?",
      {TextOf(kMemberStateText, to), clock_.Now(), merchant, order, from});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) return Fail(Closed("the member was closed already"));
  auto quota = tx.Exec(
      "UPDATE groupbuy_quota SET used = used - 1 WHERE campaign_id = (SELECT campaign_id FROM"
      " groupbuy_member WHERE merchant_id = ? AND order_id = ?) AND customer_id = (SELECT"
      " customer_id FROM groupbuy_member WHERE merchant_id = ? AND order_id = ?) AND used > 0",
      {merchant, order, merchant, order});
  if (!quota) return Fail(quota.error());
  return {};
}

Result<void> GroupbuyService::EmitGroupEvent(Tx& tx, const Group& g, std::string_view kind) {
  auto campaign =
      tx.QueryOne("SELECT product_id FROM groupbuy_campaign WHERE id = ?", {g.campaign_id});
  if (!campaign) return Fail(campaign.error());
  JsonWriter w(256);
  w.BeginObject().IdField("group_id", g.id).IdField("campaign_id", g.campaign_id);
  if (*campaign) w.IdField("product_id", ProductId((**campaign).Int(0)));
  w.Field("size", g.size).Field("paid", g.paid).Key("members").BeginArray();
  for (const auto& m : g.members) {
    if (m.state == MemberState::kReleased) continue;
    w.BeginObject().IdField("order_id", m.order_id).IdField("customer_id", m.customer_id);
    w.Field("state", TextOf(kMemberStateText, m.state)).EndObject();
  }
  w.EndArray().EndObject();
  return events::Emit(tx, events::NewEvent{g.merchant_id, kind, 1, EncodeId(g.id), w.Take()},
                      clock_.Now());
}

Result<void> CheckShippable(Tx& tx, MerchantId merchant, OrderId order) {
  auto row = tx.QueryOne(
      "SELECT g.state FROM groupbuy_member m JOIN groupbuy_group g ON g.id = m.group_id WHERE"
      " m.merchant_id = ? AND m.order_id = ?",
      {merchant, order});
  if (!row) return Fail(row.error());
  if (!*row || (**row).Str(0) == TextOf(kGroupStateText, GroupState::kFilled)) return {};
  return Fail(Conflict(errors::kGroupNotFilled,
                       "this order is in a group buy whose group has not filled: it ships once"
                       " every member has paid"));
}

}  // namespace weishang::groupbuy
