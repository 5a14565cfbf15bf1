// The catalog's HTTP routes, in-process: a merchant builds a product and the
// storefront shows it; another merchant's token reaches none of it; images
// are checked on upload and served back.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "-not-really-pixels-";

std::string ProductBody(const std::string& category, const std::string& image) {
  return R"({"title":"麻辣鸭脖","subtitle":"一口上瘾的湘味鸭脖","category_id":")" + category +
         R"(","main_image_id":")" + image +
         R"(","consumption_cycle_days":14,"spec_options":[{"name":"规格","values":["3只装","6只装"]}],
            "skus":[{"spec_values":["3只装"],"price":1990,"list_price":2990,"stock":100},
                    {"spec_values":["6只装"],"price":3590,"stock":0}]})";
}

class CatalogRoutesTest : public ::testing::Test {
 protected:
  std::string Id(const HttpResponse& r) {
    return std::string(AppHarness::Json(r).at("id").as_string());
  }

  HttpResponse UploadPng(const std::string& token, const std::string& content_type = "image/png") {
    auto req = AppHarness::Request(Method::kPost, "/admin/v1/images", kPng, token);
    req.content_type = content_type;
    return h_.Send(req);
  }

  // Creates a category, an image and a product as `token`; returns the product.
  json::value CreateProduct(const std::string& token) {
    auto cat = h_.Post("/admin/v1/categories", R"({"name":"卤味","sort_order":1})", token, "cat-1");
    EXPECT_EQ(cat.status, 201) << cat.body;
    auto img = UploadPng(token);
    EXPECT_EQ(img.status, 201) << img.body;
    auto p = h_.Post("/admin/v1/products", ProductBody(Id(cat), Id(img)), token, "prd-1");
    EXPECT_EQ(p.status, 201) << p.body;
    return AppHarness::Json(p);
  }

  AppHarness h_;
};

TEST_F(CatalogRoutesTest, APublishedProductShowsInTheStorefront) {
  std::string token = h_.SignUp("shop-a");
  json::value product = CreateProduct(token);
  std::string id(product.at("id").as_string());
  EXPECT_EQ(product.at("status"), "draft");
  EXPECT_EQ(h_.Get("/store/v1/shop-a/products/" + id).status, 404) << "drafts stay private";

  auto published =
      h_.Post("/admin/v1/products/" + id + "/status", R"({"action":"publish"})", token);
  ASSERT_EQ(published.status, 200) << published.body;
  auto home = h_.Put("/admin/v1/home", R"({"product_ids":[")" + id + R"("]})", token);
  ASSERT_EQ(home.status, 200) << home.body;

  auto detail = h_.Get("/store/v1/shop-a/products/" + id);
  ASSERT_EQ(detail.status, 200) << detail.body;
  json::value d = AppHarness::Json(detail);
  EXPECT_EQ(d.at("title"), "麻辣鸭脖");
  EXPECT_EQ(d.at("consumption_cycle_days"), 14);
  EXPECT_EQ(d.at("skus").at(0).at("stock"), 100);
  EXPECT_EQ(d.at("skus").at(1).at("sold_out"), true);
  EXPECT_FALSE(d.at("skus").at(0).as_object().contains("barcode"));

  json::value store_home = AppHarness::Json(h_.Get("/store/v1/shop-a/home"));
  EXPECT_EQ(store_home.at("featured").at(0).at("id"), id.c_str());
  EXPECT_EQ(store_home.at("categories").as_array().size(), 1u);
  json::value list = AppHarness::Json(h_.Get("/store/v1/shop-a/products?limit=10"));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
}

TEST_F(CatalogRoutesTest, StorefrontAnswersAreCachedAndDroppedByWrites) {
  std::string token = h_.SignUp("shop-a");
  std::string id(CreateProduct(token).at("id").as_string());
  h_.Post("/admin/v1/products/" + id + "/status", R"({"action":"publish"})", token);
  json::value before = AppHarness::Json(h_.Get("/store/v1/shop-a/products/" + id));
  std::string sku(before.at("skus").at(0).at("id").as_string());

  auto stock = h_.Put("/admin/v1/skus/" + sku + "/stock", R"({"stock":3})", token);
  ASSERT_EQ(stock.status, 200) << stock.body;
  json::value after = AppHarness::Json(h_.Get("/store/v1/shop-a/products/" + id));
  EXPECT_EQ(after.at("skus").at(0).at("stock"), 3) << "the stock write invalidated the cache";

  auto off = h_.Post("/admin/v1/products/" + id + "/status", R"({"action":"unpublish"})", token);
  ASSERT_EQ(off.status, 200);
  EXPECT_EQ(h_.Get("/store/v1/shop-a/products/" + id).status, 404);
}

