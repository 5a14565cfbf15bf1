// Personal data (PIPL) and exports, in one place: a segment as a CSV file for
// Excel, a customer's personal data as one JSON document (the right of
// access), and a customer's erasure (the right of deletion), which
// anonymises the person while the shop's orders and money stay intact.
// Every one of them is recorded in the audit log (modules/audit) in the same
// unit of work. Routes: api/routes/privacy_routes.cc. What erasure keeps and
// why: docs/decisions/0016-customer-erasure.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/accounts.h"
#include "modules/crm/crm.h"
#include "modules/customers/customers.h"
#include "modules/identity/identity.h"
#include "modules/order/order.h"
#include "modules/tags/tags.h"
#include "storage/database.h"
#include "workflows/modules.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::workflows {

// ---- segment export -------------------------------------------------------

// The most customers one file holds. The file is built in memory before it
// is sent (about 200 bytes a customer: 10 MB at most); a larger segment must
// be narrowed: tags.export_too_large (422) says so.
inline constexpr std::int64_t kMaxExportCustomers = 50'000;

struct SegmentCsvOptions {
  // Full phone numbers: Permission::kPersonalData (the owner). Others get
  // them masked as the customer list shows them (138****8001).
  bool full_phone = false;
  bool english = false;  // headers and stages in English instead of Chinese
};

struct SegmentCsv {
  tags::Segment segment;
  std::string text;       // UTF-8 with a byte-order mark, CRLF rows, a header row
  std::int64_t rows = 0;  // customers written
};

// The customers a saved segment selects now, in the caller's scope (a staff
// member: only the customers they own), as a CSV file for Excel: customer
// id, name, remark, phone, stage, tags, owner, paid orders, spend (yuan),
// last order (shop time), channel, region. Cells that a spreadsheet would
// run as a formula are guarded (core/csv.h). Read on snapshots: record the
// export with RecordSegmentExport once it is built.
// tags.segment_not_found; tags.export_too_large.
Result<SegmentCsv> ExportSegmentCsv(storage::Database& db, TagWiring& w, Modules& m,
                                    const identity::Principal& who, SegmentId segment,
                                    const SegmentCsvOptions& options);

// The audit entry of a segment export (segment.export): who, which segment,
// how many rows, and whether phones were full.
Result<audit::Entry> RecordSegmentExport(storage::Tx& tx, Modules& m,
                                         const identity::Principal& who, const SegmentCsv& csv,
                                         const SegmentCsvOptions& options);

// ---- a customer's personal data (the right of access) ----------------------

// Everything the shop holds about one person, as they would ask for it.
struct PersonalData {
  customers::Customer customer;
  std::vector<customers::Identity> identities;
  std::vector<customers::FieldDef> field_defs;  // the labels of customer.fields
  std::vector<accounts::Address> addresses;     // the store's address book
  std::vector<tags::Tag> tags;
  std::vector<order::Order> orders;  // newest first, with their lines
  std::vector<crm::Interaction> interactions;
  std::vector<crm::Task> tasks;  // open ones, then done ones
  std::int64_t audit_id = 0;
  Timestamp exported_at = 0;
};

// The most orders, interactions and tasks one export lists (each).
inline constexpr int kMaxPersonalRecords = 5000;

// Collects a customer's personal data (following merges to the record kept)
// and records the export (customer.export) in the same unit of work.
// Owner and admin only (the route's check). customers.not_found.
Result<PersonalData> ExportPersonalData(storage::Tx& tx, Modules& m, tags::TagService& tags,
                                        MerchantId merchant, CustomerId customer, StaffId actor);

// ---- erasure (the right of deletion) ---------------------------------------

struct ErasureReport {
  CustomerId customer;
  Timestamp erased_at = 0;
  std::int64_t records = 0;       // the customer and the records merged into it
  std::int64_t identities = 0;    // phone, WeChat and other identities removed
  std::int64_t fields = 0;        // custom field values removed
  std::int64_t addresses = 0;     // address book entries deleted
  std::int64_t sessions = 0;      // store sessions signed out
  std::int64_t interactions = 0;  // interactions whose text was removed
  std::int64_t tasks_closed = 0;  // open tasks marked done
  std::int64_t orders = 0;        // orders whose contact fields were cleared
  std::int64_t audit_id = 0;
};

// Erases a customer's personal data: the customers module anonymises the
// record (and those merged into it) and deletes identities and custom
// fields, the accounts module the address book and sessions, the CRM the
// free text, the order module the orders' contact fields; amounts, lines
// and statuses stay. customer.changed ("erased": true) makes the tags
// module drop the customer from every tag and segment. Recorded in the
// audit log (customer.erase) with the counts. Refused with
// customers.order_in_progress (409) while an order of the customer awaits
// payment, shipping or receipt, or has an open after-sales request. A
// second erasure changes nothing and answers the first one's report.
// customers.not_found.
Result<ErasureReport> EraseCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    CustomerId customer, StaffId actor);

}  // namespace weishang::workflows
