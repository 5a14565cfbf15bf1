// Rule tags: a tag whose members follow from the customers' facts, kept by
// the event handlers (customer.changed, customer.purchased) and by the
// nightly job for the rules that move with time. A rule is JSON:
//
//   {"kind":"spent_over","amount":50000}            spent more than ¥500.00 (fen)
//   {"kind":"orders_at_least","count":3}             3 or more paid orders
//   {"kind":"bought_category","category_id":"cat_…"} ever bought in the category
//   {"kind":"bought_product","product_id":"prd_…"}   ever bought the product
//   {"kind":"no_order_for_days","days":90}           ordered before, not in the last 90 days
//   {"kind":"rfm_band","r":[4,5],"f":[4,5],"m":[1,5]} RFM scores in these bands (below)
//   {"kind":"age_stage","field":"child_birth_date","min_years":0,"max_years":3}
//                                                    the custom date field's age in whole
//                                                    years is in [min_years, max_years)
//   {"kind":"stage_is","stage":"repeat_buyer"}       lifecycle stage
//
// RFM: among a merchant's live customers with at least one order, each of
// recency (the last order's time), frequency (orders) and monetary (spend)
// is scored 1 to 5 by quintile: four cut points at the 20th, 40th, 60th and
// 80th percentile of the values, and a score of 1 plus the number of cut
// points the value reaches (so ties share a score, and more recent, more
// frequent, bigger spenders score higher). The cut points are recomputed by
// the nightly job; customers without an order have no score.
// Days are shop days (UTC+8). Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/json.h"
#include "modules/tags/customer_facts.h"

namespace weishang::tags {

enum class RuleKind {
  kSpentOver,
  kOrdersAtLeast,
  kBoughtCategory,
  kBoughtProduct,
  kNoOrderForDays,
  kRfmBand,
  kAgeStage,
  kStageIs,
};
inline constexpr EnumText<RuleKind> kRuleKindText[] = {
    {RuleKind::kSpentOver, "spent_over"},
    {RuleKind::kOrdersAtLeast, "orders_at_least"},
    {RuleKind::kBoughtCategory, "bought_category"},
    {RuleKind::kBoughtProduct, "bought_product"},
    {RuleKind::kNoOrderForDays, "no_order_for_days"},
    {RuleKind::kRfmBand, "rfm_band"},
    {RuleKind::kAgeStage, "age_stage"},
    {RuleKind::kStageIs, "stage_is"},
};

// Scores from `min` to `max`, both in 1..5.
struct Band {
  int min = 1;
  int max = 5;
};

struct Rule {
  RuleKind kind = RuleKind::kSpentOver;
  std::int64_t amount = 0;  // spent_over, fen
  std::int64_t count = 0;   // orders_at_least
  CategoryId category_id;   // bought_category
  ProductId product_id;     // bought_product
  std::int64_t days = 0;    // no_order_for_days
  Band r, f, m;             // rfm_band
  std::string field;        // age_stage: the custom field holding a date
  int min_years = 0, max_years = 0;
  std::string stage;  // stage_is
};

// Parses and checks a rule; kInvalidArgument tags.invalid_rule naming the field.
Result<Rule> ParseRule(const json::value& v);
json::value RuleJson(const Rule& r);
std::string RuleText(const Rule& r);

// Kept from customer.purchased (and a rebuild over past purchases); never
// taken away except when the customer is merged or erased.
bool FromPurchases(const Rule& r);
// Moves with time, so the nightly job evaluates it again for everyone.
bool MovesWithTime(const Rule& r);

// The cut points of the merchant's RFM quintiles (four per dimension,
// ascending); empty when no customer has ordered.
struct RfmCuts {
  std::vector<std::int64_t> recency, frequency, monetary;  // last_order_at, orders, fen
  bool empty() const { return recency.empty(); }
};
// The cut points over these live customers' facts (those with an order count).
RfmCuts ComputeRfmCuts(std::vector<std::int64_t> last_order_at, std::vector<std::int64_t> orders,
                       std::vector<std::int64_t> spent);
json::value RfmCutsJson(const RfmCuts& cuts);
RfmCuts ParseRfmCuts(std::string_view text);  // empty cuts for anything unreadable

struct RfmScore {
  int r = 0, f = 0, m = 0;
};
std::optional<RfmScore> ScoreOf(const CustomerFacts& c, const RfmCuts& cuts);

// What a rule that follows the facts is judged against.
struct RuleContext {
  std::int64_t today = 0;  // shop day
  const RfmCuts* rfm = nullptr;
};

// Whether a live customer with facts `c` belongs to a fact-based rule's tag
// (every kind but the purchase ones, which answer false).
bool Matches(const Rule& r, const CustomerFacts& c, const RuleContext& ctx);
// Whether a purchase puts its customer in a purchase rule's tag.
bool MatchesPurchase(const Rule& r, const PurchaseFacts& p);

// Whole years from the date "YYYY-MM-DD" to shop day `today`; nullopt for no
// date, a malformed one or one after today.
std::optional<int> AgeInYears(std::string_view birth_date, std::int64_t today);

}  // namespace weishang::tags
