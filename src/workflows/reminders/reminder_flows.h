// Repurchase reminders and care plans across modules: the reminders module
// keeps the cycles, supplies, plans and dates; this file feeds it from the
// customers' events and purchases, and turns what is due into tasks in the
// customer's owner's inbox (crm::CrmService::CreateTask, once per cause
// through its source_key).
//
// Repurchase: a customer's supply of a product with a cycle runs out at
// quantity x cycle days after the purchase (a purchase before the reminder is
// due adds to what is left). The reminder (a `repurchase` task) is due
// `lead` days before the run-out. It counts as followed when the customer
// buys the product again inside its window: from the reminder's due time to
// the run-out plus the lead days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "modules/reminders/reminders.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The dispatcher's "reminders" handler:
// - customer.purchased: each line's product moves the customer's supply
//   (ReminderService::RecordPurchase) and may follow a reminder sent;
// - customer.returned: the customer's supplies are computed again from what
//   they kept (a refunded unit does not last);
// - customer.merged: the merged record's reminders become the kept one's,
//   whose supplies are computed again from both histories;
// - product.changed: the catalog's consumption_cycle_days is the cycle (0
//   clears it; a new value keeps the lead days, below the cycle), so a
//   product edited through the API or a CSV import reminds as the
//   repurchase screen would;
// - customer.changed: the birthday and date custom fields the care plans
//   look at (a merged or erased record's are forgotten);
// - order.received: with the delivery plan on, a `care` follow-up task for
//   the customer's owner, due the plan's days after the receipt.
// It starts from the oldest event kept (from_history), so the demo shop's
// customers have their dates.
events::Handler RemindersHandler(reminders::ReminderService& reminders, Modules& m);

// A product's cycle with its title, for the console's list.
struct CycleView {
  reminders::Cycle cycle;
  std::string title;
};

// Sets a product's cycle, the catalog's consumption_cycle_days with it (one
// value, wherever it is edited), and recomputes the product's supplies from
// every purchase (catalog.product_not_found, 404; reminders.invalid_field, 422).
Result<CycleView> SetProductCycle(storage::Tx& tx, Modules& m,
                                  reminders::ReminderService& reminders, MerchantId merchant,
                                  const reminders::Cycle& cycle);
// Removes a product's cycle, and the catalog's (catalog.product_not_found
// for another shop's product).
Result<bool> ClearProductCycle(storage::Tx& tx, Modules& m, reminders::ReminderService& reminders,
                               MerchantId merchant, ProductId product);

// Recomputes the supplies in `scope` (by default every product with a
// cycle) from the customers' purchases less their returns: the batch form of
// what the handler does one purchase at a time.
Result<reminders::RebuildTally> RebuildSupplies(storage::Tx& tx, Modules& m,
                                                reminders::ReminderService& reminders,
                                                MerchantId merchant,
                                                const reminders::Scope& scope = {});

Result<std::vector<CycleView>> LoadCycles(storage::Tx& tx, Modules& m,
                                          reminders::ReminderService& reminders,
                                          MerchantId merchant);

// The report's line per product: its figures, title and cycle (if any).
struct RepurchaseLine {
  reminders::ProductFigures figures;
  std::string title;
  std::optional<reminders::Cycle> cycle;
};
Result<std::vector<RepurchaseLine>> RepurchaseReport(storage::Tx& tx, Modules& m,
                                                     reminders::ReminderService& reminders,
                                                     MerchantId merchant);

// One tick of the repurchase job: each waiting supply whose reminder is due
// at `now` becomes a `repurchase` task for the customer's owner (due at the
// reminder's time, source_key repurchase:<customer>:<product>:<cycle start>),
// in its own unit; one whose window has passed (or whose customer or product
// is gone) lapses without a task.
Result<JobTally> RunRepurchaseReminders(storage::Database& db, Modules& m,
                                        reminders::ReminderService& reminders, Timestamp now);

// One tick of the care job: for each merchant whose care run is behind the
// shop day of `now` (at most the last 7 days are caught up), the birthday
// and milestone plans' `care` tasks for the days not handled yet, once per
// cause (care:birthday:<customer>:<year>, care:milestone:<customer>:<field>:<months>).
Result<JobTally> RunCareTasks(storage::Database& db, Modules& m,
                              reminders::ReminderService& reminders, Timestamp now);

// The two jobs above, for the scheduler.
std::vector<Job> ReminderJobs(reminders::ReminderService& reminders);

}  // namespace weishang::workflows
