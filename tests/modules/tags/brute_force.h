// A segment evaluated the slow, obvious way: every customer, one at a time,
// straight from the expression's documented meaning (expression.h). The
// index's answers are compared with this one's.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "modules/tags/customer_facts.h"
#include "modules/tags/expression.h"
#include "modules/tags/merchant_index.h"

namespace weishang::tags::testing {

// What a merchant's customers are, in full.
struct World {
  std::map<Ordinal, CustomerFacts> customers;
  std::set<std::pair<Id, Ordinal>> members;  // (tag, ordinal)

  MerchantIndex Build() const {
    MerchantIndex::Builder b;
    for (const auto& [o, f] : customers) b.AddCustomer(f);
    for (const auto& [tag, o] : members) b.AddMember(TagId(tag), o);
    return b.Finish();
  }
};

inline std::optional<std::string> TextOfAttr(const CustomerFacts& f, Attr a) {
  switch (a) {
    case Attr::kGender:
      return f.gender;
    case Attr::kStage:
      return f.stage;
    case Attr::kProvince:
      return f.province;
    case Attr::kCity:
      return f.city;
    case Attr::kChannel:
      return f.channel;
    case Attr::kOwnerStaffId:
      return f.owner_staff_id ? EncodeId(*f.owner_staff_id) : std::string();
    default:
      return std::nullopt;
  }
}

inline std::optional<std::int64_t> NumberOfAttr(const CustomerFacts& f, Attr a) {
  switch (a) {
    case Attr::kOrdersCount:
      return f.orders_count;
    case Attr::kSpentTotal:
      return f.spent_total;
    case Attr::kBirthdayMonth: {
      std::int64_t day = 0;
      if (!ParseDay(f.birthday, &day)) return std::nullopt;
      return std::stoi(f.birthday.substr(5, 2));
    }
    case Attr::kFirstOrderAt:
      return f.first_order_at;
    case Attr::kLastOrderAt:
      return f.last_order_at;
    case Attr::kCreatedAt:
      return f.created_at;
    default:
      return std::nullopt;
  }
}

inline bool Holds(const World& w, const CustomerFacts& f, const Expr& e, Timestamp now) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
      return std::all_of(e.children.begin(), e.children.end(),
                         [&](const Expr& c) { return Holds(w, f, c, now); });
    case Expr::Kind::kOr:
      return std::any_of(e.children.begin(), e.children.end(),
                         [&](const Expr& c) { return Holds(w, f, c, now); });
    case Expr::Kind::kNot:
      return !Holds(w, f, e.children[0], now);
    case Expr::Kind::kTag:
      return w.members.count({e.tag.value(), f.ordinal}) > 0;
    case Expr::Kind::kAttr:
      break;
  }
  if (TypeOf(e.attr) == AttrType::kText) {
    std::string v = *TextOfAttr(f, e.attr);
    bool in = std::find(e.texts.begin(), e.texts.end(), v) != e.texts.end();
    return e.op == Op::kNe ? !in : in;
  }
  auto v = NumberOfAttr(f, e.attr);
  if (!v) return false;
  const auto& n = e.numbers;
  if (TypeOf(e.attr) == AttrType::kDate) {
    if (e.op == Op::kWithinDays) return *v >= now - n[0] * kDay;
    if (e.op == Op::kBeforeDays) return *v < now - n[0] * kDay;
    std::int64_t day = ShopDayOf(*v);
    switch (e.op) {
      case Op::kEq:
        return day == n[0];
      case Op::kLt:
        return day < n[0];
      case Op::kLte:
        return day <= n[0];
      case Op::kGt:
        return day > n[0];
      case Op::kGte:
        return day >= n[0];
      case Op::kBetween:
        return day >= n[0] && day <= n[1];
      default:
        return false;
    }
  }
  switch (e.op) {
    case Op::kEq:
      return *v == n[0];
    case Op::kNe:
      return *v != n[0];
    case Op::kLt:
      return *v < n[0];
    case Op::kLte:
      return *v <= n[0];
    case Op::kGt:
      return *v > n[0];
    case Op::kGte:
      return *v >= n[0];
    case Op::kBetween:
      return *v >= n[0] && *v <= n[1];
    case Op::kIn:
      return std::find(n.begin(), n.end(), *v) != n.end();
    default:
      return false;
  }
}

// The ordinals of the live customers in `scope` for whom `e` holds.
inline std::vector<Ordinal> BruteForce(const World& w, const Expr& e, const Scope& scope,
                                       Timestamp now) {
  std::vector<Ordinal> out;
  for (const auto& [o, f] : w.customers) {
    if (!f.live()) continue;
    if (scope.owner && f.owner_staff_id != scope.owner) continue;
    if (Holds(w, f, e, now)) out.push_back(o);
  }
  return out;
}

}  // namespace weishang::tags::testing
