// Ownership and custom fields on a real database (both engines): new
// customers assigned by the merchant's rules within capacity (also when they
// arrive at once), handovers in bulk with the WeCom limit of two in-service
// transfers per 90 days, and custom field values carried by customer.changed.
#include <gtest/gtest.h>

#include <future>
#include <map>

#include "events/outbox.h"
#include "modules/customers/customer_events.h"
#include "modules/customers/customers.h"
#include "modules/customers/customers_errors.h"
#include "testing/temp_db.h"

namespace weishang::customers {
namespace {

using testing::TempDb;

constexpr MerchantId kShop{41};
constexpr MerchantId kOtherShop{42};
constexpr StaffId kAmy{901}, kBen{902}, kCat{903};

class OwnersTest : public ::testing::Test {
 protected:
  OwnersTest() : clock_(1'800'000'000'000), ids_(1), customers_(clock_, ids_) {}

  Result<Matched> Arrive(std::string phone, std::string channel = "checkout",
                         MerchantId shop = kShop) {
    return db_.Write([&](storage::Tx& tx) {
      Arrival a;
      a.identities.push_back({IdentityKind::kPhone, phone});
      a.channel = channel;
      return customers_.Arrive(tx, shop, a, "test");
    });
  }
  void SetRules(AssignmentRules rules, MerchantId shop = kShop) {
    auto ok = db_.Write([&](storage::Tx& tx) { return customers_.SetRules(tx, shop, rules); });
    ASSERT_TRUE(ok) << ok.error().message;
  }
  void SetCapacity(StaffId staff, std::int64_t n) {
    auto ok =
        db_.Write([&](storage::Tx& tx) { return customers_.SetCapacity(tx, kShop, staff, n); });
    ASSERT_TRUE(ok) << ok.error().message;
  }
  std::map<Id, std::int64_t> Owned() {
    std::map<Id, std::int64_t> out;
    auto loads = db_.Read([&](storage::Tx& tx) {
      return customers_.Loads(tx, kShop, {kAmy, kBen, kCat});
    });
    EXPECT_TRUE(loads);
    if (loads) {
      for (const auto& l : *loads) out[l.staff.value()] = l.owned;
    }
    return out;
  }
  Result<HandoverResult> Handover(HandoverRequest r) {
    return db_.Write([&](storage::Tx& tx) { return customers_.Handover(tx, kShop, r); });
  }
  static std::string Phone(int i) { return "138" + std::to_string(10000000 + i); }

  FakeClock clock_;
  IdGenerator ids_;
  CustomerService customers_;
  TempDb db_;
};

TEST_F(OwnersTest, WithoutRulesANewCustomerHasNoOwner) {
  auto c = Arrive(Phone(1));
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->customer.owner_staff_id);
}

TEST_F(OwnersTest, RoundRobinTakesTurnsAndSkipsAFullMember) {
  SetRules({AssignMode::kRoundRobin, {kAmy, kBen, kCat}, {}});
  SetCapacity(kBen, 1);
  std::vector<std::optional<StaffId>> owners;
  for (int i = 0; i < 5; ++i) {
    auto c = Arrive(Phone(i));
    ASSERT_TRUE(c) << c.error().message;
    owners.push_back(c->customer.owner_staff_id);
  }
  std::vector<std::optional<StaffId>> want = {kAmy, kBen, kCat, kAmy, kCat};
  EXPECT_EQ(owners, want) << "Ben holds one customer at most";
  auto again = Arrive(Phone(0));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->customer.owner_staff_id, std::optional<StaffId>(kAmy))
      << "a returning customer keeps their owner";
  auto history = db_.Read([&](storage::Tx& tx) {
    return customers_.OwnerHistory(tx, kShop, owners.empty() ? CustomerId() : again->customer.id);
  });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().reason, OwnerReason::kAssigned);
  EXPECT_FALSE(history->front().from);
}

