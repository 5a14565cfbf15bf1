// Two merchants signed up through the API, for tenant-isolation tests.
// Merchant A owns one or more of every record the console can reach, all made
// through the routes: a category, an image, a published product with two
// SKUs and stock, a coupon, a SKU discount, a full reduction, a staff member,
// a paid order (storefront checkout, then confirm-payment) with a refund-only
// after-sales request, and an order awaiting payment. Merchant B owns
// nothing. The fixture keeps A's ids by prefix, every string of A's that B
// must never see, and can snapshot everything A's console shows.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "modules/vouchers/vouchers.h"
#include "testing/app_harness.h"

namespace weishang::api {

using weishang::testing::AppHarness;

inline const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "-tenant-test-pixels-";

// A product body; empty ids are left out.
inline std::string ProductBody(const std::string& category = "", const std::string& image = "") {
  std::string ids;
  if (!category.empty()) ids += R"("category_id":")" + category + R"(",)";
  if (!image.empty()) ids += R"("main_image_id":")" + image + R"(",)";
  return "{" + ids + R"("title":"麻辣鸭脖","subtitle":"湘味",
    "spec_options":[{"name":"规格","values":["3只装","6只装"]}],
    "skus":[{"spec_values":["3只装"],"price":1990,"stock":100},
            {"spec_values":["6只装"],"price":3590,"stock":50}]})";
}

inline const std::string kBuyerPhone = "13800138001";

// The prefix of the ids a {param} takes, decided by the path segment before
// it; nullopt for a segment the sweeps do not know.
inline std::optional<std::string> PrefixAfter(const std::string& segment,
                                              const std::string& before = "") {
  // Where one segment names two kinds of record, the one before it decides.
  static const std::map<std::string, std::string> kPrefixByTwoSegments = {
      {"growth/campaigns", "gcp"}};
  if (auto two = kPrefixByTwoSegments.find(before + "/" + segment);
      two != kPrefixByTwoSegments.end()) {
    return two->second;
  }
  static const std::map<std::string, std::string> kPrefixBySegment = {
      {"products", "prd"},   {"skus", "sku"},       {"categories", "cat"},
      {"orders", "ord"},     {"aftersales", "afs"}, {"staff", "stf"},
      {"coupons", "cpn"},    {"discounts", "dsc"},  {"reductions", "red"},
      {"images", "img"},     {"webhooks", "whk"},   {"webhook-deliveries", "whd"},
      {"customers", "cus"},  {"tag-groups", "tgg"}, {"tags", "tag"},
      {"segments", "seg"},   {"addresses", "cad"},  {"tasks", "tsk"},
      {"imports", "imp"},    {"cycles", "prd"},     {"campaigns", "cmp"},
      {"moments", "mmt"},    {"comments", "mmc"},   {"channels", "chn"},
      {"group-buys", "gbc"}, {"groups", "gbg"},     {"voucher-campaigns", "vcp"},
      {"vouchers", "vch"},   {"presales", "psl"},   {"votes", "vot"}};
  auto it = kPrefixBySegment.find(segment);
  if (it == kPrefixBySegment.end()) return std::nullopt;
  return it->second;
}

