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

}  // namespace
}  // namespace weishang
