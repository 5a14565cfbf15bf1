// The web front end as the browser gets it: the console and the micro-store
// answer their index.html for every path under them (history mode), hashed
// assets are cached for a year, pages carry a script policy, gzip is sent
// only to clients that accept it, and no request reads a file outside the
// web root. The web root is a small made-up build in a temporary folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

namespace fs = std::filesystem;
using testing::AppHarness;

void Write(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

// <tmp>/secret.txt beside <tmp>/web, the web root:
//   console/index.html (+ .gz)   shop/index.html (+ .gz)
//   assets/app-4f2a.js (+ .gz)   assets/app-4f2a.css   assets/logo-9c.svg
//   assets/leak.txt -> ../../secret.txt (a symbolic link)
class WebRoutesTest : public ::testing::Test {
 protected:
  static constexpr const char* kConsole = "<!doctype html><title>console</title>";
  static constexpr const char* kShop = "<!doctype html><title>shop</title>";
  static constexpr const char* kScript = "console.log('app')";

  WebRoutesTest() = default;
  ~WebRoutesTest() override { fs::remove_all(dir_); }

  HttpResponse Get(const std::string& path, const std::string& accept_encoding = "") {
    auto req = AppHarness::Request(Method::kGet, path);
    req.accept_encoding = accept_encoding;
    return h_.Send(req);
  }

  static std::string Header(const HttpResponse& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
  static std::string Code(const HttpResponse& r) {
    json::value body = AppHarness::Json(r);
    return body.is_object() ? std::string(body.at("error").at("code").as_string()) : "";
  }

  static std::shared_ptr<const StaticFiles> BuildWebRoot(const fs::path& dir) {
    fs::remove_all(dir);
    fs::path web = dir / "web";
    Write(dir / "secret.txt", "the secret");
    Write(web / "console/index.html", kConsole);
    Write(web / "console/index.html.gz", "GZ:console");
    Write(web / "shop/index.html", kShop);
    Write(web / "shop/index.html.gz", "GZ:shop");
    Write(web / "assets/app-4f2a.js", kScript);
    Write(web / "assets/app-4f2a.js.gz", "GZ:script");
    Write(web / "assets/app-4f2a.css", "body{}");
    Write(web / "assets/logo-9c.svg", "<svg/>");
    fs::create_symlink(dir / "secret.txt", web / "assets/leak.txt");
    auto loaded = StaticFiles::Load(web);
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return *loaded;
  }

  fs::path dir_ = fs::temp_directory_path() / ("weishang-web-" + std::to_string(::getpid()));
  std::shared_ptr<const StaticFiles> web_ = BuildWebRoot(dir_);
  AppHarness h_{AppHarness::Options{.web = web_}};
};

TEST_F(WebRoutesTest, RootRedirectsToTheConsole) {
  auto r = Get("/");
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(Header(r, "Location"), "/console/");
}

TEST_F(WebRoutesTest, EveryPathUnderTheConsoleAnswersItsPage) {
  for (const char* path : {"/console", "/console/", "/console/login", "/console/orders/ord_1a",
                           "/console/no/such/page.js"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Body(), kConsole) << path;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << path;
    EXPECT_EQ(Header(r, "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(WebRoutesTest, EveryPathUnderAShopAnswersTheStorePage) {
  for (const char* path : {"/s/demo", "/s/demo/", "/s/demo/products/prd_1", "/s/other-shop/x"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.Body(), kShop) << path;
  }
  EXPECT_EQ(Get("/s").status, 404) << "a store link names its shop";
  EXPECT_EQ(Get("/consoles").status, 404);
}

TEST_F(WebRoutesTest, PagesForbidInlineAndForeignScriptsAndSniffing) {
  for (const char* path : {"/console/login", "/s/demo/"}) {
    auto r = Get(path);
    std::string policy = Header(r, "Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
    EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("img-src 'self' data: blob:"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos) << policy;
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(WebRoutesTest, AssetsAreCachedForAYearWithTheirContentTypes) {
  struct Case {
    const char* path;
    const char* type;
  };
  for (const Case& c : {Case{"/assets/app-4f2a.js", "text/javascript; charset=utf-8"},
                        Case{"/assets/app-4f2a.css", "text/css; charset=utf-8"},
                        Case{"/assets/logo-9c.svg", "image/svg+xml"}}) {
    auto r = Get(c.path);
    EXPECT_EQ(r.status, 200) << c.path;
    EXPECT_EQ(r.content_type, c.type) << c.path;
    EXPECT_EQ(Header(r, "Cache-Control"), "public, max-age=31536000, immutable") << c.path;
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff") << c.path;
    EXPECT_EQ(Header(r, "Content-Security-Policy"), "") << "only pages carry the policy";
  }
}

TEST_F(WebRoutesTest, AMissingAssetIsNotFoundRatherThanThePage) {
  auto r = Get("/assets/app-0000.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Code(r), "web.not_found");
}

TEST_F(WebRoutesTest, GzipIsSentOnlyWhenAcceptEncodingAllowsIt) {
  struct Case {
    const char* accept;
    bool gzip;
  };
  for (const Case& c :
       {Case{"gzip, deflate, br", true}, Case{"br;q=1.0, GZIP;q=0.5", true}, Case{"*", true},
        Case{"x-gzip", true}, Case{"", false}, Case{"identity", false}, Case{"br, deflate", false},
        Case{"gzip;q=0", false}, Case{"gzip; q=0.000, br", false}, Case{"*;q=0", false},
        Case{"*, gzip;q=0", false}}) {
    auto r = Get("/assets/app-4f2a.js", c.accept);
    EXPECT_EQ(r.Body(), c.gzip ? "GZ:script" : kScript) << "Accept-Encoding: " << c.accept;
    EXPECT_EQ(Header(r, "Content-Encoding"), c.gzip ? "gzip" : "") << c.accept;
    EXPECT_EQ(Header(r, "Vary"), "Accept-Encoding") << c.accept;
  }
  auto page = Get("/console/login", "gzip");
  EXPECT_EQ(page.Body(), "GZ:console");
  EXPECT_EQ(Header(page, "Content-Encoding"), "gzip");
  auto css = Get("/assets/app-4f2a.css", "gzip");
  EXPECT_EQ(css.Body(), "body{}") << "no .gz was built for it";
  EXPECT_EQ(Header(css, "Content-Encoding"), "");
  EXPECT_EQ(Header(css, "Vary"), "");
}

TEST_F(WebRoutesTest, NoPathReadsAFileOutsideTheWebRoot) {
  for (const char* path :
       {"/assets/../secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/assets/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/assets/./app-4f2a.js", "/assets/..\\..\\secret.txt", "/assets/leak.txt",
        "/assets/app-4f2a.js%00.css", "/assets/%2fetc%2fpasswd", "/assets//etc/passwd"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(std::string(r.Body()).find("the secret"), std::string::npos) << path;
  }
  // The pages are fixed files: a path under them never names a file.
  EXPECT_EQ(Get("/console/../../secret.txt").Body(), kConsole);
}

TEST(WebRoutesNotBuiltTest, WithoutABuiltFrontEndThePagesAnswerNotBuilt) {
  AppHarness h;
  for (const char* path : {"/console/", "/s/demo/", "/assets/app.js"}) {
    auto r = h.Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("web.not_built"), std::string::npos) << r.body;
  }
}

TEST(StaticFilesTest, LoadRefusesAMissingFolderAndOneTooLarge) {
  auto missing = StaticFiles::Load("/nonexistent/weishang-web");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "web.unreadable");
  fs::path dir = fs::temp_directory_path() / ("weishang-web-big-" + std::to_string(::getpid()));
  Write(dir / "a.js", std::string(600, 'a'));
  Write(dir / "b.js", std::string(600, 'b'));
  auto big = StaticFiles::Load(dir, 1000);
  fs::remove_all(dir);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "web.too_large");
}

TEST(StaticFilesTest, ContentTypesFollowTheExtension) {
  EXPECT_EQ(ContentTypeFor("index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/x.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("assets/x.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("assets.d/README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("x.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace weishang::api
