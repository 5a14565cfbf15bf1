#include "modules/tags/rules.h"

#include <algorithm>

#include "modules/tags/expression.h"
#include "modules/tags/tags_errors.h"

namespace weishang::tags {
namespace {

Error BadRule(const std::string& field, const std::string& what) {
  return Invalid(errors::kInvalidRule, "rule." + field + ": " + what);
}

Result<std::int64_t> Whole(const json::object& o, const char* key, std::int64_t lo,
                           std::int64_t hi) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) return Fail(BadRule(key, "must be a whole number"));
  std::int64_t n = v->as_int64();
  if (n < lo || n > hi) {
    return Fail(BadRule(key, "must be " + std::to_string(lo) + " to " + std::to_string(hi)));
  }
  return n;
}

template <class T>
Result<T> IdField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  std::optional<T> id;
  if (v != nullptr && v->is_string()) id = DecodeId<T>(v->as_string());
  if (!id) {
    return Fail(BadRule(key, "must be an id (" + std::string(T::kPrefix) + "_…)"));
  }
  return *id;
}

Result<Band> BandField(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return Band{};  // any score
  if (!v->is_array() || v->as_array().size() != 2 || !v->as_array()[0].is_int64() ||
      !v->as_array()[1].is_int64()) {
    return Fail(BadRule(key, "must be [min, max] scores"));
  }
  Band b{static_cast<int>(v->as_array()[0].as_int64()),
         static_cast<int>(v->as_array()[1].as_int64())};
  if (b.min < 1 || b.max > 5 || b.min > b.max) {
    return Fail(BadRule(key, "scores are 1 to 5, min at most max"));
  }
  return b;
}

// The score of `value` against four ascending cut points: 1 + how many it reaches.
int Quintile(std::int64_t value, const std::vector<std::int64_t>& cuts) {
  return 1 + static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), value) - cuts.begin());
}

std::vector<std::int64_t> Cuts(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  std::vector<std::int64_t> cuts;
  if (values.empty()) return cuts;
  for (std::size_t k = 1; k <= 4; ++k) cuts.push_back(values[k * values.size() / 5]);
  return cuts;
}

bool InBand(int score, const Band& b) { return score >= b.min && score <= b.max; }

json::array BandJson(const Band& b) { return json::array{b.min, b.max}; }

}  // namespace

Result<Rule> ParseRule(const json::value& v) {
  if (!v.is_object()) return Fail(Invalid(errors::kInvalidRule, "a rule is a JSON object"));
  const json::object& o = v.as_object();
  const json::value* kind = o.if_contains("kind");
  auto k = kind != nullptr && kind->is_string()
               ? FromText(kRuleKindText, std::string_view(kind->as_string()))
               : std::nullopt;
  if (!k) return Fail(BadRule("kind", "unknown rule kind"));
  Rule r;
  r.kind = *k;
  switch (r.kind) {
    case RuleKind::kSpentOver: {
      auto n = Whole(o, "amount", 0, kMaxNumber);
      if (!n) return Fail(n.error());
      r.amount = *n;
      return r;
    }
    case RuleKind::kOrdersAtLeast: {
      auto n = Whole(o, "count", 1, 1'000'000);
      if (!n) return Fail(n.error());
      r.count = *n;
      return r;
    }
    case RuleKind::kBoughtCategory: {
      auto id = IdField<CategoryId>(o, "category_id");
      if (!id) return Fail(id.error());
      r.category_id = *id;
      return r;
    }
    case RuleKind::kBoughtProduct: {
      auto id = IdField<ProductId>(o, "product_id");
      if (!id) return Fail(id.error());
      r.product_id = *id;
      return r;
    }
    case RuleKind::kNoOrderForDays: {
      auto n = Whole(o, "days", 1, kMaxDays);
      if (!n) return Fail(n.error());
      r.days = *n;
      return r;
    }
    case RuleKind::kRfmBand: {
      auto rb = BandField(o, "r");
      if (!rb) return Fail(rb.error());
      auto fb = BandField(o, "f");
      if (!fb) return Fail(fb.error());
      auto mb = BandField(o, "m");
      if (!mb) return Fail(mb.error());
      r.r = *rb;
      r.f = *fb;
      r.m = *mb;
      return r;
    }
    case RuleKind::kAgeStage: {
      const json::value* field = o.if_contains("field");
      if (field == nullptr || !field->is_string() || field->as_string().empty() ||
          field->as_string().size() > 64) {
        return Fail(BadRule("field", "the key of a custom date field, 1 to 64 characters"));
      }
      r.field = std::string(field->as_string());
      auto lo = Whole(o, "min_years", 0, 150);
      if (!lo) return Fail(lo.error());
      auto hi = Whole(o, "max_years", 1, 150);
      if (!hi) return Fail(hi.error());
      if (*lo >= *hi) return Fail(BadRule("max_years", "must be above min_years"));
      r.min_years = static_cast<int>(*lo);
      r.max_years = static_cast<int>(*hi);
      return r;
    }
    case RuleKind::kStageIs: {
      const json::value* stage = o.if_contains("stage");
      if (stage == nullptr || !stage->is_string() ||
          std::find(std::begin(kStages), std::end(kStages), stage->as_string()) ==
              std::end(kStages)) {
        return Fail(BadRule("stage",
                            "a lifecycle stage (acquired, interacted, first_purchase, "
                            "repeat_buyer, referrer, promoter)"));
      }
      r.stage = std::string(stage->as_string());
      return r;
    }
  }
  return Fail(BadRule("kind", "unknown rule kind"));
}

