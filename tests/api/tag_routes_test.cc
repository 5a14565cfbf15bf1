// The console's tags and segments in-process: groups and tags, giving and
// taking a manual tag in bulk, the live count of an unsaved expression,
// saved segments and their customers, the customer list filtered by tag and
// segment (from the bitmaps) with each customer's tags, and what a staff
// member may see and do (only their own customers; no defining).
#include <gtest/gtest.h>

#include <set>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

class TagRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-t");
    auto p = h_.Post("/admin/v1/products",
                     R"({"title":"剁椒鱼头酱","spec_options":[{"name":"规格","values":["200g"]}],
                         "skus":[{"spec_values":["200g"],"price":1490,"stock":500}]})",
                     owner_, "prd-1");
    ASSERT_EQ(p.status, 201) << p.body;
    json::value product = AppHarness::Json(p);
    sku_ = Str(product.at("skus").at(0), "id");
    ASSERT_EQ(h_.Post("/admin/v1/products/" + Str(product, "id") + "/status",
                      R"({"action":"publish"})", owner_)
                  .status,
              200);
    // Four buyers; the first two pay (first_purchase), the others do not.
    Buy("13900000001", "王芳", 2, true);
    Buy("13900000002", "李强", 1, true);
    Buy("13900000003", "赵敏", 1, false);
    Buy("13900000004", "陈静", 3, false);
    RunHandlers();
    json::value list = Ok(h_.Get("/admin/v1/customers", owner_));
    for (const auto& c : list.at("items").as_array()) by_phone_[Str(c, "phone")] = Str(c, "id");
    ASSERT_EQ(by_phone_.size(), 4u) << json::serialize(list);
  }

  void Buy(const std::string& phone, const std::string& name, int qty, bool pay) {
    auto r = h_.Post("/store/v1/shop-t/checkout",
                     R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":)" + std::to_string(qty) +
                         R"(}],"buyer":{"name":")" + name + R"(","phone":")" + phone +
                         R"(","region":"湖南","address":"长沙市岳麓区 8 号"}})",
                     "", "order-" + phone);
    ASSERT_EQ(r.status, 201) << r.body;
    if (!pay) return;
    json::value order = AppHarness::Json(r);
    auto p = h_.Post("/store/v1/shop-t/orders/" + Str(order, "order_token") + "/pay", "{}");
    ASSERT_EQ(p.status, 200) << p.body;
    ASSERT_EQ(h_.Post(Str(AppHarness::Json(p), "gateway_url"), "").status, 200);
  }

  // The dispatcher's handlers over every event so far (the customers
  // handler makes buyers customers); no server runs one here.
  void RunHandlers() {
    if (!cursors_) {
      for (const events::Handler& handler : h_.installed().handlers) {
        ASSERT_TRUE(h_.db().Write(
            [&](storage::Tx& tx) { return events::CreateCursor(tx, handler.name, 0, 0); }));
      }
      cursors_ = true;
    }
    SystemClock clock;
    events::Dispatcher dispatcher(h_.db().db(), clock, h_.installed().handlers);
    ASSERT_TRUE(dispatcher.RunOnce());
  }

  static json::value Ok(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return AppHarness::Json(r);
  }
  static std::string CodeOf(const HttpResponse& r) {
    json::value v = AppHarness::Json(r);
    return v.is_object() && v.as_object().contains("error") ? Str(v.at("error"), "code") : "";
  }

  std::string Group(const std::string& body, const std::string& key) {
    return Str(Ok(h_.Post("/admin/v1/tag-groups", body, owner_, key), 201), "id");
  }
  std::string Tag(const std::string& body, const std::string& key) {
    return Str(Ok(h_.Post("/admin/v1/tags", body, owner_, key), 201), "id");
  }

  std::set<std::string> Ids(const json::value& page) {
    std::set<std::string> out;
    for (const auto& c : page.at("items").as_array()) out.insert(Str(c, "id"));
    return out;
  }

  // A staff account, logged in.
  std::string Staff() {
    auto made = h_.Post("/admin/v1/staff",
                        R"({"login":"clerk@shop-t.test","name":"店员","role":"staff",)"
                        R"("password":"clerk till drawer"})",
                        owner_, "staff-1");
    EXPECT_EQ(made.status, 201) << made.body;
    auto in = h_.Post("/admin/v1/auth/login", R"({"shop":"shop-t","login":"clerk@shop-t.test",)"
                                              R"("password":"clerk till drawer"})");
    EXPECT_EQ(in.status, 200) << in.body;
    return Str(AppHarness::Json(in), "token");
  }

  AppHarness h_;
  std::string owner_, sku_;
  std::map<std::string, std::string> by_phone_;  // masked phone -> id
  bool cursors_ = false;
};

