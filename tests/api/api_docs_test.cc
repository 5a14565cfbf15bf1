// Keeps docs/api.md honest: every route the App registers is documented
// under a heading "### `METHOD /pattern`", and every such heading names a
// route that exists. The file is found through WEISHANG_SOURCE_DIR, which
// weishang_test sets for ctest.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::filesystem::path ApiDoc() {
  const char* root = std::getenv("WEISHANG_SOURCE_DIR");
  std::filesystem::path base = root != nullptr ? root : ".";
  return base / "docs" / "api.md";
}

// The "METHOD /pattern" of every heading of the form ### `METHOD /pattern`.
std::set<std::string> DocumentedRoutes(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::set<std::string> out;
  std::string line;
  const std::string kHeading = "### `";
  while (std::getline(in, line)) {
    if (line.rfind(kHeading, 0) != 0) continue;
    std::size_t end = line.find('`', kHeading.size());
    if (end == std::string::npos) continue;
    out.insert(line.substr(kHeading.size(), end - kHeading.size()));
  }
  return out;
}

std::set<std::string> RegisteredRoutes(const Router& router) {
  std::set<std::string> out;
  for (const auto& route : router.routes()) {
    out.insert(std::string(MethodName(route->method)) + " " + route->pattern);
  }
  return out;
}

TEST(ApiDocsTest, EveryRegisteredRouteIsDocumentedInApiMd) {
  ASSERT_TRUE(std::filesystem::exists(ApiDoc())) << ApiDoc();
  AppHarness h;
  std::set<std::string> documented = DocumentedRoutes(ApiDoc());
  for (const std::string& route : RegisteredRoutes(h.app().router())) {
    EXPECT_TRUE(documented.count(route))
        << route << " is served but docs/api.md has no heading ### `" << route << "`";
  }
}

TEST(ApiDocsTest, EveryDocumentedRouteIsStillRegistered) {
  ASSERT_TRUE(std::filesystem::exists(ApiDoc())) << ApiDoc();
  AppHarness h;
  std::set<std::string> registered = RegisteredRoutes(h.app().router());
  std::set<std::string> documented = DocumentedRoutes(ApiDoc());
  EXPECT_GE(documented.size(), registered.size());
  for (const std::string& route : documented) {
    EXPECT_TRUE(registered.count(route))
        << "docs/api.md documents " << route << ", which the engine no longer serves";
  }
}

}  // namespace
}  // namespace weishang::api
