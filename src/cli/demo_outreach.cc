// Builds the tags' and outreach's objects the way the registry does, on a
// clock set to a sending hour (outside the default quiet hours), and sends
// through the same workflow as the job (the texts show on the SMS sandbox
// page, the messages in the store message centre).
#include "cli/demo_outreach.h"

#include "modules/outreach/outreach.h"
#include "modules/sms/sms.h"
#include "modules/tags/expression.h"
#include "modules/tags/segment_index.h"
#include "queries/shop_time.h"
#include "workflows/customers/customer_facts_source.h"
#include "workflows/outreach/outreach_flows.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::cli {
namespace {

// The last 10:00 shop time at or before `now`: a time no quiet hours cover.
Timestamp LastTenOClock(Timestamp now) {
  std::int64_t day = queries::ShopDay(now);
  Timestamp ten = queries::ShopDayStart(day) + 10 * kHour;
  return ten <= now ? ten : ten - kDay;
}

struct Objects {
  Objects(storage::Database& db, const Clock& clock, IdGenerator& ids, workflows::Modules& m)
      : tags(clock, ids),
        facts(m),
        index(db, facts, tags),
        tag_wiring{tags, index, facts, clock},
        outreach(clock, ids),
        sms(clock, ids),
        wiring{outreach, tag_wiring, &sms, nullptr} {}
  tags::TagService tags;
  workflows::CustomerFactsSource facts;
  tags::SegmentIndex index;
  workflows::TagWiring tag_wiring;
  outreach::OutreachService outreach;
  sms::SandboxSmsProvider sms;
  workflows::OutreachWiring wiring;
};

Result<SegmentId> Segment(storage::Database& db, Objects& o, MerchantId merchant,
                          const std::string& name, const std::string& expression) {
  auto e = tags::ParseExpressionText(expression);
  if (!e) return Fail(e.error());
  auto s = workflows::CreateSegment(db, o.tag_wiring, merchant, tags::SegmentInput{name, *e});
  if (!s) return Fail(s.error());
  return s->id;
}

Result<CampaignId> Send(storage::Database& db, Objects& o, workflows::Modules& m,
                        const identity::Principal& owner, workflows::Draft d, Timestamp now) {
  auto c = storage::WriteValue(
      db, [&](storage::Tx& tx) { return workflows::CreateCampaign(tx, o.wiring, m, owner, d); });
  if (!c) return Fail(c.error());
  auto sent = workflows::SendCampaign(db, o.wiring, m, owner.merchant_id, c->id, now);
  if (!sent) return Fail(sent.error());
  return c->id;
}

}  // namespace

Result<void> SeedDemoOutreach(storage::Database& db, workflows::Modules& live, MerchantId merchant,
                              const Clock& clock) {
  FakeClock at(LastTenOClock(clock.Now()) - kDay);  // yesterday, 10:00
  IdGenerator ids(1021);
  workflows::Modules m(at, ids);
  Objects o(db, at, ids, m);
  identity::Principal owner{merchant, StaffId(), identity::Role::kOwner, ""};
  std::vector<customers::Customer> people;
  auto read = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto done = o.outreach.ListCampaigns(tx, merchant, std::nullopt, CampaignId(), 1);
    if (!done) return Fail(done.error());
    if (!done->empty()) return {};  // seeded before
    auto staff = live.identity.ListStaff(tx, merchant);
    if (!staff) return Fail(staff.error());
    for (const auto& s : *staff) {
      if (s.role == identity::Role::kOwner) owner.staff_id = s.id;
    }
    customers::ListFilter f;
    f.limit = 100;
    auto list = live.customers.List(tx, merchant, f);
    if (!list) return Fail(list.error());
    people = std::move(*list);
    return {};
  });
  if (!read) return Fail(read.error());
  if (people.size() < 3 || !owner.staff_id.valid()) return {};

  // Two customers were sent yesterday's promotion (a manual tag's segment).
  auto tagged = db.Write([&](storage::Tx& tx) -> Result<void> {
    auto group = o.tags.CreateGroup(tx, merchant, tags::GroupInput{"触达 Outreach"});
    if (!group) return Fail(group.error());
    tags::TagInput in;
    in.group_id = group->id;
    in.name = "上新试吃";
    auto tag = o.tags.CreateTag(tx, merchant, in);
    if (!tag) return Fail(tag.error());
    workflows::Tagging add{{people[0].id, people[1].id}, {}};
    auto changed = workflows::TagCustomersManually(tx, o.tag_wiring, owner, tag->id, add);
    if (!changed) return Fail(changed.error());
    return {};
  });
  if (!tagged) return Fail(tagged.error());
  auto tags =
      storage::ReadValue(db, [&](storage::Tx& tx) { return o.tags.ListTags(tx, merchant); });
  if (!tags) return Fail(tags.error());
  TagId tasting;
  for (const auto& t : *tags) {
    if (t.name == "上新试吃") tasting = t.id;
  }
  auto few = Segment(db, o, merchant, "上新试吃客户", R"({"tag":")" + EncodeId(tasting) + R"("})");
  if (!few) return Fail(few.error());
  auto everyone =
      Segment(db, o, merchant, "全部客户", R"({"attr":"spent_total","op":"gte","value":0})");
  if (!everyone) return Fail(everyone.error());

  workflows::Draft first{"试吃装上新",
                         "香辣鸭脖试吃装到店，回复即可预留一份。",
                         std::nullopt,
                         *few,
                         outreach::Kind::kPromotional,
                         true,
                         false,
                         std::nullopt};
  if (auto ok = Send(db, o, m, owner, first, at.Now()); !ok) return Fail(ok.error());

  // One customer opted out in the store message centre.
  auto opted = db.Write(
      [&](storage::Tx& tx) { return o.outreach.SetOptOut(tx, merchant, people[2].id, true); });
  if (!opted) return Fail(opted.error());

  at.Advance(kDay);  // today, 10:00: the promotion to everyone
  workflows::Draft second{"湘味礼盒 限时九折",
                          "咸鸭、鸭脖、腊肉一盒装，送客户不丢面子，本周九折。",
                          std::nullopt,
                          *everyone,
                          outreach::Kind::kPromotional,
                          true,
                          false,
                          std::nullopt};
  auto sent = Send(db, o, m, owner, second, at.Now());
  if (!sent) return Fail(sent.error());
  return {};
}

}  // namespace weishang::cli
