#include "modules/tags/expression.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "modules/tags/tags_errors.h"

namespace weishang::tags {
namespace {

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool LeapYear(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// What one parse has seen so far, for the limits.
struct Walk {
  int nodes = 0;
};

Error Bad(const std::string& path, const std::string& what) {
  return Invalid(errors::kInvalidExpression, (path.empty() ? "" : path + ": ") + what);
}

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

Result<Expr> Parse(const json::value& v, const std::string& path, int depth, Walk& walk);

bool IsOneOf(std::string_view v, std::span<const std::string_view> options) {
  return std::find(options.begin(), options.end(), v) != options.end();
}

Result<std::string> TextValue(const json::value& v, Attr attr, const std::string& path) {
  if (!v.is_string()) return Fail(Bad(path, "must be a string"));
  std::string text(v.as_string());
  if (text.size() > 64) return Fail(Bad(path, "at most 64 characters"));
  if (attr == Attr::kGender && !IsOneOf(text, kGenders)) {
    return Fail(Bad(path, "gender is unknown, female or male"));
  }
  if (attr == Attr::kStage && !IsOneOf(text, kStages)) {
    return Fail(Bad(path,
                    "stage is acquired, interacted, first_purchase, repeat_buyer, referrer or "
                    "promoter"));
  }
  if (attr == Attr::kOwnerStaffId && !text.empty() && !DecodeId<StaffId>(text)) {
    return Fail(Bad(path, "owner_staff_id is a staff id (stf_…) or \"\" for no owner"));
  }
  return text;
}

Result<std::int64_t> NumberValue(const json::value& v, Attr attr, const std::string& path) {
  if (!v.is_int64() && !v.is_uint64()) return Fail(Bad(path, "must be a whole number"));
  if (v.is_uint64() && v.as_uint64() > static_cast<std::uint64_t>(kMaxNumber)) {
    return Fail(Bad(path, "out of range"));
  }
  std::int64_t n = v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
  if (n < 0 || n > kMaxNumber) return Fail(Bad(path, "must be between 0 and 10^12"));
  if (attr == Attr::kBirthdayMonth && (n < 1 || n > 12)) {
    return Fail(Bad(path, "a month is 1 to 12"));
  }
  return n;
}

Result<std::int64_t> DayValue(const json::value& v, const std::string& path) {
  std::int64_t day = 0;
  if (!v.is_string() || !ParseDay(v.as_string(), &day)) {
    return Fail(Bad(path, "must be a date \"YYYY-MM-DD\""));
  }
  return day;
}

Result<std::int64_t> DaysValue(const json::value& v, const std::string& path) {
  if (!v.is_int64() && !v.is_uint64()) return Fail(Bad(path, "must be a whole number of days"));
  std::int64_t n = v.is_int64() ? v.as_int64() : kMaxDays + 1;
  if (n < 0 || n > kMaxDays) return Fail(Bad(path, "days are 0 to 36500"));
  return n;
}

// Which operators an attribute's type takes.
bool Takes(AttrType type, Op op) {
  switch (type) {
    case AttrType::kText:
      return op == Op::kEq || op == Op::kNe || op == Op::kIn;
    case AttrType::kNumber:
      return op != Op::kWithinDays && op != Op::kBeforeDays;
    case AttrType::kDate:
      return op != Op::kNe && op != Op::kIn;
  }
  return false;
}

// One operand, by the attribute's type.
Result<void> Operand(Expr& e, AttrType type, const json::value& v, const std::string& path) {
  if (type == AttrType::kText) {
    auto t = TextValue(v, e.attr, path);
    if (!t) return Fail(t.error());
    e.texts.push_back(std::move(*t));
    return {};
  }
  Result<std::int64_t> n = type == AttrType::kNumber ? NumberValue(v, e.attr, path)
                           : (e.op == Op::kWithinDays || e.op == Op::kBeforeDays)
                               ? DaysValue(v, path)
                               : DayValue(v, path);
  if (!n) return Fail(n.error());
  e.numbers.push_back(*n);
  return {};
}

Result<Expr> ParseAttr(const json::object& o, const std::string& path) {
  Expr e;
  e.kind = Expr::Kind::kAttr;
  const json::value& name = o.at("attr");
  auto attr =
      name.is_string() ? FromText(kAttrText, std::string_view(name.as_string())) : std::nullopt;
  if (!attr) return Fail(Bad(Join(path, "attr"), "unknown attribute " + json::serialize(name)));
  e.attr = *attr;
  const json::value* op_v = o.if_contains("op");
  auto op = op_v && op_v->is_string() ? FromText(kOpText, std::string_view(op_v->as_string()))
                                      : std::nullopt;
  if (!op) return Fail(Bad(Join(path, "op"), "unknown or missing operator"));
  e.op = *op;
  AttrType type = TypeOf(e.attr);
  if (!Takes(type, e.op)) {
    return Fail(Bad(Join(path, "op"), std::string(TextOf(kOpText, e.op)) + " does not apply to " +
                                          std::string(TextOf(kAttrText, e.attr))));
  }
  for (const auto& [key, unused] : o) {
    if (key != "attr" && key != "op" && key != "value") {
      return Fail(Bad(path, "unexpected key \"" + std::string(key) + "\""));
    }
  }
  const json::value* value = o.if_contains("value");
  std::string at = Join(path, "value");
  if (value == nullptr) return Fail(Bad(at, "missing"));
  if (e.op == Op::kBetween || e.op == Op::kIn) {
    if (!value->is_array()) return Fail(Bad(at, "must be an array"));
    const json::array& a = value->as_array();
    if (e.op == Op::kBetween && a.size() != 2) return Fail(Bad(at, "between takes [from, to]"));
    if (e.op == Op::kIn && (a.empty() || a.size() > kMaxInValues)) {
      return Fail(Bad(at, "in takes 1 to 100 values"));
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto ok = Operand(e, type, a[i], at + "[" + std::to_string(i) + "]");
      if (!ok) return Fail(ok.error());
    }
    if (e.op == Op::kBetween && e.numbers[0] > e.numbers[1]) {
      return Fail(Bad(at, "from is after to"));
    }
    return e;
  }
  auto ok = Operand(e, type, *value, at);
  if (!ok) return Fail(ok.error());
  return e;
}

Result<Expr> ParseList(Expr::Kind kind, const json::value& v, const std::string& path, int depth,
                       Walk& walk) {
  if (!v.is_array() || v.as_array().empty()) {
    return Fail(Bad(path, "must be a non-empty array of expressions"));
  }
  Expr e;
  e.kind = kind;
  const json::array& a = v.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto child = Parse(a[i], path + "[" + std::to_string(i) + "]", depth + 1, walk);
    if (!child) return Fail(child.error());
    e.children.push_back(std::move(*child));
  }
  return e;
}

Result<Expr> Parse(const json::value& v, const std::string& path, int depth, Walk& walk) {
  if (depth > kMaxDepth) {
    return Fail(Invalid(errors::kExpressionTooDeep,
                        "segments nest at most " + std::to_string(kMaxDepth) + " levels"));
  }
  if (++walk.nodes > kMaxNodes) {
    return Fail(Invalid(errors::kExpressionTooLarge,
                        "a segment has at most " + std::to_string(kMaxNodes) + " conditions"));
  }
  if (!v.is_object()) return Fail(Bad(path, "must be an object"));
  const json::object& o = v.as_object();
  if (o.contains("attr")) return ParseAttr(o, path);
  if (o.size() != 1) {
    return Fail(Bad(path, "must have exactly one of and, or, not, tag, attr"));
  }
  const auto& [key, value] = *o.begin();
  if (key == "and") return ParseList(Expr::Kind::kAnd, value, Join(path, "and"), depth, walk);
  if (key == "or") return ParseList(Expr::Kind::kOr, value, Join(path, "or"), depth, walk);
  if (key == "not") {
    auto child = Parse(value, Join(path, "not"), depth + 1, walk);
    if (!child) return Fail(child.error());
    Expr e;
    e.kind = Expr::Kind::kNot;
    e.children.push_back(std::move(*child));
    return e;
  }
  if (key == "tag") {
    std::optional<TagId> tag;
    if (value.is_string()) tag = DecodeId<TagId>(value.as_string());
    if (!tag) return Fail(Bad(Join(path, "tag"), "must be a tag id (tag_…)"));
    Expr e;
    e.kind = Expr::Kind::kTag;
    e.tag = *tag;
    return e;
  }
  return Fail(Bad(path, "unknown key \"" + std::string(key) + "\""));
}

json::value OperandJson(const Expr& e, std::size_t i) {
  if (TypeOf(e.attr) == AttrType::kText) return json::value(e.texts[i]);
  if (TypeOf(e.attr) == AttrType::kDate && e.op != Op::kWithinDays && e.op != Op::kBeforeDays) {
    return json::value(FormatDay(e.numbers[i]));
  }
  return json::value(e.numbers[i]);
}

void CollectTags(const Expr& e, std::vector<TagId>& out) {
  if (e.kind == Expr::Kind::kTag && std::find(out.begin(), out.end(), e.tag) == out.end()) {
    out.push_back(e.tag);
  }
  for (const auto& c : e.children) CollectTags(c, out);
}

}  // namespace

AttrType TypeOf(Attr a) {
  switch (a) {
    case Attr::kGender:
    case Attr::kStage:
    case Attr::kProvince:
    case Attr::kCity:
    case Attr::kChannel:
    case Attr::kOwnerStaffId:
      return AttrType::kText;
    case Attr::kOrdersCount:
    case Attr::kSpentTotal:
    case Attr::kBirthdayMonth:
      return AttrType::kNumber;
    case Attr::kFirstOrderAt:
    case Attr::kLastOrderAt:
    case Attr::kCreatedAt:
      return AttrType::kDate;
  }
  return AttrType::kText;
}

Result<Expr> ParseExpression(const json::value& v) {
  Walk walk;
  return Parse(v, "", 1, walk);
}

Result<Expr> ParseExpressionText(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Fail(Bad("", "not JSON"));
  return ParseExpression(v);
}

json::value ExpressionJson(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr: {
      json::array list;
      for (const auto& c : e.children) list.push_back(ExpressionJson(c));
      return json::object{{e.kind == Expr::Kind::kAnd ? "and" : "or", std::move(list)}};
    }
    case Expr::Kind::kNot:
      return json::object{{"not", ExpressionJson(e.children.at(0))}};
    case Expr::Kind::kTag:
      return json::object{{"tag", EncodeId(e.tag)}};
    case Expr::Kind::kAttr:
      break;
  }
  json::value value;
  if (e.op == Op::kBetween || e.op == Op::kIn) {
    json::array a;
    std::size_t n = TypeOf(e.attr) == AttrType::kText ? e.texts.size() : e.numbers.size();
    for (std::size_t i = 0; i < n; ++i) a.push_back(OperandJson(e, i));
    value = std::move(a);
  } else {
    value = OperandJson(e, 0);
  }
  return json::object{{"attr", TextOf(kAttrText, e.attr)},
                      {"op", TextOf(kOpText, e.op)},
                      {"value", std::move(value)}};
}

std::string ExpressionText(const Expr& e) { return json::serialize(ExpressionJson(e)); }

std::vector<TagId> TagsIn(const Expr& e) {
  std::vector<TagId> out;
  CollectTags(e, out);
  return out;
}

bool ParseDay(std::string_view text, std::int64_t* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  int last = kDays[m - 1] + (m == 2 && LeapYear(y) ? 1 : 0);
  if (d > last) return false;
  *day = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

std::string FormatDay(std::int64_t day) {
  // H. Hinnant's civil_from_days.
  day += 719468;
  const std::int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(day - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace weishang::tags
