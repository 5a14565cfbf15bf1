// Keeps docs/openapi.yaml honest against the router, as api_docs_test does
// for docs/api.md. The document is read as the binary embeds it (the build
// converts the YAML: cmake/openapi_to_json.py), so what is checked is what
// GET /openapi.json serves.
//
// Path templates map 1:1 to router patterns: the OpenAPI path is the
// pattern, character for character, and each router capture "{name}" is a
// path parameter `name`. What the answers look like is checked by the
// end-to-end walk, tests/e2e/openapi_test.py.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>

#include "api/openapi_document.h"
#include "modules/identity/roles.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using identity::Permission;
using weishang::testing::AppHarness;

const json::value& Root() {
  static const json::value kDocument = json::parse(OpenApiJson());
  return kDocument;
}

const json::object& Document() { return Root().as_object(); }

const json::object& Paths() { return Document().at("paths").as_object(); }

// The operations of the document: "METHOD /path" -> the Operation object.
struct Operation {
  std::string method;  // upper case, as MethodName spells it
  std::string path;
  const json::object* op = nullptr;
  const json::object* path_item = nullptr;
};

std::vector<Operation> Operations() {
  static const std::set<std::string> kMethods = {"get",  "put",     "post",  "delete",
                                                 "head", "options", "patch", "trace"};
  std::vector<Operation> out;
  for (const auto& [path, item] : Paths()) {
    for (const auto& [key, op] : item.as_object()) {
      if (!kMethods.count(std::string(key))) continue;
      std::string method(key);
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.push_back({method, std::string(path), &op.as_object(), &item.as_object()});
    }
  }
  return out;
}

std::string Name(const Operation& op) { return op.method + " " + op.path; }

std::set<std::string> RegisteredRoutes(const Router& router) {
  std::set<std::string> out;
  for (const auto& route : router.routes()) {
    out.insert(std::string(MethodName(route->method)) + " " + route->pattern);
  }
  return out;
}

// The node a local reference ("#/components/schemas/Order") names; nullptr
// when there is none.
const json::value* Resolve(std::string_view ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const json::value* at = &Root();
  std::size_t start = 2;
  while (start <= ref.size()) {
    std::size_t end = std::min(ref.find('/', start), ref.size());
    std::string key(ref.substr(start, end - start));
    if (!at->is_object() || !at->as_object().contains(key)) return nullptr;
    at = &at->as_object().at(key);
    start = end + 1;
  }
  return at;
}

// A Parameter object, following a $ref to components/parameters.
const json::object& Parameter(const json::value& p) {
  const json::object& o = p.as_object();
  if (const json::value* ref = o.if_contains("$ref")) {
    const json::value* target = Resolve(ref->as_string());
    if (target != nullptr) return target->as_object();
  }
  return o;
}

// The names of the path parameters an operation declares, at the path or
// the operation level.
std::multiset<std::string> DeclaredPathParameters(const Operation& op) {
  std::multiset<std::string> out;
  for (const json::object* holder : {op.path_item, op.op}) {
    const json::value* params = holder->if_contains("parameters");
    if (params == nullptr) continue;
    for (const json::value& p : params->as_array()) {
      const json::object& param = Parameter(p);
      if (param.at("in").as_string() == "path")
        out.insert(std::string(param.at("name").as_string()));
    }
  }
  return out;
}

