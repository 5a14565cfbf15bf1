// Reminders that become tasks in a customer's owner's inbox (crm):
// - repurchase: a product's consumption cycle (days one unit lasts) and lead
//   days; per customer x product the supply the purchases bought and when it
//   runs out, so the owner is reminded `lead` days before (repurchase.cc);
// - care plans: a birthday, a child's milestones from a date custom field,
//   a follow-up after delivery (care.cc).
// Customers, products, orders and tasks are ids: the workflows
// (workflows/reminders) read them from their modules and make the tasks.
// Writes take the caller's Tx. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::reminders {

using storage::Tx;

// --- repurchase (repurchase.cc) ---

inline constexpr int kMaxCycleDays = 365;  // the catalog's consumption_cycle_days limit too
inline constexpr int kDefaultLeadDays = 5;

struct Cycle {
  ProductId product_id;
  int cycle_days = 0;                // one unit lasts this long, 1..kMaxCycleDays
  int lead_days = kDefaultLeadDays;  // remind this long before the run-out, 0..cycle_days-1
  Timestamp updated_at = 0;
};

enum class SupplyState { kWaiting, kReminded, kLapsed };
inline constexpr EnumText<SupplyState> kSupplyStateText[] = {{SupplyState::kWaiting, "waiting"},
                                                             {SupplyState::kReminded, "reminded"},
                                                             {SupplyState::kLapsed, "lapsed"}};

// A customer's supply of a product: the current cycle and when it runs out.
struct Supply {
  MerchantId merchant_id;
  CustomerId customer_id;
  ProductId product_id;
  Timestamp cycle_start = 0;  // paid_at of the purchase that began this cycle
  Timestamp runs_out_at = 0;
  Timestamp due_at = 0;        // runs_out_at - lead: when the owner is reminded
  Timestamp window_end = 0;    // runs_out_at + lead: a reminder later than this is pointless
  std::int64_t purchases = 0;  // orders of the product by the customer, every cycle
  Timestamp last_paid_at = 0;
  SupplyState state = SupplyState::kWaiting;
};

// The run-out arithmetic, one purchase at a time in paid order. A purchase
// before the current cycle's reminder is due (runs_out_at - lead) extends the
// supply: quantity x cycle days are added to the run-out. A purchase at or
// after that moment (the reminder was due: it closes the cycle) or the first
// one begins a new cycle, keeping what is left: the run-out becomes
// max(runs_out_at, paid_at) + quantity x cycle days. A quantity below 1
// changes nothing. `s.state` becomes kWaiting on a new cycle.
Supply AddPurchase(Supply s, const Cycle& c, Timestamp paid_at, std::int64_t quantity);

// One purchase line as the batch rebuild reads it.
struct Bought {
  CustomerId customer_id;
  ProductId product_id;
  Timestamp paid_at = 0;
  std::int64_t quantity = 0;
};

// The supplies a rebuild replaces: a product's, a customer's, one
// customer's of one product, or (both empty) every product's with a cycle.
struct Scope {
  std::optional<ProductId> product;
  std::optional<CustomerId> customer;
};

struct RebuildTally {
  std::int64_t supplies = 0;  // customer x product rows written
  std::int64_t due = 0;       // of which waiting with their reminder due at `now`
  std::int64_t lapsed = 0;    // of which whose window had passed already
};

// Per product of the report: customers who bought it, of them those who
// bought it at least twice (in two orders), reminders sent and those
// followed by an order of the product inside their window.
struct ProductFigures {
  ProductId product_id;
  std::int64_t buyers = 0;
  std::int64_t repeat_buyers = 0;
  std::int64_t reminders_sent = 0;
  std::int64_t reminders_followed = 0;
};

// --- care plans (care.cc) ---

enum class CareKind { kBirthday, kMilestone, kDelivery };
inline constexpr EnumText<CareKind> kCareKindText[] = {{CareKind::kBirthday, "birthday"},
                                                       {CareKind::kMilestone, "milestone"},
                                                       {CareKind::kDelivery, "delivery"}};

inline constexpr int kMaxCareDays = 60;

struct CarePlan {
  CareKind kind = CareKind::kBirthday;
  bool enabled = false;
  int days = 3;           // birthday, milestone: days before the date; delivery: days after receipt
  std::string field_key;  // milestone: the date custom field (a child's birth date)
  std::vector<int> milestones;  // milestone: ages in months, 1..216, ascending, at most 12
  Timestamp updated_at = 0;     // 0 for a plan never saved (the defaults)
};

// A customer's date a plan looks at.
struct CareDate {
  CustomerId customer_id;
  std::string day;  // YYYY-MM-DD
};

// Whether `text` is a calendar date written YYYY-MM-DD.
bool IsDate(std::string_view text);

class ReminderService {
 public:
  explicit ReminderService(const Clock& clock) : clock_(clock) {}

