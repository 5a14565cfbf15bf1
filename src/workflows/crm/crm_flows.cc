#include "workflows/crm/crm_flows.h"

#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"

namespace weishang::workflows {
namespace {

Result<customers::Customer> Visible(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    CustomerId id, std::optional<StaffId> only_owner) {
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
  return m.crm.LogInteraction(tx, merchant, in);
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

}  // namespace weishang::workflows
