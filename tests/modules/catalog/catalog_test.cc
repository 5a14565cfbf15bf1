// The catalog module on a real SQLite database: products and SKUs, the
// rules that refuse bad input, the featured list, and what checkout may sell.
#include "modules/catalog/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "modules/catalog/catalog_errors.h"
#include "modules/catalog/catalog_fixture.h"

namespace weishang::catalog {
namespace {

TEST_F(CatalogTest, CreatingAProductStoresADraftWithItsSkusInOrder) {
  auto created = Create(kShopA, Duck());
  ASSERT_TRUE(created) << created.error().message;
  auto p = Read([&](Tx& tx) { return catalog_.GetProduct(tx, kShopA, created->id); });
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, ProductStatus::kDraft);
  EXPECT_EQ(p->title, "麻辣鸭脖");
  EXPECT_EQ(p->consumption_cycle_days, 14);
  EXPECT_FALSE(p->policy.no_reason_7d);
  EXPECT_TRUE(p->policy.refund_only);
  ASSERT_EQ(p->skus.size(), 2u);
  EXPECT_EQ(p->skus[0].id, created->skus[0].id);
  EXPECT_EQ(p->skus[0].spec_values, std::vector<std::string>{"3只装"});
  EXPECT_EQ(p->skus[0].price, 1990);
  EXPECT_EQ(p->skus[0].list_price, 2990);
  EXPECT_EQ(p->skus[0].barcode, "6901");
  EXPECT_FALSE(p->skus[1].barcode);
}

TEST_F(CatalogTest, PricesMustBePositiveAndAtMostMaxFen) {
  ProductInput in = Duck();
  in.skus[0].price = 0;
  EXPECT_EQ(CreateError(in), errors::kInvalidPrice);
  in.skus[0].price = -5;
  EXPECT_EQ(CreateError(in), errors::kInvalidPrice);
  in.skus[0].price = kMaxFen + 1;
  EXPECT_EQ(CreateError(in), errors::kInvalidPrice);
  in.skus[0].price = kMaxFen;
  EXPECT_EQ(CreateError(in), "ok");
}

TEST_F(CatalogTest, MoreThanThreeSpecDimensionsAreRefused) {
  ProductInput in = Duck();
  in.spec_options = {{"a", {"1"}}, {"b", {"1"}}, {"c", {"1"}}, {"d", {"1"}}};
  in.skus = {{{"1", "1", "1", "1"}, 100, std::nullopt, std::nullopt}};
  EXPECT_EQ(CreateError(in), errors::kTooManySpecDimensions);
}

TEST_F(CatalogTest, SkuSpecValuesMustNameOneValueOfEachDimension) {
  ProductInput in = Duck();
  in.skus[1].spec_values = {"9只装"};
  EXPECT_EQ(CreateError(in), errors::kInvalidSpec);
  in.skus[1].spec_values = {"3只装"};  // the same combination twice
  EXPECT_EQ(CreateError(in), errors::kInvalidSpec);
}

TEST_F(CatalogTest, EmptyTitleIsRefused) {
  ProductInput in = Duck();
  in.title = "";
  EXPECT_EQ(CreateError(in), errors::kInvalidTitle);
}

TEST_F(CatalogTest, AProductNeedsAtLeastOneSku) {
  ProductInput in = Duck();
  in.skus.clear();
  EXPECT_EQ(CreateError(in), errors::kNoSkus);
}

TEST_F(CatalogTest, DuplicateBarcodesAreRefused) {
  ProductInput in = Duck();
  in.skus[1].barcode = "6901";
  EXPECT_EQ(CreateError(in), errors::kDuplicateBarcode);

  ASSERT_TRUE(Create(kShopA, Duck()));
  auto again = Create(kShopA, Duck());  // "6901" is now another product's
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, errors::kDuplicateBarcode);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_TRUE(Create(kShopB, Duck())) << "barcodes are unique per merchant only";
}

TEST_F(CatalogTest, UnknownCategoryOrImageIsRefused) {
  ProductInput in = Duck();
  in.category_id = CategoryId(999);
  EXPECT_EQ(CreateError(in), errors::kCategoryNotFound);
  in.category_id = CategoryId();
  in.main_image_id = ImageId(999);
  EXPECT_EQ(CreateError(in), errors::kImageNotFound);
}

TEST_F(CatalogTest, UpdatingSkusKeepsIdsOfMatchingSpecValuesAndRetiresTheRest) {
  auto p = Create(kShopA, Duck());
  ASSERT_TRUE(p);
  ProductInput in = Duck();
  in.spec_options = {{"规格", {"6只装", "12只装"}}};
  in.skus = {{{"6只装"}, 3390, std::nullopt, "6901"},
             {{"12只装"}, 6290, std::nullopt, std::nullopt}};
  auto u = Write([&](Tx& tx) { return catalog_.UpdateProduct(tx, kShopA, p->id, in); });
  ASSERT_TRUE(u) << u.error().message;
  ASSERT_EQ(u->skus.size(), 3u);
  EXPECT_EQ(u->skus[0].id, p->skus[1].id) << "6只装 keeps its id";
  EXPECT_EQ(u->skus[0].price, 3390);
  EXPECT_EQ(u->skus[0].barcode, "6901") << "a barcode may move between SKUs of one product";
  EXPECT_NE(u->skus[1].id, p->skus[0].id);
  EXPECT_EQ(u->skus[2].id, p->skus[0].id);
  EXPECT_EQ(u->skus[2].status, SkuStatus::kOffSale);
  auto old = Read([&](Tx& tx) { return catalog_.GetSku(tx, kShopA, p->skus[0].id); });
  ASSERT_TRUE(old) << "removed SKUs are kept";
  EXPECT_EQ(old->status, SkuStatus::kOffSale);
}

