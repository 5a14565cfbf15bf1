#include "modules/address/extract.h"

#include <algorithm>
#include <optional>

#include "modules/address/text.h"

namespace weishang::address {
namespace {

struct LabelWord {
  std::u32string_view text;
  LabelKind kind;
};

// Field labels of marketplace copies (淘宝/京东/拼多多 "复制地址") and of
// people writing them out. Labels of three or more characters are cut
// wherever they stand, even glued to their value (收货人吴艾培手机号码176…);
// two-character ones only before a colon, or before the number they label.
constexpr LabelWord kLabels[] = {
    {U"收货人姓名", LabelKind::kName},     {U"收件人姓名", LabelKind::kName},
    {U"收货人", LabelKind::kName},         {U"收件人", LabelKind::kName},
    {U"联系人", LabelKind::kName},         {U"姓名", LabelKind::kName},
    {U"名字", LabelKind::kName},           {U"收货人手机", LabelKind::kPhone},
    {U"收件人电话", LabelKind::kPhone},    {U"手机号码", LabelKind::kPhone},
    {U"电话号码", LabelKind::kPhone},      {U"联系电话", LabelKind::kPhone},
    {U"联系手机", LabelKind::kPhone},      {U"联系方式", LabelKind::kPhone},
    {U"手机号", LabelKind::kPhone},        {U"手机", LabelKind::kPhone},
    {U"电话", LabelKind::kPhone},          {U"座机", LabelKind::kPhone},
    {U"固话", LabelKind::kPhone},          {U"所在地区", LabelKind::kRegion},
    {U"所在地", LabelKind::kRegion},       {U"省市区", LabelKind::kRegion},
    {U"地区", LabelKind::kRegion},         {U"详细地址", LabelKind::kDetail},
    {U"收货地址", LabelKind::kAddress},    {U"收件地址", LabelKind::kAddress},
    {U"配送地址", LabelKind::kAddress},    {U"邮寄地址", LabelKind::kAddress},
    {U"地址", LabelKind::kAddress},        {U"住址", LabelKind::kAddress},
    {U"邮政编码", LabelKind::kPostal},     {U"邮编", LabelKind::kPostal},
    {U"身份证号码", LabelKind::kIdNumber}, {U"身份证号", LabelKind::kIdNumber},
    {U"身份证", LabelKind::kIdNumber},
};

bool IsColon(char32_t c) { return c == U':' || c == 0xFE13; }

// Where the value after position i starts, skipping spaces.
std::size_t SkipSpaces(std::u32string_view t, std::size_t i) {
  while (i < t.size() && t[i] == U' ') ++i;
  return i;
}

std::optional<Span> LabelAt(std::u32string_view t, std::size_t i) {
  for (const auto& label : kLabels) {
    if (t.substr(i, label.text.size()) != label.text) continue;
    std::size_t end = i + label.text.size();
    std::size_t after = SkipSpaces(t, end);
    bool colon = after < t.size() && IsColon(t[after]);
    bool number_follows = after < t.size() && (IsDigit(t[after]) || t[after] == U'+');
    bool numeric = label.kind == LabelKind::kPhone || label.kind == LabelKind::kPostal ||
                   label.kind == LabelKind::kIdNumber;
    if (label.text.size() < 3 && !colon && !(numeric && number_follows)) continue;
    return Span{SpanKind::kLabel, i, colon ? after + 1 : end, {}, label.kind};
  }
  return std::nullopt;
}

// Digits of t[i, end) with the separators dropped.
std::string DigitsOf(std::u32string_view t, std::size_t i, std::size_t end) {
  std::string out;
  for (; i < end; ++i) {
    if (IsDigit(t[i])) out.push_back(static_cast<char>(t[i]));
  }
  return out;
}

bool IsPhoneSeparator(char32_t c) { return c == U' ' || c == U'-'; }

// Reads up to `want` digits from i, allowing one space or dash after the
// digit counts in `breaks`; returns the end, or npos unless exactly `want`
// digits were read and no digit follows.
std::size_t ReadGrouped(std::u32string_view t, std::size_t i, int want,
                        std::initializer_list<int> breaks) {
  int count = 0;
  while (i < t.size() && count < want) {
    if (IsDigit(t[i])) {
      ++count;
      ++i;
    } else if (IsPhoneSeparator(t[i]) && i + 1 < t.size() && IsDigit(t[i + 1]) &&
               std::find(breaks.begin(), breaks.end(), count) != breaks.end()) {
      ++i;
    } else {
      break;
    }
  }
  if (count != want || (i < t.size() && IsDigit(t[i]))) return std::u32string_view::npos;
  return i;
}

// An extension after a number: "-3060" or "转3060" (one to five digits).
std::size_t ReadExtension(std::u32string_view t, std::size_t i, std::string& value) {
  if (i + 1 >= t.size() || (t[i] != U'-' && t[i] != U'转')) return i;
  std::size_t j = i + 1;
  while (j < t.size() && IsDigit(t[j]) && j - i <= 5) ++j;
  if (j == i + 1 || (j < t.size() && IsDigit(t[j]))) return i;
  value += "-" + DigitsOf(t, i + 1, j);
  return j;
}

std::optional<Span> MobileAt(std::u32string_view t, std::size_t i) {
  std::size_t j = i;
  // +86 / 0086 / 86, then maybe a space or dash.
  for (std::u32string_view prefix : {U"+86", U"0086", U"86"}) {
    if (t.substr(i, prefix.size()) == prefix) {
      std::size_t k = i + prefix.size();
      if (k < t.size() && IsPhoneSeparator(t[k])) ++k;
      if (k + 1 < t.size() && t[k] == U'1' && t[k + 1] >= U'3' && t[k + 1] <= U'9') j = k;
      break;
    }
  }
  if (j + 1 >= t.size() || t[j] != U'1' || t[j + 1] < U'3' || t[j + 1] > U'9') return std::nullopt;
  std::size_t end = ReadGrouped(t, j, 11, {3, 7});
  if (end == std::u32string_view::npos) end = ReadGrouped(t, j, 11, {3, 4, 7, 8});
  if (end == std::u32string_view::npos) return std::nullopt;
  std::string value = DigitsOf(t, j, end);
  end = ReadExtension(t, end, value);
  return Span{SpanKind::kMobile, i, end, value};
}

std::optional<Span> LandlineAt(std::u32string_view t, std::size_t i) {
  std::size_t j = i;
  bool paren = t[j] == U'(';
  if (paren) ++j;
  if (j + 2 >= t.size() || t[j] != U'0' || t[j + 1] == U'0') return std::nullopt;
  // 010 and 02x are three digits; every other area code is four.
  std::size_t area_len = (t[j + 1] == U'1' || t[j + 1] == U'2') ? 3 : 4;
  for (std::size_t k = j; k < j + area_len; ++k) {
    if (k >= t.size() || !IsDigit(t[k])) return std::nullopt;
  }
  std::size_t k = j + area_len;
  if (paren) {
    if (k >= t.size() || t[k] != U')') return std::nullopt;
    ++k;
  }
  if (k < t.size() && IsPhoneSeparator(t[k])) ++k;
  for (int want : {8, 7}) {
    std::size_t end = ReadGrouped(t, k, want, {3, 4});
    if (end == std::u32string_view::npos) continue;
    std::string value = DigitsOf(t, j, j + area_len) + "-" + DigitsOf(t, k, end);
    end = ReadExtension(t, end, value);
    return Span{SpanKind::kLandline, i, end, value};
  }
  return std::nullopt;
}

std::optional<Span> ServiceAt(std::u32string_view t, std::size_t i) {
  if (i + 3 >= t.size() || (t[i] != U'4' && t[i] != U'8') || t[i + 1] != U'0' || t[i + 2] != U'0')
    return std::nullopt;
  std::size_t k = i + 3;
  if (IsPhoneSeparator(t[k])) ++k;
  std::size_t end = ReadGrouped(t, k, 7, {3});
  if (end == std::u32string_view::npos) return std::nullopt;
  return Span{SpanKind::kService, i, end, DigitsOf(t, i, i + 3) + "-" + DigitsOf(t, k, end)};
}

bool ValidDate(std::string_view yyyymmdd) {
  int year = std::stoi(std::string(yyyymmdd.substr(0, 4)));
  int month = std::stoi(std::string(yyyymmdd.substr(4, 2)));
  int day = std::stoi(std::string(yyyymmdd.substr(6, 2)));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsIdNumber(std::string_view digits, bool ends_with_x) {
  if (digits.size() == 18 || (digits.size() == 17 && ends_with_x)) {
    return ValidDate(digits.substr(6, 8));
  }
  if (digits.size() == 15 && !ends_with_x)
    return ValidDate("19" + std::string(digits.substr(6, 6)));
  return false;
}

// Characters after which six digits are a room or house number, not a postcode.
bool IsUnitChar(char32_t c) {
  static constexpr std::u32string_view kUnits = U"号室栋楼层单元幢弄座院户#-栋巷组排";
  return kUnits.find(c) != std::u32string_view::npos;
}

// A run of plain digits [i, end) that no phone pattern took.
std::optional<Span> ClassifyRun(std::u32string_view t, std::size_t i, std::size_t end,
                                bool after_postal_label) {
  std::string digits = DigitsOf(t, i, end);
  bool x = end < t.size() && (t[end] == U'X' || t[end] == U'x');
  if (IsIdNumber(digits, x)) return Span{SpanKind::kIdNumber, i, end + (x ? 1 : 0), {}};
  char32_t before = i > 0 ? t[i - 1] : U' ';
  char32_t after = end < t.size() ? t[end] : U' ';
  if (digits.size() == 6 &&
      (after_postal_label || (!IsLatin(before) && before != U'-' && before != U'#' &&
                              before != U'/' && !IsLatin(after) && !IsUnitChar(after)))) {
    return Span{SpanKind::kPostal, i, end, digits};
  }
  // A mobile glued after a short room number ("…三单元30115801691123").
  if (digits.size() > 11 && digits.size() <= 16) {
    std::size_t start = end - 11;
    if (t[start] == U'1' && t[start + 1] >= U'3' && t[start + 1] <= U'9') {
      return Span{SpanKind::kMobile, start, end, digits.substr(digits.size() - 11)};
    }
  }
  if (digits.size() == 10 && digits[0] == '1') return Span{SpanKind::kBadPhone, i, end, digits};
  return std::nullopt;
}

}  // namespace

std::vector<Span> FindSpans(std::u32string_view t) {
  std::vector<Span> spans;
  std::size_t i = 0;
  while (i < t.size()) {
    char32_t c = t[i];
    if (!IsDigit(c) && c != U'+' && c != U'(') {
      if (auto label = LabelAt(t, i)) {
        spans.push_back(*label);
        i = label->end;
      } else {
        ++i;
      }
      continue;
    }
    if (i > 0 && IsDigit(t[i - 1])) {
      ++i;
      continue;
    }
    std::optional<Span> found = MobileAt(t, i);
    if (!found) found = LandlineAt(t, i);
    if (!found) found = ServiceAt(t, i);
    if (found) {
      spans.push_back(std::move(*found));
      i = spans.back().end;
      continue;
    }
    if (!IsDigit(c)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < t.size() && IsDigit(t[end])) ++end;
    bool after_postal_label = !spans.empty() && spans.back().kind == SpanKind::kLabel &&
                              spans.back().label == LabelKind::kPostal &&
                              SkipSpaces(t, spans.back().end) == i;
    if (auto run = ClassifyRun(t, i, end, after_postal_label)) {
      spans.push_back(std::move(*run));
      i = spans.back().end;
    } else {
      i = end;
    }
  }
  return spans;
}

}  // namespace weishang::address
