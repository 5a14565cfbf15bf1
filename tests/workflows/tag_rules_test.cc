// Rule tags kept by the tag_rules handler (through a real dispatcher) and
// the rule job, on a real database: each rule kind follows its customers'
// facts, merges and erasures move tags, new rules are computed for everyone,
// the time rules move at midnight, and after random changes every rule tag
// holds exactly the customers its rule selects.
#include "workflows/tags/tag_rules.h"

#include <gtest/gtest.h>

#include <random>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "modules/tags/memory_facts.h"
#include "testing/temp_db.h"

namespace weishang::workflows {
namespace {

using tags::CustomerFacts;
using tags::Rule;
using tags::RuleKind;
using tags::testing::MemoryFacts;

constexpr MerchantId kShop{101};
constexpr Timestamp kNow = 1'790'000'000'000;  // 2026-09-21T14:13:20Z, 22:13 in the shop

class TagRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The handler's cursor from before the first event (a running server
    // creates it when it starts).
    ASSERT_TRUE(db_.db().Write(
        [](storage::Tx& tx) { return events::CreateCursor(tx, "tag_rules", 0, 0); }));
  }
  template <class Fn>
  auto Write(Fn&& fn) {
    auto r = db_.Write(std::forward<Fn>(fn));
    EXPECT_TRUE(r) << r.error().code << ": " << r.error().message;
    return r;
  }
  TagId RuleTag(Rule rule) {
    if (!group_.valid()) {
      group_ = Write([&](storage::Tx& tx) {
                 return tags_.CreateGroup(tx, kShop, {"规则", tags::Choice::kMulti, 0});
               })->id;
    }
    tags::TagInput in{group_, "t" + std::to_string(++made_), "#112233", tags::TagKind::kRule, rule,
                      0};
    return Write([&](storage::Tx& tx) { return tags_.CreateTag(tx, kShop, in); })->id;
  }
  TagId ManualTag() {
    if (!group_.valid())
      RuleTag(Rule{RuleKind::kStageIs, 0, 0, {}, {}, 0, {}, {}, {}, "", 0, 0, "promoter"});
    tags::TagInput in{
        group_, "m" + std::to_string(++made_), "#112233", tags::TagKind::kManual, std::nullopt, 0};
    return Write([&](storage::Tx& tx) { return tags_.CreateTag(tx, kShop, in); })->id;
  }
  CustomerFacts Customer(tags::Ordinal o) {
    CustomerFacts f;
    f.id = CustomerId(7000 + o);
    f.ordinal = o;
    f.gender = "female";
    f.stage = "acquired";
    f.created_at = kNow - 400 * kDay;
    return f;
  }
  void Save(const CustomerFacts& f) {
    Write([&](storage::Tx& tx) { return facts_.Save(tx, kShop, f, clock_.Now()); });
  }
  void Deliver() {
    for (;;) {
      auto n = dispatcher_.RunOnce();
      ASSERT_TRUE(n) << n.error().code << ": " << n.error().message;
      if (*n == 0) return;
    }
  }
  void RunJob() {
    auto ran = EvaluateRuleTags(db_.db(), tags_, facts_, clock_.Now());
    ASSERT_TRUE(ran) << ran.error().message;
  }
  std::set<tags::Ordinal> Members(TagId tag) {
    std::set<tags::Ordinal> out;
    auto members = db_.Read([&](storage::Tx& tx) { return tags_.MembersOf(tx, kShop, tag); });
    EXPECT_TRUE(members);
    for (const auto& t : *members) out.insert(t.ordinal);
    return out;
  }
  tags::Tag Get(TagId tag) {
    return *db_.Read([&](storage::Tx& tx) { return tags_.GetTag(tx, kShop, tag); });
  }

  testing::TempDb db_;
  FakeClock clock_{kNow};
  IdGenerator ids_{1};
  tags::TagService tags_{clock_, ids_};
  MemoryFacts facts_;
  events::Dispatcher dispatcher_{db_.db(), clock_, {TagRulesHandler(tags_, facts_, clock_)}};
  TagGroupId group_;
  int made_ = 0;
};

Rule Spent(std::int64_t fen) { return Rule{RuleKind::kSpentOver, fen}; }

