#include "workflows/privacy/privacy_flows.h"

#include <array>
#include <map>

#include "core/csv.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "modules/customers/customers_errors.h"
#include "modules/tags/expression.h"
#include "modules/tags/tags_errors.h"

namespace weishang::workflows {
namespace {

// ---- segment export ----

constexpr std::size_t kColumns = 12;
using Header = std::array<const char*, kColumns>;
constexpr Header kHeaderZh = {"客户ID",   "姓名",   "备注名",   "手机号",   "阶段",     "标签",
                              "归属员工", "订单数", "累计消费", "最近下单", "来源渠道", "地区"};
constexpr Header kHeaderEn = {"Customer", "Name",   "Remark", "Phone",      "Stage",   "Tags",
                              "Owner",    "Orders", "Spent",  "Last order", "Channel", "Region"};

const char* StageText(customers::Stage s, bool english) {
  switch (s) {
    case customers::Stage::kAcquired:
      return english ? "acquired" : "新客";
    case customers::Stage::kInteracted:
      return english ? "interacted" : "有互动";
    case customers::Stage::kFirstPurchase:
      return english ? "first purchase" : "首次购买";
    case customers::Stage::kRepeatBuyer:
      return english ? "repeat buyer" : "复购";
    case customers::Stage::kReferrer:
      return english ? "referrer" : "推荐人";
    case customers::Stage::kPromoter:
      return english ? "promoter" : "推广者";
  }
  return "";
}

// Customers read per statement batch while the file is built.
constexpr std::size_t kExportBatch = 500;

void AppendCustomer(CsvWriter& out, const TaggedCustomer& t,
                    const std::map<Id, std::string>& staff_names,
                    const SegmentCsvOptions& options) {
  const customers::Customer& c = t.customer;
  std::string tags;
  for (const auto& tag : t.tags) {
    if (!tags.empty()) tags += "、";
    tags += tag.name;
  }
  std::string owner;
  if (c.owner_staff_id) {
    auto it = staff_names.find(c.owner_staff_id->value());
    owner = it != staff_names.end() ? it->second : EncodeId(*c.owner_staff_id);
  }
  std::string region = c.province;
  if (!c.city.empty()) region += (region.empty() ? "" : " ") + c.city;
  if (!c.district.empty()) region += (region.empty() ? "" : " ") + c.district;
  out.Text(EncodeId(c.id)).Text(c.display_name).Text(c.remark_name);
  out.Text(options.full_phone ? c.phone : customers::MaskPhone(c.phone));
  out.Text(StageText(c.stage, options.english)).Text(tags).Text(owner);
  out.Int(c.orders_count).Yuan(c.spent_total);
  if (c.last_order_at) {
    out.Text(tags::FormatDay(tags::ShopDayOf(*c.last_order_at)));
  } else {
    out.Empty();
  }
  out.Text(c.channel).Text(region);
  out.EndRow();
}

// ---- erasure ----

bool InProgress(order::Status s) {
  return s == order::Status::kPendingPayment || s == order::Status::kPaid ||
         s == order::Status::kShipped;
}

std::string ReportDetail(const ErasureReport& r) {
  JsonWriter w(256);
  w.BeginObject().Field("erased_at", r.erased_at).Field("records", r.records);
  w.Field("identities", r.identities).Field("fields", r.fields);
  w.Field("addresses", r.addresses).Field("sessions", r.sessions);
  w.Field("interactions", r.interactions).Field("tasks_closed", r.tasks_closed);
  w.Field("orders", r.orders);
  return w.EndObject().Take();
}

// The report a first erasure recorded (a repeat answers it again).
ErasureReport ReportOf(CustomerId customer, const audit::Entry& e) {
  ErasureReport r;
  r.customer = customer;
  r.audit_id = e.id;
  r.erased_at = e.at;
  auto detail = ParseObject(e.detail);
  if (!detail) return r;
  auto number = [&](std::string_view key) -> std::int64_t {
    const json::value* v = detail->if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  r.erased_at = number("erased_at");
  r.records = number("records");
  r.identities = number("identities");
  r.fields = number("fields");
  r.addresses = number("addresses");
  r.sessions = number("sessions");
  r.interactions = number("interactions");
  r.tasks_closed = number("tasks_closed");
  r.orders = number("orders");
  return r;
}

// Every order linked to the customer, newest first.
Result<std::vector<OrderId>> AllOrdersOf(storage::Tx& tx, Modules& m, MerchantId merchant,
                                         CustomerId customer, int cap) {
  std::vector<OrderId> out;
  std::optional<OrderId> before;
  for (;;) {
    auto page = m.customers.OrdersOf(tx, merchant, customer, before, 200);
    if (!page) return Fail(page.error());
    out.insert(out.end(), page->begin(), page->end());
    if (page->size() < 200 || static_cast<int>(out.size()) >= cap) break;
    before = page->back();
  }
  if (static_cast<int>(out.size()) > cap) out.resize(static_cast<std::size_t>(cap));
  return out;
}

}  // namespace

Result<SegmentCsv> ExportSegmentCsv(storage::Database& db, TagWiring& w, Modules& m,
                                    const identity::Principal& who, SegmentId segment,
                                    const SegmentCsvOptions& options) {
  SegmentCsv out;
  auto s = storage::ReadValue(
      db, [&](storage::Tx& tx) { return w.tags.GetSegment(tx, who.merchant_id, segment); });
  if (!s) return Fail(s.error());
  out.segment = std::move(*s);
  auto answer =
      w.index.Evaluate(who.merchant_id, out.segment.expression, ScopeOf(who), w.clock.Now(),
                       std::nullopt, static_cast<std::size_t>(kMaxExportCustomers + 1));
  if (!answer) return Fail(answer.error());
  if (static_cast<std::int64_t>(answer->page.size()) > kMaxExportCustomers) {
    return Fail(Invalid(tags::errors::kExportTooLarge, "the segment selects more than " +
                                                           std::to_string(kMaxExportCustomers) +
                                                           " customers; narrow it to export"));
  }
  CsvWriter csv;
  const Header& header = options.english ? kHeaderEn : kHeaderZh;
  for (const char* h : header) csv.Text(h);
  csv.EndRow();
  auto read = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto staff = m.identity.ListStaff(tx, who.merchant_id);
    if (!staff) return Fail(staff.error());
    std::map<Id, std::string> names;
    for (const auto& st : *staff) names.emplace(st.id.value(), st.name);
    const auto& members = answer->page;
    for (std::size_t i = 0; i < members.size(); i += kExportBatch) {
      std::vector<tags::Member> batch(members.begin() + static_cast<std::ptrdiff_t>(i),
                                      members.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                            members.size(), i + kExportBatch)));
      auto list = LoadTaggedCustomers(tx, m, w, who.merchant_id, batch);
      if (!list) return Fail(list.error());
      for (const auto& t : *list) {
        AppendCustomer(csv, t, names, options);
        ++out.rows;
      }
    }
    return {};
  });
  if (!read) return Fail(read.error());
  out.text = csv.Take();
  return out;
}

