// Attribution in-process: a signed-in customer's share link, a friend's
// visit through it and her checkout with the device's id (credited; she
// becomes a customer the sharer referred), a forged code that opens the
// shop and credits nothing, channel codes whose QR (PNG and SVG) holds the
// code's own link, a scan redirected to the target (which moves without a
// new QR), and the figures per channel and campaign.
#include <gtest/gtest.h>
#include <qrencode.h>

#include <memory>
#include <regex>
#include <set>

#include "core/qr_png.h"
#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

constexpr const char* kDevice = "dev-zhou-min-01";

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

// The dark modules an SVG of RenderQrSvg draws (x, y), read back from its path.
std::set<std::pair<int, int>> SvgModules(const std::string& svg) {
  std::set<std::pair<int, int>> out;
  std::regex run("M([0-9]+) ([0-9]+)h([0-9]+)v1h-[0-9]+z");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
       ++it) {
    int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    for (int i = 0; i < n; ++i) out.insert({x + i, y});
  }
  return out;
}

std::set<std::pair<int, int>> CodeModules(const std::string& text) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  std::set<std::pair<int, int>> out;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1) out.insert({x + kQrQuietZone, y + kQrQuietZone});
    }
  }
  return out;
}

class AttributionRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-g");
    json::value product =
        Ok(h_.Post("/admin/v1/products",
                   R"({"title":"婴儿湿巾","spec_options":[{"name":"规格","values":["80抽"]}],
                       "skus":[{"spec_values":["80抽"],"price":1990,"stock":500}]})",
                   owner_, "prd-1"),
           201);
    product_ = Str(product, "id");
    sku_ = Str(product.at("skus").at(0), "id");
    Ok(h_.Post("/admin/v1/products/" + product_ + "/status", R"({"action":"publish"})", owner_));
  }

  std::string SignIn(const std::string& phone, const std::string& visitor = "") {
    Ok(h_.Post("/store/v1/shop-g/auth/code", R"({"phone":")" + phone + R"("})"));
    json::value inbox = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::string text = Str(inbox.at("items").at(0), "text");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("([0-9]{6})")));
    std::string extra = visitor.empty() ? "" : R"(,"visitor":")" + visitor + "\"";
    return Str(
        Ok(h_.Post("/store/v1/shop-g/auth/sign-in",
                   R"({"phone":")" + phone + R"(","code":")" + m[1].str() + "\"" + extra + "}")),
        "token");
  }

  json::value Checkout(const std::string& phone, const std::string& key) {
    return Ok(h_.Post("/store/v1/shop-g/checkout",
                      R"({"lines":[{"sku_id":")" + sku_ + R"(","quantity":1}],"visitor":")" +
                          kDevice + R"(","buyer":{"name":"周敏","phone":")" + phone +
                          R"(","region":"湖南","address":"长沙市岳麓区麓山路 1 号"}})",
                      "", key),
              201);
  }

  void Dispatch() {
    if (!cursors_) {
      for (const events::Handler& handler : h_.installed().handlers) {
        ASSERT_TRUE(h_.db().Write(
            [&](storage::Tx& tx) { return events::CreateCursor(tx, handler.name, 0, 0); }));
      }
      cursors_ = true;
    }
    SystemClock clock;
    events::Dispatcher dispatcher(h_.db().db(), clock, h_.installed().handlers);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(dispatcher.RunOnce());
  }

  static json::value Ok(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return AppHarness::Json(r);
  }

  AppHarness h_;
  std::string owner_, product_, sku_;
  bool cursors_ = false;
};

TEST_F(AttributionRoutesTest, AFriendsLinkBringsHerAndHerOrder) {
  std::string li = SignIn("13800138001");
  std::string li_id = Str(Ok(h_.Get("/store/v1/shop-g/me", li)), "id");
  json::value link = Ok(
      h_.Post("/store/v1/shop-g/share-links", R"({"path":"/products/)" + product_ + R"("})", li));
  std::string code = Str(link, "code");
  EXPECT_LE(code.size(), 30u);
  EXPECT_NE(Str(link, "url").find("/s/shop-g/products/" + product_ + "?r=" + code),
            std::string::npos);
  // A guest asks for a link: the plain one.
  EXPECT_EQ(Str(Ok(h_.Post("/store/v1/shop-g/share-links", R"({"path":"/"})")), "code"), "");

  json::value seen = Ok(h_.Post("/store/v1/shop-g/visits",
                                R"({"visitor":")" + std::string(kDevice) + R"(","code":")" + code +
                                    R"(","path":"/products/)" + product_ + "\"}"));
  EXPECT_TRUE(seen.at("credited").as_bool());
  Checkout("13800138002", "order-1");
  Dispatch();
  std::string zhou = SignIn("13800138002");
  json::value me = Ok(h_.Get("/store/v1/shop-g/me", zhou));
  json::value profile = Ok(h_.Get("/admin/v1/customers/" + Str(me, "id"), owner_));
  EXPECT_EQ(Str(profile, "channel"), "referral");
  EXPECT_EQ(Str(profile, "referrer_id"), li_id);
}

