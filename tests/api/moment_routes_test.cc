// Moments in-process: the composer (pictures from the catalog's upload, the
// >6 warning, 0 or >9 refused), the store's feed for a guest and for two
// signed-in customers in different segments, likes, comments and the
// merchant deleting one, a tap through to the product and the order it
// brings, and the counters the console's list shows.
#include <gtest/gtest.h>

#include <regex>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "-moment-picture-";

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

class MomentRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-m");
    auto up = AppHarness::Request(Method::kPost, "/admin/v1/images", kPng, owner_);
    up.content_type = "image/png";
    image_ = Str(Ok(h_.Send(up), 201), "id");
    json::value product =
        Ok(h_.Post("/admin/v1/products",
                   R"({"title":"剁椒鱼头酱","spec_options":[{"name":"规格","values":["200g"]}],
                       "skus":[{"spec_values":["200g"],"price":1490,"stock":500}]})",
                   owner_, "prd-1"),
           201);
    product_ = Str(product, "id");
    sku_ = Str(product.at("skus").at(0), "id");
    Ok(h_.Post("/admin/v1/products/" + product_ + "/status", R"({"action":"publish"})", owner_));
    ann_ = SignIn("13800138001");
    bob_ = SignIn("13800138002");
    std::string g =
        Str(Ok(h_.Post("/admin/v1/tag-groups", R"({"name":"会员"})", owner_, "g"), 201), "id");
    seg_a_ = SegmentOf(g, "A", Str(Ok(h_.Get("/store/v1/shop-m/me", ann_)), "id"));
    seg_b_ = SegmentOf(g, "B", Str(Ok(h_.Get("/store/v1/shop-m/me", bob_)), "id"));
  }

  // A manual tag carried by `customer` alone, and a segment of that tag.
  std::string SegmentOf(const std::string& group, const std::string& name,
                        const std::string& customer) {
    std::string tag = Str(
        Ok(h_.Post("/admin/v1/tags", R"({"group_id":")" + group + R"(","name":")" + name + R"("})",
                   owner_, "t-" + name),
           201),
        "id");
    Ok(h_.Post("/admin/v1/tags/" + tag + "/customers", R"({"add":[")" + customer + R"("]})",
               owner_));
    return Str(Ok(h_.Post("/admin/v1/segments",
                          R"({"name":"会员)" + name + R"(","expression":{"tag":")" + tag + R"("}})",
                          owner_, "s-" + name),
                  201),
               "id");
  }

  std::string SignIn(const std::string& phone) {
    Ok(h_.Post("/store/v1/shop-m/auth/code", R"({"phone":")" + phone + R"("})"));
    json::value inbox = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::string text = Str(inbox.at("items").at(0), "text");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("([0-9]{6})")));
    return Str(Ok(h_.Post("/store/v1/shop-m/auth/sign-in",
                          R"({"phone":")" + phone + R"(","code":")" + m[1].str() + R"("})")),
               "token");
  }

  std::string Post(const std::string& extra, const std::string& key, int images = 1) {
    std::string list;
    for (int i = 0; i < images; ++i) list += (i ? ",\"" : "\"") + image_ + "\"";
    auto r = h_.Post("/admin/v1/moments",
                     R"({"text":"新品上架","images":[)" + list + "]" + extra + "}", owner_, key);
    return Str(Ok(r, 201), "id");
  }

  std::vector<std::string> Feed(const std::string& token) {
    json::value page = Ok(h_.Get("/store/v1/shop-m/moments", token));
    std::vector<std::string> out;
    for (const auto& p : page.at("items").as_array()) out.push_back(Str(p, "id"));
    return out;
  }

  // The dispatcher's handlers over every event so far (customers recognise
  // buyers; moments attributes paid orders).
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

  AppHarness h_;
  std::string owner_, image_, product_, sku_, ann_, bob_, seg_a_, seg_b_;
  bool cursors_ = false;
};

TEST_F(MomentRoutesTest, EachCustomerSeesThePostsMeantForTheirSegments) {
  std::string pub = Post("", "m-1");
  std::string only_a = Post(R"(,"show_to":[")" + seg_a_ + R"("])", "m-2");
  std::string not_a = Post(R"(,"hide_from":[")" + seg_a_ + R"("])", "m-3");
  std::string later = Post(R"(,"publish_at":"2099-01-01T00:00:00Z")", "m-4");
  using V = std::vector<std::string>;
  EXPECT_EQ(Feed(ann_), (V{only_a, pub}));
  EXPECT_EQ(Feed(bob_), (V{not_a, pub}));
  EXPECT_EQ(Feed(""), (V{pub})) << "a guest sees public posts only";
  json::value list = Ok(h_.Get("/admin/v1/moments", owner_));
  ASSERT_EQ(list.at("items").as_array().size(), 4u);
  EXPECT_EQ(Str(list.at("items").at(0), "id"), later);
  EXPECT_EQ(Str(list.at("items").at(0), "state"), "scheduled");
  EXPECT_EQ(Str(list.at("items").at(1), "state"), "published");
  // Bob cannot act on a post he cannot see: it is not there for him.
  EXPECT_EQ(h_.Post("/store/v1/shop-m/moments/" + only_a + "/like", "", bob_).status, 404);
  EXPECT_EQ(h_.Post("/store/v1/shop-m/moments/" + later + "/like", "", ann_).status, 404);
  // Withdrawn: gone from the feed.
  Ok(h_.Post("/admin/v1/moments/" + only_a + "/withdraw", "", owner_));
  EXPECT_EQ(Feed(ann_), (V{pub}));
}