TEST_F(TagRoutesTest, GroupsAreCreatedRenamedAndArchived) {
  std::string g = Group(R"({"name":"客户价值","choice":"single"})", "g-1");
  json::value list = Ok(h_.Get("/admin/v1/tag-groups", owner_));
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(list.at("items").at(0).at("choice"), "single");
  json::value changed = Ok(
      h_.Patch("/admin/v1/tag-groups/" + g, R"({"name":"价值分层","status":"archived"})", owner_));
  EXPECT_EQ(changed.at("name"), "价值分层");
  EXPECT_EQ(changed.at("status"), "archived");
  // An archived group takes no new tags.
  auto refused =
      h_.Post("/admin/v1/tags", R"({"group_id":")" + g + R"(","name":"x"})", owner_, "t");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(CodeOf(refused), "tags.unknown_group");
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/tag-groups", R"({"name":""})", owner_, "g-2")),
            "tags.invalid_name");
  EXPECT_EQ(
      CodeOf(h_.Post("/admin/v1/tag-groups", R"({"name":"x","choice":"many"})", owner_, "g-3")),
      "request.invalid_field");
  EXPECT_EQ(h_.Patch("/admin/v1/tag-groups/tgg_zzzz", R"({"name":"x"})", owner_).status, 404);
}

TEST_F(TagRoutesTest, AManualTagIsGivenAndTakenInBulkAndFiltersTheList) {
  std::string g = Group(R"({"name":"关系"})", "g-1");
  std::string vip = Tag(R"({"group_id":")" + g + R"(","name":"VIP","color":"#F56C6C"})", "t-1");
  std::string a = by_phone_.at("139****0001"), b = by_phone_.at("139****0002"),
              c = by_phone_.at("139****0003");
  json::value change =
      Ok(h_.Post("/admin/v1/tags/" + vip + "/customers",
                 R"({"add":[")" + a + R"(",")" + b + R"(",")" + c + R"("]})", owner_));
  EXPECT_EQ(change.at("added").as_array().size(), 3u);
  // Again: nobody changes.
  change =
      Ok(h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"add":[")" + a + R"("]})", owner_));
  EXPECT_TRUE(change.at("added").as_array().empty());
  change =
      Ok(h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"remove":[")" + c + R"("]})", owner_));
  ASSERT_EQ(change.at("removed").as_array().size(), 1u);

  json::value page = Ok(h_.Get("/admin/v1/customers?tag_id=" + vip, owner_));
  EXPECT_EQ(page.at("count"), 2);
  EXPECT_EQ(Ids(page), (std::set<std::string>{a, b}));
  EXPECT_EQ(page.at("items").at(0).at("tags").at(0).at("name"), "VIP");
  EXPECT_EQ(page.at("items").at(0).at("tags").at(0).at("color"), "#F56C6C");
  // Paged by one: two pages, then no cursor.
  json::value first = Ok(h_.Get("/admin/v1/customers?limit=1&tag_id=" + vip, owner_));
  ASSERT_TRUE(first.at("next_cursor").is_string());
  json::value second = Ok(h_.Get(
      "/admin/v1/customers?limit=1&tag_id=" + vip + "&after=" + Str(first, "next_cursor"), owner_));
  EXPECT_NE(Ids(first), Ids(second));
  json::value third = Ok(
      h_.Get("/admin/v1/customers?limit=1&tag_id=" + vip + "&after=" + Str(second, "next_cursor"),
             owner_));
  EXPECT_TRUE(third.at("items").as_array().empty());
  // With a stage: both paid.
  EXPECT_EQ(Ok(h_.Get("/admin/v1/customers?stage=acquired&tag_id=" + vip, owner_)).at("count"), 0);
  // The profile and the unfiltered list carry the tags too.
  json::value detail = Ok(h_.Get("/admin/v1/customers/" + a, owner_));
  ASSERT_EQ(detail.at("tags").as_array().size(), 1u);
  EXPECT_EQ(Str(detail.at("tags").at(0), "id"), vip);
  json::value all = Ok(h_.Get("/admin/v1/customers", owner_));
  EXPECT_TRUE(all.at("count").is_null());
  for (const auto& item : all.at("items").as_array()) {
    bool tagged = Str(item, "id") == a || Str(item, "id") == b;
    EXPECT_EQ(item.at("tags").as_array().size(), tagged ? 1u : 0u) << item;
  }
  // The tag list counts its customers.
  json::value tags = Ok(h_.Get("/admin/v1/tags", owner_));
  EXPECT_EQ(tags.at("items").at(0).at("customers"), 2);

  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/customers?q=%E7%8E%8B&tag_id=" + vip, owner_)),
            "customers.invalid_field");
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/customers?tag_id=tag_zzzz", owner_)), "tags.unknown_tag");
  EXPECT_EQ(
      CodeOf(h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"add":["cus_zzzz"]})", owner_)),
      "tags.unknown_customer");
  std::string many = R"({"add":[)";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "\"" + a + "\"";
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/tags/" + vip + "/customers", many + "]}", owner_)),
            "tags.too_many_customers");
}