TEST_F(CatalogRoutesTest, MerchantBGets404ForMerchantAsProductOnEveryAdminRoute) {
  std::string a = h_.SignUp("shop-a");
  std::string b = h_.SignUp("shop-b");
  json::value product = CreateProduct(a);
  std::string id(product.at("id").as_string());
  std::string sku(product.at("skus").at(0).at("id").as_string());
  std::string body = ProductBody("", "");

  std::vector<std::pair<std::string, HttpResponse>> answers = {
      {"GET", h_.Get("/admin/v1/products/" + id, b)},
      {"PUT", h_.Put("/admin/v1/products/" + id, body, b)},
      {"status", h_.Post("/admin/v1/products/" + id + "/status", R"({"action":"archive"})", b)},
      {"stock", h_.Put("/admin/v1/skus/" + sku + "/stock", R"({"stock":0})", b)},
      {"home", h_.Put("/admin/v1/home", R"({"product_ids":[")" + id + R"("]})", b)},
  };
  for (const auto& [route, r] : answers) {
    EXPECT_EQ(r.status, 404) << route << ": " << r.body;
  }
  std::string cat(
      AppHarness::Json(h_.Get("/admin/v1/categories", a)).at("items").at(0).at("id").as_string());
  EXPECT_EQ(h_.Patch("/admin/v1/categories/" + cat, R"({"name":"x"})", b).status, 404);

  json::value still = AppHarness::Json(h_.Get("/admin/v1/products/" + id, a));
  EXPECT_EQ(still.at("status"), "draft");
  EXPECT_EQ(still.at("skus").at(0).at("stock"), 100);
  json::value b_list = AppHarness::Json(h_.Get("/admin/v1/products", b));
  EXPECT_TRUE(b_list.at("items").as_array().empty());
}

TEST_F(CatalogRoutesTest, AnUploadWhoseBytesAreNotTheDeclaredTypeIsRefused) {
  std::string token = h_.SignUp("shop-a");
  auto r = UploadPng(token, "image/jpeg");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "catalog.unsupported_image_type");
  auto text = UploadPng(token, "text/plain");
  EXPECT_EQ(text.status, 422);
}

TEST_F(CatalogRoutesTest, AnUploadedPngIsServedBackAtItsUrl) {
  std::string token = h_.SignUp("shop-a");
  auto up = UploadPng(token);
  ASSERT_EQ(up.status, 201) << up.body;
  std::string url(AppHarness::Json(up).at("url").as_string());
  EXPECT_EQ(url.rfind("/media/mch_", 0), 0u);

  auto got = h_.Get(url);  // public: no token
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.content_type, "image/png");
  EXPECT_EQ(got.body, kPng);
  EXPECT_EQ(h_.Get("/media/mch_1/..%2F..%2Ftest.db").status, 404);
  EXPECT_EQ(h_.Get("/media/..%2F..%2Fetc/passwd").status, 404);
}

TEST_F(CatalogRoutesTest, ACategoryStatusIsActiveOrHidden) {
  std::string token = h_.SignUp("shop-a");
  std::string cat = Id(h_.Post("/admin/v1/categories", R"({"name":"卤味"})", token, "cat-s"));
  auto hidden = h_.Patch("/admin/v1/categories/" + cat, R"({"status":"hidden"})", token);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_EQ(AppHarness::Json(hidden).at("status").as_string(), "hidden");
  auto bad = h_.Patch("/admin/v1/categories/" + cat, R"({"status":"deleted"})", token);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(AppHarness::Json(bad).at("error").at("code").as_string(), "catalog.invalid_status");
}

TEST_F(CatalogRoutesTest, CreatingRepeatsNothingForTheSameIdempotencyKey) {
  std::string token = h_.SignUp("shop-a");
  auto first = h_.Post("/admin/v1/categories", R"({"name":"卤味"})", token, "same-key");
  auto second = h_.Post("/admin/v1/categories", R"({"name":"卤味"})", token, "same-key");
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(second.body, first.body);
  json::value list = AppHarness::Json(h_.Get("/admin/v1/categories", token));
  EXPECT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(h_.Post("/admin/v1/categories", R"({"name":"x"})", token).status, 422)
      << "an Idempotency-Key is required";
}

