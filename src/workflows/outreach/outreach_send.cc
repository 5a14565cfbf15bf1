// The send job: due campaigns, one delivery per customer, exactly once.
#include "core/log.h"
#include "modules/outreach/outreach_errors.h"
#include "queries/shop_time.h"
#include "workflows/outreach/outreach_flows.h"
#include "workflows/outreach/outreach_steps.h"

namespace weishang::workflows {

namespace {

using namespace outreach_steps;
using outreach::SmsOutcome;

constexpr std::size_t kBatch = 100;  // customers per unit of work

// The SMS as the phone shows it: 【shop】title: text.
std::string SmsText(const std::string& shop, const outreach::Campaign& c) {
  return "【" + shop + "】" + c.title + "：" + c.body;
}

struct Loaded {
  outreach::Campaign campaign;
  outreach::Policy policy;
  std::string shop_name;
};

// Sends to one batch of customers inside one unit: for each, the check, the
// delivery (once: a repeat writes nothing more), the ledger line, the SMS.
Result<void> SendBatch(storage::Tx& tx, OutreachWiring& w, Modules& m, MerchantId merchant,
                       const Loaded& l, const std::vector<CustomerId>& batch, Timestamp now) {
  const outreach::Campaign& c = l.campaign;
  for (CustomerId id : batch) {
    auto v = Check(tx, w, m, merchant, l.policy, c.kind, id, now);
    if (!v) return Fail(v.error());
    SmsOutcome sms = SmsOutcome::kNone;
    if (c.sms && !v->skip)
      sms = v->customer.phone.empty() ? SmsOutcome::kNoPhone : SmsOutcome::kSent;
    auto fresh = w.outreach.Deliver(tx, merchant, c.id, id, v->skip, sms);
    if (!fresh) return Fail(fresh.error());
    if (!*fresh || v->skip) continue;
    bool by_sms = sms == SmsOutcome::kSent;
    outreach::Contact contact{id, c.kind, "campaign:" + EncodeId(c.id),
                              outreach::ChannelsText(by_sms, c.wecom), now};
    auto logged = w.outreach.RecordContact(tx, merchant, contact);
    if (!logged) return Fail(logged.error());
    if (by_sms) {
      if (w.sms == nullptr) {
        return Fail(Error{ErrorKind::kUnavailable, outreach::errors::kChannelUnavailable,
                          "the campaign asks for SMS and no provider is configured"});
      }
      sms::OutgoingSms text{v->customer.phone,
                            "outreach_" + std::string(TextOf(outreach::kKindText, c.kind)),
                            SmsText(l.shop_name, c)};
      if (auto ok = w.sms->Send(tx, merchant, text); !ok) return Fail(ok.error());
    }
    if (c.wecom) {
      if (w.wecom == nullptr) {
        return Fail(Error{ErrorKind::kUnavailable, outreach::errors::kChannelUnavailable,
                          "the campaign asks for WeCom and it is not connected"});
      }
      auto ok = w.wecom->Send(tx, merchant, outreach::WeComMessage{id, c.title, c.body});
      if (!ok) return Fail(ok.error());
    }
  }
  return {};
}

}  // namespace

Result<bool> SendCampaign(storage::Database& db, OutreachWiring& w, Modules& m, MerchantId merchant,
                          CampaignId id, Timestamp now) {
  Loaded l;
  std::optional<tags::Segment> segment;
  auto read = db.Read([&](storage::Tx& tx) -> Result<void> {
    auto c = w.outreach.GetCampaign(tx, merchant, id, std::nullopt);
    if (!c) return Fail(c.error());
    l.campaign = std::move(*c);
    auto p = w.outreach.GetPolicy(tx, merchant);
    if (!p) return Fail(p.error());
    l.policy = *p;
    auto shop = m.identity.GetMerchant(tx, merchant);
    if (!shop) return Fail(shop.error());
    l.shop_name = shop->name;
    auto s = w.tags.tags.GetSegment(tx, merchant, l.campaign.segment);
    if (!s) return Fail(s.error());
    segment = std::move(*s);
    return {};
  });
  if (!read) return Fail(read.error());
  outreach::Campaign& c = l.campaign;
  if (c.status == outreach::Status::kScheduled) {
    // Quiet hours as the policy is now (it may have changed since the campaign was made).
    int minute = static_cast<int>(((now + queries::kShopUtcOffset) % kDay) / kMinute);
    if (c.send_at > now || outreach::InQuietHours(l.policy, minute)) return false;
    auto claimed = storage::WriteValue(
        db, [&](storage::Tx& tx) { return w.outreach.Claim(tx, merchant, id); });
    if (!claimed) return Fail(claimed.error());
    if (!*claimed) return false;  // cancelled, or another sender has it
  } else if (c.status != outreach::Status::kSending) {
    return false;
  }
  tags::Scope scope{c.owner_scope};
  auto audience = Audience(w, merchant, *segment, scope, now);
  if (!audience) return Fail(audience.error());
  for (std::size_t at = 0; at < audience->size(); at += kBatch) {
    std::vector<CustomerId> batch(
        audience->begin() + static_cast<std::ptrdiff_t>(at),
        audience->begin() + static_cast<std::ptrdiff_t>(std::min(at + kBatch, audience->size())));
    auto ok =
        db.Write([&](storage::Tx& tx) { return SendBatch(tx, w, m, merchant, l, batch, now); });
    if (!ok) return Fail(ok.error());
  }
  auto done = storage::WriteValue(db, [&](storage::Tx& tx) {
    return w.outreach.Finish(tx, merchant, id, static_cast<std::int64_t>(audience->size()));
  });
  if (!done) return Fail(done.error());
  return *done;
}

Result<JobTally> SendDueCampaigns(storage::Database& db, OutreachWiring& w, Modules& m,
                                  Timestamp now) {
  auto due = storage::ReadValue(db, [&](storage::Tx& tx) { return w.outreach.Due(tx, now, 10); });
  if (!due) return Fail(due.error());
  JobTally tally;
  for (const auto& [merchant, id] : *due) {
    auto sent = SendCampaign(db, w, m, merchant, id, now);
    if (!sent) {
      // One campaign's failure (a missing provider) must not hold the others back.
      LogWarn("outreach send failed: " + EncodeId(id) + " " + sent.error().code);
      ++tally.conflicts;
      continue;
    }
    if (*sent) ++tally.handled;
  }
  return tally;
}

Job OutreachJob(OutreachWiring& w) {
  return Job{"send_outreach", [&w](storage::Database& db, Modules& m, Timestamp now) {
               return SendDueCampaigns(db, w, m, now);
             }};
}

}  // namespace weishang::workflows
