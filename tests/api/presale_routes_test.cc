// Pre-sales and fan votes in-process: the console creates a pre-sale within
// its rules; a signed-in customer registers interest once and orders by
// deposit; shipping waits for the balance; the detail shows the orders and
// the recommendation. A vote takes one ballot per customer per candidate, a
// guest cannot vote, the winner becomes a pre-sale in one step, and its
// voter finds a message and a timeline line.
#include <gtest/gtest.h>

#include <regex>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

class PresaleRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("shop-p");
    json::value product =
        Ok(h_.Post("/admin/v1/products",
                   R"({"title":"大衣","spec_options":[{"name":"尺码","values":["M"]}],
                       "skus":[{"spec_values":["M"],"price":45900,"stock":100}]})",
                   owner_, "prd-1"),
           201);
    product_ = Str(product, "id");
    sku_ = Str(product.at("skus").at(0), "id");
    Ok(h_.Post("/admin/v1/products/" + product_ + "/status", R"({"action":"publish"})", owner_));
    ann_ = SignIn("13800138001");
    bob_ = SignIn("13800138002");
  }

  std::string SignIn(const std::string& phone) {
    Ok(h_.Post("/store/v1/shop-p/auth/code", R"({"phone":")" + phone + R"("})"));
    json::value inbox = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::string text = Str(inbox.at("items").at(0), "text");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(text, m, std::regex("([0-9]{6})")));
    return Str(Ok(h_.Post("/store/v1/shop-p/auth/sign-in",
                          R"({"phone":")" + phone + R"(","code":")" + m[1].str() + R"("})")),
               "token");
  }

  std::string SaleBody(Fen price, Fen deposit) {
    return R"({"product_id":")" + product_ + R"(","title":"大衣预售","prices":[{"sku_id":")" +
           sku_ + R"(","price":)" + std::to_string(price) + R"(}],"deposit":)" +
           std::to_string(deposit) +
           R"(,"quantity":10,"interest_starts_at":"2020-01-01T00:00:00Z",)"
           R"("order_starts_at":"2020-01-02T00:00:00Z","order_ends_at":"2099-01-01T00:00:00Z",)"
           R"("balance_starts_at":"2099-01-02T00:00:00Z","balance_ends_at":"2099-01-03T00:00:00Z",)"
           R"("ship_at":"2099-01-04T00:00:00Z"})";
  }

  std::string OrderBody(const char* payment) {
    return R"({"sku_id":")" + sku_ + R"(","payment":")" + payment +
           R"(","buyer":{"name":"李娜","phone":"13800138001","region":"湖南","address":"长沙市岳麓区 8 号"}})";
  }

  void Pay(const std::string& token) {
    json::value pay =
        Ok(h_.Post("/store/v1/shop-p/orders/" + token + "/pay", R"({"provider":"sandbox"})"));
    std::string url = Str(pay, "gateway_url");
    std::string id = url.substr(url.find("pay_"));
    id = id.substr(0, id.find('/'));
    Ok(h_.Post("/sandbox/v1/shop-p/payments/" + id + "/complete", "{}"));
  }

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
  std::string owner_, product_, sku_, ann_, bob_;
  bool cursors_ = false;
};

