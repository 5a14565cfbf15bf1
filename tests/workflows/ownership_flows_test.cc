// Ownership across modules: a child's birth date kept as a custom field
// gives the age_stage rule tag through customer.changed and the tags' real
// facts source, and the nightly job moves it as the child grows; handovers
// check the shop's staff and are recorded in the audit log with merges.
#include "workflows/customers/ownership_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "modules/customers/customers_errors.h"
#include "modules/identity/identity_errors.h"
#include "modules/tags/expression.h"
#include "modules/tags/tags.h"
#include "testing/shop_fixture.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/tags/tag_rules.h"

namespace weishang::workflows {
namespace {

class OwnershipFlowsTest : public testing::ShopFixture {
 protected:
  template <class Fn>
  auto Write(Fn&& fn) {
    return storage::WriteValue(db(), std::forward<Fn>(fn));
  }
  customers::Customer Arrive(const std::string& phone) {
    auto c = Write([&](storage::Tx& tx) {
      customers::Arrival a;
      a.identities.push_back({customers::IdentityKind::kPhone, phone});
      a.channel = "import";
      return m_.customers.Arrive(tx, merchant_, a, "test");
    });
    EXPECT_TRUE(c) << c.error().message;
    return c->customer;
  }
  StaffId Staff(const std::string& login) {
    identity::Principal owner{merchant_, staff_, identity::Role::kOwner, "Owner"};
    auto s = Write([&](storage::Tx& tx) {
      return m_.identity.CreateStaff(tx, owner, {login, login, identity::Role::kStaff, "x"});
    });
    EXPECT_TRUE(s) << s.error().message;
    return s->id;
  }
};

TEST_F(OwnershipFlowsTest, AChildsBirthDateGivesTheAgeStageTagThatMovesAsTheChildGrows) {
  ASSERT_TRUE(storage::WriteValue(
      db(), [](storage::Tx& tx) { return events::CreateCursor(tx, "tag_rules", 0, 0); }));
  tags::TagService tags(clock_, ids_);
  CustomerFactsSource facts(m_);
  events::Dispatcher dispatcher(db(), clock_, {TagRulesHandler(tags, facts, clock_)});
  auto group = Write([&](storage::Tx& tx) {
    return tags.CreateGroup(tx, merchant_, {"年龄段", tags::Choice::kSingle, 0});
  });
  ASSERT_TRUE(group) << group.error().message;
  auto stage = [&](const std::string& name, int from, int to) {
    tags::Rule r;
    r.kind = tags::RuleKind::kAgeStage;
    r.field = "child_birth_date";
    r.min_years = from;
    r.max_years = to;
    tags::TagInput in{group->id, name, "#112233", tags::TagKind::kRule, r, 0};
    auto t = Write([&](storage::Tx& tx) { return tags.CreateTag(tx, merchant_, in); });
    EXPECT_TRUE(t) << t.error().message;
    return t->id;
  };
  TagId baby = stage("0-3岁", 0, 3), kid = stage("3-6岁", 3, 6);
  auto members = [&](TagId t) {
    auto m =
        storage::ReadValue(db(), [&](storage::Tx& tx) { return tags.MembersOf(tx, merchant_, t); });
    EXPECT_TRUE(m);
    std::set<Id> out;
    for (const auto& x : *m) out.insert(x.customer_id.value());
    return out;
  };
  auto deliver = [&] {
    for (;;) {
      auto n = dispatcher.RunOnce();
      ASSERT_TRUE(n) << n.error().message;
      if (*n == 0) return;
    }
  };
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return m_.customers.DefineField(
        tx, merchant_, {"child_birth_date", "宝宝生日", customers::FieldKind::kDate, {}});
  }));
  customers::Customer c = Arrive("13812340000");
  // The job computes the new rules (nobody has the field yet).
  auto first = EvaluateRuleTags(db(), tags, facts, clock_.Now());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(members(baby).empty());
  // Three years old the day after tomorrow (shop days).
  std::int64_t today = tags::ShopDayOf(clock_.Now());
  std::string third = tags::FormatDay(today + 2);
  std::string born = std::to_string(std::stoi(third.substr(0, 4)) - 3) + third.substr(4);
  auto set = Write([&](storage::Tx& tx) {
    return SetCustomerFields(tx, m_, merchant_, c.id, {{"child_birth_date", born}}, std::nullopt);
  });
  ASSERT_TRUE(set) << set.error().message;
  deliver();
  EXPECT_EQ(members(baby), std::set<Id>{c.id.value()})
      << "the handler reads the field from customer.changed";
  EXPECT_TRUE(members(kid).empty());
  clock_.Advance(2 * kDay);
  auto ran = EvaluateRuleTags(db(), tags, facts, clock_.Now());
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_TRUE(members(baby).empty()) << "the nightly job reads the field through the facts source";
  EXPECT_EQ(members(kid), std::set<Id>{c.id.value()});
}

