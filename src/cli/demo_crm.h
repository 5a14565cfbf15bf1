// The demo shop's CRM (demo_crm.cc): staff, contacts, tags, segments,
// interactions and a handover, seeded in two steps around the demo's orders.
#pragma once

#include <string>

#include "core/ids.h"
#include "modules/identity/identity.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

// What SeedDemoCrmBefore made, for SeedDemoCrmAfter.
struct DemoCrm {
  StaffId wang, li;  // the two staff members (小王, 小李)
  struct Tags {
    TagId mum, office, gift;           // manual
    TagId age_0_3, age_3_6, age_6_12;  // the child's age stage (rules)
    TagId high_spend, dormant;         // spending (rules)
  } tags;
};

// Before the orders (on the demo's clock in the past): the two staff
// members, who get new customers in turn; the child's birth date field; tag
// groups with manual and rule tags; contacts from moments, group chats and a
// customer's recommendation, some with a child's birth date.
Result<DemoCrm> SeedDemoCrmBefore(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                                  const identity::Principal& owner, const std::string& password);

// After the orders became customers and the rule tags were computed: manual
// tags, chats and a call, a task, an in-service handover of two customers
// from 小王 to 小李, and saved segments with their counts.
Result<void> SeedDemoCrmAfter(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                              const identity::Principal& owner, const DemoCrm& crm);

}  // namespace weishang::cli