TEST_F(TagRoutesTest, RuleTagsTakeTheirRuleAndRefuseManualTagging) {
  std::string g = Group(R"({"name":"消费"})", "g-1");
  json::value rule = Ok(h_.Post("/admin/v1/tags",
                                R"({"group_id":")" + g +
                                    R"(","name":"消费满百","kind":"rule",)"
                                    R"("rule":{"kind":"spent_over","amount":10000}})",
                                owner_, "t-1"),
                        201);
  EXPECT_EQ(rule.at("kind"), "rule");
  EXPECT_EQ(rule.at("rule").at("kind"), "spent_over");
  EXPECT_EQ(rule.at("rule").at("amount"), 10000);
  EXPECT_EQ(rule.at("pending"), true);
  auto r = h_.Post("/admin/v1/tags/" + Str(rule, "id") + "/customers",
                   R"({"add":[")" + by_phone_.at("139****0001") + R"("]})", owner_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(CodeOf(r), "tags.not_manual");
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/tags",
                           R"({"group_id":")" + g +
                               R"(","name":"坏规则","kind":"rule","rule":{"kind":"spent_over"}})",
                           owner_, "t-2")),
            "tags.invalid_rule");
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/tags",
                           R"({"group_id":")" + g + R"(","name":"无规则","kind":"rule"})", owner_,
                           "t-3")),
            "tags.invalid_rule");
  json::value changed =
      Ok(h_.Patch("/admin/v1/tags/" + Str(rule, "id"),
                  R"({"rule":{"kind":"orders_at_least","count":2},"color":"#67C23A"})", owner_));
  EXPECT_EQ(changed.at("rule").at("kind"), "orders_at_least");
  EXPECT_EQ(changed.at("color"), "#67C23A");
  EXPECT_EQ(CodeOf(h_.Patch("/admin/v1/tags/" + Str(rule, "id"), R"({"color":"red"})", owner_)),
            "tags.invalid_color");
}

TEST_F(TagRoutesTest, ThePreviewCountsAnUnsavedExpressionAndASavedSegmentListsItsCustomers) {
  std::string g = Group(R"({"name":"关系"})", "g-1");
  std::string vip = Tag(R"({"group_id":")" + g + R"(","name":"VIP"})", "t-1");
  std::string a = by_phone_.at("139****0001"), c = by_phone_.at("139****0003"),
              d = by_phone_.at("139****0004");
  Ok(h_.Post("/admin/v1/tags/" + vip + "/customers",
             R"({"add":[")" + a + R"(",")" + c + R"(",")" + d + R"("]})", owner_));
  std::string one = R"({"tag":")" + vip + R"("})";
  std::string two =
      R"({"and":[{"tag":")" + vip + R"("},{"attr":"stage","op":"eq","value":"acquired"}]})";
  json::value p1 =
      Ok(h_.Post("/admin/v1/segments/preview", R"({"expression":)" + one + "}", owner_));
  EXPECT_EQ(p1.at("count"), 3);
  EXPECT_EQ(p1.at("sample").as_array().size(), 3u);
  json::value p2 =
      Ok(h_.Post("/admin/v1/segments/preview", R"({"expression":)" + two + "}", owner_));
  EXPECT_EQ(p2.at("count"), 2) << "c and d never paid";
  json::value p3 =
      Ok(h_.Post("/admin/v1/segments/preview", R"({"expression":{"not":)" + two + "}}", owner_));
  EXPECT_EQ(p3.at("count"), 2) << "the other two of four";

  json::value seg = Ok(h_.Post("/admin/v1/segments",
                               R"({"name":"未付款的VIP","expression":)" + two + "}", owner_, "s-1"),
                       201);
  EXPECT_EQ(seg.at("customers"), 2);
  EXPECT_EQ(seg.at("saved_count"), 2);
  std::string id = Str(seg, "id");
  json::value customers = Ok(h_.Get("/admin/v1/segments/" + id + "/customers", owner_));
  EXPECT_EQ(customers.at("count"), 2);
  EXPECT_EQ(Ids(customers), (std::set<std::string>{c, d}));
  json::value filtered = Ok(h_.Get("/admin/v1/customers?segment_id=" + id, owner_));
  EXPECT_EQ(Ids(filtered), (std::set<std::string>{c, d}));
  // Counted now: the segment follows its tag.
  Ok(h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"remove":[")" + d + R"("]})", owner_));
  EXPECT_EQ(Ok(h_.Get("/admin/v1/segments/" + id, owner_)).at("customers"), 1);
  json::value list = Ok(h_.Get("/admin/v1/segments", owner_));
  EXPECT_EQ(list.at("items").at(0).at("customers"), 1);

  json::value renamed = Ok(
      h_.Patch("/admin/v1/segments/" + id, R"({"name":"VIP","expression":)" + one + "}", owner_));
  EXPECT_EQ(renamed.at("saved_count"), 2);
  json::value archived =
      Ok(h_.Patch("/admin/v1/segments/" + id, R"({"status":"archived"})", owner_));
  EXPECT_EQ(archived.at("status"), "archived");
  EXPECT_TRUE(Ok(h_.Get("/admin/v1/segments/" + id, owner_)).at("customers").is_null());

  EXPECT_EQ(
      CodeOf(h_.Post("/admin/v1/segments/preview",
                     R"({"expression":{"attr":"spent_total","op":"eq","value":"x"}})", owner_)),
      "tags.invalid_expression");
  EXPECT_EQ(
      CodeOf(h_.Post("/admin/v1/segments/preview", R"({"expression":{"tag":"tag_zzzz"}})", owner_)),
      "tags.unknown_tag");
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/segments", R"({"name":"x"})", owner_, "s-2")),
            "tags.invalid_expression");
  EXPECT_EQ(h_.Get("/admin/v1/segments/seg_zzzz", owner_).status, 404);
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/customers?segment_id=seg_zzzz", owner_)),
            "tags.segment_not_found");
}

