// Imports: a file a merchant uploads to bring records in (customers from a
// WeChat friend list or a marketplace's order export), kept with its
// progress and the rows it could not take, and worked through in steps by a
// timed job (workflows/customers/customer_import.h for customers). A step
// names the byte offset it started from, so a step is taken once even when
// two nodes or a restart try it again, and a stopped import resumes where it
// was. What a row means is the workflow's business; this module keeps the
// file, the counts and the errors. Writes take the caller's Tx. Stateless
// apart from its clock and id generator; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::imports {

using storage::Tx;

enum class Kind { kCustomers };
inline constexpr EnumText<Kind> kKindText[] = {{Kind::kCustomers, "customers"}};

enum class Status { kQueued, kRunning, kDone, kFailed };
inline constexpr EnumText<Status> kStatusText[] = {{Status::kQueued, "queued"},
                                                   {Status::kRunning, "running"},
                                                   {Status::kDone, "done"},
                                                   {Status::kFailed, "failed"}};

// Data rows in one file (a WeChat account holds at most 10,000 friends; a
// year of a small shop's marketplace orders stays well below this).
inline constexpr std::int64_t kMaxRows = 200'000;
// Imports queued or running at once per merchant.
inline constexpr int kMaxUnfinished = 3;
// Longest file name kept, in bytes.
inline constexpr std::size_t kMaxFileName = 200;

struct Import {
  ImportId id;
  MerchantId merchant_id;
  Kind kind = Kind::kCustomers;
  std::string file_name;
  std::string header;  // the file's first row, as CSV
  Status status = Status::kQueued;
  std::int64_t total_rows = 0;  // data rows, the header not counted
  std::int64_t processed_rows = 0, created_rows = 0, matched_rows = 0, failed_rows = 0;
  std::int64_t next_offset = 0;  // where the next row starts in the file
  std::string failure;           // why a failed import stopped
  StaffId created_by;
  Timestamp created_at = 0, updated_at = 0;
  std::optional<Timestamp> finished_at;
};

// A row the import could not take.
struct RowError {
  std::int64_t row = 0;  // as a spreadsheet numbers it: the header is row 1
  std::string code;      // e.g. customers.invalid_identity
  std::string message;   // for the merchant, in the error report
  std::string raw;       // the row's cells, as CSV
};

// What one step of the workflow did: rows from `from_offset` up to
// `to_offset`.
struct Step {
  std::int64_t from_offset = 0, to_offset = 0;
  std::int64_t processed = 0, created = 0, matched = 0, failed = 0;
  std::vector<RowError> errors;
  bool finished = false;  // the file has no rows past to_offset
};

struct NewImport {
  Kind kind = Kind::kCustomers;
  std::string file_name;
  std::string header;             // the first row, as CSV
  std::string body;               // UTF-8 (core/csv.h's CsvTextAsUtf8 has converted it)
  std::int64_t total_rows = 0;    // rows below the header
  std::int64_t first_offset = 0;  // where the first data row starts
  StaffId created_by;
};

class ImportService {
 public:
  ImportService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Queues an import. imports.invalid_file_name (422); imports.empty_file
  // (422) without data rows; imports.too_many_rows (422) past kMaxRows;
  // imports.too_many_running (409) when kMaxUnfinished are unfinished.
  Result<Import> Create(Tx& tx, MerchantId merchant, NewImport in);
  // imports.not_found (404) when absent or another merchant's.
  Result<Import> Get(Tx& tx, MerchantId merchant, ImportId id);
  // Newest first, before `before` (none: from the newest).
  Result<std::vector<Import>> List(Tx& tx, MerchantId merchant, Kind kind,
                                   std::optional<ImportId> before, int limit);
  // The oldest queued or running imports of any merchant (the job's work).
  Result<std::vector<Import>> Unfinished(Tx& tx, int limit);
  // The file of an unfinished import ("" once it has ended).
  Result<std::string> Body(Tx& tx, MerchantId merchant, ImportId id);
  // Records a step: counts, errors, the next offset; running, or done when
  // `step.finished` (the file is then dropped). kConflict
  // "imports.step_taken" when the import is no longer at step.from_offset
  // or has ended (another node or an earlier try took the step).
  Result<Import> Advance(Tx& tx, MerchantId merchant, ImportId id, const Step& step);
  // Stops an unfinished import for good with `reason` (the file is dropped).
  Result<void> MarkFailed(Tx& tx, MerchantId merchant, ImportId id, std::string_view reason);
  // Its row errors by row, after row `after_row`.
  Result<std::vector<RowError>> Errors(Tx& tx, MerchantId merchant, ImportId id,
                                       std::int64_t after_row, int limit);

 private:
  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::imports