std::multiset<std::string> Captures(const std::string& pattern) {
  std::multiset<std::string> out;
  for (std::size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    out.insert(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return out;
}

bool IsCamelCase(std::string_view id) {
  if (id.empty() || !std::islower(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::string SurfaceOf(const std::string& path) {
  if (path.rfind("/store/v1/", 0) == 0) return "store";
  if (path.rfind("/admin/v1/", 0) == 0) return "console";
  return "system";
}

// The console routes a caller reaches without a token.
bool IsPublicConsoleRoute(const std::string& path) {
  return path == "/admin/v1/auth/signup" || path == "/admin/v1/auth/login";
}

const std::map<std::string, Permission>& Permissions() {
  static const std::map<std::string, Permission> kByName = {
      {"read", Permission::kRead},
      {"catalog_write", Permission::kCatalogWrite},
      {"promotion_write", Permission::kPromotionWrite},
      {"order_fulfil", Permission::kOrderFulfil},
      {"aftersales", Permission::kAftersales},
      {"money", Permission::kMoney},
      {"settings", Permission::kSettings},
      {"staff_manage", Permission::kStaffManage},
      {"customers", Permission::kCustomers},
      {"customers_admin", Permission::kCustomersAdmin},
      {"audit_read", Permission::kAuditRead},
      {"personal_data", Permission::kPersonalData},
  };
  return kByName;
}

TEST(OpenApiTest, IsAnOpenApi31Document) {
  EXPECT_EQ(Document().at("openapi").as_string().subview(0, 4), "3.1.");
  EXPECT_TRUE(Document().contains("info"));
  EXPECT_TRUE(Document().at("components").as_object().contains("schemas"));
}

TEST(OpenApiTest, EveryRegisteredRouteIsAnOperation) {
  AppHarness h;
  std::set<std::string> documented;
  for (const Operation& op : Operations()) documented.insert(Name(op));
  for (const std::string& route : RegisteredRoutes(h.app().router())) {
    EXPECT_TRUE(documented.count(route))
        << route << " is served but docs/openapi.yaml has no such operation";
  }
}

TEST(OpenApiTest, EveryOperationIsARegisteredRoute) {
  AppHarness h;
  std::set<std::string> registered = RegisteredRoutes(h.app().router());
  std::vector<Operation> ops = Operations();
  EXPECT_EQ(ops.size(), registered.size());
  for (const Operation& op : ops) {
    EXPECT_TRUE(registered.count(Name(op)))
        << "docs/openapi.yaml describes " << Name(op) << ", which the engine does not serve";
  }
}

TEST(OpenApiTest, PathParametersAreTheRouteCaptures) {
  for (const Operation& op : Operations()) {
    EXPECT_EQ(DeclaredPathParameters(op), Captures(op.path))
        << Name(op) << ": declare each {capture} as a path parameter, once, and nothing else";
  }
}

TEST(OpenApiTest, OperationIdsAreUniqueAndCamelCase) {
  std::set<std::string> seen;
  for (const Operation& op : Operations()) {
    const json::value* id = op.op->if_contains("operationId");
    ASSERT_NE(id, nullptr) << Name(op) << " has no operationId";
    std::string text(id->as_string());
    EXPECT_TRUE(IsCamelCase(text)) << Name(op) << ": operationId '" << text << "'";
    EXPECT_TRUE(seen.insert(text).second) << "operationId '" << text << "' is used twice";
    EXPECT_TRUE(op.op->contains("summary")) << Name(op) << " has no summary";
  }
}

TEST(OpenApiTest, EachOperationIsTaggedWithItsSurface) {
  for (const Operation& op : Operations()) {
    const json::value* tags = op.op->if_contains("tags");
    ASSERT_NE(tags, nullptr) << Name(op);
    ASSERT_EQ(tags->as_array().size(), 1u) << Name(op);
    EXPECT_EQ(tags->as_array()[0].as_string(), SurfaceOf(op.path)) << Name(op);
  }
}

// Every operation says whether it needs a token (a generated client reads
// `security`); console operations but sign-up and login need one.
TEST(OpenApiTest, ConsoleOperationsNeedABearerTokenAndNameTheirPermission) {
  const json::array kBearer = {json::object{{"bearer", json::array{}}}};
  for (const Operation& op : Operations()) {
    const json::value* security = op.op->if_contains("security");
    const json::value* permission = op.op->if_contains("x-permission");
    ASSERT_NE(security, nullptr) << Name(op) << " does not say whether it needs a token";
    bool needs_token = SurfaceOf(op.path) == "console" && !IsPublicConsoleRoute(op.path);
    if (needs_token) {
      EXPECT_EQ(security->as_array(), kBearer) << Name(op);
      ASSERT_NE(permission, nullptr) << Name(op) << " names no x-permission";
      EXPECT_TRUE(Permissions().count(std::string(permission->as_string())))
          << Name(op) << ": unknown x-permission " << *permission;
      EXPECT_TRUE(op.op->at("responses").as_object().contains("401")) << Name(op);
    } else if (SurfaceOf(op.path) == "store" && !security->as_array().empty()) {
      // The store's "me" routes take a customer session token instead.
      const json::array kCustomer = {json::object{{"customer", json::array{}}}};
      EXPECT_EQ(security->as_array(), kCustomer) << Name(op);
      EXPECT_TRUE(op.op->at("responses").as_object().contains("401")) << Name(op);
      EXPECT_EQ(permission, nullptr) << Name(op);
    } else {
      EXPECT_TRUE(security->as_array().empty()) << Name(op) << " is public: security: []";
      EXPECT_EQ(permission, nullptr) << Name(op);
    }
  }
}

// Success is a 2xx, or a redirect for a route that only sends the browser on.
TEST(OpenApiTest, EveryOperationAnswersASuccessAndTheCommonFailures) {
  for (const Operation& op : Operations()) {
    const json::object& responses = op.op->at("responses").as_object();
    bool success = std::any_of(responses.begin(), responses.end(), [](const auto& r) {
      return r.key().size() == 3 && (r.key()[0] == '2' || r.key()[0] == '3');
    });
    EXPECT_TRUE(success) << Name(op) << " has no 2xx or 3xx answer";
    EXPECT_TRUE(responses.contains("default")) << Name(op) << " lacks the common failures";
  }
}

// Every "$ref" anywhere points at something.
void CheckReferences(const json::value& v, const std::string& where) {
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.as_array().size(); ++i)
      CheckReferences(v.as_array()[i], where + "/" + std::to_string(i));
  }
  if (!v.is_object()) return;
  for (const auto& [key, child] : v.as_object()) {
    if (key == "$ref") {
      EXPECT_TRUE(child.is_string() && Resolve(child.as_string()) != nullptr)
          << where << ": $ref " << child << " resolves to nothing";
    } else {
      CheckReferences(child, where + "/" + std::string(key));
    }
  }
}

TEST(OpenApiTest, EveryReferenceResolves) { CheckReferences(Root(), "#"); }

TEST(OpenApiTest, ServedAsJsonAtOpenApiJson) {
  AppHarness h;
  HttpResponse r = h.Get("/openapi.json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, OpenApiJson());
  bool cacheable = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& header) {
    return header.first == "Cache-Control" && header.second.find("max-age=") != std::string::npos;
  });
  EXPECT_TRUE(cacheable);
}

// Signs `login` in to `shop`; the token.
std::string LogIn(AppHarness& h, const std::string& shop, const std::string& login,
                  const std::string& password) {
  auto r = h.Post(
      "/admin/v1/auth/login",
      json::serialize(json::object{{"shop", shop}, {"login", login}, {"password", password}}));
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return std::string(AppHarness::Json(r).at("token").as_string());
}

// Each console operation is called by a staff member and by a finance
// member with placeholder ids and no body: a role is refused (403) exactly
// where it lacks the operation's x-permission. Refusal comes before any
// decoding, so the calls that pass change nothing (their ids exist nowhere,
// their bodies are empty); logout, which does change something, runs last.
TEST(OpenApiTest, EachRoleIsRefusedExactlyWhereItLacksTheOperationsPermission) {
  AppHarness h;
  std::string owner = h.SignUp("perm-shop");
  const std::string kPassword = "clerk till drawer";
  std::map<identity::Role, std::string> tokens;
  for (auto [role, login] : {std::pair{identity::Role::kStaff, "clerk@perm-shop.test"},
                             std::pair{identity::Role::kFinance, "cashier@perm-shop.test"}}) {
    auto created = h.Post("/admin/v1/staff",
                          json::serialize(json::object{{"login", login},
                                                       {"name", login},
                                                       {"role", identity::RoleName(role)},
                                                       {"password", kPassword}}),
                          owner, std::string("staff-") + login);
    ASSERT_EQ(created.status, 201) << created.body;
    tokens[role] = LogIn(h, "perm-shop", login, kPassword);
  }
  std::vector<Operation> ops = Operations();
  std::stable_partition(ops.begin(), ops.end(), [](const Operation& op) {
    return op.op->at("operationId").as_string() != "logOut";
  });
  for (const auto& [role, token] : tokens) {
    for (const Operation& op : ops) {
      const json::value* name = op.op->if_contains("x-permission");
      if (name == nullptr) continue;
      Permission needed = Permissions().at(std::string(name->as_string()));
      std::string target = op.path;
      for (std::size_t open = target.find('{'); open != std::string::npos;
           open = target.find('{')) {
        target.replace(open, target.find('}', open) - open + 1, "nothing_1");
      }
      Method method = op.method == "GET"     ? Method::kGet
                      : op.method == "POST"  ? Method::kPost
                      : op.method == "PUT"   ? Method::kPut
                      : op.method == "PATCH" ? Method::kPatch
                                             : Method::kDelete;
      HttpResponse r = h.Send(AppHarness::Request(method, target, "", token));
      bool allowed = identity::Allows(role, needed);
      std::string who = std::string(identity::RoleName(role)) + " calling " + Name(op);
      EXPECT_NE(r.status, 401) << who << ": " << r.body;
      if (allowed) {
        EXPECT_NE(r.status, 403) << who << " (x-permission " << *name << "): " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << who << " (x-permission " << *name << "): " << r.body;
      }
    }
  }
}

}  // namespace
}  // namespace weishang::api
