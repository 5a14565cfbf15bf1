// A segment's definition: a boolean expression over tags and customer
// attributes, as the console's builder writes it (JSON):
//
//   {"and":[e, …]}   {"or":[e, …]}   {"not":e}   {"tag":"tag_…"}
//   {"attr":"spent_total","op":"between","value":[10000,50000]}
//
// Attributes and the operators each takes:
//   gender, stage, province, city, channel, owner_staff_id  (text)
//       eq, ne, in                 value: "…" (in: ["…", …]); owner_staff_id: "stf_…" or ""
//   orders_count, spent_total (fen), birthday_month (1-12)  (number)
//       eq, ne, lt, lte, gt, gte   value: N;  between: [a, b] inclusive;  in: [N, …]
//   first_order_at, last_order_at, created_at  (date, shop days: UTC+8)
//       eq, lt, lte, gt, gte       value: "YYYY-MM-DD";  between: ["…", "…"] inclusive
//       within_days                value: N (the last N days: at or after now - N days)
//       before_days                value: N (more than N days ago)
// A predicate on an attribute is false for a customer without a value (no
// order yet, no birthday), whatever the operator, so NOT(x) holds for them.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/json.h"

namespace weishang::tags {

enum class Attr {
  kGender,
  kStage,
  kProvince,
  kCity,
  kChannel,
  kOwnerStaffId,
  kOrdersCount,
  kSpentTotal,
  kBirthdayMonth,
  kFirstOrderAt,
  kLastOrderAt,
  kCreatedAt,
};
inline constexpr EnumText<Attr> kAttrText[] = {
    {Attr::kGender, "gender"},
    {Attr::kStage, "stage"},
    {Attr::kProvince, "province"},
    {Attr::kCity, "city"},
    {Attr::kChannel, "channel"},
    {Attr::kOwnerStaffId, "owner_staff_id"},
    {Attr::kOrdersCount, "orders_count"},
    {Attr::kSpentTotal, "spent_total"},
    {Attr::kBirthdayMonth, "birthday_month"},
    {Attr::kFirstOrderAt, "first_order_at"},
    {Attr::kLastOrderAt, "last_order_at"},
    {Attr::kCreatedAt, "created_at"},
};
inline constexpr std::size_t kTextAttrs = 6;  // the first six are text, indexed by value

enum class AttrType { kText, kNumber, kDate };
AttrType TypeOf(Attr a);

enum class Op { kEq, kNe, kLt, kLte, kGt, kGte, kBetween, kIn, kWithinDays, kBeforeDays };
inline constexpr EnumText<Op> kOpText[] = {
    {Op::kEq, "eq"},
    {Op::kNe, "ne"},
    {Op::kLt, "lt"},
    {Op::kLte, "lte"},
    {Op::kGt, "gt"},
    {Op::kGte, "gte"},
    {Op::kBetween, "between"},
    {Op::kIn, "in"},
    {Op::kWithinDays, "within_days"},
    {Op::kBeforeDays, "before_days"},
};

// The values a customer's gender and lifecycle stage take.
inline constexpr std::string_view kGenders[] = {"unknown", "female", "male"};
inline constexpr std::string_view kStages[] = {"acquired",     "interacted", "first_purchase",
                                               "repeat_buyer", "referrer",   "promoter"};

// Limits: deeper or larger expressions are refused (tags.expression_too_deep,
// tags.expression_too_large), as are `in` lists longer than kMaxInValues.
inline constexpr int kMaxDepth = 6;
inline constexpr int kMaxNodes = 64;
inline constexpr std::size_t kMaxInValues = 100;
inline constexpr std::int64_t kMaxNumber = 1'000'000'000'000;  // fen: ¥10 billion
inline constexpr std::int64_t kMaxDays = 36'500;

struct Expr {
  enum class Kind { kAnd, kOr, kNot, kTag, kAttr };
  Kind kind = Kind::kAnd;
  std::vector<Expr> children;  // and, or: one or more; not: exactly one
  TagId tag;                   // kTag
  Attr attr = Attr::kGender;   // kAttr
  Op op = Op::kEq;
  // kAttr's operands: text attributes use `texts`; numbers use `numbers`;
  // dates use `numbers` as shop days (days since 1970-01-01 in UTC+8) or,
  // for within_days and before_days, a count of days.
  std::vector<std::string> texts;
  std::vector<std::int64_t> numbers;
};

// Parses and checks an expression. Fails with kInvalidArgument:
// tags.invalid_expression (the message names where: "and[1].value: …"),
// tags.expression_too_deep, tags.expression_too_large.
Result<Expr> ParseExpression(const json::value& v);
Result<Expr> ParseExpressionText(std::string_view text);

// The canonical JSON of `e` (what is stored, and what ParseExpression reads back).
json::value ExpressionJson(const Expr& e);
std::string ExpressionText(const Expr& e);

// Every tag `e` names, once each, in order of appearance.
std::vector<TagId> TagsIn(const Expr& e);

// Shop days (UTC+8; every shop keeps China Standard Time, as queries/shop_time.h).
inline constexpr std::int64_t kShopUtcOffsetMs = 8LL * 3'600'000;
inline std::int64_t ShopDayOf(std::int64_t t_ms) {
  std::int64_t shifted = t_ms + kShopUtcOffsetMs;
  return shifted >= 0 ? shifted / 86'400'000 : -((-shifted + 86'399'999) / 86'400'000);
}
inline std::int64_t ShopDayStartMs(std::int64_t day) { return day * 86'400'000 - kShopUtcOffsetMs; }
// "2026-11-22" -> days since 1970-01-01; false for anything else.
bool ParseDay(std::string_view text, std::int64_t* day);
std::string FormatDay(std::int64_t day);

}  // namespace weishang::tags
