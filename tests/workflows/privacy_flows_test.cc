// Personal data across modules (workflows/privacy): an erasure anonymises the
// customer everywhere while the orders keep their money, lines and status;
// it is refused while an order is under way, audited, and answers the same
// when repeated; a sign-in with the erased phone makes a new customer; the
// tags module drops the erased customer; the personal-data export holds
// everything and is audited.
#include "workflows/privacy/privacy_flows.h"

#include <gtest/gtest.h>

#include "events/dispatcher.h"
#include "events/parking.h"
#include "modules/accounts/accounts_errors.h"
#include "modules/customers/customers_errors.h"
#include "testing/shop_fixture.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/customers/customer_flows.h"
#include "workflows/tags/tag_rules.h"

namespace weishang::workflows {
namespace {

constexpr char kPhone[] = "13812345678";

class PrivacyFlowsTest : public testing::ShopFixture {
 protected:
  void SetUp() override {
    ShopFixture::SetUp();
    ASSERT_TRUE(storage::WriteValue(db(), [&](storage::Tx& tx) -> Result<void> {
      if (auto ok = events::CreateCursor(tx, "customers", 0, 0); !ok) return ok;
      return events::CreateCursor(tx, "tag_rules", 0, 0);
    }));
  }
  template <class Fn>
  auto Write(Fn&& fn) {
    return storage::WriteValue(db(), std::forward<Fn>(fn));
  }
  template <class Fn>
  auto Read(Fn&& fn) {
    return storage::ReadValue(db(), std::forward<Fn>(fn));
  }
  // Delivers every event so far to the customers and tag_rules handlers.
  void Deliver() {
    events::Dispatcher d(
        db(), clock_, {CustomerHandler(m_.customers, m_), TagRulesHandler(tags_, facts_, clock_)});
    for (;;) {
      auto n = d.RunOnce();
      ASSERT_TRUE(n) << n.error().code << ": " << n.error().message;
      if (*n == 0) return;
    }
  }
  // A paid order of kPhone, linked to its customer; returns the order.
  order::Order PaidOrder() {
    SkuId sku = MakeSku("剁椒鱼头酱", 2990, 10);
    auto req = Request({{sku, 2}}, "", kPhone);
    req.buyer.note = "请放门卫";
    auto o = Place(req);
    EXPECT_TRUE(o) << o.error().message;
    PaySandbox(*o);
    Deliver();
    return Load(o->id);
  }
  customers::Customer CustomerOf(OrderId o) {
    auto c = Read([&](storage::Tx& tx) { return m_.customers.CustomerOfOrder(tx, merchant_, o); });
    EXPECT_TRUE(c && *c);
    return **c;
  }
  Result<ErasureReport> Erase(CustomerId c) {
    return Write([&](storage::Tx& tx) { return EraseCustomer(tx, m_, merchant_, c, staff_); });
  }
  void Receive(OrderId o) {
    ASSERT_TRUE(Write([&](storage::Tx& tx) {
      return m_.orders.Ship(tx, merchant_, o, "顺丰", "SF1", 10, "test");
    }));
    ASSERT_TRUE(Write(
        [&](storage::Tx& tx) { return m_.orders.ConfirmReceipt(tx, merchant_, o, 7, "test"); }));
  }
  std::vector<audit::Entry> Audit(const std::string& action) {
    audit::ListFilter f;
    f.action = action;
    auto list = Read([&](storage::Tx& tx) { return m_.audit.List(tx, merchant_, f); });
    EXPECT_TRUE(list);
    return *list;
  }

