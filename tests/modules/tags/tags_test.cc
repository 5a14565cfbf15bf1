// The tags module on a real database (both engines): groups, tags, manual
// members, segments, and the segment bitmaps following the outbox, on one
// node and on a second one that opened the same database.
#include "modules/tags/tags.h"

#include <gtest/gtest.h>

#include "modules/tags/memory_facts.h"
#include "modules/tags/segment_index.h"
#include "modules/tags/tags_errors.h"
#include "modules/tags/tags_events.h"
#include "testing/temp_db.h"

namespace weishang::tags::testing {
namespace {

constexpr MerchantId kShop{101};
constexpr MerchantId kOther{202};
constexpr Timestamp kNow = 1'790'000'000'000;

class TagsTest : public ::testing::Test {
 protected:
  template <class Fn>
  auto Write(Fn&& fn) {
    auto r = db_.Write(std::forward<Fn>(fn));
    EXPECT_TRUE(r) << r.error().code << ": " << r.error().message;
    return r;
  }

  Group MakeGroup(MerchantId m, std::string name, Choice choice = Choice::kMulti) {
    return *Write([&](Tx& tx) { return tags_.CreateGroup(tx, m, {name, choice, 0}); });
  }
  Tag MakeTag(MerchantId m, TagGroupId g, std::string name, std::optional<Rule> rule = {}) {
    TagInput in{g, name, "#FF8800", rule ? TagKind::kRule : TagKind::kManual, rule, 0};
    return *Write([&](Tx& tx) { return tags_.CreateTag(tx, m, in); });
  }
  CustomerFacts Customer(Ordinal o, std::string gender = "female", std::int64_t spent = 0) {
    CustomerFacts f;
    f.id = CustomerId(5000 + o);
    f.ordinal = o;
    f.gender = gender;
    f.stage = "acquired";
    f.spent_total = spent;
    f.created_at = kNow - o * kDay;
    return f;
  }
  void Save(MerchantId m, const CustomerFacts& f) {
    Write([&](Tx& tx) { return facts_.Save(tx, m, f, kNow); });
  }
  Target TargetOf(const CustomerFacts& f) { return {f.id, f.ordinal}; }
  std::int64_t EventsOf(std::string_view kind) {
    return *db_.Read([&](Tx& tx) -> Result<std::int64_t> {
      auto row = tx.QueryOne("SELECT COUNT(*) FROM events_outbox WHERE kind = ?", {kind});
      if (!row) return Fail(row.error());
      return (*row)->Int(0);
    });
  }
  Expr Parse(std::string_view text) {
    auto e = ParseExpressionText(text);
    EXPECT_TRUE(e) << e.error().message;
    return *e;
  }

