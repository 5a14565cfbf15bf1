// Outreach across modules: the audience of a campaign (a saved segment
// through tags::SegmentIndex, in the creator's scope: staff reach only the
// customers they own), the check of each customer (erased, merged, opted
// out of promotions, over the contact budget), the preview of who will be
// reached and who skipped and why, the send job (store message centre
// always, SMS through sms::SmsProvider, WeCom through outreach::WeComProvider
// when one is wired), staff reports of blocks and deletions, and the
// customer's store message centre. Quiet hours defer a campaign to their
// end; see modules/outreach/README.md for the rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/identity/identity.h"
#include "modules/outreach/outreach.h"
#include "modules/outreach/wecom.h"
#include "modules/sms/sms.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::workflows {

// The outreach module's objects and the providers, built once by the registry.
struct OutreachWiring {
  outreach::OutreachService& outreach;
  TagWiring& tags;
  sms::SmsProvider* sms = nullptr;           // null: no SMS channel
  outreach::WeComProvider* wecom = nullptr;  // null until a real adapter exists
};

// What the console composes.
struct Draft {
  std::string title, body;
  std::optional<ProductId> product;
  SegmentId segment;
  outreach::Kind kind = outreach::Kind::kPromotional;
  bool sms = false;
  bool wecom = false;
  std::optional<Timestamp> scheduled_at;  // none: now
};

struct SkippedCustomer {
  CustomerId id;
  std::string name;  // remark name, else display name
  outreach::SkipReason reason;
};

// Who a draft would reach if sent at `send_at`.
struct Preview {
  std::int64_t audience = 0;  // customers the segment selects in the caller's scope
  std::int64_t reach = 0;     // of them, those the message centre would reach
  std::int64_t sms_reach = 0, sms_no_phone = 0;  // when SMS is asked
  std::map<outreach::SkipReason, std::int64_t> skipped;
  std::vector<SkippedCustomer> sample;  // the first 20 skipped
  Timestamp send_at = 0;                // the time asked, past quiet hours
  bool deferred = false;                // moved by quiet hours
};

// The preview of `d` for `who`. tags.segment_not_found (404),
// outreach.invalid_field (a time in the past, an archived segment),
// catalog.product_not_found, outreach.channel_unavailable (503).
Result<Preview> PreviewCampaign(storage::Database& db, OutreachWiring& w, Modules& m,
                                const identity::Principal& who, const Draft& d);

// Schedules `d` (the same checks as the preview, and the title and text's:
// outreach.invalid_field). The send job sends it once due.
Result<outreach::Campaign> CreateCampaign(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                          const identity::Principal& who, const Draft& d);

// A campaign with its reach, skips and spam reports, and a sample of the
// skipped customers (the console's campaign page).
struct CampaignView {
  outreach::Campaign campaign;
  std::string segment_name;
  outreach::CampaignStats stats;
  std::vector<SkippedCustomer> skipped_sample;  // the latest 20 skipped
  struct Reached {
    CustomerId id;
    std::string name;
    outreach::SmsOutcome sms = outreach::SmsOutcome::kNone;
  };
  std::vector<Reached> reached_sample;  // the latest 50 reached (to report a block against)
};
Result<CampaignView> LoadCampaign(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                  const identity::Principal& who, CampaignId id);

// Records that `customer` blocked or deleted the staff after the campaign:
// the campaign must have reached them (outreach.not_delivered, 422) and the
// caller must see them (customers.not_found). Once per kind.
Result<outreach::SpamReport> ReportSpam(storage::Tx& tx, OutreachWiring& w, Modules& m,
                                        const identity::Principal& who, CampaignId campaign,
                                        CustomerId customer, outreach::SpamKind kind);

// Sends one due campaign at `now`: claims it (scheduled -> sending, a
// conditional update: one sender), writes a delivery per customer of its
// audience in units of 100 (the delivery's unique key makes a retry or a
// second run skip those done), then marks it sent. Waits (returns false)
// while the shop is in quiet hours or the campaign is not due.
Result<bool> SendCampaign(storage::Database& db, OutreachWiring& w, Modules& m, MerchantId merchant,
                          CampaignId id, Timestamp now);

// The "send_outreach" job: every due campaign, oldest first, 10 per tick.
Result<JobTally> SendDueCampaigns(storage::Database& db, OutreachWiring& w, Modules& m,
                                  Timestamp now);
Job OutreachJob(OutreachWiring& w);

// The store message centre: the customer's messages (newest first), how
// many are unread, and whether they opted out of promotions.
struct Inbox {
  std::vector<outreach::Message> messages;
  std::int64_t unread = 0;
  bool opted_out = false;
};
Result<Inbox> LoadInbox(storage::Tx& tx, OutreachWiring& w, MerchantId merchant,
                        CustomerId customer, std::optional<DeliveryId> before, int limit);

}  // namespace weishang::workflows