TEST_F(AttributionRoutesTest, AForgedCodeOpensTheShopAndCreditsNobody) {
  std::string li = SignIn("13800138001");
  std::string code =
      Str(Ok(h_.Post("/store/v1/shop-g/share-links", R"({"path":"/"})", li)), "code");
  code[2] = code[2] == 'x' ? 'y' : 'x';
  json::value seen =
      Ok(h_.Post("/store/v1/shop-g/visits",
                 R"({"visitor":")" + std::string(kDevice) + R"(","code":")" + code + "\"}"));
  EXPECT_FALSE(seen.at("credited").as_bool());
  // A bad visitor id or a path outside the store is refused.
  EXPECT_EQ(h_.Post("/store/v1/shop-g/visits", R"({"visitor":"x"})").status, 422);
  EXPECT_EQ(
      h_.Post("/store/v1/shop-g/visits", R"({"visitor":"dev-ok-0001","path":"//evil.example"})")
          .status,
      422);
  Checkout("13800138003", "order-2");
  Dispatch();
  std::string who = SignIn("13800138003");
  json::value me = Ok(h_.Get("/store/v1/shop-g/me", who));
  json::value profile = Ok(h_.Get("/admin/v1/customers/" + Str(me, "id"), owner_));
  EXPECT_EQ(Str(profile, "channel"), "checkout");
  EXPECT_TRUE(profile.at("referrer_id").is_null());
}

TEST_F(AttributionRoutesTest, AChannelCodesQrKeepsItsLinkWhileTheTargetMoves) {
  json::value card =
      Ok(h_.Post("/admin/v1/growth/channels",
                 R"({"name":"包裹卡","kind":"insert_card","target_path":"/products/)" + product_ +
                     R"(","spend":5000})",
                 owner_, "chn-1"),
         201);
  std::string id = Str(card, "id");
  std::string qr_link = Str(card, "link");
  EXPECT_NE(qr_link.find("/q/shop-g/" + id), std::string::npos);
  EXPECT_EQ(h_.Post("/admin/v1/growth/channels", R"({"name":"x","target_path":"https://a.b/"})",
                    owner_, "chn-bad")
                .status,
            422);

  HttpResponse svg = h_.Get("/admin/v1/growth/channels/" + id + "/qr?format=svg", owner_);
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(SvgModules(svg.body), CodeModules(qr_link)) << "the SVG draws the code of its link";
  HttpResponse png = h_.Get("/admin/v1/growth/channels/" + id + "/qr?format=png", owner_);
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  EXPECT_EQ(h_.Get("/admin/v1/growth/channels/" + id + "/qr?format=gif", owner_).status, 422);

  // A scan lands on the target with the channel's code, and is counted.
  HttpResponse scan = h_.Get("/q/shop-g/" + id);
  ASSERT_EQ(scan.status, 302);
  std::string to = Header(scan, "Location");
  EXPECT_EQ(to.rfind("/s/shop-g/products/" + product_ + "?r=", 0), 0u) << to;
  std::string code = to.substr(to.find("?r=") + 3);
  Ok(h_.Post("/store/v1/shop-g/visits",
             R"({"visitor":")" + std::string(kDevice) + R"(","code":")" + code + "\"}"));

  // The target moves; the same QR now lands there.
  Ok(h_.Patch("/admin/v1/growth/channels/" + id, R"({"target_path":"/"})", owner_));
  HttpResponse again = h_.Get("/q/shop-g/" + id);
  EXPECT_EQ(Header(again, "Location").rfind("/s/shop-g/?r=", 0), 0u);
  HttpResponse same = h_.Get("/admin/v1/growth/channels/" + id + "/qr?format=svg", owner_);
  EXPECT_EQ(same.body, svg.body);

  // An unknown code still opens the shop.
  EXPECT_EQ(Header(h_.Get("/q/shop-g/chn_zzzzzzzzzzzz"), "Location"), "/s/shop-g/");

  // A new customer brought by the card and her paid order count for it.
  json::value order = Checkout("13800138004", "order-3");
  Dispatch();
  json::value list = Ok(h_.Get("/admin/v1/growth/channels", owner_));
  json::value c = list.at("items").at(0);
  EXPECT_EQ(c.at("scans").as_int64(), 2);
  EXPECT_EQ(c.at("figures").at("visits").as_int64(), 1);
  EXPECT_EQ(c.at("figures").at("new_customers").as_int64(), 1);
  EXPECT_EQ(c.at("figures").at("orders").as_int64(), 0) << "not paid yet";
}

TEST_F(AttributionRoutesTest, CampaignsAndTheWindowAreTheShopsOwn) {
  json::value made = Ok(h_.Post("/admin/v1/growth/campaigns",
                                R"({"name":"春季宝妈群","spend":20000})", owner_, "gcp-1"),
                        201);
  std::string id = Str(made, "id");
  EXPECT_EQ(Str(made, "kind"), "link");
  json::value link =
      Ok(h_.Post("/store/v1/shop-g/share-links", R"({"path":"/","campaign_id":")" + id + "\"}"));
  EXPECT_FALSE(Str(link, "code").empty()) << "a campaign link has a code without a sharer";
  Ok(h_.Patch("/admin/v1/growth/campaigns/" + id, R"({"spend":30000})", owner_));
  EXPECT_EQ(
      Ok(h_.Get("/admin/v1/growth/campaigns", owner_)).at("items").at(0).at("spend").as_int64(),
      30000);
  EXPECT_EQ(Ok(h_.Get("/admin/v1/growth/settings", owner_)).at("window_days").as_int64(), 7);
  EXPECT_EQ(Ok(h_.Put("/admin/v1/growth/settings", R"({"window_days":14})", owner_))
                .at("window_days")
                .as_int64(),
            14);
  EXPECT_EQ(h_.Put("/admin/v1/growth/settings", R"({"window_days":0})", owner_).status, 422);
  // Another shop sees none of it.
  std::string other = h_.SignUp("shop-h");
  EXPECT_EQ(h_.Patch("/admin/v1/growth/campaigns/" + id, R"({"spend":1})", other).status, 404);
  EXPECT_TRUE(Ok(h_.Get("/admin/v1/growth/campaigns", other)).at("items").as_array().empty());
  EXPECT_EQ(
      h_.Post("/store/v1/shop-h/share-links", R"({"path":"/","campaign_id":")" + id + "\"}").status,
      404);
}

}  // namespace
}  // namespace weishang::api
