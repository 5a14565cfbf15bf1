#include "core/csv.h"

#include <iconv.h>

#include <string>

#include "core/utf8.h"

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

CsvReader::CsvReader(std::string_view text, std::size_t offset) : text_(text), pos_(offset) {
  std::size_t start = text_.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  if (pos_ < start) pos_ = start;
  std::string_view first = text_.substr(start, text_.find_first_of("\r\n", start) - start);
  if (first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos) {
    separator_ = '\t';
  }
}

bool CsvReader::Next(std::vector<std::string>& cells) {
  cells.clear();
  if (pos_ >= text_.size()) return false;
  std::string cell;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field started with a quote
  for (;;) {
    if (pos_ >= text_.size()) {
      cells.push_back(std::move(cell));
      return true;
    }
    char c = text_[pos_++];
    if (quoted) {
      if (c != '"') {
        cell.push_back(c);
      } else if (pos_ < text_.size() && text_[pos_] == '"') {
        cell.push_back('"');
        ++pos_;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == separator_) {
      cells.push_back(std::move(cell));
      cell.clear();
      was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      cells.push_back(std::move(cell));
      return true;
    } else if (c == '"' && cell.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else {
      cell.push_back(c);
    }
  }
}

std::optional<std::string> CsvTextAsUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace weishang