TEST_F(PresaleRoutesTest, InterestOnceADepositOrderAndShippingWaitsForTheBalance) {
  auto dear = h_.Post("/admin/v1/presales", SaleBody(39900, 39900), owner_, "p-0");
  EXPECT_EQ(dear.status, 422);
  EXPECT_EQ(CodeOf(dear), "presale.invalid_field") << "the deposit is below the price";
  EXPECT_EQ(h_.Post("/admin/v1/presales", SaleBody(39900, 10000), owner_).status, 422)
      << "an Idempotency-Key is required";
  json::value sale = Ok(h_.Post("/admin/v1/presales", SaleBody(39900, 10000), owner_, "p-1"), 201);
  std::string id = Str(sale, "id");
  EXPECT_EQ(Str(sale, "phase"), "ordering");
  EXPECT_EQ(sale.at("prices").at(0).at("balance").as_int64(), 29900);
  EXPECT_EQ(h_.Get("/admin/v1/presales").status, 401);

  EXPECT_EQ(h_.Post("/store/v1/shop-p/presales/" + id + "/interest", "{}").status, 401);
  json::value liked = Ok(
      h_.Post("/store/v1/shop-p/presales/" + id + "/interest", R"({"kind":"reservation"})", ann_));
  EXPECT_TRUE(liked.at("added").as_bool());
  json::value again =
      Ok(h_.Post("/store/v1/shop-p/presales/" + id + "/interest", R"({"kind":"like"})", ann_));
  EXPECT_FALSE(again.at("added").as_bool());
  EXPECT_EQ(again.at("interest").as_int64(), 1);
  EXPECT_EQ(
      CodeOf(h_.Post("/store/v1/shop-p/presales/" + id + "/interest", R"({"kind":"love"})", ann_)),
      "request.invalid_field");

  json::value placed =
      Ok(h_.Post("/store/v1/shop-p/presales/" + id + "/orders", OrderBody("deposit"), ann_, "o-1"),
         201);
  EXPECT_EQ(placed.at("order").at("totals").at("total").as_int64(), 10000) << placed;
  std::string order_id = Str(placed.at("order"), "id");
  Pay(Str(placed.at("order"), "order_token"));
  RunHandlers();
  auto balance =
      h_.Post("/store/v1/shop-p/presale-orders/" + order_id + "/balance", "", ann_, "b-1");
  EXPECT_EQ(balance.status, 409);
  EXPECT_EQ(CodeOf(balance), "presale.balance_not_open");
  auto theirs =
      h_.Post("/store/v1/shop-p/presale-orders/" + order_id + "/balance", "", bob_, "b-2");
  EXPECT_EQ(CodeOf(theirs), "presale.order_not_found") << "not Bob's order";
  auto ship = h_.Post("/admin/v1/orders/" + order_id + "/ship",
                      R"({"carrier":"顺丰速运","tracking_no":"SF1"})", owner_);
  EXPECT_EQ(ship.status, 409);
  EXPECT_EQ(CodeOf(ship), "presale.balance_unpaid");

  json::value page = Ok(h_.Get("/store/v1/shop-p/presales/" + id, ann_));
  EXPECT_EQ(Str(page, "my_interest"), "reservation");
  EXPECT_EQ(Str(page.at("my_orders").at(0), "state"), "deposit_paid");
  json::value guest = Ok(h_.Get("/store/v1/shop-p/presales/" + id));
  EXPECT_TRUE(guest.at("my_interest").is_null());
  json::value detail = Ok(h_.Get("/admin/v1/presales/" + id, owner_));
  EXPECT_EQ(detail.at("sold").as_int64(), 1);
  EXPECT_EQ(detail.at("orders").as_array().size(), 1u);
  EXPECT_EQ(Str(detail.at("recommendation"), "basis"), "default");
  EXPECT_EQ(detail.at("recommendation").at("recommended").as_int64(), 1) << "1 x 0.5, rounded";
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/presales/psl_zzzzzz", owner_)), "presale.not_found");
  json::value closed = Ok(h_.Post("/admin/v1/presales/" + id + "/close", "", owner_));
  EXPECT_EQ(Str(closed, "phase"), "closed");
  auto late =
      h_.Post("/store/v1/shop-p/presales/" + id + "/orders", OrderBody("full"), bob_, "o-2");
  EXPECT_EQ(CodeOf(late), "presale.not_open");
}