  tags::TagService tags_{clock_, ids_};
  CustomerFactsSource facts_{m_};
};

TEST_F(PrivacyFlowsTest, AnErasureIsRefusedWhileAnOrderIsUnderWay) {
  order::Order o = PaidOrder();
  customers::Customer c = CustomerOf(o.id);
  auto paid = Erase(c.id);
  ASSERT_FALSE(paid);
  EXPECT_EQ(paid.error().code, customers::errors::kOrderInProgress);
  EXPECT_EQ(paid.error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(Write([&](storage::Tx& tx) {
    return m_.orders.Ship(tx, merchant_, o.id, "顺丰", "SF1", 10, "test");
  }));
  auto shipped = Erase(c.id);
  ASSERT_FALSE(shipped) << "the parcel is on its way to the address";
  EXPECT_EQ(shipped.error().code, customers::errors::kOrderInProgress);
  EXPECT_TRUE(Audit(audit::kCustomerErase).empty());
  auto still = Read([&](storage::Tx& tx) { return m_.customers.Get(tx, merchant_, c.id); });
  ASSERT_TRUE(still);
  EXPECT_EQ(still->phone, kPhone) << "a refused erasure changes nothing";
  EXPECT_FALSE(still->erased_at);
}

TEST_F(PrivacyFlowsTest, AnErasureAnonymisesThePersonAndKeepsTheOrdersMoney) {
  order::Order o = PaidOrder();
  Receive(o.id);
  customers::Customer c = CustomerOf(o.id);
  // What the shop holds about the person besides the order.
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Result<void> {
    auto def =
        m_.customers.DefineField(tx, merchant_, {"skin", "肤质", customers::FieldKind::kText, {}});
    if (!def) return Fail(def.error());
    auto set = m_.customers.SetFields(tx, merchant_, c.id, {{"skin", "干性"}});
    if (!set) return Fail(set.error());
    auto address = m_.accounts.AddAddress(
        tx, merchant_, c.id,
        {"张三", kPhone, "湖南省", "长沙市", "岳麓区", "麓山南路 1 号", "", true});
    if (!address) return Fail(address.error());
    crm::Interaction note;
    note.customer_id = c.id;
    note.staff_id = staff_;
    note.summary = "张三说她住在麓山南路，对花生过敏";
    note.happened_at = clock_.Now();
    if (auto n = m_.crm.LogInteraction(tx, merchant_, note); !n) return Fail(n.error());
    crm::TaskInput task{c.id, staff_, crm::TaskKind::kManual, "给张三回电话", clock_.Now() + kDay,
                        ""};
    if (auto t = m_.crm.CreateTask(tx, merchant_, task); !t) return Fail(t.error());
    return {};
  }));
  auto session = Write(
      [&](storage::Tx& tx) { return m_.accounts.OpenSession(tx, merchant_, c.id, "sms_code"); });
  ASSERT_TRUE(session);

  auto report = Erase(c.id);
  ASSERT_TRUE(report) << report.error().code << ": " << report.error().message;
  EXPECT_EQ(report->customer, c.id);
  EXPECT_EQ(report->identities, 1);
  EXPECT_EQ(report->fields, 1);
  EXPECT_EQ(report->addresses, 1);
  EXPECT_EQ(report->sessions, 1);
  EXPECT_EQ(report->interactions, 1);
  EXPECT_EQ(report->tasks_closed, 1);
  EXPECT_EQ(report->orders, 1);

  // The person is gone from the customer record.
  auto erased = Read([&](storage::Tx& tx) { return m_.customers.Get(tx, merchant_, c.id); });
  ASSERT_TRUE(erased);
  EXPECT_EQ(erased->display_name, customers::kErasedName);
  EXPECT_EQ(erased->phone, "");
  EXPECT_EQ(erased->province, "");
  EXPECT_TRUE(erased->fields.empty());
  EXPECT_TRUE(erased->erased_at);
  EXPECT_EQ(erased->orders_count, 1) << "the shop's facts stay";
  EXPECT_EQ(erased->spent_total, o.totals.total);
  auto ids = Read([&](storage::Tx& tx) { return m_.customers.Identities(tx, merchant_, c.id); });
  ASSERT_TRUE(ids);
  EXPECT_TRUE(ids->empty());
  auto addresses =
      Read([&](storage::Tx& tx) { return m_.accounts.Addresses(tx, merchant_, c.id); });
  ASSERT_TRUE(addresses);
  EXPECT_TRUE(addresses->empty());
  auto resolved =
      Read([&](storage::Tx& tx) { return m_.accounts.Resolve(tx, merchant_, session->token); });
  ASSERT_FALSE(resolved) << "the store session is signed out";
  EXPECT_EQ(resolved.error().code, accounts::errors::kUnauthenticated);
  auto notes = Read([&](storage::Tx& tx) { return m_.crm.Interactions(tx, merchant_, c.id, 10); });
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ(notes->front().summary, crm::kErasedText);
  crm::TaskFilter open;
  open.customer = c.id;
  auto tasks = Read([&](storage::Tx& tx) { return m_.crm.ListTasks(tx, merchant_, open); });
  ASSERT_TRUE(tasks);
  EXPECT_TRUE(tasks->empty()) << "open tasks are closed";

