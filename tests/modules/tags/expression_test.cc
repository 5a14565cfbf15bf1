// Segment expressions as the console sends them: what is accepted, and the
// error (code and where) for what is not.
#include "modules/tags/expression.h"

#include <gtest/gtest.h>

#include "modules/tags/tags_errors.h"

namespace weishang::tags {
namespace {

Error Refusal(std::string_view text) {
  auto e = ParseExpressionText(text);
  EXPECT_FALSE(e) << text;
  return e ? Error{} : e.error();
}

TEST(ExpressionTest, TheBuildersShapesParseAndReadBackTheSame) {
  const char* kText =
      R"({"and":[{"tag":"tag_2k"},{"or":[{"attr":"gender","op":"eq","value":"female"},)"
      R"({"attr":"city","op":"in","value":["杭州","宁波"]}]},)"
      R"({"not":{"attr":"last_order_at","op":"within_days","value":30}},)"
      R"({"attr":"spent_total","op":"between","value":[10000,50000]},)"
      R"({"attr":"created_at","op":"between","value":["2026-01-01","2026-03-31"]},)"
      R"({"attr":"birthday_month","op":"eq","value":11},)"
      R"({"attr":"owner_staff_id","op":"eq","value":""}]})";
  auto e = ParseExpressionText(kText);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(ExpressionText(*e), kText);
  ASSERT_EQ(e->children.size(), 7u);
  std::int64_t new_year = 0;
  ASSERT_TRUE(ParseDay("2026-01-01", &new_year));
  EXPECT_EQ(e->children[4].numbers[0], new_year);
  EXPECT_EQ(TagsIn(*e), std::vector<TagId>{*DecodeId<TagId>("tag_2k")});
}

TEST(ExpressionTest, MistakesNameWhereTheyAre) {
  Error e = Refusal(R"({"and":[{"attr":"gender","op":"eq","value":"female"},{"attr":"x"}]})");
  EXPECT_EQ(e.code, errors::kInvalidExpression);
  EXPECT_NE(e.message.find("and[1].attr"), std::string::npos) << e.message;

  e = Refusal(R"({"attr":"gender","op":"eq","value":"robot"})");
  EXPECT_NE(e.message.find("value"), std::string::npos) << e.message;
  e = Refusal(R"({"attr":"spent_total","op":"within_days","value":3})");
  EXPECT_NE(e.message.find("op"), std::string::npos) << e.message;
  e = Refusal(R"({"attr":"spent_total","op":"between","value":[5,1]})");
  EXPECT_NE(e.message.find("from is after to"), std::string::npos) << e.message;
  e = Refusal(R"({"attr":"last_order_at","op":"gte","value":"2026-02-30"})");
  EXPECT_NE(e.message.find("YYYY-MM-DD"), std::string::npos) << e.message;
  e = Refusal(R"({"attr":"birthday_month","op":"eq","value":13})");
  EXPECT_EQ(e.code, errors::kInvalidExpression);
  e = Refusal(R"({"tag":"prd_2k"})");
  EXPECT_NE(e.message.find("tag"), std::string::npos);
  EXPECT_EQ(Refusal(R"({"and":[]})").code, errors::kInvalidExpression);
  EXPECT_EQ(Refusal(R"({"or":[{"tag":"tag_1"}],"and":[{"tag":"tag_1"}]})").code,
            errors::kInvalidExpression);
  EXPECT_EQ(Refusal(R"([{"tag":"tag_1"}])").code, errors::kInvalidExpression);
  EXPECT_EQ(Refusal(R"({"attr":"city","op":"eq","value":"x","extra":1})").code,
            errors::kInvalidExpression);
  EXPECT_EQ(Refusal("{").code, errors::kInvalidExpression);
}

TEST(ExpressionTest, DeepOrLargeExpressionsAreRefused) {
  std::string deep = R"({"tag":"tag_1"})";
  for (int i = 0; i < kMaxDepth; ++i) deep = R"({"not":)" + deep + "}";
  EXPECT_EQ(Refusal(deep).code, errors::kExpressionTooDeep);

  std::string wide = R"({"or":[)";
  for (int i = 0; i < kMaxNodes; ++i) wide += std::string(i ? "," : "") + R"({"tag":"tag_1"})";
  EXPECT_EQ(Refusal(wide + "]}").code, errors::kExpressionTooLarge);

  std::string many = R"({"attr":"orders_count","op":"in","value":[)";
  for (std::size_t i = 0; i <= kMaxInValues; ++i) many += (i ? "," : "") + std::to_string(i);
  EXPECT_EQ(Refusal(many + "]}").code, errors::kInvalidExpression);
}

TEST(ExpressionTest, ShopDaysStartAtMidnightInChina) {
  std::int64_t day = 0;
  ASSERT_TRUE(ParseDay("2026-11-22", &day));
  EXPECT_EQ(FormatDay(day), "2026-11-22");
  // 2026-11-21T16:00:00Z is midnight on the 22nd in Beijing.
  EXPECT_EQ(ShopDayStartMs(day), 1'795'276'800'000);
  EXPECT_EQ(ShopDayOf(ShopDayStartMs(day)), day);
  EXPECT_EQ(ShopDayOf(ShopDayStartMs(day) - 1), day - 1);
  EXPECT_FALSE(ParseDay("2025-02-29", &day));
  EXPECT_TRUE(ParseDay("2024-02-29", &day));
}

}  // namespace
}  // namespace weishang::tags