TEST_F(OwnershipFlowsTest, AHandoverChecksTheStaffAndIsAudited) {
  StaffId amy = Staff("amy@a"), ben = Staff("ben@a");
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return SetAssignment(tx, m_, merchant_, {customers::AssignMode::kRoundRobin, {amy}, {}});
  }));
  auto bad = Write([&](storage::Tx& tx) {
    return SetAssignment(tx, m_, merchant_, {customers::AssignMode::kRoundRobin, {StaffId(5)}, {}});
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, identity::errors::kStaffNotFound);
  customers::Customer one = Arrive("13812340001"), two = Arrive("13812340002");
  EXPECT_EQ(one.owner_staff_id, std::optional<StaffId>(amy));
  auto view =
      storage::ReadValue(db(), [&](storage::Tx& tx) { return LoadAssignment(tx, m_, merchant_); });
  ASSERT_TRUE(view);
  for (const auto& l : view->staff) {
    if (l.staff.id == amy) EXPECT_EQ(l.owned, 2);
    EXPECT_EQ(l.capacity, customers::kDefaultCapacity);
  }
  customers::HandoverRequest r{
      amy, customers::HandoverKind::kTransfer, {}, {{StaffId(5), {}}}, "x"};
  auto unknown = Write([&](storage::Tx& tx) { return HandOver(tx, m_, merchant_, r, staff_); });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, identity::errors::kStaffNotFound);
  r.to = {{ben, {}}};
  auto done = Write([&](storage::Tx& tx) { return HandOver(tx, m_, merchant_, r, staff_); });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->result.moved.size(), 2u);
  auto merged = Write(
      [&](storage::Tx& tx) { return MergeCustomers(tx, m_, merchant_, one.id, two.id, staff_); });
  ASSERT_TRUE(merged) << merged.error().message;
  auto log =
      storage::ReadValue(db(), [&](storage::Tx& tx) { return m_.audit.List(tx, merchant_, {}); });
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(0).action, audit::kCustomerMerge);
  EXPECT_EQ(log->at(1).action, audit::kCustomerHandover);
  EXPECT_EQ(log->at(1).id, done->audit_id);
  EXPECT_EQ(log->at(1).actor, std::optional<StaffId>(staff_));
  EXPECT_NE(log->at(1).detail.find(R"("moved":2)"), std::string::npos) << log->at(1).detail;
  auto other = storage::ReadValue(
      db(), [&](storage::Tx& tx) { return m_.audit.List(tx, MerchantId(999), {}); });
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
  // A staff member sets fields only on their own customers.
  auto foreign =
      Write([&](storage::Tx& tx) { return SetCustomerFields(tx, m_, merchant_, one.id, {}, amy); });
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, customers::errors::kNotFound);
  auto own =
      Write([&](storage::Tx& tx) { return SetCustomerFields(tx, m_, merchant_, one.id, {}, ben); });
  EXPECT_TRUE(own) << own.error().message;
}

}  // namespace
}  // namespace weishang::workflows