TEST_F(MomentRoutesTest, TheComposerWarnsBeyondSixPicturesAndRefusesNoneOrTen) {
  auto seven = Ok(h_.Post("/admin/v1/moments",
                          R"({"text":"","images":[")" + image_ + R"(",")" + image_ + R"(",")" +
                              image_ + R"(",")" + image_ + R"(",")" + image_ + R"(",")" + image_ +
                              R"(",")" + image_ + R"("]})",
                          owner_, "m-7"),
                  201);
  ASSERT_EQ(seven.at("warnings").as_array().size(), 1u);
  EXPECT_EQ(Str(seven.at("warnings").at(0), "code"), "moments.many_images");
  EXPECT_EQ(seven.at("images").as_array().size(), 7u);
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/moments", R"({"text":"x","images":[]})", owner_, "m-0")),
            "moments.image_count");
  std::string ten;
  for (int i = 0; i < 10; ++i) ten += (i ? ",\"" : "\"") + image_ + "\"";
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/moments", R"({"images":[)" + ten + "]}", owner_, "m-10")),
            "moments.image_count");
  EXPECT_EQ(
      CodeOf(h_.Post("/admin/v1/moments", R"({"images":["img_zzzzzzzzzzzz"]})", owner_, "m-x")),
      "catalog.image_not_found");
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/moments",
                           R"({"images":[")" + image_ + R"("],"show_to":["seg_zzzzzzzzzzzz"]})",
                           owner_, "m-y")),
            "tags.segment_not_found");
  EXPECT_EQ(h_.Post("/admin/v1/moments", R"({"images":[")" + image_ + R"("]})", owner_).status, 422)
      << "an Idempotency-Key is required";
}

TEST_F(MomentRoutesTest, LikesCommentsTapsAndTheOrderAfterATapAreCounted) {
  std::string p = Post(R"(,"product_id":")" + product_ + R"(")", "m-1");
  std::string base = "/store/v1/shop-m/moments/" + p;
  EXPECT_EQ(CodeOf(h_.Post(base + "/like", "", "")), "accounts.unauthenticated");
  EXPECT_EQ(Ok(h_.Post(base + "/like", "", ann_)).at("liked"), true);
  EXPECT_EQ(Ok(h_.Post(base + "/like", "", bob_)).at("likes"), 2);
  EXPECT_EQ(Ok(h_.Post(base + "/like", "", bob_)).at("liked"), false);
  json::value c = Ok(h_.Post(base + "/comments", R"({"text":"好吃吗？"})", ann_, "c-1"), 201);
  Ok(h_.Post(base + "/comments", R"({"text":"下饭"})", bob_, "c-2"), 201);
  json::value feed = Ok(h_.Get("/store/v1/shop-m/moments", ann_));
  const json::value& item = feed.at("items").at(0);
  EXPECT_EQ(item.at("liked"), true);
  EXPECT_EQ(item.at("comments").as_array().size(), 2u);
  EXPECT_EQ(Str(item.at("product"), "id"), product_);
  EXPECT_FALSE(item.at("comments").at(0).as_object().contains("customer_id"));
  // The merchant deletes Ann's comment: the store no longer shows it, the console does.
  json::value gone =
      Ok(h_.Post("/admin/v1/moments/" + p + "/comments/" + Str(c, "id") + "/delete", "", owner_));
  EXPECT_EQ(gone.at("deleted"), true);
  EXPECT_EQ(Ok(h_.Get("/store/v1/shop-m/moments", ann_)).at("items").at(0).at("comment_count"), 1);
  EXPECT_EQ(
      Ok(h_.Get("/admin/v1/moments/" + p + "/comments", owner_)).at("items").as_array().size(), 2u);
  // Ann taps through to the product and buys it, signed in.
  EXPECT_EQ(Str(Ok(h_.Post(base + "/click", "", ann_)), "product_id"), product_);
  Ok(h_.Post(base + "/click", "", ""));  // a guest's tap counts too
  auto order =
      h_.Post("/store/v1/shop-m/checkout",
              R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":1}],"buyer":{"name":"安娜",
                           "phone":"13800138001","region":"湖南","address":"长沙市岳麓区 8 号"}})",
              ann_, "order-1");
  json::value placed = Ok(order, 201);
  json::value pay =
      Ok(h_.Post("/store/v1/shop-m/orders/" + Str(placed, "order_token") + "/pay", "{}"));
  ASSERT_EQ(h_.Post(Str(pay, "gateway_url"), "").status, 200);
  RunHandlers();
  RunHandlers();  // customer.purchased, recorded by the customers handler, reaches moments
  json::value post = Ok(h_.Get("/admin/v1/moments/" + p, owner_));
  EXPECT_EQ(post.at("counts").at("likes"), 1);
  EXPECT_EQ(post.at("counts").at("comments"), 1);
  EXPECT_EQ(post.at("counts").at("clicks"), 2);
  EXPECT_EQ(post.at("counts").at("orders"), 1);
}

}  // namespace
}  // namespace weishang::api
