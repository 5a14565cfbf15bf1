// The demo shop's customers as the merchant's CRM holds them: two staff
// members who own them by round robin, contacts who have not bought yet,
// mothers whose children's ages put them in the 0–3 / 3–6 / 6–12 stages,
// a friend referred by a customer, tag groups with manual and rule tags,
// saved segments, logged chats and calls, a task, and an in-service
// handover from one member to the other.
#include "cli/demo_crm.h"

#include "core/crypto.h"
#include "modules/tags/segment_index.h"
#include "queries/shop_time.h"
#include "workflows/crm/crm_flows.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/customers/ownership_flows.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::cli {
namespace {

using customers::Gender;

// A contact the shop knows before any order: from moments, a group chat,
// the shop's QR code or a customer's recommendation.
struct Contact {
  const char* name;
  const char* phone;
  const char* channel;
  Gender gender;
  const char* province;
  const char* city;
  int child_age_months;    // 0: no child recorded
  bool referred_by_first;  // referred by kDemoContacts[0]
};

// 李娜 is also the demo's first buyer: she arrives as a contact first, and
// her friend 周敏 (referred by her, and a buyer later) makes her a referrer.
const Contact kContacts[] = {
    {"李娜", "13800138001", "朋友圈", Gender::kFemale, "湖南", "长沙市", 0, false},
    {"周敏", "13100131009", "老客推荐", Gender::kFemale, "湖南", "长沙市", 30, true},
    {"赵敏", "13300133007", "朋友圈", Gender::kFemale, "广东", "深圳市", 18, false},
    {"孙丽", "13200132008", "社群", Gender::kFemale, "湖北", "武汉市", 50, false},
    {"吴磊", "15800158010", "门店扫码", Gender::kMale, "湖南", "株洲市", 0, false},
    {"郑爽", "15900159011", "朋友圈", Gender::kFemale, "江苏", "南京市", 98, false},
    {"冯超", "18600186012", "社群", Gender::kMale, "广东", "广州市", 0, false},
    {"何静", "18700187013", "朋友圈", Gender::kFemale, "湖南", "湘潭市", 26, false},
};

// The care plans' milestone field by default (modules/reminders).
constexpr char kChildField[] = "baby_birthday";

Result<identity::Staff> AddStaff(storage::Tx& tx, workflows::Modules& m,
                                 const identity::Principal& owner, const char* login,
                                 const char* name, const std::string& password_hash) {
  identity::StaffInput in;
  in.login = login;
  in.name = name;
  in.role = identity::Role::kStaff;
  in.password_hash = password_hash;
  return m.identity.CreateStaff(tx, owner, in);
}

Result<tags::Tag> AddTag(storage::Tx& tx, tags::TagService& tags, MerchantId merchant,
                         TagGroupId group, const char* name, const char* color,
                         std::optional<tags::Rule> rule = std::nullopt) {
  tags::TagInput in;
  in.group_id = group;
  in.name = name;
  in.color = color;
  if (rule) {
    in.kind = tags::TagKind::kRule;
    in.rule = std::move(rule);
  }
  return tags.CreateTag(tx, merchant, in);
}

tags::Rule AgeStage(int min_years, int max_years) {
  tags::Rule r;
  r.kind = tags::RuleKind::kAgeStage;
  r.field = kChildField;
  r.min_years = min_years;
  r.max_years = max_years;
  return r;
}

tags::Expr TagIs(TagId tag) {
  tags::Expr e;
  e.kind = tags::Expr::Kind::kTag;
  e.tag = tag;
  return e;
}
tags::Expr AllOf(std::vector<tags::Expr> children) {
  tags::Expr e;
  e.kind = tags::Expr::Kind::kAnd;
  e.children = std::move(children);
  return e;
}
tags::Expr AnyOf(std::vector<tags::Expr> children) {
  tags::Expr e;
  e.kind = tags::Expr::Kind::kOr;
  e.children = std::move(children);
  return e;
}

Result<customers::Customer> ByPhone(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                                    const char* phone) {
  auto c = m.customers.FindByIdentity(tx, merchant, {customers::IdentityKind::kPhone, phone});
  if (!c) return Fail(c.error());
  if (!*c) return Fail(Invalid("demo.missing_customer", std::string("no demo customer ") + phone));
  return **c;
}

}  // namespace