json::value RuleJson(const Rule& r) {
  json::object o{{"kind", TextOf(kRuleKindText, r.kind)}};
  switch (r.kind) {
    case RuleKind::kSpentOver:
      o["amount"] = r.amount;
      break;
    case RuleKind::kOrdersAtLeast:
      o["count"] = r.count;
      break;
    case RuleKind::kBoughtCategory:
      o["category_id"] = EncodeId(r.category_id);
      break;
    case RuleKind::kBoughtProduct:
      o["product_id"] = EncodeId(r.product_id);
      break;
    case RuleKind::kNoOrderForDays:
      o["days"] = r.days;
      break;
    case RuleKind::kRfmBand:
      o["r"] = BandJson(r.r);
      o["f"] = BandJson(r.f);
      o["m"] = BandJson(r.m);
      break;
    case RuleKind::kAgeStage:
      o["field"] = r.field;
      o["min_years"] = r.min_years;
      o["max_years"] = r.max_years;
      break;
    case RuleKind::kStageIs:
      o["stage"] = r.stage;
      break;
  }
  return o;
}

std::string RuleText(const Rule& r) { return json::serialize(RuleJson(r)); }

bool FromPurchases(const Rule& r) {
  return r.kind == RuleKind::kBoughtCategory || r.kind == RuleKind::kBoughtProduct;
}

bool MovesWithTime(const Rule& r) {
  return r.kind == RuleKind::kNoOrderForDays || r.kind == RuleKind::kAgeStage ||
         r.kind == RuleKind::kRfmBand;
}

RfmCuts ComputeRfmCuts(std::vector<std::int64_t> last_order_at, std::vector<std::int64_t> orders,
                       std::vector<std::int64_t> spent) {
  return RfmCuts{Cuts(std::move(last_order_at)), Cuts(std::move(orders)), Cuts(std::move(spent))};
}

json::value RfmCutsJson(const RfmCuts& cuts) {
  auto list = [](const std::vector<std::int64_t>& v) {
    json::array a;
    for (auto x : v) a.push_back(x);
    return a;
  };
  return json::object{{"recency", list(cuts.recency)},
                      {"frequency", list(cuts.frequency)},
                      {"monetary", list(cuts.monetary)}};
}

RfmCuts ParseRfmCuts(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  auto list = [&](const char* key) {
    std::vector<std::int64_t> out;
    const json::value* a = v.as_object().if_contains(key);
    if (a == nullptr || !a->is_array()) return out;
    for (const auto& x : a->as_array()) {
      if (x.is_int64()) out.push_back(x.as_int64());
    }
    return out;
  };
  RfmCuts cuts{list("recency"), list("frequency"), list("monetary")};
  if (cuts.recency.size() != 4 || cuts.frequency.size() != 4 || cuts.monetary.size() != 4) {
    return {};
  }
  return cuts;
}

std::optional<RfmScore> ScoreOf(const CustomerFacts& c, const RfmCuts& cuts) {
  if (cuts.empty() || c.orders_count <= 0 || !c.last_order_at) return std::nullopt;
  return RfmScore{Quintile(*c.last_order_at, cuts.recency),
                  Quintile(c.orders_count, cuts.frequency), Quintile(c.spent_total, cuts.monetary)};
}

std::optional<int> AgeInYears(std::string_view birth_date, std::int64_t today) {
  std::int64_t born = 0;
  if (!ParseDay(birth_date, &born) || born > today) return std::nullopt;
  std::string now = FormatDay(today);
  auto part = [](std::string_view s, std::size_t at, std::size_t n) {
    return std::stoi(std::string(s.substr(at, n)));
  };
  int years = part(now, 0, 4) - part(birth_date, 0, 4);
  // Not yet this year's birthday (month-day text compares in date order).
  if (now.substr(5) < std::string(birth_date.substr(5))) --years;
  return years;
}

bool Matches(const Rule& r, const CustomerFacts& c, const RuleContext& ctx) {
  if (!c.live()) return false;
  switch (r.kind) {
    case RuleKind::kSpentOver:
      return c.spent_total > r.amount;
    case RuleKind::kOrdersAtLeast:
      return c.orders_count >= r.count;
    case RuleKind::kNoOrderForDays:
      return c.last_order_at && ctx.today - ShopDayOf(*c.last_order_at) >= r.days;
    case RuleKind::kRfmBand: {
      if (ctx.rfm == nullptr) return false;
      auto s = ScoreOf(c, *ctx.rfm);
      return s && InBand(s->r, r.r) && InBand(s->f, r.f) && InBand(s->m, r.m);
    }
    case RuleKind::kAgeStage: {
      auto it = c.fields.find(r.field);
      if (it == c.fields.end()) return false;
      auto age = AgeInYears(it->second, ctx.today);
      return age && *age >= r.min_years && *age < r.max_years;
    }
    case RuleKind::kStageIs:
      return c.stage == r.stage;
    case RuleKind::kBoughtCategory:
    case RuleKind::kBoughtProduct:
      return false;
  }
  return false;
}

bool MatchesPurchase(const Rule& r, const PurchaseFacts& p) {
  for (const auto& line : p.lines) {
    if (r.kind == RuleKind::kBoughtCategory && line.category_id == r.category_id) return true;
    if (r.kind == RuleKind::kBoughtProduct && line.product_id == r.product_id) return true;
  }
  return false;
}

}  // namespace weishang::tags
