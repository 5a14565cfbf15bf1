// Random customers, tag memberships and segment expressions from a fixed
// seed, shaped like a real shop's (most customers never ordered, spend is
// skewed, a few provinces dominate), for comparing the index with the brute
// force on data it was not written against.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "modules/tags/brute_force.h"
#include "modules/tags/expression.h"

namespace weishang::tags::testing {

inline constexpr Timestamp kNow = 1'790'000'000'000;  // 2026-09-21
inline const std::vector<std::string> kProvinces = {"广东", "浙江", "江苏", "上海", "四川", ""};
inline const std::vector<std::string> kCities = {"广州", "深圳", "杭州", "宁波",
                                                 "南京", "上海", "成都", ""};
inline const std::vector<std::string> kChannels = {"share", "qr", "search", "referral", ""};

class RandomWorld {
 public:
  explicit RandomWorld(std::uint32_t seed) : rng_(seed) {}

  std::int64_t Int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& Pick(const std::vector<T>& from) {
    return from[static_cast<std::size_t>(Int(0, static_cast<std::int64_t>(from.size()) - 1))];
  }

  std::vector<StaffId> staff = {StaffId(501), StaffId(502), StaffId(503)};
  std::vector<TagId> tags;

  CustomerFacts Customer(Ordinal ordinal) {
    CustomerFacts f;
    f.id = CustomerId(100'000 + ordinal);
    f.ordinal = ordinal;
    f.gender = std::string(kGenders[Int(0, 2)]);
    f.stage = std::string(kStages[Int(0, 5)]);
    f.province = Pick(kProvinces);
    f.city = Pick(kCities);
    f.channel = Pick(kChannels);
    if (Chance(0.8)) f.owner_staff_id = Pick(staff);
    f.created_at = kNow - Int(0, 4 * 365) * kDay - Int(0, kDay);
    if (Chance(0.6)) f.birthday = FormatDay(Int(-3650, 15000));
    f.orders_count = Chance(0.4) ? 0 : Int(1, 30);
    if (f.orders_count > 0) {
      f.spent_total = f.orders_count * Int(500, 50'000);
      f.first_order_at = f.created_at + Int(0, 100) * kDay;
      f.last_order_at = *f.first_order_at + Int(0, 700) * kDay + Int(0, kDay);
      if (*f.last_order_at > kNow) f.last_order_at = kNow - Int(0, kDay);
      if (*f.first_order_at > *f.last_order_at) f.first_order_at = f.last_order_at;
    }
    if (Chance(0.03)) f.erased = true;
    if (Chance(0.03)) f.merged_into = CustomerId(100'000 + Int(1, 10));
    if (Chance(0.3)) f.fields["child_birth_date"] = FormatDay(ShopDayOf(kNow) - Int(0, 5000));
    return f;
  }

  World MakeWorld(int customers, int tag_count) {
    World w;
    for (int t = 0; t < tag_count; ++t) tags.push_back(TagId(9000 + t));
    for (Ordinal o = 1; o <= static_cast<Ordinal>(customers); ++o) w.customers[o] = Customer(o);
    for (std::size_t t = 0; t < tags.size(); ++t) {
      double density = 0.01 + 0.5 * static_cast<double>(t) / static_cast<double>(tags.size());
      for (const auto& [o, f] : w.customers) {
        if (Chance(density)) w.members.insert({tags[t].value(), o});
      }
    }
    return w;
  }

  Expr Leaf() {
    Expr e;
    if (Chance(0.25)) {
      e.kind = Expr::Kind::kTag;
      e.tag = Chance(0.05) ? TagId(77) : Pick(tags);  // sometimes a tag nobody carries
      return e;
    }
    e.kind = Expr::Kind::kAttr;
    e.attr = kAttrText[Int(0, std::size(kAttrText) - 1)].value;
    switch (TypeOf(e.attr)) {
      case AttrType::kText: {
        static const std::vector<Op> kOps = {Op::kEq, Op::kNe, Op::kIn};
        e.op = Pick(kOps);
        int n = e.op == Op::kIn ? static_cast<int>(Int(1, 3)) : 1;
        for (int i = 0; i < n; ++i) e.texts.push_back(TextValue(e.attr));
        return e;
      }
      case AttrType::kNumber: {
        static const std::vector<Op> kOps = {Op::kEq, Op::kNe,  Op::kLt,      Op::kLte,
                                             Op::kGt, Op::kGte, Op::kBetween, Op::kIn};
        e.op = Pick(kOps);
        int n = e.op == Op::kIn ? static_cast<int>(Int(1, 4)) : e.op == Op::kBetween ? 2 : 1;
        for (int i = 0; i < n; ++i) e.numbers.push_back(NumberValue(e.attr));
        if (e.op == Op::kBetween && e.numbers[0] > e.numbers[1]) {
          std::swap(e.numbers[0], e.numbers[1]);
        }
        return e;
      }
      case AttrType::kDate: {
        static const std::vector<Op> kOps = {Op::kEq,         Op::kLt,        Op::kLte,
                                             Op::kGt,         Op::kGte,       Op::kBetween,
                                             Op::kWithinDays, Op::kBeforeDays};
        e.op = Pick(kOps);
        if (e.op == Op::kWithinDays || e.op == Op::kBeforeDays) {
          e.numbers.push_back(Int(0, 1500));
          return e;
        }
        int n = e.op == Op::kBetween ? 2 : 1;
        for (int i = 0; i < n; ++i) e.numbers.push_back(ShopDayOf(kNow) - Int(0, 1600));
        if (n == 2 && e.numbers[0] > e.numbers[1]) std::swap(e.numbers[0], e.numbers[1]);
        return e;
      }
    }
    return e;
  }

  Expr Expression(int depth) {
    if (depth <= 1 || Chance(0.3)) return Leaf();
    Expr e;
    double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    e.kind = r < 0.45 ? Expr::Kind::kAnd : r < 0.85 ? Expr::Kind::kOr : Expr::Kind::kNot;
    int n = e.kind == Expr::Kind::kNot ? 1 : static_cast<int>(Int(1, 4));
    for (int i = 0; i < n; ++i) e.children.push_back(Expression(depth - 1));
    return e;
  }

 private:
  std::string TextValue(Attr a) {
    switch (a) {
      case Attr::kGender:
        return std::string(kGenders[Int(0, 2)]);
      case Attr::kStage:
        return std::string(kStages[Int(0, 5)]);
      case Attr::kProvince:
        return Pick(kProvinces);
      case Attr::kCity:
        return Chance(0.1) ? "拉萨" : Pick(kCities);
      case Attr::kChannel:
        return Pick(kChannels);
      default:
        return Chance(0.2) ? "" : EncodeId(Pick(staff));
    }
  }
  std::int64_t NumberValue(Attr a) {
    switch (a) {
      case Attr::kOrdersCount:
        return Int(0, 31);
      case Attr::kSpentTotal:
        return Chance(0.2) ? 0 : Int(0, 800'000);
      case Attr::kBirthdayMonth:
        return Int(1, 12);
      default:
        return 0;
    }
  }

  std::mt19937 rng_;
};

}  // namespace weishang::tags::testing
