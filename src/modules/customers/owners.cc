// Ownership: each customer's owning staff member, the merchant's assignment
// rules for new customers, staff capacity, and handovers (离职继承 and
// in-service transfer). Every owner change of a merchant first locks its
// customers_assignment row (LockRules), so counts read after it are current
// and capacity holds when assignments run concurrently.
#include <algorithm>
#include <set>

#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"
#include "modules/customers/customers_errors.h"

namespace weishang::customers {
namespace {

constexpr std::size_t kMaxPool = 200;
constexpr std::size_t kMaxTargets = 20;
constexpr std::size_t kMaxChannelLength = 32;
constexpr Timestamp kTransferWindow = 90 * kDay;

Error BadField(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

std::string JoinIds(const std::vector<StaffId>& ids) {
  std::string out;
  for (StaffId id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id.value());
  }
  return out;
}

std::vector<StaffId> SplitIds(const std::string& text) {
  std::vector<StaffId> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find(',', start), text.size());
    out.emplace_back(std::stoll(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::string JoinChannels(const std::map<std::string, StaffId>& channels) {
  std::string out;
  for (const auto& [channel, staff] : channels) {
    out += channel + "=" + std::to_string(staff.value()) + "\n";
  }
  return out;
}

std::map<std::string, StaffId> SplitChannels(const std::string& text) {
  std::map<std::string, StaffId> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = text.substr(start, end - start);
    std::size_t eq = line.rfind('=');
    if (eq != std::string::npos)
      out.emplace(line.substr(0, eq), StaffId(std::stoll(line.substr(eq + 1))));
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::pair<AssignmentRules, std::int64_t>> CustomerService::LockRules(Tx& tx,
                                                                            MerchantId merchant) {
  auto row = tx.QueryOne(
      "INSERT INTO customers_assignment (merchant_id, mode, updated_at) VALUES (?, 'none', ?)"
      " ON CONFLICT (merchant_id) DO UPDATE SET turn = customers_assignment.turn"
      " RETURNING mode, staff_ids, channels, turn",
      {merchant, clock_.Now()});
  if (!row) return Fail(row.error());
  AssignmentRules rules;
  rules.mode = FromText(kAssignModeText, (**row).Str(0)).value_or(AssignMode::kNone);
  rules.staff = SplitIds((**row).Str(1));
  rules.channels = SplitChannels((**row).Str(2));
  return std::make_pair(std::move(rules), (**row).Int(3));
}

Result<AssignmentRules> CustomerService::Rules(Tx& tx, MerchantId merchant) {
  auto row = tx.QueryOne(
      "SELECT mode, staff_ids, channels FROM customers_assignment WHERE merchant_id = ?",
      {merchant});
  if (!row) return Fail(row.error());
  AssignmentRules rules;
  if (!*row) return rules;
  rules.mode = FromText(kAssignModeText, (**row).Str(0)).value_or(AssignMode::kNone);
  rules.staff = SplitIds((**row).Str(1));
  rules.channels = SplitChannels((**row).Str(2));
  return rules;
}

Result<AssignmentRules> CustomerService::SetRules(Tx& tx, MerchantId merchant,
                                                  const AssignmentRules& rules) {
  if (rules.staff.size() > kMaxPool) return Fail(BadField("at most 200 staff in the pool"));
  std::set<Id> seen;
  for (StaffId s : rules.staff) {
    if (!seen.insert(s.value()).second)
      return Fail(BadField("a staff member is in the pool twice"));
  }
  for (const auto& [channel, staff] : rules.channels) {
    if (channel.empty() || channel.size() > kMaxChannelLength ||
        channel.find_first_of("=\n") != std::string::npos) {
      return Fail(BadField("a channel is 1-32 characters without '=' or line breaks"));
    }
  }
  if (rules.mode != AssignMode::kNone && rules.mode != AssignMode::kByChannel &&
      rules.staff.empty()) {
    return Fail(BadField("round robin and least loaded need staff in the pool"));
  }
  if (rules.mode == AssignMode::kByChannel && rules.channels.empty() && rules.staff.empty()) {
    return Fail(BadField("by channel needs channels or a pool"));
  }
  auto ok = tx.Exec(
      "INSERT INTO customers_assignment (merchant_id, mode, staff_ids, channels, updated_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (merchant_id) DO UPDATE SET mode = excluded.mode,"
      " staff_ids = excluded.staff_ids, channels = excluded.channels,"
      " updated_at = excluded.updated_at",
      {merchant, TextOf(kAssignModeText, rules.mode), JoinIds(rules.staff),
       JoinChannels(rules.channels), clock_.Now()});
  if (!ok) return Fail(ok.error());
  return rules;
}

Result<void> CustomerService::SetCapacity(Tx& tx, MerchantId merchant, StaffId staff,
                                          std::int64_t capacity) {
  if (capacity < 1 || capacity > kMaxCapacity) {
    return Fail(BadField("a capacity is 1-100000 customers"));
  }
  auto ok = tx.Exec(
      "INSERT INTO customers_capacity (merchant_id, staff_id, capacity) VALUES (?, ?, ?)"
      " ON CONFLICT (merchant_id, staff_id) DO UPDATE SET capacity = excluded.capacity",
      {merchant, staff, capacity});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::vector<OwnerLoad>> CustomerService::Loads(Tx& tx, MerchantId merchant,
                                                      const std::vector<StaffId>& staff) {
  std::vector<OwnerLoad> out;
  out.reserve(staff.size());
  for (StaffId s : staff) {
    auto row = tx.QueryOne(
        "SELECT (SELECT capacity FROM customers_capacity WHERE merchant_id = ? AND staff_id = ?),"
        " (SELECT COUNT(*) FROM customers_customer WHERE merchant_id = ? AND owner_staff_id = ?"
        " AND merged_into IS NULL AND erased_at IS NULL)",
        {merchant, s, merchant, s});
    if (!row) return Fail(row.error());
    out.push_back(OwnerLoad{s, (**row).OptInt(0).value_or(kDefaultCapacity), (**row).Int(1)});
  }
  return out;
}

Result<void> CustomerService::ChangeOwner(Tx& tx, Customer& c, std::optional<StaffId> to,
                                          OwnerReason reason, std::string_view actor) {
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE customers_customer SET owner_staff_id = ?, updated_at = ? WHERE id = ? AND"
      " merchant_id = ?",
      {to, now, c.id, c.merchant_id});
  if (!ok) return Fail(ok.error());
  auto logged = tx.Exec(
      "INSERT INTO customers_owner_change (merchant_id, customer_id, from_staff_id, to_staff_id,"
      " reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {c.merchant_id, c.id, c.owner_staff_id, to, TextOf(kOwnerReasonText, reason), actor, now});
  if (!logged) return Fail(logged.error());
  c.owner_staff_id = to;
  c.updated_at = now;
  return EmitChanged(tx, c, now);
}

Result<std::optional<StaffId>> CustomerService::AssignOwner(Tx& tx, MerchantId merchant,
                                                            CustomerId id) {
  auto locked = LockRules(tx, merchant);
  if (!locked) return Fail(locked.error());
  auto& [rules, turn] = *locked;
  auto c = Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  if (c->owner_staff_id) return c->owner_staff_id;
  if (rules.mode == AssignMode::kNone) return std::optional<StaffId>();
  std::optional<StaffId> chosen;
  if (rules.mode == AssignMode::kByChannel) {
    if (auto it = rules.channels.find(c->channel); it != rules.channels.end()) {
      auto load = Loads(tx, merchant, {it->second});
      if (!load) return Fail(load.error());
      if (load->front().owned < load->front().capacity) chosen = it->second;
    }
  }
  if (!chosen && !rules.staff.empty()) {
    auto loads = Loads(tx, merchant, rules.staff);
    if (!loads) return Fail(loads.error());
    std::size_t n = loads->size();
    if (rules.mode == AssignMode::kRoundRobin) {
      for (std::size_t i = 0; i < n && !chosen; ++i) {
        std::size_t at = static_cast<std::size_t>((turn + static_cast<std::int64_t>(i)) %
                                                  static_cast<std::int64_t>(n));
        const OwnerLoad& l = (*loads)[at];
        if (l.owned < l.capacity) {
          chosen = l.staff;
          turn = turn + static_cast<std::int64_t>(i) + 1;
        }
      }
    } else {  // least loaded, and by channel's fallback
      const OwnerLoad* best = nullptr;
      for (const OwnerLoad& l : *loads) {
        if (l.owned < l.capacity && (best == nullptr || l.owned < best->owned)) best = &l;
      }
      if (best != nullptr) chosen = best->staff;
    }
  }
  if (!chosen) return std::optional<StaffId>();
  auto saved =
      tx.Exec("UPDATE customers_assignment SET turn = ? WHERE merchant_id = ?", {turn, merchant});
  if (!saved) return Fail(saved.error());
  if (auto ok = ChangeOwner(tx, *c, chosen, OwnerReason::kAssigned, "rules"); !ok) {
    return Fail(ok.error());
  }
  return chosen;
}

Result<HandoverResult> CustomerService::Handover(Tx& tx, MerchantId merchant,
                                                 const HandoverRequest& r) {
  if (r.to.empty() || r.to.size() > kMaxTargets) {
    return Fail(BadField("hand over to 1-20 colleagues"));
  }
  std::set<Id> targets;
  bool counted = r.to.front().count.has_value();
  for (const HandoverTarget& t : r.to) {
    if (t.staff == r.from) return Fail(BadField("a member cannot hand over to themselves"));
    if (!targets.insert(t.staff.value()).second) {
      return Fail(BadField("a colleague is named twice"));
    }
    if (t.count.has_value() != counted || (t.count && *t.count < 0)) {
      return Fail(BadField("give every colleague a count (0 or more), or none"));
    }
  }
  auto locked = LockRules(tx, merchant);
  if (!locked) return Fail(locked.error());
  // The customers to move, oldest first.
  std::vector<Customer> candidates;
  HandoverResult out;
  if (r.customers.empty()) {
    auto rows = tx.Query(
        "SELECT id FROM customers_customer WHERE merchant_id = ? AND owner_staff_id = ? AND"
        " merged_into IS NULL ORDER BY id",
        {merchant, r.from});
    if (!rows) return Fail(rows.error());
    for (const auto& row : *rows) {
      auto c = Get(tx, merchant, row.IdAt(0));
      if (!c) return Fail(c.error());
      candidates.push_back(std::move(*c));
    }
  } else {
    std::set<Id> seen;
    for (CustomerId id : r.customers) {
      auto c = Get(tx, merchant, id);
      if (!c && c.error().kind != ErrorKind::kNotFound) return Fail(c.error());
      if (!c || c->owner_staff_id != std::optional<StaffId>(r.from)) {
        out.refused.push_back({id, errors::kNotOwned, "not a customer of this member"});
        continue;
      }
      if (seen.insert(c->id.value()).second) candidates.push_back(std::move(*c));
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Customer& a, const Customer& b) { return a.id < b.id; });
  }
  // WeCom: in service, a customer moves at most twice in 90 days.
  std::vector<Customer> movable;
  for (Customer& c : candidates) {
    if (r.kind == HandoverKind::kTransfer) {
      auto row = tx.QueryOne(
          "SELECT COUNT(*) FROM customers_owner_change WHERE merchant_id = ? AND customer_id = ?"
          " AND reason = ? AND at > ?",
          {merchant, c.id, TextOf(kOwnerReasonText, OwnerReason::kTransferred),
           clock_.Now() - kTransferWindow});
      if (!row) return Fail(row.error());
      if ((**row).Int(0) >= kTransfersPer90Days) {
        out.refused.push_back(
            {c.id, errors::kTransferLimit, "moved in service twice in the last 90 days"});
        continue;
      }
    }
    movable.push_back(std::move(c));
  }
  std::vector<StaffId> staff;
  for (const HandoverTarget& t : r.to) staff.push_back(t.staff);
  auto loads = Loads(tx, merchant, staff);
  if (!loads) return Fail(loads.error());
  // How many each colleague takes: the chosen counts, or an even share of
  // what fits (one at a time to whoever has the fewest taken, within room).
  std::vector<std::int64_t> room, share(r.to.size(), 0);
  for (const OwnerLoad& l : *loads) room.push_back(std::max<std::int64_t>(0, l.capacity - l.owned));
  std::int64_t total = static_cast<std::int64_t>(movable.size());
  if (counted) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < r.to.size(); ++i) {
      share[i] = *r.to[i].count;
      sum += share[i];
      if (share[i] > room[i]) {
        return Fail(
            Conflict(errors::kCapacityExceeded,
                     "a colleague has room for " + std::to_string(room[i]) + " more customers"));
      }
    }
    if (sum > total) {
      return Fail(BadField("the counts add up to more than the " + std::to_string(total) +
                           " customers that can move"));
    }
  } else {
    for (std::int64_t k = 0; k < total; ++k) {
      std::optional<std::size_t> pick;
      for (std::size_t i = 0; i < r.to.size(); ++i) {
        if (share[i] < room[i] && (!pick || share[i] < share[*pick])) pick = i;
      }
      if (!pick) break;
      ++share[*pick];
    }
  }
  OwnerReason reason =
      r.kind == HandoverKind::kResigned ? OwnerReason::kResigned : OwnerReason::kTransferred;
  std::size_t next = 0;
  for (std::size_t i = 0; i < r.to.size(); ++i) {
    for (std::int64_t k = 0; k < share[i]; ++k, ++next) {
      Customer& c = movable[next];
      if (auto ok = ChangeOwner(tx, c, r.to[i].staff, reason, r.actor); !ok) {
        return Fail(ok.error());
      }
      out.moved.emplace_back(c.id, r.to[i].staff);
    }
  }
  // Past the chosen counts the rest simply stay; past everyone's room they are refused.
  for (; !counted && next < movable.size(); ++next) {
    out.refused.push_back(
        {movable[next].id, errors::kCapacityFull, "no chosen colleague has room"});
  }
  return out;
}

Result<std::vector<OwnerChange>> CustomerService::OwnerHistory(Tx& tx, MerchantId merchant,
                                                               CustomerId id) {
  auto rows = tx.Query(
      "SELECT customer_id, from_staff_id, to_staff_id, reason, actor, at FROM"
      " customers_owner_change WHERE merchant_id = ? AND customer_id = ? ORDER BY at DESC, id DESC",
      {merchant, id});
  if (!rows) return Fail(rows.error());
  std::vector<OwnerChange> out;
  for (const auto& r : *rows) {
    OwnerChange c;
    c.customer = r.IdAt(0);
    c.from = r.OptIdAt(1);
    c.to = r.OptIdAt(2);
    c.reason = FromText(kOwnerReasonText, r.Str(3)).value_or(OwnerReason::kManual);
    c.actor = r.Str(4);
    c.at = r.Int(5);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace weishang::customers
