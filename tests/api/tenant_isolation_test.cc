// Proves that one merchant's token can neither read nor change another
// merchant's data through any console route. The sweeps walk the router's
// own table, so a route added later is swept too, or fails the test until
// the sweep knows how to call it:
//  - every /admin/v1 route with an {id}: called by B with each of A's ids of
//    the matching prefix and a valid body, it must answer 404 with the same
//    code as for an id that exists nowhere and for a malformed one, so B
//    cannot even tell that A's record exists;
//  - every /admin/v1 route without one (lists, home, shop, settings, and
//    creations whose body names A's ids): B's answers hold none of A's ids,
//    tokens, secrets or buyer phone numbers, except what B itself sent;
//  - afterwards every page of A's console reads exactly as before.
#include <gtest/gtest.h>

#include "api/tenant_fixture.h"

namespace weishang::api {
namespace {

std::string Name(const Route& route) {
  return std::string(MethodName(route.method)) + " " + route.pattern;
}
bool IsAdmin(const Route& route) { return route.pattern.rfind("/admin/v1/", 0) == 0; }
bool HasParam(const Route& route) { return route.pattern.find('{') != std::string::npos; }

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// `target` with each id segment (one after a segment PrefixAfter knows)
// replaced by make(prefix).
std::string SwapIds(const std::string& target,
                    const std::function<std::string(const std::string&)>& make) {
  std::string out, previous, before;
  std::size_t start = 1;
  while (start <= target.size()) {
    std::size_t end = std::min(target.find('/', start), target.size());
    std::string seg = target.substr(start, end - start);
    auto prefix = PrefixAfter(previous, before);
    out += "/" + (prefix && seg.rfind(*prefix + "_", 0) == 0 ? make(*prefix) : seg);
    before = previous;
    previous = seg;
    start = end + 1;
  }
  return out;
}

// Bodies a route with an {id} would accept for a record of the caller's:
// each gets past validation, so only the lookup can refuse B.
const std::map<std::string, std::string>& IdRouteBodies() {
  static const std::map<std::string, std::string> kBodies = {
      {"PATCH /admin/v1/staff/{id}", R"({"status":"disabled"})"},
      {"POST /admin/v1/orders/{id}/ship", R"({"carrier":"顺丰","tracking_no":"SF0000001"})"},
      {"POST /admin/v1/orders/{id}/cancel", R"({"reason":"缺货"})"},
      {"POST /admin/v1/orders/{id}/confirm-payment", R"({"method":"transfer","amount":$TOTAL})"},
      {"POST /admin/v1/aftersales/{id}/approve", ""},
      {"POST /admin/v1/aftersales/{id}/refuse", R"({"reason":"已发货"})"},
      {"POST /admin/v1/aftersales/{id}/receive", ""},
      {"POST /admin/v1/aftersales/{id}/ship-replacement",
       R"({"carrier":"中通","tracking_no":"ZT0000001"})"},
      {"POST /admin/v1/coupons/{id}/archive", ""},
      {"POST /admin/v1/discounts/{id}/end", ""},
      {"POST /admin/v1/reductions/{id}/end", ""},
      {"PATCH /admin/v1/categories/{id}", R"({"name":"被改了","status":"hidden"})"},
      {"PUT /admin/v1/products/{id}", ProductBody()},
      {"POST /admin/v1/products/{id}/status", R"({"action":"archive"})"},
      {"PUT /admin/v1/skus/{id}/stock", R"({"stock":0})"},
      {"PATCH /admin/v1/webhooks/{id}", R"({"status":"disabled"})"},
      {"POST /admin/v1/webhook-deliveries/{id}/replay", ""},
      {"POST /admin/v1/customers/{id}/merge", R"({"other_id":"cus_2y65txskeadc"})"},
      {"PATCH /admin/v1/tag-groups/{id}", R"({"name":"被改了","status":"archived"})"},
      {"PATCH /admin/v1/tags/{id}", R"({"name":"被改了","color":"#000000"})"},
      {"POST /admin/v1/tags/{id}/customers", R"({"add":[]})"},
      {"PATCH /admin/v1/segments/{id}", R"({"name":"被改了","status":"archived"})"},
      {"PATCH /admin/v1/customers/{id}/fields", R"({"fields":{}})"},
      {"PUT /admin/v1/staff/{id}/capacity", R"({"capacity":10})"},
      {"POST /admin/v1/customers/{id}/interactions", R"({"kind":"note","summary":"B"})"},
      {"POST /admin/v1/customers/{id}/tasks", R"({"title":"B","due_at":"2026-01-02T02:00:00Z"})"},
      {"POST /admin/v1/tasks/{id}/complete", ""},
      {"POST /admin/v1/tasks/{id}/snooze", R"({"until":"2099-01-01T00:00:00Z"})"},
      {"POST /admin/v1/tasks/{id}/reassign", R"({"staff_id":"$STF"})"},
      {"POST /admin/v1/customers/{id}/erase", ""},
      {"PUT /admin/v1/repurchase/cycles/{id}", R"({"cycle_days":30})"},
      {"DELETE /admin/v1/repurchase/cycles/{id}", ""},
      {"POST /admin/v1/outreach/campaigns/{id}/cancel", ""},
      {"POST /admin/v1/outreach/campaigns/{id}/spam-reports",
       R"({"customer_id":"cus_2y65txskeadc","kind":"blocked"})"},
      {"POST /admin/v1/moments/{id}/withdraw", ""},
      {"POST /admin/v1/moments/{id}/comments/{comment_id}/delete", ""},
      {"PATCH /admin/v1/growth/channels/{id}", R"({"name":"被改了","target_path":"/"})"},
      {"PATCH /admin/v1/growth/campaigns/{id}", R"({"name":"被改了","spend":1})"},
      {"POST /admin/v1/group-buys/{id}/end", ""},
      {"POST /admin/v1/voucher-campaigns/{id}/end", ""},
      {"POST /admin/v1/vouchers/{id}/void", R"({"reason":"B"})"},
      {"POST /admin/v1/presales/{id}/close", ""},
      {"POST /admin/v1/votes/{id}/close", ""},
      {"POST /admin/v1/votes/{id}/winners",
       R"({"winners":[{"candidate_id":"vtc_2y65txskeadc","price":100}],)"
       R"("interest_starts_at":"2026-01-01T00:00:00Z","order_starts_at":"2026-01-02T00:00:00Z",)"
       R"("order_ends_at":"2026-01-03T00:00:00Z","ship_at":"2026-01-04T00:00:00Z"})"},
  };
  return kBodies;
}

// How B calls a route without an {id}. `body` and `query` may name A's ids
// as $CAT, $IMG, $PRD, $SKU, $ORD1, $ORD2 and $STF (A's clerk).
enum class Caller { kB, kNobody, kFreshB };
struct Probe {
  int status;
  std::string body;
  std::string key = "";    // Idempotency-Key: A's key for the same creation
  std::string query = "";  // appended to the path
  Caller caller = Caller::kB;
  std::string content_type = "";
};

const std::map<std::string, std::vector<Probe>>& Probes() {
  static const std::map<std::string, std::vector<Probe>> kProbes = {
      {"POST /admin/v1/auth/signup",
       {{201,
         R"({"shop":"shop-c","shop_name":"C","login":"owner@shop-a.test","password":"correct horse"})",
         "signup-shop-c", "", Caller::kNobody}}},
      {"POST /admin/v1/auth/login",
       {{200, R"({"shop":"shop-b","login":"owner@shop-b.test","password":"correct horse"})", "", "",
         Caller::kNobody}}},
      {"POST /admin/v1/auth/logout", {{200, "", "", "", Caller::kFreshB}}},
      {"GET /admin/v1/me", {{200, ""}}},
      {"POST /admin/v1/me/password",
       {{200, R"({"current_password":"correct horse","new_password":"correct horse"})"}}},
      {"GET /admin/v1/shop", {{200, ""}}},
      {"PUT /admin/v1/shop", {{200, R"({"name":"B 店","settings":{"postage_flat_fee":800}})"}}},
      {"GET /admin/v1/staff", {{200, ""}}},
      {"POST /admin/v1/staff",
       {{201,
         R"({"login":"clerk@shop-a.test","name":"店员","role":"staff","password":"clerk till drawer"})",
         "a-stf"}}},
      {"GET /admin/v1/orders",
       {{200, ""}, {200, "", "", "?phone=13800138001"}, {200, "", "", "?status=paid"}}},
      {"POST /admin/v1/orders/ship-batch",
       {{200,
         "order_id,carrier,tracking_no\n$ORD1,顺丰,SF0000001\n$ORD2,顺丰,"
         "SF0000002\n"}}},
      {"GET /admin/v1/orders/export.csv",
       {{200, ""}, {200, "", "", "?phone=13800138001"}, {200, "", "", "?status=paid&lang=en"}}},
      {"GET /admin/v1/payments/sandbox", {{200, ""}}},
      {"GET /admin/v1/payments/callbacks", {{200, ""}}},
      {"GET /admin/v1/sandbox/sms", {{200, ""}, {200, "", "", "?phone=13800138001"}}},
      {"GET /admin/v1/dashboard", {{200, ""}}},
      {"GET /admin/v1/finance/summary", {{200, ""}}},
      {"GET /admin/v1/aftersales", {{200, ""}, {200, "", "", "?status=requested"}}},
      {"GET /admin/v1/coupons", {{200, ""}}},
      {"POST /admin/v1/coupons",
       {{201,
         R"({"code":"DUCK10","kind":"fixed","amount_off":500,"valid_from":"2020-01-01T00:00:00Z",)"
         R"("valid_until":"2099-01-01T00:00:00Z"})",
         "a-cpn"}}},
      {"GET /admin/v1/discounts", {{200, ""}}},
      {"POST /admin/v1/discounts",
       {{404,
         R"({"sku_id":"$SKU","name":"抢","kind":"percent","percent_bp":100,)"
         R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
         "a-dsc"}}},
      {"GET /admin/v1/reductions", {{200, ""}}},
      {"POST /admin/v1/reductions",
       {{404,
         R"({"name":"抢","tiers":[{"threshold":100,"off":99}],"product_ids":["$PRD"],)"
         R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
         "a-red"},
        {404,
         R"({"name":"抢","tiers":[{"threshold":100,"off":99}],"category_ids":["$CAT"],)"
         R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
         "a-red-2"}}},
      {"GET /admin/v1/categories", {{200, ""}}},
      {"POST /admin/v1/categories", {{201, R"({"name":"卤味"})", "a-cat"}}},
      {"GET /admin/v1/products",
       {{200, ""}, {200, "", "", "?category=$CAT"}, {200, "", "", "?q=%E9%BA%BB"}}},
      {"GET /admin/v1/products/export.csv", {{200, ""}, {200, "", "", "?category=$CAT"}}},
      {"POST /admin/v1/products",
       {{404, ProductBody("$CAT"), "a-prd"},
        {404, ProductBody("", "$IMG"), "a-prd-2"},
        {201, ProductBody(), "a-prd-3"}}},
      {"GET /admin/v1/home", {{200, ""}}},
      {"GET /admin/v1/webhooks", {{200, ""}}},
      {"GET /admin/v1/customers",
       {{200, ""},
        {200, "", "", "?q=%E4%B9%B0"},
        {422, "", "", "?tag_id=$TAG"},
        {404, "", "", "?segment_id=$SEG"}}},
      {"GET /admin/v1/tag-groups", {{200, ""}}},
      {"POST /admin/v1/tag-groups", {{201, R"({"name":"客户价值"})", "a-tgg"}}},
      {"GET /admin/v1/tags", {{200, ""}}},
      {"POST /admin/v1/tags", {{422, R"({"group_id":"$TGG","name":"老客"})", "a-tag"}}},
      {"GET /admin/v1/segments", {{200, ""}}},
      {"POST /admin/v1/segments",
       {{422, R"({"name":"老客","expression":{"tag":"$TAG"}})", "a-seg"}}},
      {"POST /admin/v1/segments/preview", {{422, R"({"expression":{"tag":"$TAG"}})"}}},
      {"GET /admin/v1/customer-fields", {{200, ""}}},
      {"GET /admin/v1/customers/imports", {{200, ""}}},
      {"POST /admin/v1/customers/imports",
       {{201, "姓名,手机号\nB 的客户,13700137098\n", "a-imp", "?file_name=b.csv", Caller::kB,
         "text/csv"}}},
      {"PUT /admin/v1/customer-fields", {{200, R"({"key":"b_field","label":"B","type":"text"})"}}},
      {"GET /admin/v1/customer-assignment", {{200, ""}}},
      {"PUT /admin/v1/customer-assignment",
       {{404, R"({"mode":"round_robin","staff_ids":["$STF"]})"},
        {404, R"({"mode":"by_channel","staff_ids":[],"channels":{"live":"$STF"}})"}}},
      {"POST /admin/v1/handovers",
       {{404, R"({"from_staff_id":"$STF","kind":"resigned","to":[{"staff_id":"$STF"}]})",
         "a-hnd"}}},
      {"GET /admin/v1/audit", {{200, ""}, {200, "", "", "?action=customer.handover"}}},
      {"GET /admin/v1/tasks",
       {{200, ""}, {200, "", "", "?scope=all&view=overdue"}, {200, "", "", "?view=done"}}},
      {"POST /admin/v1/webhooks",
       {{201, R"({"url":"https://hooks.shop-b.test/in","events":["order.paid"]})", "a-whk"}}},
      {"PUT /admin/v1/home", {{404, R"({"product_ids":["$PRD"]})"}}},
      {"POST /admin/v1/images", {{201, kPng, "", "", Caller::kB, "image/png"}}},
      {"GET /admin/v1/repurchase/cycles", {{200, ""}}},
      {"GET /admin/v1/repurchase/report", {{200, ""}}},
      {"GET /admin/v1/care-plans", {{200, ""}}},
      {"PUT /admin/v1/care-plans", {{200, R"({"kind":"birthday","enabled":true,"days":3})"}}},
      {"GET /admin/v1/outreach/policy", {{200, ""}}},
      {"PUT /admin/v1/outreach/policy",
       {{200, R"({"gap_days":1,"monthly_cap":5,"quiet_start":0,"quiet_end":0})"}}},
      {"POST /admin/v1/outreach/preview",
       {{404, R"({"title":"B","body":"B","segment_id":"$SEG","kind":"service","channels":[]})"}}},
      {"POST /admin/v1/outreach/campaigns",
       {{404, R"({"title":"B","body":"B","segment_id":"$SEG","kind":"service","channels":[]})",
         "a-cmp"}}},
      {"GET /admin/v1/outreach/campaigns", {{200, ""}}},
      {"GET /admin/v1/moments", {{200, ""}}},
      {"POST /admin/v1/moments", {{404, R"({"text":"B","images":["$IMG"]})", "a-mmt"}}},
      {"GET /admin/v1/growth/channels", {{200, ""}}},
      {"POST /admin/v1/growth/channels", {{201, R"({"name":"B 的包裹卡"})", "a-chn"}}},
      {"GET /admin/v1/growth/campaigns", {{200, ""}}},
      {"POST /admin/v1/growth/campaigns", {{201, R"({"name":"B 的活动"})", "a-gcp"}}},
      {"GET /admin/v1/growth/settings", {{200, ""}}},
      {"PUT /admin/v1/growth/settings", {{200, R"({"window_days":10})"}}},
      {"GET /admin/v1/growth/super-users", {{200, ""}, {200, "", "", "?by=revenue"}}},
      {"GET /admin/v1/growth/report",
       {{200, ""}, {200, "", "", "?from=2020-01-01&to=2020-12-31&sort=payback_days"}}},
      {"GET /admin/v1/growth/tree", {{200, ""}, {200, "", "", "?limit=5"}}},
      {"GET /admin/v1/growth/measured-rates", {{200, ""}}},
      {"POST /admin/v1/growth/simulations",
       {{200, R"({"redemption":0.4,"conversion":0.6,"runs":10})"}}},
      {"GET /admin/v1/group-buys", {{200, ""}}},
      {"POST /admin/v1/group-buys",
       {{404,
         R"({"product_id":"$PRD","title":"B","prices":[{"sku_id":"$SKU","group_price":990}],)"
         R"("group_size":3,"window_hours":24,"starts_at":"2020-01-01T00:00:00Z",)"
         R"("ends_at":"2099-01-01T00:00:00Z"})",
         "a-gbc"}}},
      {"GET /admin/v1/voucher-campaigns", {{200, ""}}},
      {"POST /admin/v1/voucher-campaigns",
       {{404,
         R"({"title":"B","product_id":"$PRD","sku_id":"$SKU","benefit":"trial_price","value":990,)"
         R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
         "a-vcp"}}},
      {"GET /admin/v1/voucher-flags", {{200, ""}}},
      {"GET /admin/v1/presales", {{200, ""}}},
      {"POST /admin/v1/presales",
       {{404,
         R"({"product_id":"$PRD","title":"B","prices":[{"sku_id":"$SKU","price":990}],)"
         R"("interest_starts_at":"2020-01-01T00:00:00Z","order_starts_at":"2098-01-01T00:00:00Z",)"
         R"("order_ends_at":"2098-02-01T00:00:00Z","ship_at":"2098-03-01T00:00:00Z"})",
         "a-psl"}}},
      {"GET /admin/v1/votes", {{200, ""}}},
      {"POST /admin/v1/votes",
       {{201,
         R"({"title":"B 的投票","candidates":[{"title":"B1","image_urls":["https://b.test/1.jpg"]},)"
         R"({"title":"B2","image_urls":["https://b.test/2.jpg"]}]})",
         "a-vot"}}},
  };
  return kProbes;
}

class TenantIsolationTest : public TwoMerchants {
 protected:
  // Fails for any of A's strings in `answer` that B did not send itself.
  void ExpectNothingOfA(const std::string& what, const std::string& sent,
                        const std::string& answer) {
    for (const std::string& secret : secrets_) {
      if (Contains(sent, secret)) continue;
      EXPECT_FALSE(Contains(answer, secret))
          << what << " shows merchant A's " << secret << ": " << answer;
    }
  }

  // `needle` as a whole word: ids are base-36 after their prefix, so
  // "ord_1a" must not match inside "ord_1ab".
  static bool Contains(const std::string& hay, const std::string& needle) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t at = hay.find(needle); at != std::string::npos;
         at = hay.find(needle, at + 1)) {
      bool starts = at == 0 || !word(hay[at - 1]);
      bool ends = at + needle.size() == hay.size() || !word(hay[at + needle.size()]);
      if (starts && ends) return true;
    }
    return false;
  }

  std::string WithAsIds(std::string text) {
    for (const auto& [name, prefix, n] :
         {std::tuple{"$CAT", "cat", 0}, std::tuple{"$IMG", "img", 0}, std::tuple{"$PRD", "prd", 0},
          std::tuple{"$SKU", "sku", 0}, std::tuple{"$ORD1", "ord", 0},
          std::tuple{"$ORD2", "ord", 1}, std::tuple{"$TGG", "tgg", 0}, std::tuple{"$TAG", "tag", 0},
          std::tuple{"$SEG", "seg", 0}, std::tuple{"$STF", "stf", 1}}) {
      text = Replace(std::move(text), name, ids_[prefix].at(n));
    }
    return Replace(std::move(text), "$TOTAL", std::to_string(pending_total_));
  }

  std::string CodeOf(const HttpResponse& r) {
    json::value v = AppHarness::Json(r);
    const json::value* code = v.is_object() ? v.find_pointer("/error/code", ec_) : nullptr;
    return code != nullptr && code->is_string() ? std::string(code->as_string()) : "";
  }

  HttpResponse AsB(const Route& route, const std::string& target, const std::string& body,
                   const std::string& key = "") {
    return h_.Send(AppHarness::Request(route.method, target, body, b_, key));
  }

  void ExpectSnapshotUnchanged(const std::map<std::string, std::string>& before) {
    std::map<std::string, std::string> after = SnapshotOfA();
    ASSERT_EQ(after.size(), before.size());
    for (const auto& [target, page] : before) {
      EXPECT_EQ(after[target], page) << "merchant A's " << target << " changed";
    }
  }

  boost::system::error_code ec_;
};

TEST_F(TenantIsolationTest, MerchantBCannotReachAnyOfMerchantAsRecordsThroughAnyAdminRoute) {
  std::map<std::string, std::string> before = SnapshotOfA();
  int swept = 0;
  for (const auto& route : h_.app().router().routes()) {
    if (!IsAdmin(*route) || !HasParam(*route)) continue;
    std::string name = Name(*route);
    std::vector<std::string> targets = Targets(*route);  // fails for an unknown prefix
    std::string body;
    if (route->method != Method::kGet) {
      auto known = IdRouteBodies().find(name);
      if (known == IdRouteBodies().end()) {
        ADD_FAILURE() << name << ": give the sweep a valid body for it in IdRouteBodies()";
        continue;
      }
      body = WithAsIds(known->second);
    }
    for (const std::string& target : targets) {
      auto r = AsB(*route, target, body, "b-" + target);
      EXPECT_EQ(r.status, 404) << name << " with A's id " << target << ": " << r.body;
      ExpectNothingOfA(name, target + body, r.body);
      // B cannot tell A's record from no record, nor from a malformed id.
      std::string unknown =
          SwapIds(target, [](const std::string& p) { return p + "_zzzzzzzzzzzz"; });
      auto nowhere = AsB(*route, unknown, body, "b-" + unknown);
      auto malformed =
          AsB(*route, SwapIds(target, [](const std::string& p) { return p + "-nope"; }), body,
              "b-bad" + target);
      EXPECT_EQ(nowhere.status, 404) << name << ": " << nowhere.body;
      EXPECT_EQ(CodeOf(r), CodeOf(nowhere)) << name;
      EXPECT_EQ(CodeOf(malformed), CodeOf(nowhere)) << name << " with a malformed id";
      ++swept;
    }
  }
  EXPECT_GE(swept, 18) << "the sweep reached fewer routes than the console had "
                          "when it was written";
  ExpectSnapshotUnchanged(before);
}

TEST_F(TenantIsolationTest, MerchantBsListsHomeShopAndSettingsHoldNoneOfMerchantAsData) {
  std::map<std::string, std::string> before = SnapshotOfA();
  int probed = 0;
  // Creations first, so the lists read afterwards hold some of B's own records.
  for (bool reads : {false, true}) {
    for (const auto& route : h_.app().router().routes()) {
      if (!IsAdmin(*route) || HasParam(*route) || (route->method == Method::kGet) != reads)
        continue;
      std::string name = Name(*route);
      auto probes = Probes().find(name);
      if (probes == Probes().end()) {
        ADD_FAILURE() << name << ": tell the sweep how B calls it in Probes()";
        continue;
      }
      for (const Probe& p : probes->second) {
        std::string target = route->pattern + WithAsIds(p.query);
        std::string body = WithAsIds(p.body);
        std::string token = p.caller == Caller::kNobody ? "" : b_;
        if (p.caller == Caller::kFreshB) {
          auto login =
              h_.Post("/admin/v1/auth/login", Probes().at("POST /admin/v1/auth/login")[0].body);
          token = std::string(AppHarness::Json(login).at("token").as_string());
        }
        auto req = AppHarness::Request(route->method, target, body, token, p.key);
        req.content_type = p.content_type;
        auto r = h_.Send(req);
        EXPECT_EQ(r.status, p.status) << name << " " << target << ": " << r.body;
        if (r.status == 404) {
          EXPECT_TRUE(CodeOf(r).ends_with("not_found")) << name << ": " << r.body;
        }
        ExpectNothingOfA(name, target + body, r.body);
        ++probed;
      }
    }
  }
  EXPECT_GE(probed, 25);
  json::value batch =
      AppHarness::Json(h_.Post("/admin/v1/orders/ship-batch", WithAsIds("$ORD1,顺丰,SF1\n"), b_));
  EXPECT_EQ(batch.at("shipped"), 0);
  EXPECT_EQ(batch.at("errors").at(0).at("code"), "order.not_found");
  json::value categories = AppHarness::Json(h_.Get("/admin/v1/categories", b_));
  EXPECT_EQ(categories.at("items").as_array().size(), 1u) << "B sees its own category, only";
  ExpectSnapshotUnchanged(before);
}

TEST_F(TenantIsolationTest, ShopBsStorefrontServesNoneOfShopAsRecords) {
  std::string prd = ids_["prd"].at(0);
  EXPECT_EQ(h_.Get("/store/v1/shop-b/products/" + prd).status, 404);
  for (const std::string& token : order_tokens_) {
    EXPECT_EQ(h_.Get("/store/v1/shop-b/orders/" + token).status, 404);
    EXPECT_EQ(h_.Post("/store/v1/shop-b/orders/" + token + "/cancel", "").status, 404);
  }
  auto list = h_.Get("/store/v1/shop-b/products");
  EXPECT_FALSE(Contains(list.body, prd)) << list.body;
}

TEST_F(TenantIsolationTest, ShopAsCustomerSessionAndAddressBookStayInShopA) {
  EXPECT_EQ(h_.Get("/store/v1/shop-b/me", customer_token_).status, 401);
  EXPECT_EQ(h_.Get("/store/v1/shop-b/me/orders", customer_token_).status, 401);
  std::string cad = ids_["cad"].at(0);
  // The same phone signed in to shop B is another customer there.
  ASSERT_EQ(h_.Post("/store/v1/shop-b/auth/code", R"({"phone":")" + kBuyerPhone + R"("})").status,
            200);
  json::value texts = AppHarness::Json(h_.Get("/admin/v1/sandbox/sms", b_));
  ASSERT_EQ(texts.at("items").as_array().size(), 1u) << "B sees only its own text";
  std::string text(texts.at("items").at(0).at("text").as_string());
  std::string code = text.substr(text.find_first_of("0123456789"), 6);
  auto in = h_.Post("/store/v1/shop-b/auth/sign-in",
                    R"({"phone":")" + kBuyerPhone + R"(","code":")" + code + R"("})");
  ASSERT_EQ(in.status, 200) << in.body;
  std::string b_customer(AppHarness::Json(in).at("token").as_string());
  EXPECT_EQ(AppHarness::Json(h_.Get("/store/v1/shop-b/me/orders", b_customer))
                .at("items")
                .as_array()
                .size(),
            0u)
      << "A's orders of the phone are not B's";
  auto book = h_.Get("/store/v1/shop-b/me/addresses", b_customer);
  EXPECT_FALSE(Contains(book.body, cad)) << book.body;
  EXPECT_EQ(
      h_.Patch("/store/v1/shop-b/me/addresses/" + cad,
               R"({"name":"x","phone":"13800138001","province":"湖南省","address":"某路 1 号"})",
               b_customer)
          .status,
      404);
  EXPECT_EQ(h_.Send(AppHarness::Request(Method::kDelete, "/store/v1/shop-b/me/addresses/" + cad, "",
                                        b_customer))
                .status,
            404);
  EXPECT_EQ(AppHarness::Json(h_.Get("/store/v1/shop-a/me/addresses", customer_token_))
                .at("items")
                .as_array()
                .size(),
            1u);
}

TEST(TenantIsolationSweepTest, EveryEntryOfTheSweepTablesNamesALiveRoute) {
  AppHarness h;
  std::set<std::string> live;
  for (const auto& route : h.app().router().routes()) live.insert(Name(*route));
  for (const auto& [name, body] : IdRouteBodies()) EXPECT_TRUE(live.count(name)) << name;
  for (const auto& [name, probes] : Probes()) EXPECT_TRUE(live.count(name)) << name;
}

}  // namespace
}  // namespace weishang::api