Result<DemoCrm> SeedDemoCrmBefore(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                                  const identity::Principal& owner, const std::string& password) {
  MerchantId merchant = owner.merchant_id;
  Timestamp now = m.clock.Now();
  tags::TagService tags(m.clock, ids);
  // One hash for both (argon2id takes a while; the demo's password is public anyway).
  std::string hash = HashPassword(password);
  return storage::WriteValue(db, [&](storage::Tx& tx) -> Result<DemoCrm> {
    DemoCrm crm;
    auto wang = AddStaff(tx, m, owner, "wang@demo.shop", "小王 Wang", hash);
    if (!wang) return Fail(wang.error());
    auto li = AddStaff(tx, m, owner, "li@demo.shop", "小李 Li", hash);
    if (!li) return Fail(li.error());
    crm.wang = wang->id;
    crm.li = li->id;
    // New customers go to the two members in turn.
    customers::AssignmentRules rules;
    rules.mode = customers::AssignMode::kRoundRobin;
    rules.staff = {crm.wang, crm.li};
    if (auto ok = workflows::SetAssignment(tx, m, merchant, rules); !ok) return Fail(ok.error());
    customers::FieldDef child;
    child.key = kChildField;
    child.label = "宝宝生日";
    child.kind = customers::FieldKind::kDate;
    if (auto ok = m.customers.DefineField(tx, merchant, child); !ok) return Fail(ok.error());

    // Tag groups: needs (manual), the child's age stage and spending (rules).
    auto needs = tags.CreateGroup(tx, merchant, {"需求 Needs", tags::Choice::kMulti, 0});
    if (!needs) return Fail(needs.error());
    auto ages = tags.CreateGroup(tx, merchant, {"宝宝年龄段 Child age", tags::Choice::kMulti, 1});
    if (!ages) return Fail(ages.error());
    auto spend = tags.CreateGroup(tx, merchant, {"消费 Spending", tags::Choice::kMulti, 2});
    if (!spend) return Fail(spend.error());
    auto tag = [&](TagGroupId g, const char* name, const char* color,
                   std::optional<tags::Rule> rule, TagId* out) -> Result<void> {
      auto made_tag = AddTag(tx, tags, merchant, g, name, color, std::move(rule));
      if (!made_tag) return Fail(made_tag.error());
      *out = made_tag->id;
      return {};
    };
    tags::Rule over_100;
    over_100.amount = 10000;
    tags::Rule quiet;
    quiet.kind = tags::RuleKind::kNoOrderForDays;
    quiet.days = 15;
    DemoCrm::Tags& t = crm.tags;
    for (auto ok : {tag(needs->id, "宝妈", "#E6A23C", std::nullopt, &t.mum),
                    tag(needs->id, "办公室零食", "#409EFF", std::nullopt, &t.office),
                    tag(needs->id, "送礼客户", "#F56C6C", std::nullopt, &t.gift),
                    tag(ages->id, "0–3 岁", "#67C23A", AgeStage(0, 3), &t.age_0_3),
                    tag(ages->id, "3–6 岁", "#67C23A", AgeStage(3, 6), &t.age_3_6),
                    tag(ages->id, "6–12 岁", "#67C23A", AgeStage(6, 12), &t.age_6_12),
                    tag(spend->id, "消费满 ¥100", "#909399", over_100, &t.high_spend),
                    tag(spend->id, "15 天未下单", "#909399", quiet, &t.dormant)}) {
      if (!ok) return Fail(ok.error());
    }

    std::optional<CustomerId> first;
    for (const Contact& c : kContacts) {
      customers::Arrival a;
      a.identities = {{customers::IdentityKind::kPhone, c.phone}};
      a.display_name = c.name;
      a.channel = c.channel;
      a.gender = c.gender;
      a.province = c.province;
      a.city = c.city;
      if (c.referred_by_first) a.referrer_id = first;
      auto arrived = m.customers.Arrive(tx, merchant, a, "demo");
      if (!arrived) return Fail(arrived.error());
      if (!first) first = arrived->customer.id;
      if (c.child_age_months > 0) {
        // Born that many months (of 30.44 days) before today.
        Timestamp born = now - static_cast<Timestamp>(c.child_age_months * 30.44 * kDay);
        std::string day = queries::FormatShopDay(queries::ShopDay(born));
        auto set = m.customers.SetFields(tx, merchant, arrived->customer.id, {{kChildField, day}});
        if (!set) return Fail(set.error());
      }
    }
    return crm;
  });
}

