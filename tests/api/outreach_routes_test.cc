// Outreach in-process: the composer's preview (who is reached, who skipped
// and why), a campaign sent by the job exactly once (texts on the SMS
// sandbox page, messages in the store message centre), the budget across
// campaigns, opt-out, service messages, spam reports, quiet hours deferring
// a campaign, and what a staff member may do.
#include <gtest/gtest.h>

#include <regex>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

constexpr const char* kLi = "13800138001";
constexpr const char* kWang = "13800138002";
constexpr const char* kZhao = "13800138003";

class OutreachRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("out-a");
    for (const char* phone : {kLi, kWang, kZhao}) tokens_[phone] = SignIn(phone);
    // No quiet hours: the test runs at any time of day.
    Ok(h_.Put("/admin/v1/outreach/policy",
              R"({"gap_days":3,"monthly_cap":0,"quiet_start":0,"quiet_end":0})", owner_));
    segment_ = Str(
        Ok(h_.Post(
               "/admin/v1/segments",
               R"({"name":"全部客户","expression":{"attr":"spent_total","op":"gte","value":0}})",
               owner_, "seg-1"),
           201),
        "id");
  }

  std::string SignIn(const std::string& phone) {
    Ok(h_.Post("/store/v1/out-a/auth/code", R"({"phone":")" + phone + R"("})"));
    json::value inbox = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::string text = Str(inbox.at("items").at(0), "text");
    std::smatch m;
    std::regex six("([0-9]{6})");
    EXPECT_TRUE(std::regex_search(text, m, six));
    json::value in = Ok(h_.Post("/store/v1/out-a/auth/sign-in",
                                R"({"phone":")" + phone + R"(","code":")" + m[1].str() + R"("})"));
    return Str(in, "token");
  }

  static json::value Ok(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return AppHarness::Json(r);
  }
  static std::string CodeOf(const HttpResponse& r) {
    json::value v = AppHarness::Json(r);
    return v.is_object() && v.as_object().contains("error") ? Str(v.at("error"), "code") : "";
  }

  std::string Draft(const std::string& kind, const std::string& extra = "") {
    return R"({"title":"春茶上新","body":"明前龙井到店，老客九折","segment_id":")" + segment_ +
           R"(","kind":")" + kind + R"(","channels":["message","sms"])" + extra + "}";
  }

  // One tick of the send job, as a node's scheduler runs it.
  void RunJob() {
    for (const auto& job : h_.installed().jobs) {
      if (job.name != "send_outreach") continue;
      auto ran = job.run(h_.db().db(), h_.modules(), h_.modules().clock.Now());
      ASSERT_TRUE(ran) << ran.error().message;
      return;
    }
    FAIL() << "no send_outreach job";
  }

  std::size_t Texts(const std::string& phone) {
    json::value page = Ok(h_.Get("/admin/v1/sandbox/sms?phone=" + phone, owner_));
    std::size_t n = 0;
    for (const auto& m : page.at("items").as_array())
      n += Str(m, "template").rfind("outreach_", 0) == 0;
    return n;
  }

  json::value Inbox(const std::string& phone) {
    return Ok(h_.Get("/store/v1/out-a/me/messages", tokens_[phone]));
  }

  AppHarness h_;
  std::string owner_, segment_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(OutreachRoutesTest, APromotionReachesEachCustomerOnceAndSkipsTheOptedOut) {
  json::value off = Ok(h_.Put("/store/v1/out-a/me/message-settings",
                              R"({"promotions_opt_out":true})", tokens_[kZhao]));
  EXPECT_EQ(off.at("promotions_opt_out"), true);

  json::value preview = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), owner_));
  EXPECT_EQ(preview.at("audience"), 3);
  EXPECT_EQ(preview.at("reach"), 2);
  EXPECT_EQ(preview.at("sms_reach"), 2);
  EXPECT_EQ(preview.at("skipped_by_reason").at("opted_out"), 1);
  ASSERT_EQ(preview.at("sample").as_array().size(), 1u);
  EXPECT_EQ(preview.at("sample").at(0).at("reason"), "opted_out");
  EXPECT_EQ(preview.at("deferred_by_quiet_hours"), false);

  auto first = h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "cmp-1");
  json::value made = Ok(first, 201);
  EXPECT_EQ(made.at("status"), "scheduled");
  auto repeat = h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "cmp-1");
  EXPECT_EQ(Str(Ok(repeat, 201), "id"), Str(made, "id"));
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_)),
            "request.idempotency_key_required");

  RunJob();
  RunJob();  // a second tick (or node) sends nothing more
  std::string id = Str(made, "id");
  json::value sent = Ok(h_.Get("/admin/v1/outreach/campaigns/" + id, owner_));
  EXPECT_EQ(sent.at("status"), "sent");
  EXPECT_EQ(sent.at("audience"), 3);
  EXPECT_EQ(sent.at("stats").at("reached"), 2);
  EXPECT_EQ(sent.at("stats").at("sms_sent"), 2);
  EXPECT_EQ(sent.at("stats").at("skipped_by_reason").at("opted_out"), 1);
  EXPECT_EQ(sent.at("reached_sample").as_array().size(), 2u);
  EXPECT_EQ(Texts(kLi), 1u);
  EXPECT_EQ(Texts(kWang), 1u);
  EXPECT_EQ(Texts(kZhao), 0u);
  json::value sms = Ok(h_.Get(std::string("/admin/v1/sandbox/sms?phone=") + kLi, owner_));
  EXPECT_NE(Str(sms.at("items").at(0), "text").find("明前龙井到店"), std::string::npos);

  // The store message centre: one unread message; read once.
  json::value inbox = Inbox(kLi);
  ASSERT_EQ(inbox.at("items").as_array().size(), 1u);
  EXPECT_EQ(inbox.at("unread"), 1);
  EXPECT_EQ(inbox.at("promotions_opt_out"), false);
  std::string msg = Str(inbox.at("items").at(0), "id");
  EXPECT_EQ(h_.Post("/store/v1/out-a/me/messages/" + msg + "/read", "", tokens_[kWang]).status,
            404);
  json::value read = Ok(h_.Post("/store/v1/out-a/me/messages/" + msg + "/read", "", tokens_[kLi]));
  EXPECT_FALSE(read.at("read_at").is_null());
  EXPECT_EQ(Inbox(kLi).at("unread"), 0);
  EXPECT_EQ(Inbox(kZhao).at("items").as_array().size(), 0u);
  EXPECT_EQ(h_.Get("/store/v1/out-a/me/messages").status, 401);

  // A campaign left "sending" by a node that died is finished by the next
  // without a second delivery to anyone.
  ASSERT_TRUE(h_.db().Write([&](storage::Tx& tx) -> Result<void> {
    auto ok = tx.Exec("UPDATE outreach_campaign SET status = 'sending'", {});
    if (!ok) return Fail(ok.error());
    return {};
  }));
  RunJob();
  EXPECT_EQ(Texts(kLi), 1u);
  EXPECT_EQ(Inbox(kLi).at("items").as_array().size(), 1u);
  EXPECT_EQ(Ok(h_.Get("/admin/v1/outreach/campaigns/" + id, owner_)).at("status"), "sent");
}

