#include "core/csv.h"

#include <string>

namespace weishang {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A spreadsheet runs a cell starting with one of these as a formula.
bool LooksLikeFormula(std::string_view v) {
  if (v.empty()) return false;
  char c = v.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

std::string CsvCell(std::string_view value) {
  std::string cell;
  if (LooksLikeFormula(value)) cell.push_back('\'');
  cell.append(value);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

CsvWriter::CsvWriter() : out_(kUtf8Bom) {}

void CsvWriter::Separate() {
  if (row_started_) out_.push_back(',');
  row_started_ = true;
}

void CsvWriter::Raw(std::string_view cell) {
  Separate();
  out_.append(cell);
}

CsvWriter& CsvWriter::Text(std::string_view value) {
  Raw(CsvCell(value));
  return *this;
}

CsvWriter& CsvWriter::Int(std::int64_t value) {
  Raw(std::to_string(value));
  return *this;
}

CsvWriter& CsvWriter::Yuan(Fen fen) {
  Raw(FormatYuan(fen));
  return *this;
}

CsvWriter& CsvWriter::Empty() {
  Separate();
  return *this;
}

void CsvWriter::EndRow() {
  out_.append("\r\n");
  row_started_ = false;
}

}  // namespace weishang
