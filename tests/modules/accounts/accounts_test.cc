// Customer sessions and address books on a real database (both engines).
#include "modules/accounts/accounts.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "modules/accounts/accounts_errors.h"
#include "testing/temp_db.h"

namespace weishang::accounts {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{51};
constexpr MerchantId kOtherShop{52};
constexpr CustomerId kAda{501};
constexpr CustomerId kBob{502};

AddressInput Home(std::string name = "李娜") {
  return AddressInput{std::move(name), "13800138000",   "湖南省", "长沙市",
                      "岳麓区",        "麓山南路 1 号", "410000", false};
}

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() : clock_(1'800'000'000'000), ids_(1), accounts_(clock_, ids_) {}

  Result<IssuedSession> Open(CustomerId who = kAda) {
    return db_.Write(
        [&](storage::Tx& tx) { return accounts_.OpenSession(tx, kShop, who, "sms_code"); });
  }
  Result<Session> Resolve(const std::string& token, MerchantId shop = kShop) {
    return db_.Read([&](storage::Tx& tx) { return accounts_.Resolve(tx, shop, token); });
  }
  Result<Address> Add(AddressInput in, CustomerId who = kAda) {
    return db_.Write([&](storage::Tx& tx) { return accounts_.AddAddress(tx, kShop, who, in); });
  }
  std::vector<Address> List(CustomerId who = kAda) {
    auto l = db_.Read([&](storage::Tx& tx) { return accounts_.Addresses(tx, kShop, who); });
    return l ? *l : std::vector<Address>{};
  }

  TempDb db_;
  FakeClock clock_;
  IdGenerator ids_;
  AccountService accounts_;
};

TEST_F(AccountsTest, ASessionTokenResolvesToItsCustomerUntilItExpires) {
  auto issued = Open();
  ASSERT_TRUE(issued);
  EXPECT_TRUE(issued->token.starts_with("wsc_"));
  auto s = Resolve(issued->token);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->customer_id, kAda);
  EXPECT_FALSE(Resolve(issued->token, kOtherShop)) << "another store's token";
  EXPECT_FALSE(Resolve(issued->token + "0"));
  clock_.Advance(kSessionLifetime);
  auto late = Resolve(issued->token);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, errors::kUnauthenticated);
}

TEST_F(AccountsTest, TheTokenIsStoredOnlyAsItsHashAndSignOutEndsIt) {
  auto issued = Open();
  ASSERT_TRUE(issued);
  auto stored = db_.Read([&](storage::Tx& tx) -> Result<std::string> {
    auto row = tx.QueryOne("SELECT token_hash FROM accounts_session");
    if (!row) return Fail(row.error());
    return (**row).Str(0);
  });
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, Sha256Hex(issued->token));
  ASSERT_TRUE(
      db_.Write([&](storage::Tx& tx) { return accounts_.CloseSession(tx, kShop, issued->token); }));
  EXPECT_FALSE(Resolve(issued->token));
  EXPECT_TRUE(db_.Write([&](storage::Tx& tx) {
    return accounts_.CloseSession(tx, kShop, issued->token);
  })) << "signing out twice succeeds";
}

TEST_F(AccountsTest, TheFirstAddressIsTheDefaultAndAnotherCanTakeOver) {
  auto home = Add(Home());
  ASSERT_TRUE(home) << home.error().message;
  EXPECT_TRUE(home->is_default);
  AddressInput office = Home("李娜 公司");
  office.is_default = true;
  auto work = Add(office);
  ASSERT_TRUE(work);
  auto list = List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, work->id);
  EXPECT_TRUE(list[0].is_default);
  EXPECT_FALSE(list[1].is_default);
  ASSERT_TRUE(db_.Write(
      [&](storage::Tx& tx) { return accounts_.RemoveAddress(tx, kShop, kAda, work->id); }));
  list = List();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_TRUE(list[0].is_default) << "the default passes to the one left";
}

TEST_F(AccountsTest, AnAddressIsOnlyItsCustomersToChange) {
  auto home = Add(Home());
  ASSERT_TRUE(home);
  auto theirs = db_.Write(
      [&](storage::Tx& tx) { return accounts_.UpdateAddress(tx, kShop, kBob, home->id, Home()); });
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, errors::kAddressNotFound);
  auto gone = db_.Write(
      [&](storage::Tx& tx) { return accounts_.RemoveAddress(tx, kShop, kBob, home->id); });
  ASSERT_FALSE(gone);
  EXPECT_EQ(List().size(), 1u);
  EXPECT_TRUE(List(kBob).empty());
}

TEST_F(AccountsTest, AddressesAreValidatedAndLimited) {
  AddressInput bad = Home();
  bad.phone = "123";
  auto refused = Add(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errors::kInvalidAddress);
  EXPECT_NE(refused.error().message.find("phone"), std::string::npos);
  bad = Home();
  bad.postal_code = "41";
  EXPECT_FALSE(Add(bad));
  bad = Home("");
  EXPECT_FALSE(Add(bad));
  for (int i = 0; i < kMaxAddresses; ++i) ASSERT_TRUE(Add(Home())) << i;
  auto full = Add(Home());
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, errors::kAddressLimit);
}

TEST_F(AccountsTest, MovingAddressesKeepsTheKeptRecordsDefault) {
  auto bobs = Add(Home("Bob"), kBob);
  auto adas = Add(Home("Ada"), kAda);
  ASSERT_TRUE(bobs && adas);
  ASSERT_TRUE(
      db_.Write([&](storage::Tx& tx) { return accounts_.MoveAddresses(tx, kShop, kBob, kAda); }));
  auto list = List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, adas->id);
  EXPECT_TRUE(list[0].is_default);
  EXPECT_FALSE(list[1].is_default);
}

TEST_F(AccountsTest, TheFakeWechatProviderTakesEachCodeOnce) {
  FakeWechatProvider wechat;
  wechat.Add("c1", {"openid-1", "union-1"});
  auto who = wechat.Exchange(kShop, "c1");
  ASSERT_TRUE(who);
  EXPECT_EQ(who->openid, "openid-1");
  auto again = wechat.Exchange(kShop, "c1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, errors::kWechatRefused);
}

}  // namespace
}  // namespace weishang::accounts
