#include "workflows/customers/ownership_flows.h"

#include <algorithm>

#include "core/json_writer.h"
#include "modules/audit/audit.h"
#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"

namespace weishang::workflows {
namespace {

Error NoSuchStaff() { return NotFound(identity::errors::kStaffNotFound, "no such staff member"); }

// The member, who must be active when `active` is asked for.
Result<identity::Staff> Member(storage::Tx& tx, Modules& m, MerchantId merchant, StaffId id,
                               bool active) {
  auto all = m.identity.ListStaff(tx, merchant);
  if (!all) return Fail(all.error());
  for (auto& s : *all) {
    if (s.id != id) continue;
    if (active && s.status != identity::StaffStatus::kActive) break;
    return std::move(s);
  }
  return Fail(NoSuchStaff());
}

// The customer, if the caller may work with them.
Result<customers::Customer> Visible(storage::Tx& tx, Modules& m, MerchantId merchant, CustomerId id,
                                    std::optional<StaffId> only_owner) {
  auto c = m.customers.Get(tx, merchant, id);
  if (!c) return Fail(c.error());
  if (only_owner && c->owner_staff_id != only_owner) {
    return Fail(NotFound(customers::errors::kNotFound, "no such customer"));
  }
  return c;
}

}  // namespace

Result<customers::Customer> SetCustomerFields(
    storage::Tx& tx, Modules& m, MerchantId merchant, CustomerId id,
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values,
    std::optional<StaffId> only_owner) {
  auto c = Visible(tx, m, merchant, id, only_owner);
  if (!c) return Fail(c.error());
  return m.customers.SetFields(tx, merchant, c->id, values);
}

Result<std::vector<customers::OwnerChange>> LoadOwnerHistory(storage::Tx& tx, Modules& m,
                                                             MerchantId merchant, CustomerId id,
                                                             std::optional<StaffId> only_owner) {
  auto c = Visible(tx, m, merchant, id, only_owner);
  if (!c) return Fail(c.error());
  return m.customers.OwnerHistory(tx, merchant, c->id);
}

Result<AssignmentView> LoadAssignment(storage::Tx& tx, Modules& m, MerchantId merchant) {
  AssignmentView out;
  auto rules = m.customers.Rules(tx, merchant);
  if (!rules) return Fail(rules.error());
  out.rules = std::move(*rules);
  auto staff = m.identity.ListStaff(tx, merchant);
  if (!staff) return Fail(staff.error());
  std::stable_sort(staff->begin(), staff->end(), [](const auto& a, const auto& b) {
    return a.status == identity::StaffStatus::kActive && b.status != identity::StaffStatus::kActive;
  });
  std::vector<StaffId> ids;
  for (const auto& s : *staff) ids.push_back(s.id);
  auto loads = m.customers.Loads(tx, merchant, ids);
  if (!loads) return Fail(loads.error());
  for (std::size_t i = 0; i < staff->size(); ++i) {
    out.staff.push_back(StaffLoad{(*staff)[i], (*loads)[i].capacity, (*loads)[i].owned});
  }
  return out;
}

Result<AssignmentView> SetAssignment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     const customers::AssignmentRules& rules) {
  std::vector<StaffId> named = rules.staff;
  for (const auto& [channel, staff] : rules.channels) named.push_back(staff);
  for (StaffId s : named) {
    if (auto member = Member(tx, m, merchant, s, true); !member) return Fail(member.error());
  }
  if (auto set = m.customers.SetRules(tx, merchant, rules); !set) return Fail(set.error());
  return LoadAssignment(tx, m, merchant);
}

Result<StaffLoad> SetStaffCapacity(storage::Tx& tx, Modules& m, MerchantId merchant, StaffId staff,
                                   std::int64_t capacity) {
  auto member = Member(tx, m, merchant, staff, false);
  if (!member) return Fail(member.error());
  if (auto set = m.customers.SetCapacity(tx, merchant, staff, capacity); !set) {
    return Fail(set.error());
  }
  auto loads = m.customers.Loads(tx, merchant, {staff});
  if (!loads) return Fail(loads.error());
  return StaffLoad{std::move(*member), loads->front().capacity, loads->front().owned};
}

Result<HandoverOutcome> HandOver(storage::Tx& tx, Modules& m, MerchantId merchant,
                                 const customers::HandoverRequest& r, StaffId actor) {
  auto from = Member(tx, m, merchant, r.from, false);
  if (!from) return Fail(from.error());
  if (r.kind == customers::HandoverKind::kTransfer &&
      from->status != identity::StaffStatus::kActive) {
    return Fail(Invalid(customers::errors::kInvalidField,
                        "a departed member's customers are inherited (kind resigned)"));
  }
  for (const auto& t : r.to) {
    if (auto member = Member(tx, m, merchant, t.staff, true); !member) return Fail(member.error());
  }
  HandoverOutcome out;
  auto moved = m.customers.Handover(tx, merchant, r);
  if (!moved) return Fail(moved.error());
  out.result = std::move(*moved);
  for (const auto& [customer, staff] : out.result.moved) {
    auto tasks = m.crm.MoveOpenTasks(tx, merchant, customer, staff);
    if (!tasks) return Fail(tasks.error());
    out.tasks_moved += *tasks;
  }
  JsonWriter w(256 + 48 * out.result.refused.size());
  w.BeginObject().Field("kind", TextOf(customers::kHandoverKindText, r.kind));
  w.IdField("from_staff_id", r.from);
  w.Key("to").BeginArray();
  for (const auto& t : r.to) {
    std::int64_t n = std::count_if(out.result.moved.begin(), out.result.moved.end(),
                                   [&](const auto& mv) { return mv.second == t.staff; });
    w.BeginObject().IdField("staff_id", t.staff).Field("moved", n).EndObject();
  }
  w.EndArray();
  w.Field("moved", static_cast<std::int64_t>(out.result.moved.size()));
  w.Field("tasks_moved", out.tasks_moved);
  w.Key("refused").BeginArray();
  for (const auto& f : out.result.refused) {
    w.BeginObject().IdField("customer_id", f.customer).Field("code", f.code).EndObject();
  }
  w.EndArray();
  auto entry = m.audit.Record(tx, merchant, actor, audit::kCustomerHandover, EncodeId(r.from),
                              w.EndObject().Take());
  if (!entry) return Fail(entry.error());
  out.audit_id = entry->id;
  return out;
}

Result<customers::Customer> MergeCustomers(storage::Tx& tx, Modules& m, MerchantId merchant,
                                           CustomerId kept, CustomerId other, StaffId actor) {
  auto merged = m.customers.Merge(tx, merchant, kept, other, "staff", EncodeId(actor));
  if (!merged) return Fail(merged.error());
  JsonWriter w(96);
  w.BeginObject().IdField("kept_id", merged->id).IdField("merged_id", other);
  auto entry = m.audit.Record(tx, merchant, actor, audit::kCustomerMerge, EncodeId(merged->id),
                              w.EndObject().Take());
  if (!entry) return Fail(entry.error());
  return merged;
}

}  // namespace weishang::workflows
