// Writing CSV for spreadsheets (RFC 4180): fields separated by commas, rows
// by CRLF, a field quoted when it holds a comma, a quote or a line break.
// Made for exports a merchant opens in Excel: the text starts with a UTF-8
// byte order mark (without it, Excel on Windows reads UTF-8 Chinese as
// mojibake), and a text cell starting with = + - @ or a tab is prefixed with
// an apostrophe so a spreadsheet shows it instead of running it as a formula
// (OWASP's "CSV injection"). Not thread-safe; one writer per export.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Reading what merchants upload (RFC 4180, and what spreadsheets write in
// practice): a UTF-8 byte order mark is skipped; rows end with CRLF, LF or
// CR; a quoted field may hold commas, doubled quotes and line breaks; a
// stray quote inside an unquoted field is kept as text. The separator is a
// comma, or a tab when the first row has tabs and no comma (a sheet saved
// as "Unicode text"). Reads from a byte offset, so that a long import can
// resume where it stopped. Not thread-safe; one reader per text.
class CsvReader {
 public:
  // `text` must outlive the reader; `offset` is where the next row starts
  // (0, or an earlier reader's offset()).
  explicit CsvReader(std::string_view text, std::size_t offset = 0);

  // The next row's cells; false at the end of the text. A blank line is a
  // row with one empty cell.
  bool Next(std::vector<std::string>& cells);
  // Where the row after the last one returned starts.
  std::size_t offset() const { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_;
  char separator_ = ',';
};

// `text` as UTF-8: unchanged when it is valid UTF-8, otherwise read as
// GB18030 (what Excel on Chinese Windows saves a CSV in) and converted.
// nullopt when it is neither.
std::optional<std::string> CsvTextAsUtf8(std::string_view text);

}  // namespace weishang
