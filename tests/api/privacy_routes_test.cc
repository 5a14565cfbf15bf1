// Personal data over HTTP (api/routes/privacy_routes.cc): who may export a
// segment and with which phones, the CSV itself, a customer's personal data,
// the owner-only erasure answering the same when repeated, and the audit log
// of all of them with its action and date filters.
#include <gtest/gtest.h>

#include "testing/app_harness.h"

namespace weishang::api {
namespace {

using weishang::testing::AppHarness;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class PrivacyRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = h_.SignUp("priv-shop");
    merchant_ = *DecodeId<MerchantId>(std::string(
        AppHarness::Json(h_.Get("/admin/v1/me", owner_)).at("merchant_id").as_string()));
    admin_ = Member("ada", "admin");
    staff_ = Member("amy", "staff");
    first_ = Arrive("13811110001", "王芳");
    second_ = Arrive("13811110002", "=HYPERLINK(\"x\")");
    auto seg =
        h_.Post("/admin/v1/segments",
                R"({"name":"新客","expression":{"attr":"stage","op":"eq","value":"acquired"}})",
                owner_, "seg-1");
    ASSERT_EQ(seg.status, 201) << seg.body;
    segment_ = Str(AppHarness::Json(seg), "id");
  }
  std::string Member(const std::string& name, const std::string& role) {
    std::string login = name + "@priv-shop.test";
    auto made = h_.Post("/admin/v1/staff",
                        R"({"login":")" + login + R"(","name":")" + name + R"(","role":")" + role +
                            R"(","password":"clerk till drawer"})",
                        owner_, "staff-" + name);
    EXPECT_EQ(made.status, 201) << made.body;
    auto r = h_.Post("/admin/v1/auth/login", R"({"shop":"priv-shop","login":")" + login +
                                                 R"(","password":"clerk till drawer"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(AppHarness::Json(r).at("token").as_string());
  }
  std::string Arrive(const std::string& phone, const std::string& name) {
    auto c = h_.db().Write([&](storage::Tx& tx) {
      customers::Arrival a;
      a.identities.push_back({customers::IdentityKind::kPhone, phone});
      a.display_name = name;
      return h_.modules().customers.Arrive(tx, merchant_, a, "test");
    });
    EXPECT_TRUE(c);
    return EncodeId(c->customer.id);
  }
  static std::string CodeOf(const HttpResponse& r) {
    json::value v = AppHarness::Json(r);
    return v.is_object() && v.as_object().contains("error") ? Str(v.at("error"), "code") : "";
  }
  json::array Audit(const std::string& query) {
    auto r = h_.Get("/admin/v1/audit" + query, owner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return AppHarness::Json(r).at("items").as_array();
  }

  AppHarness h_;
  MerchantId merchant_;
  std::string owner_, admin_, staff_, first_, second_, segment_;
};

