// The audit log: a merchant's record of sensitive actions (customer merges,
// handovers, personal-data exports and erasures, segment exports), who took
// them, on what, and the details. Append-only: entries are never changed or removed. Modules
// never write it themselves; the workflow that carries out an action records
// it in the same unit of work. Stateless apart from its clock; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::audit {

using storage::Tx;

// The actions recorded, as stored and shown.
inline constexpr char kCustomerMerge[] = "customer.merge";
inline constexpr char kCustomerHandover[] = "customer.handover";
inline constexpr char kCustomerExport[] = "customer.export";
inline constexpr char kCustomerErase[] = "customer.erase";
inline constexpr char kSegmentExport[] = "segment.export";

struct Entry {
  std::int64_t id = 0;  // ascending in the order recorded
  MerchantId merchant_id;
  std::optional<StaffId> actor;  // none: the system
  std::string action;            // one of the k… above
  std::string subject;           // the record acted on ("cus_…", "stf_…")
  std::string detail;            // a JSON object
  Timestamp at = 0;
};

struct ListFilter {
  std::string action;       // "" for every action
  Timestamp from = 0;       // entries at or after this time; 0 = from the first
  Timestamp until = 0;      // entries before this time; 0 = to the last
  std::int64_t before = 0;  // cursor: entries with smaller ids (newest first); 0 = newest
  int limit = 20;
};

class AuditService {
 public:
  explicit AuditService(const Clock& clock) : clock_(clock) {}

  // Appends an entry in the caller's unit of work and returns it. `detail`
  // must be a JSON object (the caller's encoding).
  Result<Entry> Record(Tx& tx, MerchantId merchant, std::optional<StaffId> actor,
                       std::string_view action, std::string_view subject, std::string_view detail);
  // Newest first. audit.invalid_action (422) for an unknown action filter.
  Result<std::vector<Entry>> List(Tx& tx, MerchantId merchant, const ListFilter& f);
  // The newest entry of `action` on `subject`, if any (an erasure repeated
  // answers what the first one recorded).
  Result<std::optional<Entry>> Latest(Tx& tx, MerchantId merchant, std::string_view action,
                                      std::string_view subject);

 private:
  const Clock& clock_;
};

// Whether `action` is one the log records.
bool KnownAction(std::string_view action);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::audit
