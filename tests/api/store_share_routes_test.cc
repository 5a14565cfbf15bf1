// GET /store/v1/{shop}/qr: a share link into the shop's own store drawn as
// a QR code. The PNG is decoded and its modules compared with the code of
// the expected link, so the picture says exactly that link; anything that
// is not a page of this shop's store is refused.
#include <gtest/gtest.h>
#include <png.h>
#include <qrencode.h>

#include <memory>

#include "core/qr_png.h"
#include "testing/app_harness.h"
#include "workflows/sharing/share_link.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

struct Gray {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // 8-bit grey, row by row
  bool Black(int x, int y) const { return pixels[y * width + x] < 128; }
};

// Decodes a PNG with libpng's simplified API; width 0 when it is no PNG.
Gray DecodePng(const std::string& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Gray out;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return out;
  image.format = PNG_FORMAT_GRAY;
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) return out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  return out;
}

// Whether the picture is the QR code of `text`: the same modules, each
// `scale` pixels square, inside a white quiet zone of 4 modules.
::testing::AssertionResult ShowsCodeOf(const Gray& g, const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  if (!code) return ::testing::AssertionFailure() << "libqrencode cannot encode " << text;
  int side = code->width + 2 * kQrQuietZone;
  if (g.width != g.height || g.width % side != 0) {
    return ::testing::AssertionFailure()
           << g.width << "x" << g.height << " is no code of " << side << " modules";
  }
  int scale = g.width / side;
  for (int my = 0; my < side; ++my) {
    for (int mx = 0; mx < side; ++mx) {
      int qx = mx - kQrQuietZone;
      int qy = my - kQrQuietZone;
      bool inside = qx >= 0 && qy >= 0 && qx < code->width && qy < code->width;
      bool want = inside && (code->data[qy * code->width + qx] & 1);
      // The centre pixel of the module, and its corners.
      for (auto [dx, dy] : {std::pair{scale / 2, scale / 2}, {0, 0}, {scale - 1, scale - 1}}) {
        if (g.Black(mx * scale + dx, my * scale + dy) != want) {
          return ::testing::AssertionFailure() << "module " << mx << "," << my << " differs";
        }
      }
    }
  }
  return ::testing::AssertionSuccess();
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class StoreShareRoutesTest : public ::testing::Test {
 protected:
  HttpResponse Qr(const std::string& query, const std::string& host = "shop.example.com:8080") {
    auto req = AppHarness::Request(Method::kGet, "/store/v1/share-a/qr" + query);
    req.host = host;
    return h_.Send(req);
  }
  void SetUp() override { h_.SignUp("share-a"); }
  AppHarness h_;
};

TEST_F(StoreShareRoutesTest, AProductLinkIsDrawnAsItsQrCode) {
  auto r = Qr("?path=/products/prd_2wqnf39s0yrk&size=300");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "image/png");
  ASSERT_GE(r.body.size(), 24u);
  EXPECT_EQ(r.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(r.body.substr(12, 4), "IHDR");
  Gray g = DecodePng(r.body);
  EXPECT_LE(g.width, 300) << "within the size asked for";
  EXPECT_GE(g.width, 300 / 2) << "and not much smaller";
  EXPECT_TRUE(ShowsCodeOf(g, "http://shop.example.com:8080/s/share-a/products/prd_2wqnf39s0yrk"));
  EXPECT_EQ(Header(r, "Cache-Control"), "public, max-age=31536000");
  EXPECT_EQ(Header(r, "Vary"), "Host") << "the link's origin is the request's Host";
}

TEST_F(StoreShareRoutesTest, TheSameQueryDrawsTheSameBytes) {
  auto a = Qr("?path=/products/prd_1");
  auto b = Qr("?path=/products/prd_1");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body, b.body);
  EXPECT_NE(a.body, Qr("?path=/products/prd_2").body);
}

TEST_F(StoreShareRoutesTest, WithoutAPathTheCodeOpensTheShopsHome) {
  auto r = Qr("");
  ASSERT_EQ(r.status, 200) << r.body;
  Gray g = DecodePng(r.body);
  EXPECT_LE(g.width, 360) << "360 pixels by default";
  EXPECT_TRUE(ShowsCodeOf(g, "http://shop.example.com:8080/s/share-a/"));
}

TEST_F(StoreShareRoutesTest, AForeignTargetIsRefused) {
  for (std::string query : std::vector<std::string>{
           "?path=https://evil.example.com/login", "?path=//evil.example.com/login",
           "?path=evil.example.com", "?path=/../../other-shop/", "?path=/products/%2E%2E/x",
           "?path=/a//b", "?path=/products?next=https://evil.example.com", "?path=/a%0Ab",
           "?path=/" + std::string(300, 'a')}) {
    auto r = Qr(query);
    EXPECT_EQ(r.status, 422) << query;
    EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "store.invalid_share_path") << query;
  }
}

TEST_F(StoreShareRoutesTest, SizesOutsideTheLimitsAreRefused) {
  for (std::string size : {"0", "63", "1025", "99999", "12px", "-5", "abc"}) {
    auto r = Qr("?size=" + size);
    EXPECT_EQ(r.status, 422) << size;
    EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "request.invalid_field") << size;
  }
  EXPECT_LE(DecodePng(Qr("?size=1024").body).width, 1024);
  EXPECT_EQ(Qr("?size=64").status, 200);
}

TEST_F(StoreShareRoutesTest, AHostHeaderThatIsNoHostIsRefused) {
  for (std::string host : {"", "evil.example.com/login?x=", "user@evil.example.com", "a b"}) {
    auto r = Qr("?path=/", host);
    EXPECT_EQ(r.status, 422) << host;
    EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "store.invalid_host") << host;
  }
}

TEST_F(StoreShareRoutesTest, AnUnknownShopHasNoCode) {
  auto req = AppHarness::Request(Method::kGet, "/store/v1/no-such-shop/qr?path=/");
  req.host = "shop.example.com";
  auto r = h_.Send(req);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(AppHarness::Json(r).at("error").at("code"), "store.shop_not_found");
}

TEST(StoreShareRoutesPublicUrlTest, ThePublicUrlIsTheOriginWhateverTheHost) {
  AppHarness::Options options;
  options.public_url = "https://wd.example.com";
  AppHarness h(options);
  h.SignUp("share-b");
  auto req = AppHarness::Request(Method::kGet, "/store/v1/share-b/qr?path=/products/prd_7");
  req.host = "evil.example.com";
  auto r = h.Send(req);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(ShowsCodeOf(DecodePng(r.body), "https://wd.example.com/s/share-b/products/prd_7"));
  EXPECT_EQ(Header(r, "Vary"), "") << "the answer does not depend on the Host";
}

TEST(ShareLinkTest, OriginsAreSchemeAndHostOnly) {
  EXPECT_TRUE(workflows::ValidOrigin("https://wd.example.com"));
  EXPECT_TRUE(workflows::ValidOrigin("http://127.0.0.1:8080"));
  EXPECT_TRUE(workflows::ValidOrigin("http://[::1]:8080"));
  EXPECT_FALSE(workflows::ValidOrigin("https://wd.example.com/"));
  EXPECT_FALSE(workflows::ValidOrigin("ftp://wd.example.com"));
  EXPECT_FALSE(workflows::ValidOrigin("https://user@wd.example.com"));
  EXPECT_FALSE(workflows::ValidOrigin("https://wd.example.com:99999999"));
}

}  // namespace
}  // namespace weishang::api
