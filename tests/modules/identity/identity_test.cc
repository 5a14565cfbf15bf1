// The identity service's staff rules, on a real database: a shop always keeps
// at least one active owner; a password change ends the other sessions.
#include "modules/identity/identity.h"

#include <gtest/gtest.h>

#include "modules/identity/identity_errors.h"
#include "testing/temp_db.h"

namespace weishang::identity {
namespace {

class IdentityTest : public weishang::testing::TempDbTest {
 protected:
  void SetUp() override {
    auto issued = Write([&](Tx& tx) {
      return identity_.SignUp(tx, {"shop-a", "Shop A", "owner@shop-a.test", "店主", "hash"});
    });
    ASSERT_TRUE(issued) << issued.error().code;
    owner_ = issued->principal;
  }

  Staff Create(const std::string& login, Role role) {
    auto st = Write([&](Tx& tx) {
      return identity_.CreateStaff(tx, owner_, {login, login, role, "hash"});
    });
    EXPECT_TRUE(st) << st.error().code;
    return *st;
  }
  Result<Staff> Update(const Principal& by, StaffId staff_id, std::optional<Role> role,
                       std::optional<StaffStatus> status) {
    return Write([&](Tx& tx) { return identity_.UpdateStaff(tx, by, staff_id, role, status); });
  }
  static Principal As(const Staff& st) {
    return Principal{st.merchant_id, st.id, st.role, st.name};
  }

  SystemClock clock_;
  IdGenerator ids_{1};
  IdentityService identity_{clock_, ids_};
  Principal owner_;
};

TEST_F(IdentityTest, TheOnlyOwnerCannotDemoteThemselves) {
  auto demoted = Update(owner_, owner_.staff_id, Role::kStaff, std::nullopt);
  ASSERT_FALSE(demoted);
  EXPECT_EQ(demoted.error().code, errors::kLastOwner);
  EXPECT_EQ(demoted.error().kind, ErrorKind::kConflict);
  auto me = Read([&](Tx& tx) { return identity_.ListStaff(tx, owner_.merchant_id); });
  ASSERT_TRUE(me);
  EXPECT_EQ(me->at(0).role, Role::kOwner);
}

TEST_F(IdentityTest, AnOwnerMayStepDownWhileAnotherActiveOwnerRemains) {
  Staff second = Create("partner@shop-a.test", Role::kOwner);
  auto demoted = Update(owner_, owner_.staff_id, Role::kAdmin, std::nullopt);
  ASSERT_TRUE(demoted) << demoted.error().code;
  EXPECT_EQ(demoted->role, Role::kAdmin);
  // Now `second` is the last owner: it can neither step down nor be made to.
  auto again = Update(As(second), second.id, Role::kStaff, std::nullopt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, errors::kLastOwner);
}

TEST_F(IdentityTest, ADisabledOwnerDoesNotCountAsTheShopsOwner) {
  Staff second = Create("partner@shop-a.test", Role::kOwner);
  ASSERT_TRUE(Update(owner_, second.id, std::nullopt, StaffStatus::kDisabled));
  auto demoted = Update(owner_, owner_.staff_id, Role::kFinance, std::nullopt);
  ASSERT_FALSE(demoted);
  EXPECT_EQ(demoted.error().code, errors::kLastOwner);
}

TEST_F(IdentityTest, NobodyCanDisableTheLastActiveOwner) {
  // `partner` acts on a principal read before it was demoted (a request in
  // flight), so only the count of active owners stands in its way.
  Staff partner = Create("partner@shop-a.test", Role::kOwner);
  Principal stale = As(partner);
  ASSERT_TRUE(Update(owner_, partner.id, Role::kAdmin, std::nullopt));
  auto disabled = Update(stale, owner_.staff_id, std::nullopt, StaffStatus::kDisabled);
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().code, errors::kLastOwner);
  auto demoted = Update(stale, owner_.staff_id, Role::kStaff, std::nullopt);
  ASSERT_FALSE(demoted);
  EXPECT_EQ(demoted.error().code, errors::kLastOwner);
}

TEST_F(IdentityTest, ReenablingAnOwnerMakesRoomToStepDown) {
  Staff partner = Create("partner@shop-a.test", Role::kOwner);
  ASSERT_TRUE(Update(As(partner), owner_.staff_id, std::nullopt, StaffStatus::kDisabled));
  ASSERT_FALSE(Update(As(partner), partner.id, Role::kAdmin, std::nullopt));
  ASSERT_TRUE(Update(As(partner), owner_.staff_id, std::nullopt, StaffStatus::kActive));
  EXPECT_TRUE(Update(As(partner), partner.id, Role::kAdmin, std::nullopt));
}

TEST_F(IdentityTest, OtherStaffChangesAreUnaffected) {
  Staff clerk = Create("clerk@shop-a.test", Role::kStaff);
  auto promoted = Update(owner_, clerk.id, Role::kAdmin, std::nullopt);
  ASSERT_TRUE(promoted);
  auto disabled = Update(owner_, clerk.id, std::nullopt, StaffStatus::kDisabled);
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, StaffStatus::kDisabled);
  auto same = Update(owner_, owner_.staff_id, Role::kOwner, StaffStatus::kActive);
  EXPECT_TRUE(same) << "re-stating the last owner's own role and status changes nothing";
}

TEST_F(IdentityTest, ChangingThePasswordRevokesEveryOtherTokenOfThatStaffMember) {
  auto second = Write([&](Tx& tx) { return identity_.IssueToken(tx, owner_.staff_id); });
  auto third = Write([&](Tx& tx) { return identity_.IssueToken(tx, owner_.staff_id); });
  ASSERT_TRUE(second && third);
  Staff clerk = Create("clerk@shop-a.test", Role::kStaff);
  auto clerks = Write([&](Tx& tx) { return identity_.IssueToken(tx, clerk.id); });
  ASSERT_TRUE(clerks);
  auto revoked = Write([&](Tx& tx) {
    return identity_.ChangePassword(tx, owner_, "hash", "new hash", second->token);
  });
  ASSERT_TRUE(revoked) << revoked.error().code;
  EXPECT_EQ(*revoked, 2) << "the sign-up's token and the third";
  auto creds = Read(
      [&](Tx& tx) { return identity_.GetCredentials(tx, owner_.merchant_id, owner_.staff_id); });
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->password_hash, "new hash");
  EXPECT_EQ(creds->shop, "shop-a");
  EXPECT_EQ(creds->login, "owner@shop-a.test");
  auto auth = [&](const std::string& token) {
    return Read([&](Tx& tx) { return identity_.Authenticate(tx, token); });
  };
  EXPECT_TRUE(auth(second->token)) << "the caller's token is kept";
  EXPECT_FALSE(auth(third->token));
  EXPECT_TRUE(auth(clerks->token)) << "other staff keep theirs";
}

TEST_F(IdentityTest, APasswordChangedMeanwhileIsNotOverwritten) {
  ASSERT_TRUE(
      Write([&](Tx& tx) { return identity_.ChangePassword(tx, owner_, "hash", "first", ""); }));
  auto second =
      Write([&](Tx& tx) { return identity_.ChangePassword(tx, owner_, "hash", "second", ""); });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, errors::kPasswordChanged);
  auto creds = Read(
      [&](Tx& tx) { return identity_.GetCredentials(tx, owner_.merchant_id, owner_.staff_id); });
  EXPECT_EQ(creds->password_hash, "first");
}

}  // namespace
}  // namespace weishang::identity
