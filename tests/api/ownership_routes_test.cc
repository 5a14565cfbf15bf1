// Ownership routes over HTTP: the staff role sees only its own customers
// (and their owner history and fields), a handover moves them and answers
// the customers the WeCom rule refuses, and the audit log is the owner's only.
#include <gtest/gtest.h>

#include <set>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

class OwnershipRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("own-shop");
    merchant_ = *DecodeId<MerchantId>(std::string(
        AppHarness::Json(h_.Get("/admin/v1/me", owner_)).at("merchant_id").as_string()));
    amy_ = Member("amy", "staff");
    ben_ = Member("ben", "staff");
    admin_ = Member("ada", "admin");
  }
  // A new member of `role`: remembers their id, returns their token.
  std::string Member(const std::string& name, const std::string& role) {
    std::string login = name + "@own-shop.test";
    auto made = h_.Post("/admin/v1/staff",
                        R"({"login":")" + login + R"(","name":")" + name + R"(","role":")" + role +
                            R"(","password":"clerk till drawer"})",
                        owner_, "staff-" + name);
    EXPECT_EQ(made.status, 201) << made.body;
    ids_[name] = std::string(AppHarness::Json(made).at("id").as_string());
    auto login_r = h_.Post("/admin/v1/auth/login", R"({"shop":"own-shop","login":")" + login +
                                                       R"(","password":"clerk till drawer"})");
    EXPECT_EQ(login_r.status, 200) << login_r.body;
    return std::string(AppHarness::Json(login_r).at("token").as_string());
  }
  std::string Arrive(const std::string& phone) {
    auto c = h_.db().Write([&](storage::Tx& tx) {
      customers::Arrival a;
      a.identities.push_back({customers::IdentityKind::kPhone, phone});
      return h_.modules().customers.Arrive(tx, merchant_, a, "test");
    });
    EXPECT_TRUE(c);
    return EncodeId(c->customer.id);
  }
  std::size_t Listed(const std::string& token) {
    return AppHarness::Json(h_.Get("/admin/v1/customers", token)).at("items").as_array().size();
  }
  json::value Handover(const std::string& from, const std::string& to, const std::string& key) {
    auto r = h_.Post("/admin/v1/handovers",
                     R"({"from_staff_id":")" + ids_[from] +
                         R"(","kind":"transfer","to":[{"staff_id":")" + ids_[to] + R"("}]})",
                     owner_, key);
    EXPECT_EQ(r.status, 201) << r.body;
    return AppHarness::Json(r);
  }

  AppHarness h_;
  std::string owner_, amy_, ben_, admin_;
  MerchantId merchant_;
  std::map<std::string, std::string> ids_;
};

