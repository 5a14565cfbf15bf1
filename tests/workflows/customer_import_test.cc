// Importing customers from CSV: columns recognised by header, addresses read
// by the parser, rows matched or created and never duplicated, bad rows
// reported with their reason, steps taken once, and the error report.
#include "workflows/customers/customer_import.h"

#include <gtest/gtest.h>

#include "modules/customers/customers_errors.h"
#include "modules/imports/imports_errors.h"
#include "testing/shop_fixture.h"

namespace weishang::workflows {
namespace {

class CustomerImportTest : public testing::ShopFixture {
 protected:
  imports::ImportService imports_{clock_, ids_};

  Result<imports::Import> Start(const std::string& file) {
    auto prepared = PrepareCustomerImport(staff_, "friends.csv", file);
    if (!prepared) return Fail(prepared.error());
    return storage::WriteValue(
        db(), [&](storage::Tx& tx) { return imports_.Create(tx, merchant_, prepared->file); });
  }
  imports::Import RunAll(ImportId id) {
    CustomerImportOptions o;
    o.rows_per_step = 2;  // several steps even for a small file
    auto ran = RunCustomerImports(db(), imports_, m_, o);
    EXPECT_TRUE(ran) << ran.error().message;
    return *storage::ReadValue(db(),
                               [&](storage::Tx& tx) { return imports_.Get(tx, merchant_, id); });
  }
  std::optional<customers::Customer> By(customers::IdentityKind kind, const std::string& value) {
    auto c = storage::ReadValue(db(), [&](storage::Tx& tx) {
      return m_.customers.FindByIdentity(tx, merchant_, {kind, value});
    });
    EXPECT_TRUE(c);
    return c ? *c : std::nullopt;
  }
  std::vector<imports::RowError> Errors(ImportId id) {
    return *storage::ReadValue(
        db(), [&](storage::Tx& tx) { return imports_.Errors(tx, merchant_, id, 0, 100); });
  }
};

TEST_F(CustomerImportTest, AFriendListAndAMarketplaceExportBecomeCustomersOncePerPerson) {
  auto started = Start(
      "\xEF\xBB\xBF微信昵称,手机号码,微信号,收货信息,性别,生日,备注,会员等级\r\n"
      "小美,138 0013 8000,mei_88,,女,1990/5/1,老客户,金卡\r\n"
      ",,,\"张三 13900139000 广东深圳南山区科技园1号\",男,,,\r\n"
      "小美的另一个号,,mei_88,,,,,\r\n"  // the same person by 微信号
      "\r\n"                             // a blank line: skipped
      "没身份,,,,,,,\r\n"
      "坏手机,12345,,,,,,\r\n"
      "坏生日,13700137000,,,,1990-02-30,,\r\n");
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(started->total_rows, 7);
  imports::Import done = RunAll(started->id);
  EXPECT_EQ(done.status, imports::Status::kDone);
  EXPECT_EQ(done.processed_rows, 7);
  EXPECT_EQ(done.created_rows, 2);
  EXPECT_EQ(done.matched_rows, 1);
  EXPECT_EQ(done.failed_rows, 3);

  auto mei = By(customers::IdentityKind::kPhone, "13800138000");
  ASSERT_TRUE(mei);
  EXPECT_EQ(mei->display_name, "小美");
  EXPECT_EQ(mei->remark_name, "老客户");
  EXPECT_EQ(mei->gender, customers::Gender::kFemale);
  EXPECT_EQ(mei->birthday, "1990-05-01");
  EXPECT_EQ(mei->channel, "import");
  auto by_wechat = By(customers::IdentityKind::kWechatId, "mei_88");
  ASSERT_TRUE(by_wechat);
  EXPECT_EQ(by_wechat->id, mei->id) << "one person, one record";

  auto zhang = By(customers::IdentityKind::kPhone, "13900139000");
  ASSERT_TRUE(zhang) << "the phone came out of the address cell";
  EXPECT_EQ(zhang->display_name, "张三");
  EXPECT_EQ(zhang->province, "广东省");
  EXPECT_EQ(zhang->city, "深圳市");
  EXPECT_EQ(zhang->district, "南山区");

  auto errors = Errors(started->id);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].row, 6);  // the header is row 1, the blank line row 5
  EXPECT_EQ(errors[0].code, customers::errors::kNoIdentity);
  EXPECT_EQ(errors[1].code, customers::errors::kInvalidPhone);
  EXPECT_EQ(errors[2].code, customers::errors::kInvalidBirthday);
  EXPECT_EQ(errors[1].raw, "坏手机,12345,,,,,,");
  std::string report = CustomerImportErrorReport(done, errors);
  EXPECT_NE(report.find("会员等级,错误原因\r\n"), std::string::npos) << report;
  EXPECT_NE(report.find("坏手机,12345,,,,,,,手机号不是有效的大陆手机号"), std::string::npos)
      << report;
}

