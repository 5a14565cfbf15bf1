// The demo shop's moments (SeedDemo calls SeedDemoMoments): a post for the
// demo's first segment, and a public one scheduled for tomorrow, both with
// the QR picture recorded as a catalog image whose file exists.
#include "cli/demo_moments.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cli/demo.h"
#include "modules/moments/moments.h"
#include "testing/temp_db.h"

namespace weishang::cli {
namespace {

TEST(DemoMomentsTest, SeedsAPostForASegmentAndAScheduledOneOnTheDemoShop) {
  testing::TempDb db;
  SystemClock clock;
  IdGenerator ids(1);
  workflows::Modules m(clock, ids);
  workflows::ImageFiles files{(db.dir() / "uploads").string(), 5 << 20};
  auto seeded = SeedDemo(db.db(), m, clock, files);
  ASSERT_TRUE(seeded) << seeded.error().message;
  auto shop = db.Read([&](storage::Tx& tx) { return m.identity.FindMerchantBySlug(tx, "demo"); });
  ASSERT_TRUE(shop && *shop);
  MerchantId merchant = (*shop)->id;

  moments::MomentsService posts(clock, ids);
  auto list = db.Read([&](storage::Tx& tx) { return posts.List(tx, merchant, {}, 10); });
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  const moments::Post& scheduled = (*list)[0];
  const moments::Post& for_segment = (*list)[1];
  EXPECT_GT(scheduled.publish_at, clock.Now());
  EXPECT_TRUE(scheduled.audience.is_public());
  ASSERT_EQ(for_segment.audience.show_to.size(), 1u);
  EXPECT_TRUE(for_segment.product_id.has_value());
  auto image = db.Read(
      [&](storage::Tx& tx) { return m.catalog.GetImage(tx, merchant, for_segment.images[0].id); });
  ASSERT_TRUE(image);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(files.upload_dir) / image->path));
  // A guest sees neither: one is for a segment, the other not yet published.
  auto feed = db.Read([&](storage::Tx& tx) {
    return posts.Feed(tx, merchant, {std::nullopt, clock.Now(), {}, 10});
  });
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->empty());
}

}  // namespace
}  // namespace weishang::cli
