// Stock on a real database (both engines): a take is all lines or none, no
// amount of racing takes goes below zero, and staff changes record events.
#include "modules/inventory/inventory.h"

#include <gtest/gtest.h>

#include <future>

#include "testing/temp_db.h"

namespace weishang::inventory {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{31};
constexpr SkuId kDuck{7001}, kTea{7002};

class InventoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.db().Write([&](Tx& tx) -> Result<void> {
      if (auto ok = stock_.SetAvailable(tx, kShop, kDuck, 5); !ok) return ok;
      return stock_.SetAvailable(tx, kShop, kTea, 1);
    }));
  }
  std::int64_t Left(SkuId sku) {
    auto a = db_.Read([&](Tx& tx) { return stock_.Available(tx, kShop, {sku}); });
    return a ? a->at(sku) : -1;
  }
  TempDb db_;
  FakeClock clock_{1'800'000'000'000};
  InventoryService stock_{clock_};
};

TEST_F(InventoryTest, ATakeShortOfOneLineTakesNoLine) {
  auto took = db_.db().Write([&](Tx& tx) {
    return stock_.Take(tx, kShop, {{kDuck, 2}, {kTea, 2}});
  });
  ASSERT_FALSE(took);
  EXPECT_EQ(took.error().code, "inventory.insufficient_stock");
  EXPECT_EQ(Left(kDuck), 5);
  EXPECT_EQ(Left(kTea), 1);
}

TEST_F(InventoryTest, RacingTakesNeverSellMoreThanThereIs) {
  std::vector<std::future<Result<void>>> buyers;
  for (int i = 0; i < 20; ++i) {
    buyers.push_back(std::async(std::launch::async, [&] {
      return db_.db().Write([&](Tx& tx) { return stock_.Take(tx, kShop, {{kDuck, 1}}); });
    }));
  }
  int sold = 0;
  for (auto& b : buyers) sold += b.get() ? 1 : 0;
  EXPECT_EQ(sold, 5);
  EXPECT_EQ(Left(kDuck), 0);
}

TEST_F(InventoryTest, AnotherMerchantCannotSetThisMerchantsStock) {
  ASSERT_TRUE(db_.db().Write(
      [&](Tx& tx) { return stock_.SetAvailable(tx, MerchantId(kShop.value() + 1), kDuck, 99); }));
  EXPECT_EQ(Left(kDuck), 5);
}

TEST_F(InventoryTest, SettingStockRecordsAnEventAndTakingDoesNot) {
  ASSERT_TRUE(db_.db().Write([&](Tx& tx) { return stock_.Take(tx, kShop, {{kDuck, 1}}); }));
  auto n = db_.Read([](Tx& tx) -> Result<std::int64_t> {
    auto row = tx.QueryOne("SELECT COUNT(*) FROM events_outbox WHERE kind = 'stock.changed'");
    if (!row) return Fail(row.error());
    return (*row)->Int(0);
  });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2);  // the two SetAvailable of SetUp
}

}  // namespace
}  // namespace weishang::inventory