  weishang::testing::TempDb db_;
  FakeClock clock_{kNow};
  IdGenerator ids_{1};
  TagService tags_{clock_, ids_};
  MemoryFacts facts_;
};

TEST_F(TagsTest, GroupsAndTagsBelongToTheirMerchant) {
  Group g = MakeGroup(kShop, "消费");
  Tag t = MakeTag(kShop, g.id, "大客户", Rule{RuleKind::kSpentOver, 50000});
  EXPECT_TRUE(t.pending());
  auto other = db_.Read([&](Tx& tx) { return tags_.GetTag(tx, kOther, t.id); });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, errors::kTagNotFound);
  auto foreign = db_.Write([&](Tx& tx) {
    return tags_.CreateTag(tx, kOther, {g.id, "x", "#000000", TagKind::kManual, {}, 0});
  });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, errors::kUnknownGroup);
  auto listed = *db_.Read([&](Tx& tx) { return tags_.ListTags(tx, kShop); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(RuleText(*listed[0].rule), R"({"kind":"spent_over","amount":50000})");
  EXPECT_TRUE(db_.Read([&](Tx& tx) { return tags_.ListTags(tx, kOther); })->empty());
}

TEST_F(TagsTest, BadTagsAreRefusedWithTheirCodes) {
  Group g = MakeGroup(kShop, "兴趣");
  auto refuse = [&](TagInput in) {
    auto r = db_.Write([&](Tx& tx) { return tags_.CreateTag(tx, kShop, in); });
    EXPECT_FALSE(r);
    return r ? std::string() : r.error().code;
  };
  EXPECT_EQ(refuse({g.id, "a", "red", TagKind::kManual, {}, 0}), errors::kInvalidColor);
  EXPECT_EQ(refuse({g.id, "", "#FFFFFF", TagKind::kManual, {}, 0}), errors::kInvalidName);
  EXPECT_EQ(
      refuse(
          {g.id, "一二三四五六七八九十一二三四五六七八九十一", "#FFFFFF", TagKind::kManual, {}, 0}),
      errors::kInvalidName);
  EXPECT_EQ(refuse({g.id, "a", "#FFFFFF", TagKind::kRule, {}, 0}), errors::kInvalidRule);
  EXPECT_EQ(refuse({g.id, "a", "#FFFFFF", TagKind::kManual, Rule{}, 0}), errors::kInvalidRule);
  EXPECT_EQ(refuse({TagGroupId(12345), "a", "#FFFFFF", TagKind::kManual, {}, 0}),
            errors::kUnknownGroup);
}

TEST_F(TagsTest, ManualTaggingIsIdempotentAndASingleChoiceGroupKeepsOne) {
  Group size = MakeGroup(kShop, "尺码", Choice::kSingle);
  Tag s = MakeTag(kShop, size.id, "S");
  Tag m = MakeTag(kShop, size.id, "M");
  CustomerFacts a = Customer(1), b = Customer(2);
  auto first = Write([&](Tx& tx) {
    return tags_.AddManual(tx, kShop, s.id, {TargetOf(a), TargetOf(b)});
  });
  EXPECT_EQ(first->added.size(), 2u);
  auto again = Write([&](Tx& tx) { return tags_.AddManual(tx, kShop, s.id, {TargetOf(a)}); });
  EXPECT_TRUE(again->added.empty());
  Write([&](Tx& tx) { return tags_.AddManual(tx, kShop, m.id, {TargetOf(a)}); });
  auto of_a = *db_.Read([&](Tx& tx) { return tags_.TagsOf(tx, kShop, a.id); });
  ASSERT_EQ(of_a.size(), 1u);
  EXPECT_EQ(of_a[0].id, m.id);
  EXPECT_EQ(db_.Read([&](Tx& tx) { return tags_.MembersOf(tx, kShop, s.id); })->size(), 1u);
  // Each real change was told: S to a and b, M to a, S from a.
  EXPECT_EQ(EventsOf(kMembersChanged), 3);

  Tag rule =
      MakeTag(kShop, MakeGroup(kShop, "规则").id, "常客", Rule{RuleKind::kOrdersAtLeast, 0, 3});
  auto refused =
      db_.Write([&](Tx& tx) { return tags_.AddManual(tx, kShop, rule.id, {TargetOf(a)}); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errors::kNotManual);
}

TEST_F(TagsTest, AMergedCustomersTagsGoToTheOneKept) {
  Group g = MakeGroup(kShop, "兴趣");
  Tag x = MakeTag(kShop, g.id, "母婴"), y = MakeTag(kShop, g.id, "美妆");
  CustomerFacts a = Customer(1), b = Customer(2);
  Write([&](Tx& tx) { return tags_.AddManual(tx, kShop, x.id, {TargetOf(a)}); });
  Write([&](Tx& tx) { return tags_.AddManual(tx, kShop, y.id, {TargetOf(a), TargetOf(b)}); });
  Write([&](Tx& tx) { return tags_.MoveMembers(tx, kShop, TargetOf(a), TargetOf(b)); });
  EXPECT_TRUE(db_.Read([&](Tx& tx) { return tags_.TagsOf(tx, kShop, a.id); })->empty());
  EXPECT_EQ(db_.Read([&](Tx& tx) { return tags_.TagsOf(tx, kShop, b.id); })->size(), 2u);
  Write([&](Tx& tx) { return tags_.DropMembers(tx, kShop, TargetOf(b)); });
  EXPECT_TRUE(db_.Read([&](Tx& tx) { return tags_.TagsOf(tx, kShop, b.id); })->empty());
}

TEST_F(TagsTest, SegmentsKeepTheirExpressionAndCount) {
  Expr e = Parse(R"({"attr":"gender","op":"eq","value":"female"})");
  auto s = Write([&](Tx& tx) { return tags_.CreateSegment(tx, kShop, {"女客", e}, 42); });
  auto got = *db_.Read([&](Tx& tx) { return tags_.GetSegment(tx, kShop, s->id); });
  EXPECT_EQ(ExpressionText(got.expression), ExpressionText(e));
  EXPECT_EQ(got.customer_count, 42);
  auto moved = Write([&](Tx& tx) {
    return tags_.UpdateSegment(tx, kShop, s->id, {std::nullopt, std::nullopt, Status::kArchived},
                               std::nullopt);
  });
  EXPECT_EQ(moved->status, Status::kArchived);
  EXPECT_EQ(moved->customer_count, 42);
  EXPECT_FALSE(db_.Read([&](Tx& tx) { return tags_.GetSegment(tx, kOther, s->id); }));
}

// Two "nodes" over one database: each builds its bitmaps on its first query
// and follows what either commits, through the outbox alone.
TEST_F(TagsTest, EveryNodesBitmapsFollowWhatAnyNodeCommits) {
  for (Ordinal o = 1; o <= 40; ++o) Save(kShop, Customer(o, o % 2 ? "female" : "male", o * 1000));
  Group g = MakeGroup(kShop, "兴趣");
  Tag vip = MakeTag(kShop, g.id, "VIP");
  auto other_db = db_.OpenAnother();
  SegmentIndex here(db_.db(), facts_, tags_);
  SegmentIndex there(*other_db, facts_, tags_);
  Expr women_over_10k = Parse(R"({"and":[{"attr":"gender","op":"eq","value":"female"},)"
                              R"({"attr":"spent_total","op":"gte","value":10000}]})");
  Expr vips = Parse(R"({"tag":")" + EncodeId(vip.id) + R"("})");
  auto count = [&](SegmentIndex& index, const Expr& e) {
    auto a = index.Evaluate(kShop, e, Scope{}, kNow);
    EXPECT_TRUE(a) << a.error().message;
    return a ? a->count : 0;
  };
  EXPECT_EQ(count(here, women_over_10k), 15u);  // 11, 13, ..., 39
  EXPECT_EQ(count(there, women_over_10k), 15u);

  // Customer 2 becomes a woman who spent ¥500; 41 arrives; 3 is erased.
  Save(kShop, Customer(2, "female", 50'000));
  Save(kShop, Customer(41, "female", 20'000));
  CustomerFacts gone = Customer(13, "female", 13'000);
  gone.erased = true;
  Save(kShop, gone);
  Write([&](Tx& tx) {
    return tags_.AddManual(tx, kShop, vip.id, {{CustomerId(5002), 2}, {CustomerId(5041), 41}});
  });
  EXPECT_EQ(count(here, women_over_10k), 16u);
  EXPECT_EQ(count(there, women_over_10k), 16u);
  EXPECT_EQ(count(there, vips), 2u);
  auto page = there.Evaluate(kShop, vips, Scope{}, kNow, std::nullopt, 1);
  ASSERT_EQ(page->page.size(), 1u);
  EXPECT_EQ(page->page[0].customer_id, CustomerId(5041));
  // Another merchant sees none of it.
  EXPECT_EQ(count(here, vips) + (here.Evaluate(kOther, vips, Scope{}, kNow)->count), 2u);
  other_db->Close();
}

// A rebuild reads the facts as they are: what no event told is there too,
// and what was forgotten comes back on the next query.
TEST_F(TagsTest, ADroppedMerchantIsRebuiltFromTheFacts) {
  for (Ordinal o = 1; o <= 10; ++o) Save(kShop, Customer(o));
  SegmentIndex index(db_.db(), facts_, tags_);
  Expr all = Parse(R"({"attr":"stage","op":"eq","value":"acquired"})");
  EXPECT_EQ(index.Evaluate(kShop, all, Scope{}, kNow)->count, 10u);
  facts_.Put(kShop, Customer(11));  // no event
  EXPECT_EQ(index.Evaluate(kShop, all, Scope{}, kNow)->count, 10u);
  index.Drop(kShop);
  EXPECT_EQ(index.Held(), 0u);
  EXPECT_EQ(index.Evaluate(kShop, all, Scope{}, kNow)->count, 11u);
}

TEST_F(TagsTest, AStaffMemberCountsOnlyTheirOwnCustomers) {
  for (Ordinal o = 1; o <= 9; ++o) {
    CustomerFacts f = Customer(o);
    if (o <= 3) f.owner_staff_id = StaffId(77);
    Save(kShop, f);
  }
  SegmentIndex index(db_.db(), facts_, tags_);
  Expr women = Parse(R"({"attr":"gender","op":"eq","value":"female"})");
  EXPECT_EQ(index.Evaluate(kShop, women, Scope{}, kNow)->count, 9u);
  EXPECT_EQ(index.Evaluate(kShop, women, Scope{StaffId(77)}, kNow)->count, 3u);
  EXPECT_EQ(index.Evaluate(kShop, women, Scope{StaffId(78)}, kNow)->count, 0u);
}

}  // namespace
}  // namespace weishang::tags::testing
