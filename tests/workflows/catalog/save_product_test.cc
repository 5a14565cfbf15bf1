// Saving a product with its stock (catalog + inventory in one unit of work),
// setting stock, the storefront's view, and image files on disk.
#include "workflows/catalog/save_product.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "modules/catalog/catalog_errors.h"
#include "testing/temp_db.h"
#include "workflows/catalog/image_files.h"

namespace weishang::workflows {
namespace {

constexpr MerchantId kShopA{101};
constexpr MerchantId kShopB{202};

SaveProductInput Duck(std::optional<std::int64_t> first_stock = 100) {
  SaveProductInput in;
  in.product.title = "麻辣鸭脖";
  in.product.spec_options = {{"规格", {"3只装", "6只装"}}};
  in.product.skus = {{{"3只装"}, 1990, std::nullopt, std::nullopt},
                     {{"6只装"}, 3590, std::nullopt, std::nullopt}};
  in.stock = {first_stock, std::nullopt};
  return in;
}

class SaveProductTest : public weishang::testing::TempDbTest {
 protected:
  SystemClock clock_;
  IdGenerator ids_{1};
  Modules m_{clock_, ids_};
};

TEST_F(SaveProductTest, CreatingAProductSetsTheStockOfEachSku) {
  auto p = Write([&](Tx& tx) { return CreateProductWithStock(tx, m_, kShopA, Duck()); });
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->stock.at(p->product.skus[0].id), 100);
  EXPECT_EQ(p->stock.at(p->product.skus[1].id), 0);
}

TEST_F(SaveProductTest, InvalidStockRollsBackTheWholeProduct) {
  auto p = Write([&](Tx& tx) { return CreateProductWithStock(tx, m_, kShopA, Duck(-1)); });
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "inventory.invalid_quantity");
  auto list = Read([&](Tx& tx) { return m_.catalog.ListProducts(tx, kShopA, {}); });
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
}

TEST_F(SaveProductTest, UpdatingKeepsTheStockOfMatchedSkusGivenNoFigure) {
  auto p = Write([&](Tx& tx) { return CreateProductWithStock(tx, m_, kShopA, Duck()); });
  ASSERT_TRUE(p);
  SaveProductInput in = Duck(std::nullopt);
  in.stock = {std::nullopt, 7};
  auto u = Write([&](Tx& tx) { return UpdateProductWithStock(tx, m_, kShopA, p->product.id, in); });
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->product.skus[0].id, p->product.skus[0].id);
  EXPECT_EQ(u->stock.at(u->product.skus[0].id), 100);
  EXPECT_EQ(u->stock.at(u->product.skus[1].id), 7);
}

TEST_F(SaveProductTest, StockOfAnotherMerchantsSkuCannotBeSet) {
  auto p = Write([&](Tx& tx) { return CreateProductWithStock(tx, m_, kShopA, Duck()); });
  ASSERT_TRUE(p);
  SkuId sku = p->product.skus[0].id;
  auto r = Write([&](Tx& tx) { return SetSkuStock(tx, m_, kShopB, sku, 5); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, catalog::errors::kSkuNotFound);
  auto own = Write([&](Tx& tx) { return SetSkuStock(tx, m_, kShopA, sku, 5); });
  ASSERT_TRUE(own);
  auto now = Read([&](Tx& tx) { return LoadProductWithStock(tx, m_, kShopA, p->product.id); });
  EXPECT_EQ(now->stock.at(sku), 5);
}

TEST_F(SaveProductTest, TheStoreSeesOnlyProductsOnSaleAndTheirLiveSkus) {
  auto p = Write([&](Tx& tx) { return CreateProductWithStock(tx, m_, kShopA, Duck()); });
  ASSERT_TRUE(p);
  ProductId id = p->product.id;
  auto draft = Read([&](Tx& tx) { return LoadProductForStore(tx, m_, kShopA, id); });
  EXPECT_EQ(draft.error().code, catalog::errors::kProductNotFound);
  ASSERT_TRUE(Write([&](Tx& tx) {
    return m_.catalog.ChangeStatus(tx, kShopA, id, catalog::ProductAction::kPublish);
  }));
  SaveProductInput one = Duck();
  one.product.skus.pop_back();
  one.stock.pop_back();
  ASSERT_TRUE(Write([&](Tx& tx) { return UpdateProductWithStock(tx, m_, kShopA, id, one); }));
  auto shown = Read([&](Tx& tx) { return LoadProductForStore(tx, m_, kShopA, id); });
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->product.skus.size(), 1u);
  auto other = Read([&](Tx& tx) { return LoadProductForStore(tx, m_, kShopB, id); });
  EXPECT_EQ(other.error().code, catalog::errors::kProductNotFound);
}

TEST_F(SaveProductTest, AnUploadIsStoredOnceAndServedByItsCanonicalNameOnly) {
  const std::string png = "\x89PNG\r\n\x1A\n-pixels-";
  ImageFiles files{(db_.dir() / "uploads").string(), 1 << 20};
  auto first = PrepareImage(db_.db(), m_, ids_, files, kShopA, "image/png", png);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->is_new);
  ASSERT_TRUE(Write([&](Tx& tx) { return RecordImageFile(tx, m_, files, kShopA, first->image); }));
  auto again = PrepareImage(db_.db(), m_, ids_, files, kShopA, "image/png", png);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->is_new);
  EXPECT_EQ(again->image.id, first->image.id);

  const std::string& path = first->image.path;
  std::string merchant = path.substr(0, path.find('/'));
  std::string file = path.substr(path.find('/') + 1);
  auto served = ReadMediaFile(files.upload_dir, merchant, file);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->bytes, png);
  EXPECT_EQ(served->content_type, "image/png");
  for (auto [mch, name] :
       std::vector<std::pair<std::string, std::string>>{{"..", "test.db"},
                                                        {merchant, "../../test.db"},
                                                        {merchant, file + "/.."},
                                                        {"mch_0" + merchant.substr(4), file},
                                                        {merchant, "img_zz.exe"}}) {
    EXPECT_FALSE(ReadMediaFile(files.upload_dir, mch, name)) << mch << "/" << name;
  }
}

}  // namespace
}  // namespace weishang::workflows