TEST_F(OwnersTest, LeastLoadedAndByChannel) {
  SetRules({AssignMode::kByChannel, {kAmy, kBen}, {{"live", kCat}}});
  SetCapacity(kCat, 2);
  std::map<std::string, std::optional<StaffId>> got;
  for (int i = 0; i < 3; ++i) {
    auto c = Arrive(Phone(i), "live");
    ASSERT_TRUE(c);
    got["live" + std::to_string(i)] = c->customer.owner_staff_id;
  }
  EXPECT_EQ(got["live0"], std::optional<StaffId>(kCat));
  EXPECT_EQ(got["live1"], std::optional<StaffId>(kCat));
  EXPECT_TRUE(got["live2"] == std::optional<StaffId>(kAmy) ||
              got["live2"] == std::optional<StaffId>(kBen))
      << "a full channel member falls back to the least loaded of the pool";
  auto other = Arrive(Phone(10), "checkout");
  ASSERT_TRUE(other);
  EXPECT_NE(other->customer.owner_staff_id, got["live2"]) << "the pool's least loaded";
  EXPECT_EQ(Owned()[kCat.value()], 2);
}

TEST_F(OwnersTest, ConcurrentArrivalsNeverGoBeyondCapacity) {
  SetRules({AssignMode::kLeastLoaded, {kAmy, kBen}, {}});
  SetCapacity(kAmy, 3);
  SetCapacity(kBen, 4);
  std::vector<std::future<Result<Matched>>> all;
  for (int i = 0; i < 12; ++i) {
    all.push_back(std::async(std::launch::async, [this, i] { return Arrive(Phone(100 + i)); }));
  }
  int unowned = 0;
  for (auto& f : all) {
    auto r = f.get();
    ASSERT_TRUE(r) << r.error().code << ": " << r.error().message;
    if (!r->customer.owner_staff_id) ++unowned;
  }
  auto owned = Owned();
  EXPECT_EQ(owned[kAmy.value()], 3);
  EXPECT_EQ(owned[kBen.value()], 4);
  EXPECT_EQ(unowned, 5) << "past everyone's capacity a customer waits without an owner";
}

TEST_F(OwnersTest, AHandoverSplitsEvenlyWithinCapacityAndRefusesTheRest) {
  SetRules({AssignMode::kRoundRobin, {kAmy}, {}});
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Arrive(Phone(i)));
  SetCapacity(kCat, 1);
  HandoverRequest r{kAmy, HandoverKind::kResigned, {}, {{kBen, {}}, {kCat, {}}}, "stf_owner"};
  auto out = Handover(r);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->moved.size(), 5u) << "Ben takes what Cat has no room for";
  auto owned = Owned();
  EXPECT_EQ(owned[kAmy.value()], 0);
  EXPECT_EQ(owned[kBen.value()], 4);
  EXPECT_EQ(owned[kCat.value()], 1);
  // Explicit counts beyond a colleague's room are refused whole.
  HandoverRequest over{kBen, HandoverKind::kTransfer, {}, {{kCat, 1}}, "stf_owner"};
  auto refused = Handover(over);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errors::kCapacityExceeded);
  HandoverRequest self{kBen, HandoverKind::kTransfer, {}, {{kBen, {}}}, "stf_owner"};
  EXPECT_EQ(Handover(self).error().code, errors::kInvalidField);
}