TEST_F(TagRoutesTest, AStaffMemberCountsAndTagsOnlyTheirOwnCustomersAndDefinesNothing) {
  std::string g = Group(R"({"name":"关系"})", "g-1");
  std::string vip = Tag(R"({"group_id":")" + g + R"(","name":"VIP"})", "t-1");
  std::string a = by_phone_.at("139****0001");
  Ok(h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"add":[")" + a + R"("]})", owner_));
  std::string staff = Staff();
  // Nobody is owned by the new staff member: they see the tag, count none.
  json::value tags = Ok(h_.Get("/admin/v1/tags", staff));
  EXPECT_EQ(tags.at("items").at(0).at("customers"), 0);
  json::value preview = Ok(
      h_.Post("/admin/v1/segments/preview", R"({"expression":{"tag":")" + vip + R"("}})", staff));
  EXPECT_EQ(preview.at("count"), 0);
  EXPECT_TRUE(preview.at("sample").as_array().empty());
  json::value page = Ok(h_.Get("/admin/v1/customers?tag_id=" + vip, staff));
  EXPECT_EQ(page.at("count"), 0);
  // Another's customer cannot be tagged.
  auto r = h_.Post("/admin/v1/tags/" + vip + "/customers", R"({"remove":[")" + a + R"("]})", staff);
  EXPECT_EQ(CodeOf(r), "tags.unknown_customer");
  // Defining is the owner's and admin's.
  EXPECT_EQ(h_.Post("/admin/v1/tag-groups", R"({"name":"x"})", staff, "g-s").status, 403);
  EXPECT_EQ(
      h_.Post("/admin/v1/tags", R"({"group_id":")" + g + R"(","name":"x"})", staff, "t-s").status,
      403);
  EXPECT_EQ(h_.Post("/admin/v1/segments", R"({"name":"x","expression":{"tag":")" + vip + R"("}})",
                    staff, "s-s")
                .status,
            403);
  // Owner-made segments: the staff member's count is of their own customers.
  json::value seg =
      Ok(h_.Post("/admin/v1/segments", R"({"name":"VIP","expression":{"tag":")" + vip + R"("}})",
                 owner_, "s-1"),
         201);
  json::value mine = Ok(h_.Get("/admin/v1/segments/" + Str(seg, "id"), staff));
  EXPECT_EQ(mine.at("customers"), 0);
  EXPECT_TRUE(mine.at("saved_count").is_null()) << "the shop's total is not a staff member's";
}

}  // namespace
}  // namespace weishang::api