TEST_F(TagRulesTest, FactRulesFollowEachChangeOfTheCustomer) {
  TagId big = RuleTag(Spent(50'000));
  TagId loyal = RuleTag(Rule{RuleKind::kOrdersAtLeast, 0, 3});
  Rule repeat;
  repeat.kind = RuleKind::kStageIs;
  repeat.stage = "repeat_buyer";
  TagId repeaters = RuleTag(repeat);
  CustomerFacts c = Customer(1);
  c.spent_total = 60'000;
  c.orders_count = 3;
  c.stage = "repeat_buyer";
  c.last_order_at = kNow - kDay;
  Save(c);
  Deliver();
  EXPECT_EQ(Members(big), std::set<tags::Ordinal>{1});
  EXPECT_EQ(Members(loyal), std::set<tags::Ordinal>{1});
  EXPECT_EQ(Members(repeaters), std::set<tags::Ordinal>{1});
  c.spent_total = 40'000;  // a refund
  Save(c);
  Deliver();
  EXPECT_TRUE(Members(big).empty());
  EXPECT_EQ(Members(loyal), std::set<tags::Ordinal>{1});
}

TEST_F(TagRulesTest, PaidOrdersGiveCategoryAndProductTags) {
  Rule cat;
  cat.kind = RuleKind::kBoughtCategory;
  cat.category_id = CategoryId(31);
  Rule prd;
  prd.kind = RuleKind::kBoughtProduct;
  prd.product_id = ProductId(41);
  TagId by_cat = RuleTag(cat), by_prd = RuleTag(prd);
  Save(Customer(1));
  Save(Customer(2));
  Write([&](storage::Tx& tx) {
    return facts_.Purchase(
        tx, kShop,
        {CustomerId(7001), 1, OrderId(9), kNow, {{ProductId(40), SkuId(1), CategoryId(31), 1}}},
        kNow);
  });
  Write([&](storage::Tx& tx) {
    return facts_.Purchase(
        tx, kShop, {CustomerId(7002), 2, OrderId(10), kNow, {{ProductId(41), SkuId(2), {}, 2}}},
        kNow);
  });
  Deliver();
  EXPECT_EQ(Members(by_cat), std::set<tags::Ordinal>{1});
  EXPECT_EQ(Members(by_prd), std::set<tags::Ordinal>{2});
}

TEST_F(TagRulesTest, AMergeMovesTagsToTheCustomerKeptAndAnErasureRemovesThem) {
  TagId manual = ManualTag();
  TagId big = RuleTag(Spent(100));
  CustomerFacts a = Customer(1), b = Customer(2);
  a.spent_total = 500;
  Save(a);
  Save(b);
  Deliver();
  Write([&](storage::Tx& tx) { return tags_.AddManual(tx, kShop, manual, {{a.id, a.ordinal}}); });
  // The customers module merges a into b: a merged away, b with the summed facts.
  a.merged_into = b.id;
  Save(a);
  b.spent_total = 500;
  Save(b);
  Deliver();
  EXPECT_EQ(Members(manual), std::set<tags::Ordinal>{2});
  EXPECT_EQ(Members(big), std::set<tags::Ordinal>{2});
  b.erased = true;
  Save(b);
  Deliver();
  EXPECT_TRUE(Members(manual).empty());
  EXPECT_TRUE(Members(big).empty());
}

TEST_F(TagRulesTest, ANewRuleIsComputedForEveryoneByTheJob) {
  for (tags::Ordinal o = 1; o <= 30; ++o) {
    CustomerFacts c = Customer(o);
    c.spent_total = o * 1000;
    Save(c);
  }
  Deliver();
  TagId big = RuleTag(Spent(20'000));
  EXPECT_TRUE(Get(big).pending());
  EXPECT_TRUE(Members(big).empty());
  RunJob();
  std::set<tags::Ordinal> want;
  for (tags::Ordinal o = 21; o <= 30; ++o) want.insert(o);
  EXPECT_EQ(Members(big), want);
  EXPECT_FALSE(Get(big).pending());
  // A changed rule is computed again.
  Write([&](storage::Tx& tx) {
    tags::TagUpdate u;
    u.rule = Spent(28'000);
    return tags_.UpdateTag(tx, kShop, big, u);
  });
  EXPECT_TRUE(Get(big).pending());
  RunJob();
  EXPECT_EQ(Members(big), (std::set<tags::Ordinal>{29, 30}));
}

TEST_F(TagRulesTest, TimeRulesMoveAfterMidnight) {
  Rule quiet;
  quiet.kind = RuleKind::kNoOrderForDays;
  quiet.days = 30;
  Rule toddler, preschool;
  toddler.kind = preschool.kind = RuleKind::kAgeStage;
  toddler.field = preschool.field = "child_birth_date";
  toddler.min_years = 0;
  toddler.max_years = 3;
  preschool.min_years = 3;
  preschool.max_years = 6;
  TagId q = RuleTag(quiet), t = RuleTag(toddler), p = RuleTag(preschool);
  std::int64_t today = tags::ShopDayOf(kNow);
  CustomerFacts c = Customer(1);
  c.orders_count = 1;
  c.spent_total = 100;
  c.last_order_at = tags::ShopDayStartMs(today - 29) + kHour;
  // Three years old the day after tomorrow.
  std::string third_birthday = tags::FormatDay(today + 2);
  c.fields["child_birth_date"] =
      std::to_string(std::stoi(third_birthday.substr(0, 4)) - 3) + third_birthday.substr(4);
  Save(c);
  Deliver();
  RunJob();
  EXPECT_TRUE(Members(q).empty());
  EXPECT_EQ(Members(t), std::set<tags::Ordinal>{1});
  EXPECT_TRUE(Members(p).empty());
  clock_.Advance(2 * kDay);
  RunJob();
  EXPECT_EQ(Members(q), std::set<tags::Ordinal>{1});
  EXPECT_TRUE(Members(t).empty());
  EXPECT_EQ(Members(p), std::set<tags::Ordinal>{1});
  // Once a day: the same day again changes nothing and evaluates nobody.
  auto again = EvaluateRuleTags(db_.db(), tags_, facts_, clock_.Now());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->handled, 0);
}

// The handler's incremental work and the job's full evaluation agree with
// each rule applied to the final facts, after random changes.
TEST_F(TagRulesTest, AfterRandomChangesEveryRuleTagHoldsWhatItsRuleSelects) {
  std::mt19937 rng(17);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<Rule> rules;
  rules.push_back(Spent(30'000));
  rules.push_back(Rule{RuleKind::kOrdersAtLeast, 0, 4});
  Rule quiet;
  quiet.kind = RuleKind::kNoOrderForDays;
  quiet.days = 60;
  rules.push_back(quiet);
  Rule champions;
  champions.kind = RuleKind::kRfmBand;
  champions.r = {4, 5};
  champions.f = {4, 5};
  rules.push_back(champions);
  Rule stage;
  stage.kind = RuleKind::kStageIs;
  stage.stage = "first_purchase";
  rules.push_back(stage);
  std::vector<TagId> ids;
  for (const auto& r : rules) ids.push_back(RuleTag(r));
  RunJob();  // computes the (empty) rules and RFM cut points for today
  std::map<tags::Ordinal, CustomerFacts> final_facts;
  for (int i = 0; i < 400; ++i) {
    tags::Ordinal o = static_cast<tags::Ordinal>(pick(1, 120));
    CustomerFacts c = Customer(o);
    c.orders_count = pick(0, 8);
    if (c.orders_count > 0) {
      c.spent_total = c.orders_count * pick(1000, 20'000);
      c.last_order_at = kNow - pick(0, 200) * kDay;
      c.first_order_at = *c.last_order_at - pick(0, 100) * kDay;
    }
    c.stage = std::string(tags::kStages[static_cast<std::size_t>(pick(0, 5))]);
    c.erased = pick(0, 30) == 0;
    final_facts[o] = c;
    Save(c);
  }
  Deliver();
  auto expect_rules_hold = [&](const std::string& when) {
    auto state = *db_.Read([&](storage::Tx& tx) { return tags_.GetRuleState(tx, kShop); });
    tags::RuleContext ctx{tags::ShopDayOf(clock_.Now()), &state.rfm};
    for (std::size_t k = 0; k < rules.size(); ++k) {
      std::set<tags::Ordinal> want;
      for (const auto& [o, c] : final_facts) {
        if (tags::Matches(rules[k], c, ctx)) want.insert(o);
      }
      EXPECT_EQ(Members(ids[k]), want) << when << ": " << tags::RuleText(rules[k]);
    }
  };
  expect_rules_hold("after the handler");
  clock_.Advance(kDay);  // the next night: fresh RFM cut points, every time rule again
  RunJob();
  expect_rules_hold("after the nightly job");
}

}  // namespace
}  // namespace weishang::workflows
