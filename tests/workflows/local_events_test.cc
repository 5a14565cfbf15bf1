// Every writer invalidates: a change committed on this node drops the
// merchant's cached storefront answers at once, and one committed by another
// process (the CLI, another node) does within the outbox tail's poll.
#include "workflows/events/local_events.h"

#include <gtest/gtest.h>

#include "events/outbox.h"
#include "modules/catalog/catalog_events.h"
#include "modules/order/order_events.h"
#include "testing/temp_db.h"

namespace weishang::workflows {
namespace {

constexpr MerchantId kShop{77};

Result<void> Emit(storage::Database& db, std::string_view kind) {
  return db.Write([&](storage::Tx& tx) {
    return events::Emit(tx, {kShop, kind, 1, "prd_1", "{}"}, 0);
  });
}

TEST(LocalEventsTest, ACommittedStorefrontChangeDropsTheCacheAndAnOrderDoesNot) {
  testing::TempDb db;
  MerchantCache cache(std::chrono::seconds(60));
  LocalEvents local(cache, nullptr);
  db.db().SetCommitObserver(&local);
  cache.Put(kShop, "home", "cached");
  ASSERT_TRUE(Emit(db.db(), order::kOrderPlaced));
  EXPECT_TRUE(cache.Get(kShop, "home"));
  ASSERT_TRUE(Emit(db.db(), catalog::kProductChanged));
  EXPECT_FALSE(cache.Get(kShop, "home"));
  db.db().SetCommitObserver(nullptr);
}

TEST(LocalEventsTest, TheTailDropsTheCacheForAChangeAnotherProcessCommitted) {
  testing::TempDb db;
  MerchantCache cache(std::chrono::seconds(60));
  OutboxTail tail(db.db(), cache);
  ASSERT_TRUE(tail.Start());
  tail.Stop();
  cache.Put(kShop, "home", "cached");
  auto other = db.OpenAnother();  // as a CLI command would open it: no observer
  ASSERT_TRUE(Emit(*other, catalog::kCategoryChanged));
  other->Close();
  EXPECT_TRUE(cache.Get(kShop, "home"));
  auto read = tail.RunOnce();
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, 1);
  EXPECT_FALSE(cache.Get(kShop, "home"));
}

}  // namespace
}  // namespace weishang::workflows