TEST_F(OwnershipRoutesTest, StaffSeeTheirOwnCustomersAndAHandoverMovesThem) {
  auto rules = h_.Put("/admin/v1/customer-assignment",
                      R"({"mode":"round_robin","staff_ids":[")" + ids_["amy"] + R"("]})", owner_);
  ASSERT_EQ(rules.status, 200) << rules.body;
  EXPECT_EQ(
      h_.Put("/admin/v1/customer-assignment", R"({"mode":"none","staff_ids":[]})", amy_).status,
      403)
      << "a staff member may not change the rules";
  std::string one = Arrive("13811110001"), two = Arrive("13811110002");
  EXPECT_EQ(Listed(amy_), 2u);
  EXPECT_EQ(Listed(ben_), 0u);
  EXPECT_EQ(Listed(owner_), 2u);
  EXPECT_EQ(h_.Get("/admin/v1/customers/" + one + "/owners", ben_).status, 404);
  EXPECT_EQ(h_.Get("/admin/v1/customers/" + one + "/owners", amy_).status, 200);
  ASSERT_EQ(
      h_.Put("/admin/v1/customer-fields", R"({"key":"note","label":"备注","type":"text"})", owner_)
          .status,
      200);
  EXPECT_EQ(
      h_.Patch("/admin/v1/customers/" + one + "/fields", R"({"fields":{"note":"x"}})", ben_).status,
      404);
  EXPECT_EQ(
      h_.Patch("/admin/v1/customers/" + one + "/fields", R"({"fields":{"note":"x"}})", amy_).status,
      200);

  auto task = h_.Post("/admin/v1/customers/" + one + "/tasks",
                      R"({"title":"回访","due_at":"2026-01-02T02:00:00Z"})", amy_, "t1");
  ASSERT_EQ(task.status, 201) << task.body;
  std::string task_id(AppHarness::Json(task).at("id").as_string());
  auto inbox = [&](const std::string& token, const std::string& query = "") {
    return AppHarness::Json(h_.Get("/admin/v1/tasks" + query, token)).at("items").as_array().size();
  };
  EXPECT_EQ(inbox(amy_), 1u);
  EXPECT_EQ(inbox(ben_), 0u);
  EXPECT_EQ(h_.Get("/admin/v1/tasks?scope=all", ben_).status, 403);
  EXPECT_EQ(h_.Post("/admin/v1/tasks/" + task_id + "/complete", "", ben_).status, 404);

  json::value first = Handover("amy", "ben", "h1");
  EXPECT_EQ(first.at("moved").as_array().size(), 2u);
  EXPECT_EQ(first.at("tasks_moved"), 1);
  EXPECT_EQ(inbox(amy_), 0u);
  EXPECT_EQ(inbox(ben_, "?view=overdue"), 1u) << "the pending task went with the customer";
  EXPECT_EQ(h_.Post("/admin/v1/tasks/" + task_id + "/complete", "", ben_).status, 200);
  EXPECT_EQ(inbox(ben_, "?view=done"), 1u);
  auto timeline = AppHarness::Json(h_.Get("/admin/v1/customers/" + one + "/timeline", ben_));
  std::set<std::string> types;
  for (const auto& e : timeline.at("items").as_array())
    types.insert(std::string(e.at("type").as_string()));
  EXPECT_EQ(types, (std::set<std::string>{"task", "owner"}));
  EXPECT_EQ(timeline.at("items").at(0).at("type"), "task") << "the task done last is the newest";
  EXPECT_EQ(h_.Get("/admin/v1/customers/" + one + "/timeline", amy_).status, 404);
  EXPECT_EQ(Listed(amy_), 0u);
  EXPECT_EQ(Listed(ben_), 2u) << "the colleague now sees them";
  Handover("ben", "amy", "h2");
  json::value third = Handover("amy", "ben", "h3");
  EXPECT_TRUE(third.at("moved").as_array().empty());
  ASSERT_EQ(third.at("refused").as_array().size(), 2u);
  EXPECT_EQ(third.at("refused").at(0).at("code"), "customers.transfer_limit");
  json::value repeat = Handover("amy", "ben", "h3");
  EXPECT_EQ(repeat, third) << "a repeated key answers the first handover";

  auto history = AppHarness::Json(h_.Get("/admin/v1/customers/" + two + "/owners", owner_));
  ASSERT_EQ(history.at("items").as_array().size(), 3u);
  EXPECT_EQ(history.at("items").at(0).at("reason"), "transferred");
  EXPECT_EQ(history.at("items").at(2).at("reason"), "assigned");

  EXPECT_EQ(h_.Get("/admin/v1/audit", admin_).status, 403) << "the audit log is the owner's";
  EXPECT_EQ(h_.Get("/admin/v1/audit", amy_).status, 403);
  auto log = h_.Get("/admin/v1/audit?action=customer.handover&limit=2", owner_);
  ASSERT_EQ(log.status, 200) << log.body;
  json::value page = AppHarness::Json(log);
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("items").at(0).at("detail").at("refused").as_array().size(), 2u);
  ASSERT_TRUE(page.at("next_cursor").is_string());
  auto rest = AppHarness::Json(h_.Get("/admin/v1/audit?action=customer.handover&after=" +
                                          std::string(page.at("next_cursor").as_string()),
                                      owner_));
  EXPECT_EQ(rest.at("items").as_array().size(), 1u);
  EXPECT_EQ(h_.Get("/admin/v1/audit?action=lost", owner_).status, 422);
}

TEST_F(OwnershipRoutesTest, CapacityAndAssignmentAreChecked) {
  auto cap = h_.Put("/admin/v1/staff/" + ids_["ben"] + "/capacity", R"({"capacity":1})", admin_);
  ASSERT_EQ(cap.status, 200) << cap.body;
  EXPECT_EQ(AppHarness::Json(cap).at("capacity"), 1);
  EXPECT_EQ(
      h_.Put("/admin/v1/staff/" + ids_["ben"] + "/capacity", R"({"capacity":0})", admin_).status,
      422);
  EXPECT_EQ(h_.Put("/admin/v1/customer-assignment",
                   R"({"mode":"least_loaded","staff_ids":["stf_zzzzzz"]})", owner_)
                .status,
            404);
  EXPECT_EQ(h_.Put("/admin/v1/customer-assignment", R"({"mode":"nearest","staff_ids":[]})", owner_)
                .status,
            422);
  ASSERT_EQ(h_.Put("/admin/v1/customer-assignment",
                   R"({"mode":"least_loaded","staff_ids":[")" + ids_["ben"] + R"("]})", owner_)
                .status,
            200);
  Arrive("13811110003");
  Arrive("13811110004");
  EXPECT_EQ(Listed(ben_), 1u) << "never beyond capacity";
  json::value view = AppHarness::Json(h_.Get("/admin/v1/customer-assignment", owner_));
  EXPECT_EQ(view.at("default_capacity"), 5000);
  bool found = false;
  for (const auto& s : view.at("staff").as_array()) {
    if (s.at("staff_id").as_string() == ids_["ben"]) {
      found = true;
      EXPECT_EQ(s.at("owned"), 1);
    }
  }
  EXPECT_TRUE(found);
  auto over =
      h_.Post("/admin/v1/handovers",
              R"({"from_staff_id":")" + ids_["amy"] + R"(","kind":"resigned","to":[{"staff_id":")" +
                  ids_["ben"] + R"(","count":5}]})",
              owner_, "over");
  EXPECT_EQ(over.status, 409) << over.body;
  EXPECT_EQ(h_.Post("/admin/v1/handovers",
                    R"({"from_staff_id":")" + ids_["amy"] + R"(","kind":"transfer","to":[]})",
                    owner_, "none")
                .status,
            422);
}

}  // namespace
}  // namespace weishang::api
