// Importing customers from a CSV file: a WeChat friend list, a marketplace's
// order export, or the merchant's own spreadsheet. Columns are recognised by
// their Chinese or English header (姓名/name, 手机/phone, 微信号, 旺旺,
// openid, 收货地址/address, 省/市/区, 性别, 生日, 备注, 渠道 …, see
// kColumnNames in the .cc); other columns are left alone and reported. An
// address cell is read by the address parser (modules/address), so a
// marketplace's one-cell "收货信息" (name, phone and address together)
// gives the name, the phone and the region. Each row arrives as a customer
// (customers::Arrive: matched by any identity, created, or merged, never
// duplicated, within the file as against earlier customers); a row without
// an identity or with a malformed value is reported with its reason, and
// the rest go on.
//
// PrepareCustomerImport checks the file, ImportService::Create queues it; the
// "customer_imports" job then works through it in steps of `rows_per_step`
// rows, one unit of work each, resuming where it stopped after a restart.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "modules/imports/imports.h"
#include "storage/database.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// What the header of an uploaded file says.
struct ImportHeader {
  std::vector<std::string> recognised;  // "phone", "name", … in column order
  std::vector<std::string> ignored;     // headers of the columns no field reads
};

struct PreparedImport {
  imports::NewImport file;  // for ImportService::Create
  ImportHeader header;
};

// Checks `file` (any encoding CsvTextAsUtf8 reads; the first row is the
// header) and makes it ready to queue; pure, so a route runs it on its own
// thread rather than the writer's. imports.bad_encoding (422) when it is
// neither UTF-8 nor GB18030; imports.empty_file (422); imports.bad_header
// (422) when no column can tell who the customer is (phone, 微信号, 旺旺,
// openid/unionid, or an address that holds a phone).
Result<PreparedImport> PrepareCustomerImport(StaffId by, std::string file_name,
                                             std::string_view file);

struct CustomerImportOptions {
  int rows_per_step = 500;                 // rows per unit of work
  std::chrono::milliseconds budget{2000};  // per job tick, so other jobs get their turn
  int this_year = 0;                       // for birthdays; 0: from the clock
};

// Takes one step of `import` (rows from its next_offset in `body`, the
// file's text): every row arrives as a customer or becomes a row error, and
// the step is recorded (ImportService::Advance, which refuses a step taken
// before). Returns the import as advanced.
Result<imports::Import> ImportCustomersStep(storage::Tx& tx, imports::ImportService& imports,
                                            customers::CustomerService& customers,
                                            const imports::Import& import, std::string_view body,
                                            const CustomerImportOptions& options);

// Runs unfinished imports until they end or the options' budget is spent:
// the timed job's work, and the benchmark's. Counts the steps taken.
Result<JobTally> RunCustomerImports(storage::Database& db, imports::ImportService& imports,
                                    Modules& modules, const CustomerImportOptions& options);

// The "customer_imports" job, for the scheduler.
Job CustomerImportJob(imports::ImportService& imports, CustomerImportOptions options = {});

// The error report: the file's header and an 错误原因 (reason) column, then
// each failed row as written with its reason, so that the merchant can fix
// the rows and upload the report itself.
std::string CustomerImportErrorReport(const imports::Import& import,
                                      const std::vector<imports::RowError>& errors);

}  // namespace weishang::workflows
