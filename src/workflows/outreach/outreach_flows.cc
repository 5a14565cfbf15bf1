#include "workflows/outreach/outreach_flows.h"

#include "modules/catalog/catalog_errors.h"
#include "modules/customers/customers_errors.h"
#include "modules/outreach/outreach_errors.h"
#include "modules/sms/sms_errors.h"
#include "modules/tags/tags_errors.h"
#include "queries/shop_time.h"
#include "workflows/outreach/outreach_steps.h"

namespace weishang::workflows {
namespace {

using outreach::Kind;
using outreach::SkipReason;
namespace errors = outreach::errors;

constexpr std::size_t kPage = 1000;  // audience members read at a time
constexpr int kSample = 20;

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

std::string NameOf(const customers::Customer& c) {
  return c.remark_name.empty() ? c.display_name : c.remark_name;
}

}  // namespace

namespace outreach_steps {

Result<std::vector<CustomerId>> Audience(OutreachWiring& w, MerchantId merchant,
                                         const tags::Segment& segment, const tags::Scope& scope,
                                         Timestamp now) {
  std::vector<CustomerId> out;
  std::optional<tags::Ordinal> before;
  while (true) {
    auto answer = w.tags.index.Evaluate(merchant, segment.expression, scope, now, before, kPage);
    if (!answer) return Fail(answer.error());
    for (const auto& member : answer->page) out.push_back(member.customer_id);
    if (answer->page.size() < kPage) break;
    before = answer->page.back().ordinal;
  }
  return out;
}

Result<tags::Segment> ActiveSegment(storage::Tx& tx, OutreachWiring& w, MerchantId merchant,
                                    SegmentId id) {
  auto s = w.tags.tags.GetSegment(tx, merchant, id);
  if (!s) return Fail(s.error());
  if (s->status != tags::Status::kActive) return Fail(Bad("the segment is archived"));
  return s;
}

Result<Verdict> Check(storage::Tx& tx, OutreachWiring& w, Modules& m, MerchantId merchant,
                      const outreach::Policy& policy, Kind kind, CustomerId id, Timestamp at) {
  Verdict v;
  auto c = m.customers.Get(tx, merchant, id);
  if (!c) {
    if (c.error().code != customers::errors::kNotFound) return Fail(c.error());
    v.skip = SkipReason::kErased;
    return v;
  }
  v.customer = std::move(*c);
  // Get follows a merge to the record kept: the kept record is in the
  // audience itself if the segment selects it.
  if (v.customer.id != id) {
    v.skip = SkipReason::kMerged;
    return v;
  }
  if (v.customer.erased_at) {
    v.skip = SkipReason::kErased;
    return v;
  }
  if (kind != Kind::kPromotional) return v;  // service messages: no opt-out, no budget
  auto out = w.outreach.OptedOut(tx, merchant, id);
  if (!out) return Fail(out.error());
  if (*out) {
    v.skip = SkipReason::kOptedOut;
    return v;
  }
  // A month and the gap fit in the last 32 shop days.
  std::int64_t today = queries::ShopDay(at);
  auto past = w.outreach.ContactsSince(tx, merchant, id, Kind::kPromotional,
                                       queries::ShopDayStart(today - 32));
  if (!past) return Fail(past.error());
  std::vector<std::int64_t> days;
  for (const auto& contact : *past) days.push_back(queries::ShopDay(contact.at));
  switch (outreach::CheckBudget(policy, days, today)) {
    case outreach::BudgetVerdict::kAllowed:
      break;
    case outreach::BudgetVerdict::kTooSoon:
      v.skip = SkipReason::kBudgetGap;
      break;
    case outreach::BudgetVerdict::kMonthFull:
      v.skip = SkipReason::kBudgetMonth;
      break;
  }
  return v;
}

Result<Checked> CheckDraft(storage::Tx& tx, OutreachWiring& w, Modules& m, MerchantId merchant,
                           const Draft& d) {
  if (d.sms && w.sms == nullptr) {
    return Fail(Error{ErrorKind::kUnavailable, errors::kChannelUnavailable,
                      "no SMS provider is configured"});
  }
  if (d.wecom && w.wecom == nullptr) {
    return Fail(
        Error{ErrorKind::kUnavailable, errors::kChannelUnavailable, "WeCom is not connected yet"});
  }
  Checked out;
  auto segment = ActiveSegment(tx, w, merchant, d.segment);
  if (!segment) return Fail(segment.error());
  out.segment = std::move(*segment);
  if (d.product) {
    auto p = m.catalog.GetProduct(tx, merchant, *d.product);
    if (!p) return Fail(p.error());
  }
  auto policy = w.outreach.GetPolicy(tx, merchant);
  if (!policy) return Fail(policy.error());
  out.policy = *policy;
  Timestamp now = m.clock.Now();
  Timestamp asked = d.scheduled_at.value_or(now);
  if (asked < now - kMinute) return Fail(Bad("scheduled_at is in the past"));
  if (asked > now + 90 * kDay) return Fail(Bad("scheduled_at is more than 90 days ahead"));
  out.send_at =
      outreach::DeferPastQuietHours(out.policy, std::max(asked, now), queries::kShopUtcOffset);
  out.deferred = out.send_at != std::max(asked, now);
  return out;
}

}  // namespace outreach_steps

using namespace outreach_steps;

Result<Preview> PreviewCampaign(storage::Database& db, OutreachWiring& w, Modules& m,
                                const identity::Principal& who, const Draft& d) {
  MerchantId merchant = who.merchant_id;
  auto checked =
      storage::ReadValue(db, [&](storage::Tx& tx) { return CheckDraft(tx, w, m, merchant, d); });
  if (!checked) return Fail(checked.error());
  auto audience = Audience(w, merchant, checked->segment, ScopeOf(who), m.clock.Now());
  if (!audience) return Fail(audience.error());
  Preview p;
  p.audience = static_cast<std::int64_t>(audience->size());
  p.send_at = checked->send_at;
  p.deferred = checked->deferred;
  auto ok = db.Read([&](storage::Tx& tx) -> Result<void> {
    for (CustomerId id : *audience) {
      auto v = Check(tx, w, m, merchant, checked->policy, d.kind, id, p.send_at);
      if (!v) return Fail(v.error());
      if (v->skip) {
        ++p.skipped[*v->skip];
        if (static_cast<int>(p.sample.size()) < kSample) {
          p.sample.push_back({id, NameOf(v->customer), *v->skip});
        }
        continue;
      }
      ++p.reach;
      if (d.sms) ++(v->customer.phone.empty() ? p.sms_no_phone : p.sms_reach);
    }
    return {};
  });
  if (!ok) return Fail(ok.error());
  return p;
}

Result<outreach::Campaign> CreateCampaign(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                          const identity::Principal& who, const Draft& d) {
  auto checked = CheckDraft(tx, w, m, who.merchant_id, d);
  if (!checked) return Fail(checked.error());
  outreach::CampaignInput in;
  in.title = d.title;
  in.body = d.body;
  in.product = d.product;
  in.segment = d.segment;
  in.kind = d.kind;
  in.sms = d.sms;
  in.wecom = d.wecom;
  in.scheduled_at = d.scheduled_at.value_or(m.clock.Now());
  in.send_at = checked->send_at;
  if (!identity::SeesAllCustomers(who.role)) in.owner_scope = who.staff_id;
  in.created_by = who.staff_id;
  return w.outreach.CreateCampaign(tx, who.merchant_id, in);
}

Result<CampaignView> LoadCampaign(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                  const identity::Principal& who, CampaignId id) {
  auto only = identity::OwnedCustomersOnly(who);
  auto c = w.outreach.GetCampaign(tx, who.merchant_id, id, only);
  if (!c) return Fail(c.error());
  CampaignView v;
  v.campaign = std::move(*c);
  auto segment = w.tags.tags.GetSegment(tx, who.merchant_id, v.campaign.segment);
  if (segment) v.segment_name = segment->name;  // an unknown one shows no name
  auto stats = w.outreach.Stats(tx, who.merchant_id, id);
  if (!stats) return Fail(stats.error());
  v.stats = std::move(*stats);
  auto skipped = w.outreach.Deliveries(tx, who.merchant_id, id, false, kSample);
  if (!skipped) return Fail(skipped.error());
  for (const auto& s : *skipped) {
    auto customer = m.customers.Get(tx, who.merchant_id, s.customer);
    std::string name = customer ? NameOf(*customer) : "";
    v.skipped_sample.push_back({s.customer, name, s.reason.value_or(SkipReason::kErased)});
  }
  auto reached = w.outreach.Deliveries(tx, who.merchant_id, id, true, 50);
  if (!reached) return Fail(reached.error());
  for (const auto& r : *reached) {
    auto customer = m.customers.Get(tx, who.merchant_id, r.customer);
    v.reached_sample.push_back({r.customer, customer ? NameOf(*customer) : "", r.sms});
  }
  return v;
}

Result<outreach::SpamReport> ReportSpam(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                        const identity::Principal& who, CampaignId campaign,
                                        CustomerId customer, outreach::SpamKind kind) {
  auto only = identity::OwnedCustomersOnly(who);
  auto c = w.outreach.GetCampaign(tx, who.merchant_id, campaign, only);
  if (!c) return Fail(c.error());
  auto person = m.customers.Get(tx, who.merchant_id, customer);
  if (!person) return Fail(person.error());
  if (only && person->owner_staff_id != only) {
    return Fail(NotFound(customers::errors::kNotFound, "no such customer"));
  }
  auto reached = w.outreach.Reached(tx, who.merchant_id, campaign, customer);
  if (!reached) return Fail(reached.error());
  if (!*reached) {
    return Fail(Invalid(errors::kNotDelivered, "the campaign did not reach this customer"));
  }
  return w.outreach.ReportSpam(tx, who.merchant_id, campaign, customer, kind, who.staff_id);
}

Result<Inbox> LoadInbox(storage::Tx& tx, OutreachWiring& w, MerchantId merchant,
                        CustomerId customer, std::optional<DeliveryId> before, int limit) {
  Inbox out;
  auto list = w.outreach.Messages(tx, merchant, customer, before, limit);
  if (!list) return Fail(list.error());
  out.messages = std::move(*list);
  auto unread = w.outreach.Unread(tx, merchant, customer);
  if (!unread) return Fail(unread.error());
  out.unread = *unread;
  auto opted = w.outreach.OptedOut(tx, merchant, customer);
  if (!opted) return Fail(opted.error());
  out.opted_out = *opted;
  return out;
}

}  // namespace weishang::workflows
