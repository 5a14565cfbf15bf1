// Tenant isolation: one merchant can neither read nor change another's
// products, SKUs, categories or images through the catalog service; every
// attempt answers as if the row did not exist.
#include <gtest/gtest.h>

#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_fixture.h"

namespace weishang::catalog {
namespace {

TEST_F(CatalogTest, MerchantBCannotReadOrUpdateMerchantAsProduct) {
  Product a = Published(kShopA, Duck());
  ProductInput in = Duck();
  in.title = "taken over";
  in.skus[0].barcode.reset();
  auto read = Read([&](Tx& tx) { return catalog_.GetProduct(tx, kShopB, a.id); });
  auto update = Write([&](Tx& tx) { return catalog_.UpdateProduct(tx, kShopB, a.id, in); });
  auto status = Write(
      [&](Tx& tx) { return catalog_.ChangeStatus(tx, kShopB, a.id, ProductAction::kArchive); });
  auto sku = Read([&](Tx& tx) { return catalog_.GetSku(tx, kShopB, a.skus[0].id); });
  auto feature = Write([&](Tx& tx) { return catalog_.SetFeatured(tx, kShopB, {a.id}); });
  EXPECT_EQ(read.error().code, errors::kProductNotFound);
  EXPECT_EQ(update.error().code, errors::kProductNotFound);
  EXPECT_EQ(status.error().code, errors::kProductNotFound);
  EXPECT_EQ(sku.error().code, errors::kSkuNotFound);
  EXPECT_EQ(feature.error().code, errors::kProductNotFound);

  auto still = Read([&](Tx& tx) { return catalog_.GetProduct(tx, kShopA, a.id); });
  ASSERT_TRUE(still);
  EXPECT_EQ(still->title, "麻辣鸭脖");
  EXPECT_EQ(still->status, ProductStatus::kOnSale);
  auto listed = Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopB, {}); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->items.empty());
}

TEST_F(CatalogTest, MerchantBCannotReadUpdateOrUseMerchantAsCategory) {
  auto cat = Write([&](Tx& tx) { return catalog_.CreateCategory(tx, kShopA, "卤味", 1); });
  ASSERT_TRUE(cat);
  auto read = Read([&](Tx& tx) { return catalog_.GetCategory(tx, kShopB, cat->id); });
  auto update = Write([&](Tx& tx) {
    return catalog_.UpdateCategory(tx, kShopB, cat->id, CategoryUpdate{.name = "mine"});
  });
  ProductInput in = Duck();
  in.category_id = cat->id;
  auto use = Create(kShopB, in);
  EXPECT_EQ(read.error().code, errors::kCategoryNotFound);
  EXPECT_EQ(update.error().code, errors::kCategoryNotFound);
  EXPECT_EQ(use.error().code, errors::kCategoryNotFound);
  auto list = Read([&](Tx& tx) { return catalog_.ListCategories(tx, kShopB, false); });
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

TEST_F(CatalogTest, MerchantBCannotReadOrUseMerchantAsImage) {
  Image img;
  img.id = ids_.Next<ImageId>();
  img.content_type = "image/png";
  img.size_bytes = 69;
  img.sha256 = "ab12";
  img.path = ImagePath(kShopA, img.id, ImageType::kPng);
  ASSERT_TRUE(Write([&](Tx& tx) { return catalog_.RecordImage(tx, kShopA, img); }));

  auto read = Read([&](Tx& tx) { return catalog_.GetImage(tx, kShopB, img.id); });
  EXPECT_EQ(read.error().code, errors::kImageNotFound);
  auto by_hash = Read([&](Tx& tx) { return catalog_.FindImageBySha256(tx, kShopB, "ab12"); });
  ASSERT_TRUE(by_hash);
  EXPECT_FALSE(*by_hash);
  ProductInput in = Duck();
  in.detail_image_ids = {img.id};
  EXPECT_EQ(Create(kShopB, in).error().code, errors::kImageNotFound);

  auto own = Create(kShopA, in);
  ASSERT_TRUE(own) << own.error().message;
  ASSERT_EQ(own->detail_images.size(), 1u);
  EXPECT_EQ(own->detail_images[0].url, ImageUrl(img.path));
}

TEST_F(CatalogTest, ProductListsFilterAndPageByCursor) {
  auto cat = Write([&](Tx& tx) { return catalog_.CreateCategory(tx, kShopA, "卤味", 1); });
  ASSERT_TRUE(cat);
  std::vector<ProductId> ids;
  for (int i = 0; i < 5; ++i) {
    ProductInput in = Duck();
    in.title = i % 2 == 0 ? "鸭脖 " + std::to_string(i) : "鸭翅 100% " + std::to_string(i);
    in.category_id = i < 2 ? cat->id : CategoryId();
    in.skus[0].barcode.reset();
    ids.push_back(Create(kShopA, in)->id);
  }
  std::vector<ProductId> seen;
  ProductFilter f;
  f.limit = 2;
  for (int page = 0; page < 5; ++page) {
    auto p = Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopA, f); });
    ASSERT_TRUE(p) << p.error().message;
    for (const auto& s : p->items) seen.push_back(s.id);
    if (!p->next_after.valid()) break;
    f.after = p->next_after;
  }
  EXPECT_EQ(seen, std::vector<ProductId>(ids.rbegin(), ids.rend())) << "newest first, each once";

  auto in_cat =
      Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopA, {.category_id = cat->id}); });
  EXPECT_EQ(in_cat->items.size(), 2u);
  auto wings = Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopA, {.q = "100%"}); });
  EXPECT_EQ(wings->items.size(), 2u);
  EXPECT_EQ(wings->items[0].min_price, 1990);
  auto on_sale = Read([&](Tx& tx) {
    return catalog_.ListProducts(tx, kShopA, {.status = ProductStatus::kOnSale});
  });
  EXPECT_TRUE(on_sale->items.empty());
}

TEST_F(CatalogTest, TitleSearchIgnoresAsciiCaseOnEitherEngine) {
  ProductInput in = Duck();
  in.title = "Hunan DUCK neck 鸭脖";
  ASSERT_TRUE(Create(kShopA, in));
  for (const char* q : {"duck", "Duck Neck", "鸭脖", "hunan duck neck 鸭"}) {
    auto found = Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopA, {.q = q}); });
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(found->items.size(), 1u) << q;
  }
  auto none = Read([&](Tx& tx) { return catalog_.ListProducts(tx, kShopA, {.q = "goose"}); });
  EXPECT_TRUE(none->items.empty());
}

TEST_F(CatalogTest, HiddenCategoriesAreLeftOutOfTheActiveList) {
  auto a = Write([&](Tx& tx) { return catalog_.CreateCategory(tx, kShopA, "卤味", 2); });
  auto b = Write([&](Tx& tx) { return catalog_.CreateCategory(tx, kShopA, "零食", 1); });
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(Write([&](Tx& tx) {
    return catalog_.UpdateCategory(tx, kShopA, a->id,
                                   CategoryUpdate{.status = CategoryStatus::kHidden});
  }));
  auto all = Read([&](Tx& tx) { return catalog_.ListCategories(tx, kShopA, false); });
  auto active = Read([&](Tx& tx) { return catalog_.ListCategories(tx, kShopA, true); });
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "零食") << "ordered by sort_order";
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].id, b->id);
}

}  // namespace
}  // namespace weishang::catalog