class TwoMerchants : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = h_.SignUp("shop-a");
    b_ = h_.SignUp("shop-b");
    json::value me = AppHarness::Json(h_.Get("/admin/v1/me", a_));
    Remember(me, "merchant_id");
    Remember(me, "staff_id");
    std::string cat = Create("/admin/v1/categories", R"({"name":"卤味"})", "a-cat");
    auto upload = AppHarness::Request(Method::kPost, "/admin/v1/images", kPng, a_);
    upload.content_type = "image/png";
    std::string img = Remember(Answer(h_.Send(upload), 201));
    json::value product =
        Answer(h_.Post("/admin/v1/products", ProductBody(cat, img), a_, "a-prd"), 201);
    std::string prd = Remember(product);
    for (const auto& sku : product.at("skus").as_array()) Remember(sku);
    sku_ = ids_["sku"].at(0);
    Answer(h_.Post("/admin/v1/products/" + prd + "/status", R"({"action":"publish"})", a_), 200);
    Create("/admin/v1/coupons",
           R"({"code":"DUCK10","kind":"fixed","amount_off":1000,)"
           R"("valid_from":"2020-01-01T00:00:00Z","valid_until":"2099-01-01T00:00:00Z"})",
           "a-cpn");
    Create(
        "/admin/v1/discounts",
        R"({"sku_id":")" + sku_ +
            R"(","name":"尝鲜","kind":"percent",)"
            R"("percent_bp":9000,"starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
        "a-dsc");
    Create("/admin/v1/reductions",
           R"({"name":"满50减5","tiers":[{"threshold":5000,"off":500}],)"
           R"("product_ids":[")" +
               prd +
               R"("],"starts_at":"2020-01-01T00:00:00Z",)"
               R"("ends_at":"2099-01-01T00:00:00Z"})",
           "a-red");
    Create("/admin/v1/staff",
           R"({"login":"clerk@shop-a.test","name":"店员","role":"staff",)"
           R"("password":"clerk till drawer"})",
           "a-stf");
    std::string whk =
        Create("/admin/v1/webhooks",
               R"({"url":"https://hooks.shop-a.test/in","events":["order.placed"]})", "a-whk");
    PlaceOrders();
    DeliverEventsToWebhooks(whk);
    TagCustomers();
    Ownership();
    Imports();
    Outreach();
    Moments();
    Growth();
    Channels();
    GroupBuys();
    Vouchers();
    PresalesAndVotes();
    ASSERT_FALSE(HasFailure()) << "merchant A's data could not be built through the API";
  }

  // Runs the dispatcher's handlers over every event so far (no server runs
  // one here): A's endpoint gets a delivery per order, whose ids the sweep then uses.
  void DeliverEventsToWebhooks(const std::string& endpoint) {
    for (const events::Handler& handler : h_.installed().handlers) {
      auto cursor = h_.db().Write(
          [&](storage::Tx& tx) { return events::CreateCursor(tx, handler.name, 0, 0); });
      ASSERT_TRUE(cursor);
    }
    SystemClock clock;
    events::Dispatcher dispatcher(h_.db().db(), clock, h_.installed().handlers);
    ASSERT_TRUE(dispatcher.RunOnce());
    json::value list = Answer(h_.Get("/admin/v1/webhooks/" + endpoint + "/deliveries", a_), 200);
    for (const auto& d : list.at("items").as_array()) Remember(d);
    EXPECT_FALSE(ids_["whd"].empty()) << "no delivery was queued for A's endpoint";
    json::value hook = Answer(h_.Get("/admin/v1/webhooks/" + endpoint, a_), 200);
    secrets_.push_back(std::string(hook.at("secret").as_string()));
    // The customers handler made A's buyers customers.
    json::value customers = Answer(h_.Get("/admin/v1/customers", a_), 200);
    for (const auto& c : customers.at("items").as_array()) Remember(c);
    EXPECT_FALSE(ids_["cus"].empty()) << "A's orders made no customer";
  }

  // A tag group, a manual tag A's customer carries, and a segment of it.
  void TagCustomers() {
    std::string tgg = Create("/admin/v1/tag-groups", R"({"name":"客户价值"})", "a-tgg");
    std::string tag =
        Create("/admin/v1/tags", R"({"group_id":")" + tgg + R"(","name":"老客"})", "a-tag");
    Answer(h_.Post("/admin/v1/tags/" + tag + "/customers",
                   R"({"add":[")" + ids_["cus"].at(0) + R"("]})", a_),
           200);
    Create("/admin/v1/segments", R"({"name":"老客","expression":{"tag":")" + tag + R"("}})",
           "a-seg");
  }

  // An outreach campaign of A's to its segment (scheduled; no job runs here).
  void Outreach() {
    Create("/admin/v1/outreach/campaigns",
           R"({"title":"A 的群发","body":"A 的正文","segment_id":")" + ids_["seg"].at(0) +
               R"(","kind":"promotional","channels":["message"]})",
           "a-cmp");
    secrets_.push_back("A 的群发");
  }

  // A custom field with a value, assignment rules naming A's clerk, a task
  // and an interaction, and a handover in A's audit log.
  // A customer import of A's, with one row it could not take.
  void Imports() {
    Remember(Answer(h_.Post("/admin/v1/customers/imports?file_name=shop-a.csv",
                            "姓名,手机号\nA 的导入客户,13700137099\nA 的坏行,12345\n", a_, "a-imp"),
                    201));
    secrets_.push_back("shop-a.csv");
  }

  // A moments post of A's linking A's product, and a comment on it by A's
  // signed-in customer.
  void Moments() {
    std::string mmt = Create("/admin/v1/moments",
                             R"({"text":"A 的朋友圈","images":[")" + ids_["img"].at(0) +
                                 R"("],"product_id":")" + ids_["prd"].at(0) + R"("})",
                             "a-mmt");
    secrets_.push_back("A 的朋友圈");
    Remember(Answer(h_.Post("/store/v1/shop-a/moments/" + mmt + "/comments",
                            R"({"text":"A 的评论"})", customer_token_, "a-mmc"),
                    201));
    secrets_.push_back("A 的评论");
  }

  // A channel code and a campaign of A's.
  void Channels() {
    Create("/admin/v1/growth/channels", R"({"name":"A 的包裹卡","target_path":"/"})", "a-chn");
    secrets_.push_back("A 的包裹卡");
    Create("/admin/v1/growth/campaigns", R"({"name":"A 的活动"})", "a-gcp");
    secrets_.push_back("A 的活动");
  }

  // A friend A's first customer brought, who paid: a super user for A
  // (no route records a referral yet, so the customers module does).
  void Growth() {
    auto merchant = DecodeId<MerchantId>(ids_["mch"].at(0));
    auto referrer = DecodeId<CustomerId>(ids_["cus"].at(0));
    ASSERT_TRUE(merchant && referrer);
    auto& customers = h_.modules().customers;
    auto friend_id = h_.db().Write([&](storage::Tx& tx) -> Result<CustomerId> {
      customers::Arrival a;
      a.identities = {{customers::IdentityKind::kPhone, "13900139009"}};
      a.display_name = "A 的朋友";
      a.referrer_id = *referrer;
      auto made = customers.Arrive(tx, *merchant, a, "test");
      if (!made) return Fail(made.error());
      OrderId order(made->customer.id.value() + 1);
      if (auto ok = customers.LinkOrder(tx, *merchant, made->customer.id, order, 2990, 1); !ok) {
        return Fail(ok.error());
      }
      if (auto ok = customers.RecordPaid(tx, *merchant, order, 2, {}); !ok) return Fail(ok.error());
      return made->customer.id;
    });
    ASSERT_TRUE(friend_id) << friend_id.error().message;
    secrets_.push_back(EncodeId(*friend_id));
    secrets_.push_back("A 的朋友");
  }

  // A group buy of A's product, and a group A's signed-in customer opened
  // (with its order).
  void GroupBuys() {
    std::string gbc =
        Create("/admin/v1/group-buys",
               R"({"product_id":")" + ids_["prd"].at(0) +
                   R"(","title":"A 的拼团",)"
                   R"("prices":[{"sku_id":")" +
                   sku_ +
                   R"(","group_price":990}],)"
                   R"("group_size":3,"window_hours":24,)"
                   R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
               "a-gbc");
    secrets_.push_back("A 的拼团");
    json::value opened =
        Answer(h_.Post("/store/v1/shop-a/group-buys/" + gbc + "/groups",
                       R"({"sku_id":")" + sku_ + R"(","buyer":{"name":"李娜","phone":")" +
                           kBuyerPhone + R"(","region":"湖南","address":"长沙市岳麓区 8 号"}})",
                       customer_token_, "a-gbg"),
               201);
    Remember(opened.at("group"));
    Remember(opened.at("order"));
  }

  // A share-voucher campaign of A's product, and the vouchers A's first
  // customer holds in it (issued as a paid order gives them).
  void Vouchers() {
    std::string vcp = Create(
        "/admin/v1/voucher-campaigns",
        R"({"title":"A 的分享券","product_id":")" + ids_["prd"].at(0) + R"(","sku_id":")" + sku_ +
            R"(","benefit":"trial_price","value":990,)"
            R"("starts_at":"2020-01-01T00:00:00Z","ends_at":"2099-01-01T00:00:00Z"})",
        "a-vcp");
    secrets_.push_back("A 的分享券");
    auto merchant = DecodeId<MerchantId>(ids_["mch"].at(0));
    auto campaign = DecodeId<VoucherCampaignId>(vcp);
    auto holder = DecodeId<CustomerId>(ids_["cus"].at(0));
    ASSERT_TRUE(merchant && campaign && holder);
    IdGenerator ids(9);
    vouchers::VoucherService service(h_.login_clock(), ids);
    auto issued = h_.db().Write([&](storage::Tx& tx) -> Result<std::vector<vouchers::Voucher>> {
      auto c = service.GetCampaign(tx, *merchant, *campaign);
      if (!c) return Fail(c.error());
      return service.Issue(tx, *c, *holder, 0, std::nullopt, OrderId(1));
    });
    ASSERT_TRUE(issued) << issued.error().message;
    for (const auto& v : *issued) {
      ids_["vch"].push_back(EncodeId(v.id));
      secrets_.push_back(v.token);
    }
  }

  // A pre-sale of A's product with A's customer's interest, and a vote
  // with A's customer's ballot.
  void PresalesAndVotes() {
    std::string psl = Create(
        "/admin/v1/presales",
        R"({"product_id":")" + ids_["prd"].at(0) + R"(","title":"A 的预售","prices":[{"sku_id":")" +
            sku_ +
            R"(","price":1990}],"interest_starts_at":"2020-01-01T00:00:00Z",)"
            R"("order_starts_at":"2098-01-01T00:00:00Z","order_ends_at":"2098-02-01T00:00:00Z",)"
            R"("ship_at":"2098-03-01T00:00:00Z"})",
        "a-psl");
    secrets_.push_back("A 的预售");
    Answer(h_.Post("/store/v1/shop-a/presales/" + psl + "/interest", R"({"kind":"like"})",
                   customer_token_),
           200);
    json::value vote = Answer(
        h_.Post(
            "/admin/v1/votes",
            R"({"title":"A 的投票","candidates":[{"title":"A 的款式一","image_urls":["https://img.a.test/1.jpg"]},)"
            R"({"title":"A 的款式二","image_urls":["https://img.a.test/2.jpg"]}]})",
            a_, "a-vot"),
        201);
    std::string vot = Remember(vote);
    secrets_.push_back("A 的投票");
    secrets_.push_back("A 的款式一");
    std::string vtc = vote.at("candidates").as_array().at(0).at("id").as_string().c_str();
    Answer(h_.Post("/store/v1/shop-a/votes/" + vot + "/ballots",
                   R"({"candidate_id":")" + vtc + R"("})", customer_token_),
           200);
  }

  void Ownership() {
    const std::string clerk = ids_["stf"].at(1);
    Answer(h_.Send(AppHarness::Request(Method::kPut, "/admin/v1/customer-fields",
                                       R"({"key":"shop_a_field","label":"A 的字段","type":"text"})",
                                       a_)),
           200);
    secrets_.push_back("shop_a_field");
    Answer(h_.Send(AppHarness::Request(Method::kPatch,
                                       "/admin/v1/customers/" + ids_["cus"].at(0) + "/fields",
                                       R"({"fields":{"shop_a_field":"A 的值"}})", a_)),
           200);
    Answer(h_.Send(AppHarness::Request(Method::kPut, "/admin/v1/customer-assignment",
                                       R"({"mode":"round_robin","staff_ids":[")" + clerk + R"("]})",
                                       a_)),
           200);
    Remember(Answer(h_.Post("/admin/v1/customers/" + ids_["cus"].at(0) + "/tasks",
                            R"({"title":"A 的任务","due_at":"2026-01-02T02:00:00Z"})", a_, "a-tsk"),
                    201));
    Answer(h_.Post("/admin/v1/customers/" + ids_["cus"].at(0) + "/interactions",
                   R"({"kind":"note","summary":"A 的备注"})", a_, "a-itx"),
           201);
    secrets_.push_back("A 的备注");
    Answer(h_.Post("/admin/v1/handovers",
                   R"({"from_staff_id":")" + ids_["stf"].at(0) +
                       R"(","kind":"transfer","to":[{"staff_id":")" + clerk + R"("}]})",
                   a_, "a-hnd"),
           201);
  }

  // A paid order with an after-sales request, and an order awaiting payment.
  void PlaceOrders() {
    json::value paid = Checkout(2, "a-ord-1");
    std::string ord = ids_["ord"].at(0);
    std::string total = json::serialize(paid.at("totals").at("total"));
    Answer(h_.Post("/admin/v1/orders/" + ord + "/confirm-payment",
                   R"({"method":"transfer","amount":)" + total + "}", a_),
           200);
    Remember(Answer(h_.Post("/store/v1/shop-a/orders/" + order_tokens_.at(0) + "/aftersales",
                            R"({"kind":"refund_only","reason":"不想要了"})", "", "a-afs"),
                    201));
    json::value pending = Checkout(1, "a-ord-2");
    pending_total_ = pending.at("totals").at("total").as_int64();
    json::value detail = Answer(h_.Get("/admin/v1/orders/" + ord, a_), 200);
    Remember(detail.at("payments").at(0));
    json::value sandbox = Answer(h_.Get("/admin/v1/payments/sandbox", a_), 200);
    secrets_.push_back(std::string(sandbox.at("signing_secret").as_string()));
    secrets_.push_back(a_);
    secrets_.push_back(kBuyerPhone);
    for (const auto& token : order_tokens_) secrets_.push_back(token);
    SignInBuyer();
  }

  // A's buyer signs in to shop A with a code from A's SMS sandbox and saves
  // an address: a text, a customer session and an address book that B must
  // not reach.
  void SignInBuyer() {
    Answer(h_.Post("/store/v1/shop-a/auth/code", R"({"phone":")" + kBuyerPhone + R"("})"), 200);
    json::value texts = Answer(h_.Get("/admin/v1/sandbox/sms", a_), 200);
    std::string text(texts.at("items").at(0).at("text").as_string());
    std::string code = text.substr(text.find_first_of("0123456789"), 6);
    json::value in = Answer(h_.Post("/store/v1/shop-a/auth/sign-in",
                                    R"({"phone":")" + kBuyerPhone + R"(","code":")" + code + "\"}"),
                            200);
    customer_token_ = std::string(in.at("token").as_string());
    secrets_.push_back(customer_token_);
    secrets_.push_back(text);
    Remember(Answer(h_.Post("/store/v1/shop-a/me/addresses",
                            R"({"name":"李娜","phone":")" + kBuyerPhone +
                                R"(","province":"湖南省","address":"麓山南路 1 号"})",
                            customer_token_, "a-cad"),
                    201));
  }

  // Places an order of `quantity` units of A's first SKU through the
  // storefront.
  json::value Checkout(int quantity, const std::string& key) {
    json::value order =
        Answer(h_.Post("/store/v1/shop-a/checkout",
                       R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":)" +
                           std::to_string(quantity) + R"(}],"buyer":{"name":"李娜","phone":")" +
                           kBuyerPhone + R"(","region":"湖南","address":"长沙市岳麓区 8 号"}})",
                       "", key),
               201);
    Remember(order);
    order_tokens_.push_back(std::string(order.at("order_token").as_string()));
    return order;
  }

  // POSTs as A with `key`, expects 201; returns the new record's id.
  std::string Create(const std::string& path, const std::string& body, const std::string& key) {
    return Remember(Answer(h_.Post(path, body, a_, key), 201));
  }

  // The body of `r`, which must have `status`; an empty object otherwise.
  json::value Answer(const HttpResponse& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    json::value v = AppHarness::Json(r);
    return r.status == status && v.is_object() ? v : json::value(json::object{});
  }

  // Files the prefixed id in record[field] ("prd_…") under its prefix.
  std::string Remember(const json::value& record, const char* field = "id") {
    const json::value* id = record.is_object() ? record.as_object().if_contains(field) : nullptr;
    if (id == nullptr || !id->is_string()) {
      ADD_FAILURE() << "no " << field << " in " << json::serialize(record);
      return "";
    }
    std::string text(id->as_string());
    ids_[text.substr(0, text.find('_'))].push_back(text);
    secrets_.push_back(text);
    return text;
  }

  // Every page A's console can read (each GET route under /admin/v1, with
  // each of A's ids of the right kind), by target: "status body".
  std::map<std::string, std::string> SnapshotOfA() {
    std::map<std::string, std::string> out;
    for (const auto& route : h_.app().router().routes()) {
      if (route->method != Method::kGet || route->pattern.rfind("/admin/v1/", 0) != 0) continue;
      // Exports are audited reads (each one adds to A's audit log): taking
      // the snapshot must not change what it compares.
      static const std::set<std::string> kAuditedReads = {"/admin/v1/segments/{id}/export.csv",
                                                          "/admin/v1/customers/{id}/personal-data"};
      if (kAuditedReads.count(route->pattern)) continue;
      for (const std::string& target : Targets(*route)) {
        auto r = h_.Get(target, a_);
        out[target] = std::to_string(r.status) + " " + r.body;
      }
    }
    return out;
  }

  // The route's pattern with every {param} replaced by each of A's ids of
  // its prefix. Fails the test for a prefix the sweep does not know or for
  // which A holds no record.
  std::vector<std::string> Targets(const Route& route) {
    std::vector<std::string> out{""};
    std::string previous, before;
    for (const std::string& seg : route.segments) {
      if (seg.empty()) continue;
      std::vector<std::string> values{seg};
      if (seg.front() == '{') {
        auto prefix = PrefixAfter(previous, before);
        values = prefix && ids_.count(*prefix) ? ids_[*prefix] : std::vector<std::string>{};
        if (values.empty()) {
          ADD_FAILURE() << route.pattern << ": the sweep knows no id for a parameter after '"
                        << previous << "'; map the segment to its prefix in PrefixAfter and "
                        << "give merchant A such a record in TwoMerchants::SetUp";
        }
      }
      std::vector<std::string> next;
      for (const auto& head : out) {
        for (const auto& v : values) next.push_back(head + "/" + v);
      }
      out = std::move(next);
      before = previous;
      previous = seg;
    }
    return out;
  }

  AppHarness h_;
  std::string a_, b_;  // the owners' bearer tokens
  std::string sku_;
  std::int64_t pending_total_ = 0;
  std::vector<std::string> order_tokens_;
  std::string customer_token_;                           // A's buyer signed in to shop A
  std::map<std::string, std::vector<std::string>> ids_;  // A's ids by prefix
  std::vector<std::string> secrets_;  // A's ids, order tokens, tokens, secret, buyer phone
};

}  // namespace weishang::api