  // The order keeps its money, lines and status; its contact fields are cleared.
  order::Order after = Load(o.id);
  EXPECT_EQ(after.status, order::Status::kReceived);
  EXPECT_EQ(after.totals.total, o.totals.total);
  EXPECT_EQ(after.totals.merchandise_total, o.totals.merchandise_total);
  ASSERT_EQ(after.lines.size(), o.lines.size());
  EXPECT_EQ(after.lines[0].quantity, 2);
  EXPECT_EQ(after.lines[0].payable, o.lines[0].payable);
  EXPECT_EQ(after.buyer.name, order::kErasedBuyer);
  EXPECT_EQ(after.buyer.phone, "");
  EXPECT_EQ(after.buyer.address, "");
  EXPECT_EQ(after.buyer.note, "");
  EXPECT_EQ(after.buyer.region, o.buyer.region) << "postage and reports read the province";

  // Audited once, with the counts.
  auto entries = Audit(audit::kCustomerErase);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].subject, EncodeId(c.id));
  EXPECT_EQ(entries[0].actor, staff_);
  EXPECT_EQ(entries[0].id, report->audit_id);
  EXPECT_NE(entries[0].detail.find("\"orders\":1"), std::string::npos) << entries[0].detail;

  // A second erasure answers the first one's report and records nothing more.
  clock_.Advance(kDay);
  auto again = Erase(c.id);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->audit_id, report->audit_id);
  EXPECT_EQ(again->erased_at, report->erased_at);
  EXPECT_EQ(again->identities, 1);
  EXPECT_EQ(again->orders, 1);
  EXPECT_EQ(Audit(audit::kCustomerErase).size(), 1u);
}

TEST_F(PrivacyFlowsTest, ASignInWithTheErasedPhoneMakesANewCustomer) {
  order::Order o = PaidOrder();
  Receive(o.id);
  customers::Customer c = CustomerOf(o.id);
  ASSERT_TRUE(Erase(c.id));
  // What the store's SMS sign-in does (workflows/accounts/sign_in.cc).
  auto back = Write([&](storage::Tx& tx) {
    customers::Arrival a;
    a.identities.push_back({customers::IdentityKind::kPhone, kPhone});
    a.channel = "sign_in";
    return m_.customers.Arrive(tx, merchant_, a, "sign_in");
  });
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->created);
  EXPECT_NE(back->customer.id, c.id);
  EXPECT_EQ(back->customer.orders_count, 0) << "the erased person's orders are not theirs";
  auto mine = Read([&](storage::Tx& tx) {
    return m_.customers.OrdersOf(tx, merchant_, back->customer.id, std::nullopt, 10);
  });
  ASSERT_TRUE(mine);
  EXPECT_TRUE(mine->empty());
  EXPECT_EQ(CustomerOf(o.id).id, c.id) << "the order stays with the erased record";
}

