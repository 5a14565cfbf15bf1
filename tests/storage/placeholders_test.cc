// '?' placeholders become PostgreSQL's $n, except inside quotes.
#include <gtest/gtest.h>

#include "storage/postgres/pg_connection.h"

namespace weishang::storage {
namespace {

std::string Translate(std::string_view sql, int expected_count) {
  int count = -1;
  std::string out = TranslatePlaceholders(sql, &count);
  EXPECT_EQ(count, expected_count) << sql;
  return out;
}

TEST(PlaceholdersTest, QuestionMarksAreNumberedInOrder) {
  EXPECT_EQ(Translate("UPDATE t SET a = ? WHERE b = ? AND c >= ?", 3),
            "UPDATE t SET a = $1 WHERE b = $2 AND c >= $3");
  EXPECT_EQ(Translate("SELECT 1", 0), "SELECT 1");
}

TEST(PlaceholdersTest, QuestionMarksInsideQuotesAreLeftAlone) {
  EXPECT_EQ(Translate("SELECT '?', \"odd?name\", ? FROM t WHERE s = 'it''s ?' AND x = ?", 2),
            "SELECT '?', \"odd?name\", $1 FROM t WHERE s = 'it''s ?' AND x = $2");
}

TEST(PlaceholdersTest, TenOrMorePlaceholdersKeepTheirNumbers) {
  EXPECT_EQ(Translate("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11),
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
}

TEST(PlaceholdersTest, OnlyDeadlocksAndSerializationFailuresAreRetried) {
  EXPECT_TRUE(IsRetryable(Error{ErrorKind::kUnavailable, "storage.deadlock", ""}));
  EXPECT_TRUE(IsRetryable(Error{ErrorKind::kUnavailable, "storage.serialization_failure", ""}));
  EXPECT_FALSE(IsRetryable(Error{ErrorKind::kConflict, "storage.unique_violation", ""}));
  EXPECT_FALSE(IsRetryable(Error{ErrorKind::kConflict, "inventory.insufficient_stock", ""}));
}

}  // namespace
}  // namespace weishang::storage
