// CSV for spreadsheets: the byte order mark, quoting, formula guards, money.
#include "core/csv.h"

#include <gtest/gtest.h>

namespace weishang {
namespace {

TEST(CsvTest, TextStartsWithTheUtf8ByteOrderMarkAndRowsEndWithCrlf) {
  CsvWriter csv;
  csv.Text("商品").Int(3);
  csv.EndRow();
  EXPECT_EQ(csv.text(), "\xEF\xBB\xBF商品,3\r\n");
}

TEST(CsvTest, CellsWithCommasQuotesOrLineBreaksAreQuoted) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("6\" pan"), "\"6\"\" pan\"");
  EXPECT_EQ(CsvCell("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvCell(""), "");
}

TEST(CsvTest, CellsThatASpreadsheetWouldRunAsAFormulaAreShownAsText) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvCell("+86 138"), "'+86 138");
  EXPECT_EQ(CsvCell("-5"), "'-5");
  EXPECT_EQ(CsvCell("@sum"), "'@sum");
  EXPECT_EQ(CsvCell("a=b"), "a=b");
}

TEST(CsvTest, AmountsAreYuanWithTwoDecimalsAndNumbersStayNumbers) {
  CsvWriter csv;
  csv.Yuan(1490).Yuan(5).Yuan(0).Yuan(kMaxFen).Empty().Int(-3);
  csv.EndRow();
  EXPECT_EQ(csv.Take(),
            "\xEF\xBB\xBF"
            "14.90,0.05,0.00,100000000.00,,-3\r\n");
}

std::vector<std::vector<std::string>> ReadAll(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> cells;
  while (reader.Next(cells)) rows.push_back(cells);
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, ReadsWhatTheWriterWrites) {
  CsvWriter csv;
  csv.Text("姓名").Text("备注");
  csv.EndRow();
  csv.Text("张三").Text("说\"好\",再\n联系");
  csv.EndRow();
  EXPECT_EQ(ReadAll(csv.text()), (Rows{{"姓名", "备注"}, {"张三", "说\"好\",再\n联系"}}));
}

TEST(CsvReaderTest, AcceptsLfCrAndAMissingLastLineEnd) {
  EXPECT_EQ(ReadAll("a,b\nc,d\re,f"), (Rows{{"a", "b"}, {"c", "d"}, {"e", "f"}}));
  EXPECT_EQ(ReadAll("a,,\r\n\r\nb"), (Rows{{"a", "", ""}, {""}, {"b"}}));
  EXPECT_EQ(ReadAll(""), Rows{});
}

TEST(CsvReaderTest, AStrayQuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(ReadAll("6\" pan,x\n"), (Rows{{"6\" pan", "x"}}));
}

TEST(CsvReaderTest, TabsSeparateWhenTheFirstRowHasTabsAndNoComma) {
  EXPECT_EQ(ReadAll("姓名\t手机\n李四\t139,0000\n"),
            (Rows{{"姓名", "手机"}, {"李四", "139,0000"}}));
}

TEST(CsvReaderTest, ResumesFromAnOffset) {
  std::string text = "\xEF\xBB\xBFh1,h2\r\n1,\"a\nb\"\r\n2,c\r\n";
  CsvReader reader(text);
  std::vector<std::string> cells;
  ASSERT_TRUE(reader.Next(cells));
  EXPECT_EQ(cells, (std::vector<std::string>{"h1", "h2"}));
  ASSERT_TRUE(reader.Next(cells));
  CsvReader again(text, reader.offset());
  ASSERT_TRUE(again.Next(cells));
  EXPECT_EQ(cells, (std::vector<std::string>{"2", "c"}));
  EXPECT_FALSE(again.Next(cells));
}

TEST(CsvReaderTest, Gb18030TextIsConvertedAndUtf8IsKept) {
  // "张三" in GB18030 (as Excel on Chinese Windows saves it).
  EXPECT_EQ(CsvTextAsUtf8("\xD5\xC5\xC8\xFD,1"), std::optional<std::string>("张三,1"));
  EXPECT_EQ(CsvTextAsUtf8("张三,1"), std::optional<std::string>("张三,1"));
  EXPECT_EQ(CsvTextAsUtf8("\xFF\xFF\xFF"), std::nullopt);
}

}  // namespace
}  // namespace weishang