TEST_F(PrivacyFlowsTest, TheTagsModuleDropsAnErasedCustomer) {
  order::Order o = PaidOrder();
  Receive(o.id);
  customers::Customer c = CustomerOf(o.id);
  auto tag = Write([&](storage::Tx& tx) -> Result<tags::Tag> {
    auto group = tags_.CreateGroup(tx, merchant_, {"兴趣", tags::Choice::kMulti, 0});
    if (!group) return Fail(group.error());
    auto t = tags_.CreateTag(
        tx, merchant_, {group->id, "辣味", "#112233", tags::TagKind::kManual, std::nullopt, 0});
    if (!t) return Fail(t.error());
    auto given =
        tags_.AddManual(tx, merchant_, t->id, {{c.id, static_cast<tags::Ordinal>(c.ordinal)}});
    if (!given) return Fail(given.error());
    return t;
  });
  ASSERT_TRUE(tag) << tag.error().message;
  ASSERT_TRUE(Erase(c.id));
  Deliver();
  auto carried = Read([&](storage::Tx& tx) { return tags_.TagsOf(tx, merchant_, c.id); });
  ASSERT_TRUE(carried);
  EXPECT_TRUE(carried->empty());
  auto members = Read([&](storage::Tx& tx) { return tags_.MembersOf(tx, merchant_, tag->id); });
  ASSERT_TRUE(members);
  EXPECT_TRUE(members->empty());
  auto facts = Read([&](storage::Tx& tx) { return facts_.FindCustomers(tx, merchant_, {c.id}); });
  ASSERT_TRUE(facts);
  ASSERT_TRUE(facts->front());
  EXPECT_FALSE(facts->front()->live()) << "segments count live customers only";
}

TEST_F(PrivacyFlowsTest, APersonalDataExportHoldsEverythingAndIsAudited) {
  order::Order o = PaidOrder();
  customers::Customer c = CustomerOf(o.id);
  ASSERT_TRUE(Write([&](storage::Tx& tx) -> Result<void> {
    auto address = m_.accounts.AddAddress(
        tx, merchant_, c.id,
        {"张三", kPhone, "湖南省", "长沙市", "岳麓区", "麓山南路 1 号", "", true});
    if (!address) return Fail(address.error());
    crm::Interaction note;
    note.customer_id = c.id;
    note.staff_id = staff_;
    note.summary = "问了发货时间";
    note.happened_at = clock_.Now();
    if (auto n = m_.crm.LogInteraction(tx, merchant_, note); !n) return Fail(n.error());
    crm::TaskInput task{c.id, staff_, crm::TaskKind::kManual, "回访", clock_.Now() + kDay, ""};
    if (auto t = m_.crm.CreateTask(tx, merchant_, task); !t) return Fail(t.error());
    return {};
  }));
  auto data = Write(
      [&](storage::Tx& tx) { return ExportPersonalData(tx, m_, tags_, merchant_, c.id, staff_); });
  ASSERT_TRUE(data) << data.error().message;
  EXPECT_EQ(data->customer.phone, kPhone);
  ASSERT_EQ(data->identities.size(), 1u);
  EXPECT_EQ(data->identities[0].value, kPhone);
  ASSERT_EQ(data->addresses.size(), 1u);
  EXPECT_EQ(data->addresses[0].address, "麓山南路 1 号");
  ASSERT_EQ(data->orders.size(), 1u);
  EXPECT_EQ(data->orders[0].id, o.id);
  EXPECT_EQ(data->orders[0].lines.size(), 1u);
  ASSERT_EQ(data->interactions.size(), 1u);
  ASSERT_EQ(data->tasks.size(), 1u);
  auto entries = Audit(audit::kCustomerExport);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, data->audit_id);
  EXPECT_EQ(entries[0].subject, EncodeId(c.id));
  EXPECT_EQ(entries[0].actor, staff_);
  auto none = Write([&](storage::Tx& tx) {
    return ExportPersonalData(tx, m_, tags_, merchant_, CustomerId(424242), staff_);
  });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, customers::errors::kNotFound);
  EXPECT_EQ(Audit(audit::kCustomerExport).size(), 1u) << "nothing recorded for a failed export";
}

}  // namespace
}  // namespace weishang::workflows