TEST_F(PresaleRoutesTest, OneVotePerCustomerPerCandidateAndTheWinnerBecomesAPresale) {
  json::value vote = Ok(h_.Post("/admin/v1/votes",
                                R"({"title":"春款选哪件","candidates":[
                                    {"title":"碎花裙","description":"雪纺","image_urls":["https://img.test/a.jpg"]},
                                    {"title":"条纹衫","image_urls":["https://img.test/b.jpg"]}]})",
                                owner_, "v-1"),
                        201);
  std::string id = Str(vote, "id");
  std::string floral = Str(vote.at("candidates").at(0), "id");
  auto one = h_.Post("/admin/v1/votes",
                     R"({"title":"x","candidates":[{"title":"a","image_urls":["https://i/a"]}]})",
                     owner_, "v-2");
  EXPECT_EQ(CodeOf(one), "votes.invalid_field");
  std::string ballot = R"({"candidate_id":")" + floral + R"("})";
  EXPECT_EQ(h_.Post("/store/v1/shop-p/votes/" + id + "/ballots", ballot).status, 401);
  EXPECT_TRUE(
      Ok(h_.Post("/store/v1/shop-p/votes/" + id + "/ballots", ballot, ann_)).at("added").as_bool());
  json::value twice = Ok(h_.Post("/store/v1/shop-p/votes/" + id + "/ballots", ballot, ann_));
  EXPECT_FALSE(twice.at("added").as_bool());
  EXPECT_EQ(twice.at("vote").at("candidates").at(0).at("votes").as_int64(), 1);
  Ok(h_.Post("/store/v1/shop-p/votes/" + id + "/ballots", ballot, bob_));
  json::value shown = Ok(h_.Get("/store/v1/shop-p/votes/" + id, ann_));
  EXPECT_TRUE(shown.at("candidates").at(0).at("voted").as_bool());
  EXPECT_FALSE(shown.at("candidates").at(1).at("voted").as_bool());
  EXPECT_EQ(shown.at("total_votes").as_int64(), 2);

  std::string winners =
      R"({"winners":[{"candidate_id":")" + floral +
      R"(","price":12900,"quantity":30}],"interest_starts_at":"2020-01-01T00:00:00Z",)"
      R"("order_starts_at":"2098-01-01T00:00:00Z","order_ends_at":"2098-02-01T00:00:00Z",)"
      R"("ship_at":"2098-03-01T00:00:00Z"})";
  json::value made = Ok(h_.Post("/admin/v1/votes/" + id + "/winners", winners, owner_, "w-1"), 201);
  EXPECT_EQ(made.at("items").at(0).at("voters_credited").as_int64(), 2);
  std::string sale = Str(made.at("items").at(0), "presale_id");
  auto again = h_.Post("/admin/v1/votes/" + id + "/winners", winners, owner_, "w-2");
  EXPECT_EQ(CodeOf(again), "votes.already_converted");
  json::value page = Ok(h_.Get("/store/v1/shop-p/presales/" + sale, ann_));
  EXPECT_EQ(Str(page, "phase"), "interest");
  EXPECT_EQ(Str(page, "image_url"), "https://img.test/a.jpg");
  EXPECT_EQ(Str(page.at("product"), "title"), "碎花裙");
  json::value inbox = Ok(h_.Get("/store/v1/shop-p/me/messages", ann_));
  ASSERT_EQ(inbox.at("items").as_array().size(), 1u);
  EXPECT_NE(Str(inbox.at("items").at(0), "title").find("碎花裙"), std::string::npos);
  json::value after = Ok(h_.Get("/admin/v1/votes/" + id, owner_));
  EXPECT_EQ(Str(after.at("candidates").at(0), "presale_id"), sale);
  Ok(h_.Post("/admin/v1/votes/" + id + "/close", "", owner_));
  auto late =
      h_.Post("/store/v1/shop-p/votes/" + id + "/ballots",
              R"({"candidate_id":")" + Str(vote.at("candidates").at(1), "id") + R"("})", ann_);
  EXPECT_EQ(CodeOf(late), "votes.closed");
}

}  // namespace
}  // namespace weishang::api