Result<void> SeedDemoCrmAfter(storage::Database& db, workflows::Modules& m, IdGenerator& ids,
                              const identity::Principal& owner, const DemoCrm& crm) {
  MerchantId merchant = owner.merchant_id;
  const DemoCrm::Tags& t = crm.tags;
  tags::TagService tags(m.clock, ids);
  workflows::CustomerFactsSource facts(m);
  tags::SegmentIndex index(db, facts, tags);
  workflows::TagWiring wiring{tags, index, facts, m.clock};
  Timestamp now = m.clock.Now();

  auto made = db.Write([&](storage::Tx& tx) -> Result<void> {
    // Manual tags the staff gave from what the customers told them.
    const std::pair<TagId, std::vector<const char*>> manual[] = {
        {t.mum, {"13300133007", "13200132008", "15900159011", "18700187013", "13100131009"}},
        {t.office, {"13800138001", "13600136004", "13500135005"}},
        {t.gift, {"13400134006", "15800158010"}},
    };
    for (const auto& [id, phones] : manual) {
      std::vector<tags::Target> who;
      for (const char* phone : phones) {
        auto c = ByPhone(tx, m, merchant, phone);
        if (!c) return Fail(c.error());
        who.push_back({c->id, static_cast<tags::Ordinal>(c->ordinal)});
      }
      if (auto ok = tags.AddManual(tx, merchant, id, who); !ok) return Fail(ok.error());
    }
    // Chats and a call make contacts "interacted"; a note does not.
    const std::tuple<const char*, StaffId, crm::InteractionKind, const char*> talks[] = {
        {"13300133007", crm.wang, crm::InteractionKind::kChat,
         "问宝宝一岁半能不能吃鸭脖，推荐了无辣款"},
        {"15800158010", crm.li, crm::InteractionKind::kCall, "公司年会要 20 份礼盒，下周定数量"},
        {"13200132008", crm.wang, crm::InteractionKind::kNote, "孩子上幼儿园中班，周末常带娃出门"},
        {"13100131009", crm.wang, crm::InteractionKind::kLike, "点赞了她晒的长沙周末游"},
    };
    for (const auto& [phone, staff, kind, summary] : talks) {
      auto c = ByPhone(tx, m, merchant, phone);
      if (!c) return Fail(c.error());
      crm::Interaction in{InteractionId(), c->id, staff, kind, summary, now - kDay, 0};
      if (auto ok = workflows::LogInteraction(tx, m, merchant, in, std::nullopt); !ok)
        return Fail(ok.error());
    }
    auto wu = ByPhone(tx, m, merchant, "15800158010");
    if (!wu) return Fail(wu.error());
    auto task = workflows::CreateCustomerTask(tx, m, merchant, wu->id, "确认年会礼盒数量并报价",
                                              now + kDay, crm.li, std::nullopt);
    if (!task) return Fail(task.error());
    // 小王 moves two of her customers to 小李 (an in-service transfer).
    customers::HandoverRequest r;
    r.from = crm.wang;
    r.kind = customers::HandoverKind::kTransfer;
    r.to = {{crm.li, 2}};
    r.actor = "demo";
    auto moved = workflows::HandOver(tx, m, merchant, r, owner.staff_id);
    if (!moved) return Fail(moved.error());
    return {};
  });
  if (!made) return made;
  // Saved segments, counted now (the caller's jobs computed the rule tags
  // before this runs, so the counts are the real ones).
  const std::pair<const char*, tags::Expr> segments[] = {
      {"0–3 岁宝妈", AllOf({TagIs(t.mum), TagIs(t.age_0_3)})},
      {"有娃的妈妈 0–6 岁", AllOf({TagIs(t.mum), AnyOf({TagIs(t.age_0_3), TagIs(t.age_3_6)})})},
      {"办公室零食与礼盒客户", AnyOf({TagIs(t.office), TagIs(t.gift)})},
      {"高消费沉睡客户", AllOf({TagIs(t.high_spend), TagIs(t.dormant)})},
  };
  for (const auto& [name, e] : segments) {
    auto s = workflows::CreateSegment(db, wiring, merchant, {name, e});
    if (!s) return Fail(s.error());
  }
  return {};
}

}  // namespace weishang::cli
