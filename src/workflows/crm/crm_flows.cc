#include "workflows/crm/crm_flows.h"

#include <algorithm>

#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"

namespace weishang::workflows {
namespace {

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

Result<crm::Interaction> LogInteraction(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        crm::Interaction in, std::optional<StaffId> only_owner) {
  auto c = Visible(tx, m, merchant, in.customer_id, only_owner);
  if (!c) return Fail(c.error());
  in.customer_id = c->id;
  auto logged = m.crm.LogInteraction(tx, merchant, in);
  if (!logged) return logged;
  // Talking with the customer (not a note about them) moves them to "interacted".
  if (in.kind != crm::InteractionKind::kNote) {
    auto moved = m.customers.Advance(tx, merchant, c->id, customers::Stage::kInteracted);
    if (!moved) return Fail(moved.error());
  }
  return logged;
}

Result<std::vector<crm::Interaction>> LoadInteractions(storage::Tx& tx, Modules& m,
                                                       MerchantId merchant, CustomerId customer,
                                                       std::optional<StaffId> only_owner,
                                                       int limit) {
  auto c = Visible(tx, m, merchant, customer, only_owner);
  if (!c) return Fail(c.error());
  return m.crm.Interactions(tx, merchant, c->id, limit);
}

Result<crm::Task> CreateCustomerTask(storage::Tx& tx, Modules& m, MerchantId merchant,
                                     CustomerId customer, std::string title, Timestamp due_at,
                                     StaffId caller, std::optional<StaffId> only_owner) {
  auto c = Visible(tx, m, merchant, customer, only_owner);
  if (!c) return Fail(c.error());
  crm::TaskInput in;
  in.customer_id = c->id;
  in.owner = c->owner_staff_id ? c->owner_staff_id : std::optional<StaffId>(caller);
  in.kind = crm::TaskKind::kManual;
  in.title = std::move(title);
  in.due_at = due_at;
  return m.crm.CreateTask(tx, merchant, in);
}

Result<crm::Task> ReassignTask(storage::Tx& tx, Modules& m, MerchantId merchant, TaskId task,
                               StaffId to) {
  auto task_now = m.crm.GetTask(tx, merchant, task, std::nullopt);
  if (!task_now) return Fail(task_now.error());
  auto staff = m.identity.ListStaff(tx, merchant);
  if (!staff) return Fail(staff.error());
  bool active = false;
  for (const auto& s : *staff) active |= s.id == to && s.status == identity::StaffStatus::kActive;
  if (!active) return Fail(NotFound(identity::errors::kStaffNotFound, "no such staff member"));
  return m.crm.Reassign(tx, merchant, task, to);
}

Result<std::vector<TimelineEntry>> LoadTimeline(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                CustomerId customer,
                                                std::optional<StaffId> only_owner, int limit) {
  auto c = Visible(tx, m, merchant, customer, only_owner);
  if (!c) return Fail(c.error());
  std::vector<TimelineEntry> out;
  auto orders = m.customers.OrdersOf(tx, merchant, c->id, std::nullopt, limit);
  if (!orders) return Fail(orders.error());
  for (OrderId id : *orders) {
    auto o = m.orders.Get(tx, merchant, id);
    if (!o) return Fail(o.error());
    out.push_back({"order", o->created_at, EncodeId(o->id), "", order::StatusName(o->status),
                   o->totals.total});
    auto requests = m.aftersales.ListForOrder(tx, merchant, id);
    if (!requests) return Fail(requests.error());
    for (const auto& r : *requests) {
      out.push_back({"aftersales", r.created_at, EncodeId(r.id),
                     std::string(aftersales::KindName(r.kind)) + " " + r.reason,
                     aftersales::StatusName(r.status), std::nullopt});
    }
  }
  auto talks = m.crm.Interactions(tx, merchant, c->id, limit);
  if (!talks) return Fail(talks.error());
  for (const auto& i : *talks) {
    out.push_back({"interaction", i.happened_at, EncodeId(i.id), i.summary,
                   std::string(TextOf(crm::kInteractionKindText, i.kind)), std::nullopt});
  }
  for (crm::TaskStatus status : {crm::TaskStatus::kOpen, crm::TaskStatus::kDone}) {
    crm::TaskFilter f;
    f.customer = c->id;
    f.status = status;
    f.limit = limit;
    auto tasks = m.crm.ListTasks(tx, merchant, f);
    if (!tasks) return Fail(tasks.error());
    for (const auto& t : *tasks) {
      out.push_back({"task", t.done_at.value_or(t.created_at), EncodeId(t.id), t.title,
                     std::string(TextOf(crm::kTaskStatusText, t.status)), std::nullopt});
    }
  }
  auto owners = m.customers.OwnerHistory(tx, merchant, c->id);
  if (!owners) return Fail(owners.error());
  for (const auto& o : *owners) {
    out.push_back({"owner", o.at, o.to ? EncodeId(*o.to) : "", "",
                   std::string(TextOf(customers::kOwnerReasonText, o.reason)), std::nullopt});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.at > b.at; });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
  return out;
}

}  // namespace weishang::workflows