TEST_F(CustomerImportTest, ARowOfAnEarlierCustomerFillsWhatTheRecordLacksAndKeepsTheRest) {
  auto first = Start("姓名,手机\n原名,13600136000\n");
  ASSERT_TRUE(first);
  RunAll(first->id);
  auto second = Start("姓名,手机,城市\n新名,13600136000,杭州\n");
  ASSERT_TRUE(second);
  imports::Import done = RunAll(second->id);
  EXPECT_EQ(done.matched_rows, 1);
  auto c = By(customers::IdentityKind::kPhone, "13600136000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->display_name, "原名");
  EXPECT_EQ(c->province, "浙江省");
  EXPECT_EQ(c->city, "杭州市");
}

TEST_F(CustomerImportTest, AStepIsTakenOnceAndAnImportResumesWhereItStopped) {
  auto started = Start("手机\n13500135001\n13500135002\n13500135003\n");
  ASSERT_TRUE(started);
  CustomerImportOptions o;
  o.rows_per_step = 2;
  o.this_year = 2026;
  auto body = *storage::ReadValue(
      db(), [&](storage::Tx& tx) { return imports_.Body(tx, merchant_, started->id); });
  auto first = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return ImportCustomersStep(tx, imports_, m_.customers, *started, body, o);
  });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->processed_rows, 2);
  // Another node (or a restart) tries the same step again: refused.
  auto again = storage::WriteValue(db(), [&](storage::Tx& tx) {
    return ImportCustomersStep(tx, imports_, m_.customers, *started, body, o);
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  imports::Import done = RunAll(started->id);
  EXPECT_EQ(done.status, imports::Status::kDone);
  EXPECT_EQ(done.created_rows, 3);
  EXPECT_TRUE(By(customers::IdentityKind::kPhone, "13500135003"));
}

TEST_F(CustomerImportTest, FilesThatCannotBeReadAreRefusedUpFront) {
  EXPECT_EQ(Start("备注,等级\nx,y\n").error().code, imports::errors::kBadHeader);
  EXPECT_EQ(Start("手机\n").error().code, imports::errors::kEmptyFile);
  EXPECT_EQ(Start("").error().code, imports::errors::kEmptyFile);
  EXPECT_EQ(Start("\xFF\xFE\xFF").error().code, imports::errors::kBadEncoding);
  // GB18030, as Excel on Chinese Windows saves it: 姓名,手机 / 张三,13400134000
  auto gbk = Start("\xD0\xD5\xC3\xFB,\xCA\xD6\xBB\xFA\n\xD5\xC5\xC8\xFD,13400134000\n");
  ASSERT_TRUE(gbk) << gbk.error().message;
  RunAll(gbk->id);
  auto c = By(customers::IdentityKind::kPhone, "13400134000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->display_name, "张三");
}

}  // namespace
}  // namespace weishang::workflows
