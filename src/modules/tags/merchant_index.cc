#include "modules/tags/merchant_index.h"

#include <algorithm>
#include <limits>

namespace weishang::tags {
namespace {

constexpr std::int64_t kNull = RangeIndex::kNull;
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::size_t NumberSlot(Attr a) {
  return static_cast<std::size_t>(a) - static_cast<std::size_t>(Attr::kOrdersCount);
}

// The month of "YYYY-MM-DD", or kNull.
std::int64_t BirthdayMonth(const std::string& birthday) {
  std::int64_t day = 0;
  if (!ParseDay(birthday, &day)) return kNull;
  return (birthday[5] - '0') * 10 + (birthday[6] - '0');
}

// [lo, hi) of the values a number or date predicate with one operand selects.
struct Span {
  std::int64_t lo, hi;
};

Span SpanOf(Op op, std::int64_t v) {
  switch (op) {
    case Op::kEq:
      return {v, v + 1};
    case Op::kLt:
      return {kNull + 1, v};
    case Op::kLte:
      return {kNull + 1, v + 1};
    case Op::kGt:
      return {v + 1, kMax};
    case Op::kGte:
      return {v, kMax};
    default:
      return {0, 0};
  }
}

}  // namespace

const Bitmap* MerchantIndex::TextIndex::Find(const std::string& value) const {
  auto it = code.find(value);
  return it == code.end() ? nullptr : &members[it->second];
}

std::uint32_t MerchantIndex::TextIndex::CodeFor(const std::string& value) {
  auto [it, added] = code.emplace(value, static_cast<std::uint32_t>(members.size()));
  if (added) {
    if (members.empty()) members.emplace_back();  // code 0: none
    it->second = static_cast<std::uint32_t>(members.size());
    members.emplace_back();
  }
  return it->second;
}

void MerchantIndex::TextIndex::Set(Ordinal ordinal, const std::string& value) {
  if (ordinal >= code_of.size()) code_of.resize(static_cast<std::size_t>(ordinal) + 1, 0);
  std::uint32_t next = CodeFor(value);
  std::uint32_t old = code_of[ordinal];
  if (old == next) return;
  if (old != 0) members[old].Remove(ordinal);
  members[next].Add(ordinal);
  code_of[ordinal] = next;
}

std::array<std::int64_t, MerchantIndex::kNumberAttrs> MerchantIndex::NumbersOf(
    const CustomerFacts& f) {
  return {f.orders_count,
          f.spent_total,
          BirthdayMonth(f.birthday),
          f.first_order_at.value_or(kNull),
          f.last_order_at.value_or(kNull),
          f.created_at};
}

std::array<std::string, kTextAttrs> MerchantIndex::TextsOf(const CustomerFacts& f) {
  return {f.gender, f.stage,   f.province,
          f.city,   f.channel, f.owner_staff_id ? EncodeId(*f.owner_staff_id) : std::string()};
}

MerchantIndex MerchantIndex::Builder::Finish() {
  MerchantIndex index;
  Ordinal top = 0;
  for (const auto& f : customers_) top = std::max(top, f.ordinal);
  std::size_t size = static_cast<std::size_t>(top) + 1;
  index.customer_of_.assign(size, 0);
  std::array<std::vector<std::int64_t>, kNumberAttrs> numbers;
  for (auto& n : numbers) n.assign(size, kNull);
  std::array<std::vector<std::vector<Ordinal>>, kTextAttrs> by_code;
  std::vector<Ordinal> live, known;
  std::stable_sort(
      customers_.begin(), customers_.end(),
      [](const CustomerFacts& a, const CustomerFacts& b) { return a.ordinal < b.ordinal; });
  for (std::size_t k = 0; k < customers_.size(); ++k) {
    const CustomerFacts& f = customers_[k];
    // Facts given twice for one ordinal: the later ones stand.
    if (f.ordinal == 0 || (k + 1 < customers_.size() && customers_[k + 1].ordinal == f.ordinal)) {
      continue;
    }
    index.customer_of_[f.ordinal] = f.id.value();
    known.push_back(f.ordinal);
    if (f.live()) live.push_back(f.ordinal);
    auto values = NumbersOf(f);
    for (std::size_t i = 0; i < kNumberAttrs; ++i) numbers[i][f.ordinal] = values[i];
    auto texts = TextsOf(f);
    for (std::size_t i = 0; i < kTextAttrs; ++i) {
      TextIndex& t = index.text_[i];
      std::uint32_t code = t.CodeFor(texts[i]);
      if (by_code[i].size() <= code) by_code[i].resize(code + 1);
      by_code[i][code].push_back(f.ordinal);
    }
  }
  index.known_ = Bitmap::Of(known);
  index.live_ = Bitmap::Of(live);
  for (std::size_t i = 0; i < kTextAttrs; ++i) {
    TextIndex& t = index.text_[i];
    t.code_of.assign(size, 0);
    for (std::uint32_t code = 1; code < by_code[i].size(); ++code) {
      t.members[code] = Bitmap::Of(by_code[i][code]);
      t.members[code].Optimize();
      for (Ordinal o : by_code[i][code]) t.code_of[o] = code;
    }
  }
  for (std::size_t i = 0; i < kNumberAttrs; ++i) index.numbers_[i].Build(numbers[i]);
  for (auto& [tag, ordinals] : members_) {
    std::sort(ordinals.begin(), ordinals.end());
    Bitmap b = Bitmap::Of(ordinals);
    b.Optimize();
    index.tags_.emplace(tag, std::move(b));
  }
  customers_.clear();
  members_.clear();
  return index;
}

void MerchantIndex::ApplyFacts(const CustomerFacts& f) {
  if (f.ordinal == 0) return;
  if (f.ordinal >= customer_of_.size()) {
    customer_of_.resize(static_cast<std::size_t>(f.ordinal) + 1, 0);
  }
  customer_of_[f.ordinal] = f.id.value();
  known_.Add(f.ordinal);
  if (f.live()) {
    live_.Add(f.ordinal);
  } else {
    live_.Remove(f.ordinal);
  }
  auto texts = TextsOf(f);
  for (std::size_t i = 0; i < kTextAttrs; ++i) text_[i].Set(f.ordinal, texts[i]);
  auto values = NumbersOf(f);
  for (std::size_t i = 0; i < kNumberAttrs; ++i) numbers_[i].Set(f.ordinal, values[i]);
}

void MerchantIndex::ApplyMembers(TagId tag, const std::vector<Ordinal>& added,
                                 const std::vector<Ordinal>& removed) {
  Bitmap& b = tags_[tag.value()];
  for (Ordinal o : removed) b.Remove(o);
  for (Ordinal o : added) b.Add(o);
}

Bitmap MerchantIndex::EvalText(const Expr& e) const {
  const TextIndex& t = text_[static_cast<std::size_t>(e.attr)];
  std::vector<const Bitmap*> parts;
  for (const auto& v : e.texts) parts.push_back(t.Find(v));
  Bitmap out = Bitmap::Union(parts);
  if (e.op != Op::kNe) return out;
  Bitmap rest = known_;
  rest -= out;
  return rest;
}

// The values a number or date predicate selects, as spans [lo, hi); for
// kNe the one span it leaves out (of the customers with a value).
std::vector<Span> SpansOf(const Expr& e, Timestamp now) {
  bool date = TypeOf(e.attr) == AttrType::kDate;
  switch (e.op) {
    case Op::kNe:
      return {{e.numbers[0], e.numbers[0] + 1}};
    case Op::kIn: {
      std::vector<Span> out;
      for (std::int64_t v : e.numbers) out.push_back({v, v + 1});
      return out;
    }
    case Op::kBetween:
      if (date) return {{ShopDayStartMs(e.numbers[0]), ShopDayStartMs(e.numbers[1] + 1)}};
      return {{e.numbers[0], e.numbers[1] + 1}};
    case Op::kWithinDays:
      return {{now - e.numbers[0] * kDay, kMax}};
    case Op::kBeforeDays:
      return {{kNull + 1, now - e.numbers[0] * kDay}};
    case Op::kEq:
    case Op::kLt:
    case Op::kLte:
    case Op::kGt:
    case Op::kGte:
      break;
  }
  Span s = SpanOf(e.op, e.numbers[0]);
  if (!date) return {s};
  // A date is a whole shop day: [its start, the next day's start).
  return {{s.lo == kNull + 1 ? s.lo : ShopDayStartMs(s.lo),
           s.hi == kMax ? kMax : ShopDayStartMs(s.hi)}};
}

Bitmap MerchantIndex::EvalNumber(const Expr& e, const RangeIndex& r, Timestamp now) const {
  std::vector<Span> spans = SpansOf(e, now);
  if (e.op == Op::kNe) {
    Bitmap out = r.HasValue();
    out -= r.Range(spans[0].lo, spans[0].hi);
    return out;
  }
  if (spans.size() == 1) return r.Range(spans[0].lo, spans[0].hi);
  std::vector<Bitmap> each;
  for (const Span& s : spans) each.push_back(r.Range(s.lo, s.hi));
  std::vector<const Bitmap*> parts;
  for (const auto& b : each) parts.push_back(&b);
  return Bitmap::Union(parts);
}

bool MerchantIndex::HoldsAttr(const Expr& e, Ordinal o, Timestamp now) const {
  if (TypeOf(e.attr) == AttrType::kText) {
    const TextIndex& t = text_[static_cast<std::size_t>(e.attr)];
    std::uint32_t code = o < t.code_of.size() ? t.code_of[o] : 0;
    bool in = false;
    for (const auto& v : e.texts) {
      auto it = t.code.find(v);
      in = in || (code != 0 && it != t.code.end() && it->second == code);
    }
    return e.op == Op::kNe ? known_.Contains(o) && !in : in;
  }
  std::int64_t v = numbers_[NumberSlot(e.attr)].ValueOf(o);
  if (v == kNull) return false;
  bool in = false;
  for (const Span& s : SpansOf(e, now)) in = in || (s.lo <= v && v < s.hi);
  return e.op == Op::kNe ? !in : in;
}

bool MerchantIndex::HoldsLive(const Expr& e, Ordinal o, Timestamp now) const {
  switch (e.kind) {
    case Expr::Kind::kAnd:
      return std::all_of(e.children.begin(), e.children.end(),
                         [&](const Expr& c) { return HoldsLive(c, o, now); });
    case Expr::Kind::kOr:
      return std::any_of(e.children.begin(), e.children.end(),
                         [&](const Expr& c) { return HoldsLive(c, o, now); });
    case Expr::Kind::kNot:
      return !HoldsLive(e.children[0], o, now);
    case Expr::Kind::kTag: {
      auto it = tags_.find(e.tag.value());
      return it != tags_.end() && it->second.Contains(o);
    }
    case Expr::Kind::kAttr:
      return HoldsAttr(e, o, now);
  }
  return false;
}

bool MerchantIndex::Holds(const Expr& e, Ordinal ordinal, Timestamp now) const {
  return live_.Contains(ordinal) && HoldsLive(e, ordinal, now);
}

Bitmap MerchantIndex::EvalAttr(const Expr& e, Timestamp now) const {
  if (TypeOf(e.attr) == AttrType::kText) return EvalText(e);
  return EvalNumber(e, numbers_[NumberSlot(e.attr)], now);
}

// AND: intersect the positive terms smallest first, then take away the
// negated ones (a - b instead of a AND (live - b)).
Bitmap MerchantIndex::EvalAnd(const Expr& e, Timestamp now) const {
  std::vector<Bitmap> positive, negative;
  for (const auto& c : e.children) {
    if (c.kind == Expr::Kind::kNot) {
      negative.push_back(Eval(c.children[0], now));
    } else {
      positive.push_back(Eval(c, now));
    }
  }
  if (positive.empty()) positive.push_back(live_);
  std::sort(positive.begin(), positive.end(),
            [](const Bitmap& a, const Bitmap& b) { return a.Count() < b.Count(); });
  Bitmap out = std::move(positive[0]);
  for (std::size_t i = 1; i < positive.size() && !out.Empty(); ++i) out &= positive[i];
  for (const auto& n : negative) {
    if (out.Empty()) break;
    out -= n;
  }
  return out;
}

Bitmap MerchantIndex::Eval(const Expr& e, Timestamp now) const {
  switch (e.kind) {
    case Expr::Kind::kAnd:
      return EvalAnd(e, now);
    case Expr::Kind::kOr: {
      std::vector<Bitmap> each;
      for (const auto& c : e.children) each.push_back(Eval(c, now));
      std::vector<const Bitmap*> parts;
      for (const auto& b : each) parts.push_back(&b);
      return Bitmap::Union(parts);
    }
    case Expr::Kind::kNot: {
      Bitmap out = live_;
      out -= Eval(e.children[0], now);
      return out;
    }
    case Expr::Kind::kTag: {
      auto it = tags_.find(e.tag.value());
      return it == tags_.end() ? Bitmap() : it->second;
    }
    case Expr::Kind::kAttr:
      return EvalAttr(e, now);
  }
  return Bitmap();
}

Bitmap MerchantIndex::InScope(Bitmap set, const Scope& scope) const {
  set &= live_;
  if (scope.owner) {
    const Bitmap* own =
        text_[static_cast<std::size_t>(Attr::kOwnerStaffId)].Find(EncodeId(*scope.owner));
    if (own == nullptr) return Bitmap();
    set &= *own;
  }
  return set;
}

Bitmap MerchantIndex::Evaluate(const Expr& e, const Scope& scope, Timestamp now) const {
  return InScope(Eval(e, now), scope);
}

Bitmap MerchantIndex::WithTag(TagId tag, const Scope& scope) const {
  auto it = tags_.find(tag.value());
  if (it == tags_.end()) return Bitmap();
  return InScope(it->second, scope);
}

std::vector<Member> MerchantIndex::Page(const Bitmap& set, std::optional<Ordinal> before,
                                        std::size_t limit) const {
  std::vector<Member> out;
  for (Ordinal o : set.Descending(before, limit)) {
    out.push_back(Member{CustomerId(o < customer_of_.size() ? customer_of_[o] : 0), o});
  }
  return out;
}

std::optional<CustomerId> MerchantIndex::CustomerAt(Ordinal ordinal) const {
  if (ordinal >= customer_of_.size() || customer_of_[ordinal] == 0) return std::nullopt;
  return CustomerId(customer_of_[ordinal]);
}

}  // namespace weishang::tags
