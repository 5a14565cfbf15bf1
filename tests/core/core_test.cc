// The shared vocabulary: money, ids, times, JSON text, caches, rate limits.
#include <gtest/gtest.h>

#include <ctime>
#include <random>

#include "api/http/rate_limiter.h"
#include "core/cache.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "core/log.h"
#include "core/money.h"
#include "core/utf8.h"

namespace weishang {
namespace {

TEST(MoneyTest, BasisPointsRoundHalfUpToTheFen) {
  EXPECT_EQ(ApplyBasisPoints(1999, 8000), 1599);  // 1599.2
  EXPECT_EQ(ApplyBasisPoints(5, 5000), 3);        // 2.5 rounds up
  EXPECT_EQ(ApplyBasisPoints(kMaxFen, 10000), kMaxFen);
}

TEST(MoneyTest, YuanAreFormattedWithTwoDecimals) {
  EXPECT_EQ(FormatYuan(0), "0.00");
  EXPECT_EQ(FormatYuan(12905), "129.05");
  EXPECT_EQ(FormatYuan(-7), "-0.07");
}

TEST(IdsTest, PrefixedIdsRoundTripAndRefuseOtherPrefixes) {
  IdGenerator ids(3);
  auto a = ids.Next<OrderId>(), b = ids.Next<OrderId>();
  EXPECT_LT(a, b);
  std::string text = EncodeId(a);
  EXPECT_EQ(text.rfind("ord_", 0), 0u);
  EXPECT_EQ(DecodeId<OrderId>(text), a);
  EXPECT_EQ(DecodeId<SkuId>(text), std::nullopt);
  EXPECT_EQ(DecodeId<OrderId>("ord_"), std::nullopt);
  EXPECT_EQ(DecodeId<OrderId>("ord_ZZ"), std::nullopt);
  EXPECT_EQ(DecodeId<OrderId>("ord_zzzzzzzzzzzzzzzz"), std::nullopt);  // too long
}

TEST(ClockTest, IsoTimesRoundTrip) {
  Timestamp t = 0;
  ASSERT_TRUE(ParseIso8601("2026-11-22T08:30:00.250Z", &t));
  EXPECT_EQ(FormatIso8601(t), "2026-11-22T08:30:00.250Z");
  ASSERT_TRUE(ParseIso8601("2026-11-22", &t));
  EXPECT_EQ(FormatIso8601(t), "2026-11-22T00:00:00.000Z");
  EXPECT_FALSE(ParseIso8601("22/11/2026", &t));
  EXPECT_FALSE(ParseIso8601("2026-13-01", &t));
}

TEST(ClockTest, IsoTimesAgreeWithTheCLibraryOverFourCenturies) {
  // The formatter does its own calendar arithmetic; gmtime_r is the oracle.
  std::mt19937_64 rng(20261122);
  std::vector<Timestamp> samples = {0, -1, 951782400000 /* 2000-02-29 */, 4107542399999,
                                    -62135596800000};
  std::uniform_int_distribution<Timestamp> any(-62135596800000, 253402300799999);  // years 1..9999
  for (int i = 0; i < 20000; ++i) samples.push_back(any(rng));
  for (Timestamp t : samples) {
    std::time_t secs = static_cast<std::time_t>(t >= 0 ? t / 1000 : (t - 999) / 1000);
    int ms = static_cast<int>(t - static_cast<Timestamp>(secs) * 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char want[64];
    std::snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
    ASSERT_EQ(FormatIso8601(t), want) << t;
  }
}

TEST(JsonTest, EscapedStringsParseBackToTheOriginal) {
  for (std::string s :
       {std::string("plain"), std::string("引号\"和\\反斜杠"), std::string("tab\tnew\nline\r"),
        std::string("\x01\x1f ctrl", 7), std::string("")}) {
    std::string text;
    AppendJsonString(text, s);
    EXPECT_EQ(json::parse(text).as_string(), s);
  }
}

TEST(JsonTest, StringsWithBytesThatAreNotUtf8BecomeValidUtf8) {
  // A request path such as /store/v1/%ff%fe lands in an error message.
  const std::pair<std::string, std::string> cases[] = {
      {"no shop '\xff\xfe'", "\"no shop '\xEF\xBF\xBD\xEF\xBF\xBD'\""},
      {"\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},                  // overlong '/'
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},  // a surrogate
      {"\xE6\xB9\x98", "\"\xE6\xB9\x98\""},                          // 湘 passes through
      {"\xE6\xB9", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},                  // cut short
      {"\xF0\x9F\x98\x80!", "\"\xF0\x9F\x98\x80!\""},                // an emoji
  };
  for (const auto& [in, want] : cases) {
    std::string out;
    AppendJsonString(out, in);
    EXPECT_EQ(out, want);
    EXPECT_TRUE(ParseObject("{\"s\":" + out + "}").has_value()) << out;
  }
}

TEST(JsonTest, WriterPlacesCommasAndNestsContainers) {
  JsonWriter w;
  w.BeginObject().Field("a", 1).Key("b").BeginArray().Int(1).String("x").Null().EndArray();
  w.Key("c").BeginObject().EndObject().Field("d", std::optional<std::string>()).EndObject();
  EXPECT_EQ(w.Take(), R"({"a":1,"b":[1,"x",null],"c":{},"d":null})");
}

TEST(JsonTest, ReaderRefusesWrongTypesAndOutOfRangeNumbers) {
  auto obj = ParseObject(R"({"q": 1e30, "name": 5, "ok": 3})");
  ASSERT_TRUE(obj);
  JsonReader r(*obj);
  r.Int("q", {.min = 1, .max = 999});
  ASSERT_TRUE(r.Error());
  EXPECT_EQ(r.Error()->code, "request.invalid_field");
  EXPECT_FALSE(ParseObject("[1,2]"));
  EXPECT_FALSE(ParseObject("{"));
}

TEST(MerchantCacheTest, InvalidationDropsOnlyThatMerchantAndBumpsItsGeneration) {
  MerchantCache cache(std::chrono::seconds(10));
  cache.Put(MerchantId(1), "k", "one");
  cache.Put(MerchantId(2), "k", "two");
  auto g = cache.Generation(MerchantId(1));
  cache.Invalidate(MerchantId(1));
  EXPECT_EQ(cache.Get(MerchantId(1), "k"), std::nullopt);
  EXPECT_EQ(cache.Get(MerchantId(2), "k"), "two");
  EXPECT_NE(cache.Generation(MerchantId(1)), g);
}

TEST(MerchantCacheTest, InvalidateTellsThePublisherAndAnotherNodesNoticeDoesNot) {
  MerchantCache cache(std::chrono::seconds(10));
  std::vector<MerchantId> published;
  cache.SetPublisher([&](MerchantId merchant) { published.push_back(merchant); });
  cache.Put(MerchantId(1), "k", "one");
  cache.Put(MerchantId(2), "k", "two");
  auto g = cache.Generation(MerchantId(2));
  cache.Invalidate(MerchantId(1));
  cache.InvalidateLocally(MerchantId(2));  // as the change feed does for another node's write
  EXPECT_EQ(published, std::vector<MerchantId>{MerchantId(1)});
  EXPECT_EQ(cache.Get(MerchantId(1), "k"), std::nullopt);
  EXPECT_EQ(cache.Get(MerchantId(2), "k"), std::nullopt);
  EXPECT_NE(cache.Generation(MerchantId(2)), g);
}

TEST(RateLimiterTest, BurstsPastTheBucketAreRefusedPerKey) {
  api::RateLimiter limiter(1, 3);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += limiter.Allow("1.2.3.4");
  EXPECT_EQ(allowed, 3);
  EXPECT_TRUE(limiter.Allow("5.6.7.8"));
  EXPECT_TRUE(api::RateLimiter(0, 0).Allow("x"));  // 0 disables
}

TEST(Utf8Test, PrefixesNeverCutACharacter) {
  EXPECT_EQ(Utf8Prefix("abc", 5), "abc");
  EXPECT_EQ(Utf8Prefix("咸鸭", 4), "咸");  // 3 bytes each
  EXPECT_EQ(Utf8Prefix("咸鸭", 6), "咸鸭");
  EXPECT_EQ(Utf8Prefix("咸", 2), "");
  EXPECT_EQ(CountUtf8Chars("a咸😀"), 3u);
}

TEST(Utf8Test, ValidityRefusesTruncatedOverlongAndSurrogateForms) {
  EXPECT_TRUE(IsValidUtf8("a咸😀"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xE5\x92"));          // cut short
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xD5\xC5"));          // GB18030 张
}

}  // namespace
}  // namespace weishang
