#include "modules/imports/imports.h"

#include <limits>

#include "core/utf8.h"
#include "modules/imports/imports_errors.h"

namespace weishang::imports {
namespace {

constexpr const char* kColumns =
    "id, merchant_id, kind, file_name, header, status, total_rows, processed_rows, created_rows,"
    " matched_rows, failed_rows, next_offset, failure, created_by, created_at, updated_at,"
    " finished_at";

Import ReadImport(const storage::Row& r) {
  Import i;
  i.id = r.IdAt(0);
  i.merchant_id = r.IdAt(1);
  i.kind = FromText(kKindText, r.Str(2)).value_or(Kind::kCustomers);
  i.file_name = r.Str(3);
  i.header = r.Str(4);
  i.status = FromText(kStatusText, r.Str(5)).value_or(Status::kFailed);
  i.total_rows = r.Int(6);
  i.processed_rows = r.Int(7);
  i.created_rows = r.Int(8);
  i.matched_rows = r.Int(9);
  i.failed_rows = r.Int(10);
  i.next_offset = r.Int(11);
  i.failure = r.Str(12);
  i.created_by = r.IdAt(13);
  i.created_at = r.Int(14);
  i.updated_at = r.Int(15);
  i.finished_at = r.OptInt(16);
  return i;
}

Result<std::vector<Import>> ReadImports(Result<storage::Rows> rows) {
  if (!rows) return Fail(rows.error());
  std::vector<Import> out;
  for (const auto& r : *rows) out.push_back(ReadImport(r));
  return out;
}

}  // namespace

Result<Import> ImportService::Create(Tx& tx, MerchantId merchant, NewImport in) {
  if (in.file_name.empty() || in.file_name.size() > kMaxFileName || !IsValidUtf8(in.file_name)) {
    return Fail(Invalid(errors::kInvalidFileName,
                        "the file name must be 1-" + std::to_string(kMaxFileName) + " bytes"));
  }
  if (in.total_rows <= 0) {
    return Fail(Invalid(errors::kEmptyFile, "the file has no rows below its header"));
  }
  if (in.total_rows > kMaxRows) {
    return Fail(Invalid(errors::kTooManyRows, "a file may hold at most " +
                                                  std::to_string(kMaxRows) + " rows; it has " +
                                                  std::to_string(in.total_rows)));
  }
  auto unfinished = tx.QueryOne(
      "SELECT COUNT(*) FROM imports_import WHERE merchant_id = ? AND status IN ('queued', "
      "'running')",
      {merchant});
  if (!unfinished) return Fail(unfinished.error());
  if ((*unfinished)->Int(0) >= kMaxUnfinished) {
    return Fail(
        Conflict(errors::kTooManyRunning, "wait for the imports under way to finish (at most " +
                                              std::to_string(kMaxUnfinished) + " at once)"));
  }
  Import i;
  i.id = ids_.Next<ImportId>();
  i.merchant_id = merchant;
  i.kind = in.kind;
  i.file_name = std::move(in.file_name);
  i.header = std::move(in.header);
  i.total_rows = in.total_rows;
  i.next_offset = in.first_offset;
  i.created_by = in.created_by;
  i.created_at = i.updated_at = clock_.Now();
  auto added = tx.Exec(
      "INSERT INTO imports_import (id, merchant_id, kind, file_name, header, body, status,"
      " total_rows, next_offset, created_by, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
      {i.id, merchant, TextOf(kKindText, i.kind), i.file_name, i.header, in.body, i.total_rows,
       i.next_offset, i.created_by, i.created_at, i.updated_at});
  if (!added) return Fail(added.error());
  return i;
}

Result<Import> ImportService::Get(Tx& tx, MerchantId merchant, ImportId id) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kColumns + " FROM imports_import WHERE merchant_id = ? AND id = ?",
      {merchant, id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kNotFound, "no such import"));
  return ReadImport(**row);
}

Result<std::vector<Import>> ImportService::List(Tx& tx, MerchantId merchant, Kind kind,
                                                std::optional<ImportId> before, int limit) {
  return ReadImports(tx.Query(std::string("SELECT ") + kColumns +
                                  " FROM imports_import WHERE merchant_id = ? AND kind = ?"
                                  " AND id < ? ORDER BY id DESC LIMIT ?",
                              {merchant, TextOf(kKindText, kind),
                               before ? before->value() : std::numeric_limits<Id>::max(), limit}));
}

Result<std::vector<Import>> ImportService::Unfinished(Tx& tx, int limit) {
  return ReadImports(tx.Query(std::string("SELECT ") + kColumns +
                                  " FROM imports_import WHERE status IN ('queued', 'running')"
                                  " ORDER BY id LIMIT ?",
                              {limit}));
}

Result<std::string> ImportService::Body(Tx& tx, MerchantId merchant, ImportId id) {
  auto row = tx.QueryOne("SELECT body FROM imports_import WHERE merchant_id = ? AND id = ?",
                         {merchant, id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kNotFound, "no such import"));
  return (*row)->Str(0);
}

Result<Import> ImportService::Advance(Tx& tx, MerchantId merchant, ImportId id, const Step& step) {
  Timestamp now = clock_.Now();
  auto moved = tx.Exec(
      "UPDATE imports_import SET processed_rows = processed_rows + ?,"
      " created_rows = created_rows + ?, matched_rows = matched_rows + ?,"
      " failed_rows = failed_rows + ?, next_offset = ?, status = ?, updated_at = ?,"
      " finished_at = ?, body = CASE WHEN ? THEN '' ELSE body END"
      " WHERE merchant_id = ? AND id = ? AND next_offset = ? AND status IN ('queued', 'running')",
      {step.processed, step.created, step.matched, step.failed, step.to_offset,
       step.finished ? "done" : "running", now,
       step.finished ? storage::Param(now) : storage::Param(nullptr), step.finished, merchant, id,
       step.from_offset});
  if (!moved) return Fail(moved.error());
  if (*moved == 0) {
    return Fail(Conflict(errors::kStepTaken, "this step of the import was already taken"));
  }
  for (const RowError& e : step.errors) {
    auto added = tx.Exec(
        "INSERT INTO imports_row_error (merchant_id, import_id, row_no, code, message, raw)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {merchant, id, e.row, e.code, e.message, e.raw});
    if (!added) return Fail(added.error());
  }
  return Get(tx, merchant, id);
}

Result<void> ImportService::MarkFailed(Tx& tx, MerchantId merchant, ImportId id,
                                       std::string_view reason) {
  Timestamp now = clock_.Now();
  auto r = tx.Exec(
      "UPDATE imports_import SET status = 'failed', failure = ?, body = '', updated_at = ?,"
      " finished_at = ? WHERE merchant_id = ? AND id = ? AND status IN ('queued', 'running')",
      {reason, now, now, merchant, id});
  if (!r) return Fail(r.error());
  return {};
}

Result<std::vector<RowError>> ImportService::Errors(Tx& tx, MerchantId merchant, ImportId id,
                                                    std::int64_t after_row, int limit) {
  auto rows = tx.Query(
      "SELECT row_no, code, message, raw FROM imports_row_error WHERE merchant_id = ?"
      " AND import_id = ? AND row_no > ? ORDER BY row_no LIMIT ?",
      {merchant, id, after_row, limit});
  if (!rows) return Fail(rows.error());
  std::vector<RowError> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Str(3)});
  return out;
}

}  // namespace weishang::imports