TEST_F(OutreachRoutesTest, TheBudgetSkipsPromotionsButNotServiceMessages) {
  Ok(h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "cmp-1"), 201);
  RunJob();
  // Three days have not passed: a second promotion reaches nobody.
  json::value again = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), owner_));
  EXPECT_EQ(again.at("reach"), 0);
  EXPECT_EQ(again.at("skipped_by_reason").at("budget_gap"), 3);
  // A service message (an order notice) is not budgeted, and is recorded.
  json::value service = Ok(h_.Post("/admin/v1/outreach/preview", Draft("service"), owner_));
  EXPECT_EQ(service.at("reach"), 3);
  json::value made =
      Ok(h_.Post("/admin/v1/outreach/campaigns", Draft("service"), owner_, "cmp-2"), 201);
  RunJob();
  json::value sent = Ok(h_.Get("/admin/v1/outreach/campaigns/" + Str(made, "id"), owner_));
  EXPECT_EQ(sent.at("stats").at("reached"), 3);
  EXPECT_EQ(Inbox(kLi).at("items").as_array().size(), 2u);
  // A merchant allowing one a day: the promotion goes tomorrow, not today.
  Ok(h_.Put("/admin/v1/outreach/policy",
            R"({"gap_days":1,"monthly_cap":0,"quiet_start":0,"quiet_end":0})", owner_));
  json::value daily = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), owner_));
  EXPECT_EQ(daily.at("skipped_by_reason").at("budget_gap"), 3);
  json::value list = Ok(h_.Get("/admin/v1/outreach/campaigns", owner_));
  ASSERT_EQ(list.at("items").as_array().size(), 2u);
  EXPECT_EQ(list.at("items").at(0).at("kind"), "service");
}