Result<audit::Entry> RecordSegmentExport(storage::Tx& tx, Modules& m,
                                         const identity::Principal& who, const SegmentCsv& csv,
                                         const SegmentCsvOptions& options) {
  JsonWriter w(160);
  w.BeginObject().Field("segment_name", csv.segment.name).Field("rows", csv.rows);
  w.Field("phones", options.full_phone ? "full" : "masked");
  return m.audit.Record(tx, who.merchant_id, who.staff_id, audit::kSegmentExport,
                        EncodeId(csv.segment.id), w.EndObject().Take());
}

Result<PersonalData> ExportPersonalData(storage::Tx& tx, Modules& m, tags::TagService& tag_service,
                                        MerchantId merchant, CustomerId customer, StaffId actor) {
  PersonalData out;
  auto c = m.customers.Get(tx, merchant, customer);
  if (!c) return Fail(c.error());
  out.customer = std::move(*c);
  CustomerId id = out.customer.id;
  auto identities = m.customers.Identities(tx, merchant, id);
  if (!identities) return Fail(identities.error());
  out.identities = std::move(*identities);
  auto defs = m.customers.Fields(tx, merchant);
  if (!defs) return Fail(defs.error());
  for (auto& d : *defs) {
    if (out.customer.fields.count(d.key)) out.field_defs.push_back(std::move(d));
  }
  auto addresses = m.accounts.Addresses(tx, merchant, id);
  if (!addresses) return Fail(addresses.error());
  out.addresses = std::move(*addresses);
  auto carried = tag_service.TagsOf(tx, merchant, id);
  if (!carried) return Fail(carried.error());
  out.tags = std::move(*carried);
  auto order_ids = AllOrdersOf(tx, m, merchant, id, kMaxPersonalRecords);
  if (!order_ids) return Fail(order_ids.error());
  for (OrderId o : *order_ids) {
    auto order = m.orders.Get(tx, merchant, o);
    if (!order) return Fail(order.error());
    out.orders.push_back(std::move(*order));
  }
  auto interactions = m.crm.Interactions(tx, merchant, id, kMaxPersonalRecords);
  if (!interactions) return Fail(interactions.error());
  out.interactions = std::move(*interactions);
  for (crm::TaskStatus status : {crm::TaskStatus::kOpen, crm::TaskStatus::kDone}) {
    crm::TaskFilter f;
    f.customer = id;
    f.status = status;
    f.limit = 200;
    for (;;) {
      auto page = m.crm.ListTasks(tx, merchant, f);
      if (!page) return Fail(page.error());
      for (auto& t : *page) out.tasks.push_back(std::move(t));
      if (static_cast<int>(page->size()) < f.limit ||
          static_cast<int>(out.tasks.size()) >= kMaxPersonalRecords) {
        break;
      }
      f.after = out.tasks.back().id;
    }
  }
  JsonWriter w(160);
  w.BeginObject().Field("orders", static_cast<std::int64_t>(out.orders.size()));
  w.Field("addresses", static_cast<std::int64_t>(out.addresses.size()));
  w.Field("interactions", static_cast<std::int64_t>(out.interactions.size()));
  w.Field("tasks", static_cast<std::int64_t>(out.tasks.size()));
  auto entry = m.audit.Record(tx, merchant, actor, audit::kCustomerExport, EncodeId(id),
                              w.EndObject().Take());
  if (!entry) return Fail(entry.error());
  out.audit_id = entry->id;
  out.exported_at = entry->at;
  return out;
}