TEST_F(CatalogTest, MoreThanEightFeaturedProductsAreRefused) {
  std::vector<ProductId> ids;
  for (int i = 0; i < 9; ++i) {
    ProductInput in = Duck();
    in.skus[0].barcode.reset();
    ids.push_back(Published(kShopA, in).id);
  }
  auto nine = Write([&](Tx& tx) { return catalog_.SetFeatured(tx, kShopA, ids); });
  ASSERT_FALSE(nine);
  EXPECT_EQ(nine.error().code, errors::kTooManyFeatured);
  ids.resize(8);
  std::reverse(ids.begin(), ids.end());
  ASSERT_TRUE(Write([&](Tx& tx) { return catalog_.SetFeatured(tx, kShopA, ids); }));
  auto home = Read([&](Tx& tx) { return catalog_.ListFeatured(tx, kShopA); });
  ASSERT_TRUE(home);
  ASSERT_EQ(home->size(), 8u);
  EXPECT_EQ(home->front().id, ids.front()) << "the merchant's order is kept";
}

TEST_F(CatalogTest, OnlyProductsOnSaleCanBeFeatured) {
  auto draft = Create(kShopA, Duck());
  ASSERT_TRUE(draft);
  auto r = Write([&](Tx& tx) { return catalog_.SetFeatured(tx, kShopA, {draft->id}); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errors::kProductNotOnSale);
}

TEST_F(CatalogTest, DraftProductsAreInvisibleToGetSkusForSale) {
  auto draft = Create(kShopA, Duck());
  ASSERT_TRUE(draft);
  auto r = Read([&](Tx& tx) { return catalog_.GetSkusForSale(tx, kShopA, {draft->skus[0].id}); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errors::kProductNotOnSale);
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST_F(CatalogTest, SkusForSaleCarryWhatCheckoutNeeds) {
  Product p = Published(kShopA, Duck());
  auto r = Read([&](Tx& tx) {
    return catalog_.GetSkusForSale(tx, kShopA, {p.skus[1].id, p.skus[0].id});
  });
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  const SkuForSale& six = (*r)[0];
  EXPECT_EQ(six.sku_id, p.skus[1].id);
  EXPECT_EQ(six.product_id, p.id);
  EXPECT_EQ(six.title, "麻辣鸭脖");
  EXPECT_EQ(six.spec_text, "规格: 6只装");
  EXPECT_EQ(six.price, 3590);
  EXPECT_EQ(six.consumption_cycle_days, 14);
  EXPECT_FALSE(six.policy.no_reason_7d);
  EXPECT_TRUE(six.policy.exchange);
}

TEST_F(CatalogTest, UnknownOrForeignSkusAreNotFoundForSale) {
  Product p = Published(kShopA, Duck());
  for (MerchantId merchant : {kShopA, kShopB}) {
    SkuId sku = merchant == kShopA ? SkuId(424242) : p.skus[0].id;
    auto r = Read([&](Tx& tx) { return catalog_.GetSkusForSale(tx, merchant, {sku}); });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errors::kSkuNotFound);
  }
}

TEST_F(CatalogTest, UnpublishedAndRemovedSkusAreNotForSale) {
  Product p = Published(kShopA, Duck());
  ProductInput in = Duck();
  in.skus.pop_back();
  ASSERT_TRUE(Write([&](Tx& tx) { return catalog_.UpdateProduct(tx, kShopA, p.id, in); }));
  auto removed = Read([&](Tx& tx) { return catalog_.GetSkusForSale(tx, kShopA, {p.skus[1].id}); });
  EXPECT_EQ(removed.error().code, errors::kProductNotOnSale);
  ASSERT_TRUE(Write(
      [&](Tx& tx) { return catalog_.ChangeStatus(tx, kShopA, p.id, ProductAction::kUnpublish); }));
  auto off = Read([&](Tx& tx) { return catalog_.GetSkusForSale(tx, kShopA, {p.skus[0].id}); });
  EXPECT_EQ(off.error().code, errors::kProductNotOnSale);
}

TEST_F(CatalogTest, UnpublishingADraftIsRefused) {
  auto draft = Create(kShopA, Duck());
  ASSERT_TRUE(draft);
  auto r = Write([&](Tx& tx) {
    return catalog_.ChangeStatus(tx, kShopA, draft->id, ProductAction::kUnpublish);
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errors::kInvalidStatusChange);
}

}  // namespace
}  // namespace weishang::catalog