TEST_F(OutreachRoutesTest, StaffRecordBlocksAgainstAReachedCustomer) {
  std::string id =
      Str(Ok(h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "cmp-1"), 201),
          "id");
  RunJob();
  json::value sent = Ok(h_.Get("/admin/v1/outreach/campaigns/" + id, owner_));
  std::string li = Str(sent.at("reached_sample").at(0), "customer_id");
  json::value report =
      Ok(h_.Post("/admin/v1/outreach/campaigns/" + id + "/spam-reports",
                 R"({"customer_id":")" + li + R"(","kind":"blocked"})", owner_, "spam-1"),
         201);
  EXPECT_EQ(report.at("kind"), "blocked");
  Ok(h_.Post("/admin/v1/outreach/campaigns/" + id + "/spam-reports",
             R"({"customer_id":")" + li + R"(","kind":"deleted"})", owner_, "spam-2"),
     201);
  json::value after = Ok(h_.Get("/admin/v1/outreach/campaigns/" + id, owner_));
  EXPECT_EQ(after.at("stats").at("blocked"), 1);
  EXPECT_EQ(after.at("stats").at("deleted"), 1);
  EXPECT_EQ(after.at("stats").at("reached"), 3);
  auto bad = h_.Post("/admin/v1/outreach/campaigns/" + id + "/spam-reports",
                     R"({"customer_id":")" + li + R"(","kind":"angry"})", owner_, "spam-3");
  EXPECT_EQ(CodeOf(bad), "outreach.invalid_field");
  EXPECT_EQ(h_.Post("/admin/v1/outreach/campaigns/cmp_zzz/cancel", "", owner_).status, 404);
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/outreach/campaigns/" + id + "/cancel", "", owner_)),
            "outreach.not_scheduled");
}

TEST_F(OutreachRoutesTest, QuietHoursDeferAScheduledCampaignToTheirEnd) {
  // Quiet all day but the last minute: whatever the time now, it defers.
  Ok(h_.Put("/admin/v1/outreach/policy",
            R"({"gap_days":3,"monthly_cap":0,"quiet_start":0,"quiet_end":1439})", owner_));
  json::value preview = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), owner_));
  bool now_quiet = preview.at("deferred_by_quiet_hours").as_bool();
  json::value made =
      Ok(h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "q-1"), 201);
  if (now_quiet) {
    EXPECT_NE(Str(made, "send_at"), Str(made, "scheduled_at"));
    EXPECT_NE(Str(made, "send_at").find("T15:59:00"), std::string::npos);  // 23:59 shop time
    RunJob();
    EXPECT_EQ(Ok(h_.Get("/admin/v1/outreach/campaigns/" + Str(made, "id"), owner_)).at("status"),
              "scheduled");
    EXPECT_EQ(Texts(kLi), 0u);
  }
  json::value cancelled =
      Ok(h_.Post("/admin/v1/outreach/campaigns/" + Str(made, "id") + "/cancel", "", owner_));
  EXPECT_EQ(cancelled.at("status"), "cancelled");
  auto past = h_.Post("/admin/v1/outreach/preview",
                      Draft("promotional", R"(,"scheduled_at":"2020-01-01T00:00:00Z")"), owner_);
  EXPECT_EQ(CodeOf(past), "outreach.invalid_field");
}

TEST_F(OutreachRoutesTest, AStaffMemberReachesOnlyTheirCustomersAndSeesOnlyTheirCampaigns) {
  Ok(h_.Post(
         "/admin/v1/staff",
         R"({"login":"clerk@out-a.test","name":"店员","role":"staff","password":"clerk till drawer"})",
         owner_, "staff-1"),
     201);
  std::string clerk = Str(
      Ok(h_.Post("/admin/v1/auth/login",
                 R"({"shop":"out-a","login":"clerk@out-a.test","password":"clerk till drawer"})")),
      "token");
  json::value preview = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), clerk));
  json::value all = Ok(h_.Post("/admin/v1/outreach/preview", Draft("promotional"), owner_));
  EXPECT_LT(preview.at("audience").as_int64(), all.at("audience").as_int64());
  std::string owners =
      Str(Ok(h_.Post("/admin/v1/outreach/campaigns", Draft("promotional"), owner_, "cmp-1"), 201),
          "id");
  EXPECT_EQ(h_.Get("/admin/v1/outreach/campaigns/" + owners, clerk).status, 404);
  EXPECT_EQ(Ok(h_.Get("/admin/v1/outreach/campaigns", clerk)).at("items").as_array().size(), 0u);
  EXPECT_EQ(h_.Put("/admin/v1/outreach/policy",
                   R"({"gap_days":0,"monthly_cap":0,"quiet_start":0,"quiet_end":0})", clerk)
                .status,
            403);
}

}  // namespace
}  // namespace weishang::api