  // --- repurchase ---
  // The merchant's cycles, by product id.
  Result<std::vector<Cycle>> Cycles(Tx& tx, MerchantId merchant);
  Result<std::optional<Cycle>> CycleOf(Tx& tx, MerchantId merchant, ProductId product);
  // Sets a product's cycle (the product's existence is the caller's check).
  // reminders.invalid_field (422) for cycle_days outside 1..730 or lead_days
  // outside 0..cycle_days-1. The supplies are the caller's to rebuild (Rebuild).
  Result<Cycle> SetCycle(Tx& tx, MerchantId merchant, const Cycle& c);
  // Removes the cycle and the product's supplies (no more reminders); the
  // reminders sent stay for the report. False when it had none.
  Result<bool> ClearCycle(Tx& tx, MerchantId merchant, ProductId product);

  // A paid order's line of `product` (quantities of one order summed): the
  // customer's supply moves (AddPurchase) when the product has a cycle, and a
  // reminder sent whose window holds `paid_at` is marked followed. A
  // purchase not later than the supply's last one is one already counted
  // (a rebuild read it first) and changes nothing.
  Result<void> RecordPurchase(Tx& tx, MerchantId merchant, CustomerId customer, ProductId product,
                              Timestamp paid_at, std::int64_t quantity);

  // Replaces the supplies in `scope` with those computed from `bought` (the
  // merchant's purchases in the scope, any order; sorted here), as of `now`:
  // a cycle whose window has passed is lapsed, one whose reminder was already
  // sent (reminders_sent) stays reminded. A customer × product bought nothing
  // of (all returned) has no supply.
  Result<RebuildTally> Rebuild(Tx& tx, MerchantId merchant, const Scope& scope,
                               std::vector<Bought> bought);
  // A merge: the reminders sent to `from` become `to`'s (for the report and
  // so that a cycle is not reminded twice); `from`'s supplies go. `to`'s
  // supplies are the caller's to rebuild.
  Result<void> MoveCustomer(Tx& tx, MerchantId merchant, CustomerId from, CustomerId to);

  // Waiting supplies whose reminder is due at `now`, every merchant's, the
  // oldest due first.
  Result<std::vector<Supply>> DueSupplies(Tx& tx, Timestamp now, int limit);
  // Marks the cycle `s` reminded with `task`, and records the reminder.
  // reminders.supply_moved (409) when the supply is no longer that waiting
  // cycle (a purchase came first).
  Result<void> MarkReminded(Tx& tx, const Supply& s, TaskId task);
  // Marks the waiting cycle `s` lapsed (no reminder). reminders.supply_moved (409) as above.
  Result<void> MarkLapsed(Tx& tx, const Supply& s);
  Result<std::optional<Supply>> SupplyOf(Tx& tx, MerchantId merchant, CustomerId customer,
                                         ProductId product);

  // Figures per product that has a cycle or had reminders sent, by product id.
  Result<std::vector<ProductFigures>> Report(Tx& tx, MerchantId merchant);

  // --- care plans ---
  // The three plans (birthday, milestone, delivery), saved or the defaults.
  Result<std::vector<CarePlan>> CarePlans(Tx& tx, MerchantId merchant);
  Result<CarePlan> CarePlanOf(Tx& tx, MerchantId merchant, CareKind kind);
  // Saves a plan. reminders.invalid_field (422) for days outside 0..60, a
  // milestone plan enabled without a field key, or bad milestones. The care
  // job starts with today for this merchant.
  Result<CarePlan> SetCarePlan(Tx& tx, MerchantId merchant, const CarePlan& plan);

  // Keeps a customer's dates (birthday, date custom fields: key -> value;
  // values that are not YYYY-MM-DD are left out) as customer.changed tells
  // them; `gone` (merged away, erased) forgets them.
  Result<void> RecordDates(Tx& tx, MerchantId merchant, CustomerId customer,
                           const std::string& birthday,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           bool gone);
  // Customers whose `source` date ('birthday' or 'field:<key>') falls on one
  // of `month_days` (MM-DD) in any year, or, with `exact`, is one of the days (YYYY-MM-DD).
  Result<std::vector<CareDate>> DatesOn(Tx& tx, MerchantId merchant, const std::string& source,
                                        const std::vector<std::string>& values, bool exact);

  // Merchants whose care run is behind shop day `today`, with their last day handled.
  Result<std::vector<std::pair<MerchantId, std::int64_t>>> CareRunsBehind(Tx& tx,
                                                                          std::int64_t today,
                                                                          int limit);
  // Records that the merchant's care run handled up to `day`.
  Result<void> MarkCareRun(Tx& tx, MerchantId merchant, std::int64_t day);

 private:
  Result<void> SaveSupply(Tx& tx, const Supply& s);

  const Clock& clock_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::reminders