Result<ErasureReport> EraseCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    CustomerId customer, StaffId actor) {
  auto c = m.customers.Get(tx, merchant, customer);
  if (!c) return Fail(c.error());
  CustomerId id = c->id;
  if (c->erased_at) {
    auto first = m.audit.Latest(tx, merchant, audit::kCustomerErase, EncodeId(id));
    if (!first) return Fail(first.error());
    if (*first) return ReportOf(id, **first);
    ErasureReport r;  // erased without a record (cannot happen through this workflow)
    r.customer = id;
    r.erased_at = *c->erased_at;
    return r;
  }
  // Every order of the person; refused while one is still under way.
  auto orders = AllOrdersOf(tx, m, merchant, id, INT32_MAX);
  if (!orders) return Fail(orders.error());
  for (OrderId o : *orders) {
    auto order = m.orders.Get(tx, merchant, o);
    if (!order) return Fail(order.error());
    if (InProgress(order->status)) {
      return Fail(Conflict(customers::errors::kOrderInProgress,
                           "order " + EncodeId(o) + " is " + order::StatusName(order->status) +
                               "; erase the customer once it is completed or cancelled"));
    }
    auto open = m.aftersales.HasOpenRequest(tx, merchant, o);
    if (!open) return Fail(open.error());
    if (*open) {
      return Fail(Conflict(customers::errors::kOrderInProgress,
                           "order " + EncodeId(o) +
                               " has an open after-sales request; erase the customer once it is"
                               " closed"));
    }
  }
  auto erased = m.customers.Erase(tx, merchant, id);
  if (!erased) return Fail(erased.error());
  auto account = m.accounts.Forget(tx, merchant, erased->records);
  if (!account) return Fail(account.error());
  auto work = m.crm.Forget(tx, merchant, erased->records);
  if (!work) return Fail(work.error());
  auto contacts = m.orders.EraseContact(tx, merchant, *orders);
  if (!contacts) return Fail(contacts.error());
  ErasureReport r;
  r.customer = id;
  r.erased_at = erased->customer.erased_at.value_or(0);
  r.records = static_cast<std::int64_t>(erased->records.size());
  r.identities = erased->identities;
  r.fields = erased->fields;
  r.addresses = account->addresses;
  r.sessions = account->sessions;
  r.interactions = work->interactions;
  r.tasks_closed = work->tasks_closed;
  r.orders = *contacts;
  auto entry =
      m.audit.Record(tx, merchant, actor, audit::kCustomerErase, EncodeId(id), ReportDetail(r));
  if (!entry) return Fail(entry.error());
  r.audit_id = entry->id;
  return r;
}

}  // namespace weishang::workflows