// The lines of a CSV answer, without its byte order mark and CRLFs.
std::vector<std::string> CsvLines(const std::string& csv) {
  std::vector<std::string> lines;
  std::string text = csv.rfind("\xEF\xBB\xBF", 0) == 0 ? csv.substr(3) : csv;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find("\r\n", at);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  return lines;
}

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST_F(CatalogRoutesTest, TheProductsExportIsOneSpreadsheetRowPerSkuWithYuanAndStock) {
  std::string token = h_.SignUp("shop-a");
  json::value product = CreateProduct(token);
  std::string id(product.at("id").as_string());
  std::string sku1(product.at("skus").at(0).at("id").as_string());
  std::string sku2(product.at("skus").at(1).at("id").as_string());

  auto r = h_.Get("/admin/v1/products/export.csv", token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("\xEF\xBB\xBF", 0), 0u) << "Excel needs the byte order mark";
  EXPECT_NE(HeaderOf(r, "Content-Disposition").find("attachment; filename=\"products-"),
            std::string::npos);
  auto lines = CsvLines(r.body);
  ASSERT_EQ(lines.size(), 3u) << r.body;
  EXPECT_EQ(lines[0],
            "商品ID,商品名称,卖点,分类,商品状态,SKU ID,规格,售价(元),划线价(元),库存,条码,"
            "SKU状态,消费周期(天),创建时间(UTC)");
  std::string created(product.at("created_at").as_string());
  EXPECT_EQ(lines[1], id + ",麻辣鸭脖,一口上瘾的湘味鸭脖,卤味,草稿," + sku1 +
                          ",规格: 3只装,19.90,29.90,100,,在售,14," + created);
  EXPECT_EQ(lines[2], id + ",麻辣鸭脖,一口上瘾的湘味鸭脖,卤味,草稿," + sku2 +
                          ",规格: 6只装,35.90,,0,,在售,14," + created);

  auto en = h_.Get("/admin/v1/products/export.csv?lang=en&status=draft", token);
  ASSERT_EQ(en.status, 200) << en.body;
  auto en_lines = CsvLines(en.body);
  ASSERT_EQ(en_lines.size(), 3u);
  EXPECT_EQ(en_lines[0].substr(0, 26), "product_id,title,subtitle,");
  EXPECT_NE(en_lines[1].find(",draft," + sku1 + ","), std::string::npos) << en_lines[1];

  auto on_sale = h_.Get("/admin/v1/products/export.csv?status=on_sale", token);
  EXPECT_EQ(CsvLines(on_sale.body).size(), 1u) << "only the header: nothing is on sale";
  EXPECT_EQ(h_.Get("/admin/v1/products/export.csv?lang=fr", token).status, 422);
  EXPECT_EQ(h_.Get("/admin/v1/products/export.csv?status=sold", token).status, 422);
}

TEST_F(CatalogRoutesTest, TheProductsExportNeedsASignedInStaffMemberOfTheShop) {
  std::string owner = h_.SignUp("shop-a");
  std::string id(CreateProduct(owner).at("id").as_string());
  auto anonymous = h_.Get("/admin/v1/products/export.csv");
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(AppHarness::Json(anonymous).at("error").at("code"), "identity.unauthenticated");

  // Every role reads the catalog (kRead), so every role may export it.
  auto clerk = h_.Post(
      "/admin/v1/staff",
      R"({"login":"clerk@shop-a.test","name":"店员","role":"finance","password":"clerk till drawer"})",
      owner, "stf-1");
  ASSERT_EQ(clerk.status, 201) << clerk.body;
  auto login =
      h_.Post("/admin/v1/auth/login",
              R"({"shop":"shop-a","login":"clerk@shop-a.test","password":"clerk till drawer"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string finance(AppHarness::Json(login).at("token").as_string());
  auto r = h_.Get("/admin/v1/products/export.csv", finance);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(id), std::string::npos);

  std::string other = h_.SignUp("shop-b");
  auto b = h_.Get("/admin/v1/products/export.csv", other);
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(CsvLines(b.body).size(), 1u) << "shop B's export holds none of A's products";
  EXPECT_EQ(b.body.find(id), std::string::npos);
}

TEST_F(CatalogRoutesTest, TheDiscountListNamesEachDiscountsProductAndSpec) {
  std::string token = h_.SignUp("shop-a");
  json::value product = CreateProduct(token);
  std::string sku(product.at("skus").at(1).at("id").as_string());
  auto made = h_.Post("/admin/v1/discounts",
                      R"({"sku_id":")" + sku +
                          R"(","name":"限时九折","kind":"percent","percent_bp":9000,)"
                          R"("starts_at":"2024-01-01","ends_at":"2099-01-01"})",
                      token, "dsc-1");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_FALSE(AppHarness::Json(made).as_object().contains("product")) << "in the list only";

  json::value list = AppHarness::Json(h_.Get("/admin/v1/discounts", token));
  ASSERT_EQ(list.at("items").as_array().size(), 1u) << list;
  const json::value& listed = list.at("items").at(0);
  EXPECT_EQ(listed.at("sku_id"), sku.c_str());
  EXPECT_EQ(listed.at("product").at("id"), product.at("id"));
  EXPECT_EQ(listed.at("product").at("title"), "麻辣鸭脖");
  EXPECT_EQ(listed.at("product").at("spec_text"), "规格: 6只装");
}

TEST_F(CatalogRoutesTest, TheProductsExportReadsPastOnePageOfProducts) {
  std::string token = h_.SignUp("shop-a");
  constexpr int kProducts = 103;  // the export reads 100 products at a time
  for (int i = 0; i < kProducts; ++i) {
    auto p = h_.Post("/admin/v1/products",
                     R"({"title":"商品)" + std::to_string(i) + R"(","skus":[{"price":100}]})",
                     token, "p-" + std::to_string(i));
    ASSERT_EQ(p.status, 201) << p.body;
  }
  auto r = h_.Get("/admin/v1/products/export.csv?lang=en", token);
  ASSERT_EQ(r.status, 200);
  auto lines = CsvLines(r.body);
  ASSERT_EQ(lines.size(), kProducts + 1u);
  EXPECT_NE(lines[1].find(",商品102,"), std::string::npos) << "newest first: " << lines[1];
  EXPECT_NE(lines[kProducts].find(",商品0,"), std::string::npos) << lines[kProducts];
}

}  // namespace
}  // namespace weishang::api