TEST_F(PrivacyRoutesTest, ASegmentExportIsACsvForExcelWithPhonesByPermissionAndAudited) {
  std::string path = "/admin/v1/segments/" + segment_ + "/export.csv";
  auto masked = h_.Get(path, admin_);
  ASSERT_EQ(masked.status, 200) << masked.body;
  EXPECT_EQ(masked.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(Header(masked, "Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(Header(masked, "X-Export-Rows"), "2");
  EXPECT_TRUE(masked.body.starts_with("\xEF\xBB\xBF客户ID,姓名,备注名,手机号")) << masked.body;
  EXPECT_NE(masked.body.find("138****0001"), std::string::npos) << masked.body;
  EXPECT_EQ(masked.body.find("13811110001"), std::string::npos) << "masked for the admin";
  EXPECT_NE(masked.body.find("王芳"), std::string::npos);
  EXPECT_NE(masked.body.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos)
      << "a formula is shown, not run: " << masked.body;

  EXPECT_EQ(h_.Get(path + "?phones=full", admin_).status, 403) << "full phones: the owner only";
  EXPECT_EQ(h_.Get(path, staff_).status, 403) << "staff do not export";
  EXPECT_EQ(CodeOf(h_.Get(path + "?phones=some", owner_)), "customers.invalid_field");
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/segments/seg_999999/export.csv", owner_)),
            "tags.segment_not_found");
  auto full = h_.Get(path + "?phones=full&lang=en", owner_);
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_TRUE(
      full.body.starts_with("\xEF\xBB\xBF"
                            "Customer,Name,Remark,Phone"))
      << full.body;
  EXPECT_NE(full.body.find("13811110001"), std::string::npos);

  json::array entries = Audit("?action=segment.export");
  ASSERT_EQ(entries.size(), 2u) << "refused exports are not recorded";
  EXPECT_EQ(Str(entries[0], "subject"), segment_);
  EXPECT_EQ(entries[0].at("detail").at("rows"), 2);
  EXPECT_EQ(Str(entries[0].at("detail"), "phones"), "full");
  EXPECT_EQ(Str(entries[1].at("detail"), "phones"), "masked");
}

TEST_F(PrivacyRoutesTest, APersonalDataExportIsTheOwnersOrAdminsAndAudited) {
  std::string path = "/admin/v1/customers/" + first_ + "/personal-data";
  EXPECT_EQ(h_.Get(path, staff_).status, 403);
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/customers/cus_999999/personal-data", admin_)),
            "customers.not_found");
  auto r = h_.Get(path, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value d = AppHarness::Json(r);
  EXPECT_EQ(Str(d, "customer_id"), first_);
  EXPECT_EQ(Str(d.at("profile"), "phone"), "13811110001");
  EXPECT_EQ(Str(d.at("identities").at(0), "value"), "13811110001");
  for (const char* key :
       {"custom_fields", "addresses", "tags", "orders", "interactions", "tasks"}) {
    EXPECT_TRUE(d.at(key).is_array()) << key;
  }
  json::array entries = Audit("?action=customer.export");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("id"), d.at("audit_id"));
  EXPECT_EQ(Str(entries[0], "subject"), first_);
}

TEST_F(PrivacyRoutesTest, AnErasureIsTheOwnersAndARepeatAnswersTheSame) {
  std::string path = "/admin/v1/customers/" + first_ + "/erase";
  EXPECT_EQ(h_.Post(path, "", admin_).status, 403) << "the owner only";
  EXPECT_EQ(h_.Post(path, "", staff_).status, 403);
  EXPECT_EQ(CodeOf(h_.Post("/admin/v1/customers/cus_999999/erase", "", owner_)),
            "customers.not_found");
  auto r = h_.Post(path, "", owner_);
  ASSERT_EQ(r.status, 200) << r.body;
  json::value first = AppHarness::Json(r);
  EXPECT_EQ(first.at("identities"), 1);
  auto again = h_.Post(path, "", owner_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(AppHarness::Json(again), first);
  json::value c = AppHarness::Json(h_.Get("/admin/v1/customers/" + first_, owner_));
  EXPECT_EQ(Str(c, "display_name"), "已注销用户");
  EXPECT_EQ(Str(c, "phone"), "");
  EXPECT_TRUE(c.at("erased_at").is_string());
  EXPECT_TRUE(c.at("identities").as_array().empty());

  json::array entries = Audit("?action=customer.erase");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(Str(entries[0], "subject"), first_);
  // The date filters: shop days, both included.
  EXPECT_EQ(Audit("?action=customer.erase&from=2000-01-01&to=2000-01-31").size(), 0u);
  EXPECT_EQ(Audit("?action=customer.erase&from=2000-01-01&to=2999-12-31").size(), 1u);
  EXPECT_EQ(CodeOf(h_.Get("/admin/v1/audit?from=yesterday", owner_)), "audit.invalid_date");
}

}  // namespace
}  // namespace weishang::api