TEST_F(OwnersTest, InServiceTransfersAreRefusedPastTwiceIn90Days) {
  SetRules({AssignMode::kRoundRobin, {kAmy}, {}});
  auto a = Arrive(Phone(1));
  auto b = Arrive(Phone(2));
  ASSERT_TRUE(a && b);
  CustomerId first = a->customer.id, second = b->customer.id;
  // `first` moves Amy -> Ben -> Amy in service; `second` stays with Amy until now.
  ASSERT_TRUE(Handover({kAmy, HandoverKind::kTransfer, {first}, {{kBen, {}}}, "x"}));
  clock_.Advance(kDay);
  ASSERT_TRUE(Handover({kBen, HandoverKind::kTransfer, {first}, {{kAmy, {}}}, "x"}));
  auto third = Handover({kAmy, HandoverKind::kTransfer, {}, {{kCat, {}}}, "x"});
  ASSERT_TRUE(third) << third.error().message;
  ASSERT_EQ(third->refused.size(), 1u);
  EXPECT_EQ(third->refused[0].customer, first);
  EXPECT_EQ(third->refused[0].code, errors::kTransferLimit);
  ASSERT_EQ(third->moved.size(), 1u) << "the rest proceed";
  EXPECT_EQ(third->moved[0].first, second);
  // A resignation is not an in-service transfer; and after 90 days the window has passed.
  ASSERT_TRUE(Handover({kCat, HandoverKind::kTransfer, {second}, {{kAmy, {}}}, "x"}));
  clock_.Advance(90 * kDay);
  auto later = Handover({kAmy, HandoverKind::kTransfer, {first}, {{kBen, {}}}, "x"});
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->refused.empty());
  auto resigned =
      Handover({kAmy, HandoverKind::kResigned, {second, CustomerId(77)}, {{kBen, {}}}, "x"});
  ASSERT_TRUE(resigned);
  EXPECT_EQ(resigned->moved.size(), 1u);
  ASSERT_EQ(resigned->refused.size(), 1u);
  EXPECT_EQ(resigned->refused[0].code, errors::kNotOwned);
}

TEST_F(OwnersTest, CustomFieldsAreCheckedStoredAndCarriedByCustomerChanged) {
  auto define = [&](FieldDef d) {
    return db_.Write([&](storage::Tx& tx) { return customers_.DefineField(tx, kShop, d); });
  };
  ASSERT_TRUE(define({"child_birth_date", "宝宝生日", FieldKind::kDate, {}}));
  ASSERT_TRUE(define({"skin", "肤质", FieldKind::kChoice, {"干性", "油性"}}));
  EXPECT_EQ(define({"Bad Key", "x", FieldKind::kText, {}}).error().code, errors::kInvalidField);
  EXPECT_EQ(define({"skin", "肤质", FieldKind::kText, {}}).error().code, errors::kInvalidField)
      << "a field's kind stays";
  auto c = Arrive(Phone(1));
  ASSERT_TRUE(c);
  auto set = [&](std::vector<std::pair<std::string, std::optional<std::string>>> v,
                 MerchantId shop = kShop) {
    return db_.Write(
        [&](storage::Tx& tx) { return customers_.SetFields(tx, shop, c->customer.id, v); });
  };
  EXPECT_EQ(set({{"child_birth_date", "2024-02-30"}}).error().code, errors::kInvalidField);
  EXPECT_EQ(set({{"skin", "中性"}}).error().code, errors::kInvalidField);
  EXPECT_EQ(set({{"nickname", "x"}}).error().code, errors::kInvalidField);
  EXPECT_EQ(set({{"skin", "干性"}}, kOtherShop).error().code, errors::kNotFound);
  auto done = set({{"child_birth_date", "2024-02-29"}, {"skin", "干性"}});
  ASSERT_TRUE(done) << done.error().message;
  auto got = db_.Read([&](storage::Tx& tx) { return customers_.Get(tx, kShop, c->customer.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->fields.at("child_birth_date"), "2024-02-29");
  auto listed = db_.Read([&](storage::Tx& tx) { return customers_.List(tx, kShop, {}); });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->at(0).fields.at("skin"), "干性");
  EXPECT_NE(
      ChangedPayload(*got).find(R"("fields":{"child_birth_date":"2024-02-29","skin":"干性"})"),
      std::string::npos)
      << ChangedPayload(*got);
  ASSERT_TRUE(set({{"skin", std::nullopt}}));
  got = db_.Read([&](storage::Tx& tx) { return customers_.Get(tx, kShop, c->customer.id); });
  EXPECT_EQ(got->fields.count("skin"), 0u);
}

}  // namespace
}  // namespace weishang::customers
