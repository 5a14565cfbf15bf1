// Writing CSV for spreadsheets (RFC 4180): fields separated by commas, rows
// by CRLF, a field quoted when it holds a comma, a quote or a line break.
// Made for exports a merchant opens in Excel: the text starts with a UTF-8
// byte order mark (without it, Excel on Windows reads UTF-8 Chinese as
// mojibake), and a text cell starting with = + - @ or a tab is prefixed with
// an apostrophe so a spreadsheet shows it instead of running it as a formula
// (OWASP's "CSV injection"). Not thread-safe; one writer per export.
#pragma once

#include <string>
#include <string_view>

#include "core/money.h"

namespace weishang {

class CsvWriter {
 public:
  // Starts the text with the UTF-8 byte order mark.
  CsvWriter();

  // Appends a text cell (quoted and formula-guarded as needed).
  CsvWriter& Text(std::string_view value);
  // Appends an integer cell, as digits.
  CsvWriter& Int(std::int64_t value);
  // Appends an amount in yuan with two decimals ("14.90"), from fen, by
  // integer arithmetic.
  CsvWriter& Yuan(Fen fen);
  // Appends an empty cell.
  CsvWriter& Empty();
  // Ends the current row.
  void EndRow();

  // The text so far; Take() hands it over and leaves the writer empty.
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  void Raw(std::string_view cell);

  std::string out_;
  bool row_started_ = false;
};

// The cell as CSV writes it: quoted when needed, formula-guarded.
std::string CsvCell(std::string_view value);

}  // namespace weishang
