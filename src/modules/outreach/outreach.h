// Outreach: messages from the shop to a saved segment of customers, without
// spam. Owns campaigns, their deliveries (one per customer per campaign; a
// sent one is a message in the customer's store message centre), the
// contact ledger every message to a customer is recorded in, whatever its
// kind or source, the customers' opt-outs from promotions, staff reports of
// customers who blocked or deleted them after a campaign, and the merchant's
// contact policy (budget.h). Customers, segments, staff and products are
// ids; choosing the audience and sending through providers is the
// workflow's work (workflows/outreach). Writes take the caller's Tx.
// Stateless apart from the clock and the id generator; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "modules/outreach/budget.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::outreach {

using storage::Tx;

enum class Kind { kPromotional, kService };
inline constexpr EnumText<Kind> kKindText[] = {{Kind::kPromotional, "promotional"},
                                               {Kind::kService, "service"}};

enum class Status { kScheduled, kSending, kSent, kCancelled };
inline constexpr EnumText<Status> kStatusText[] = {{Status::kScheduled, "scheduled"},
                                                   {Status::kSending, "sending"},
                                                   {Status::kSent, "sent"},
                                                   {Status::kCancelled, "cancelled"}};

// Why a customer of the audience got nothing.
enum class SkipReason { kOptedOut, kBudgetGap, kBudgetMonth, kErased, kMerged };
inline constexpr EnumText<SkipReason> kSkipReasonText[] = {
    {SkipReason::kOptedOut, "opted_out"},
    {SkipReason::kBudgetGap, "budget_gap"},
    {SkipReason::kBudgetMonth, "budget_month"},
    {SkipReason::kErased, "erased"},
    {SkipReason::kMerged, "merged"}};

enum class SpamKind { kBlocked, kDeleted };
inline constexpr EnumText<SpamKind> kSpamKindText[] = {{SpamKind::kBlocked, "blocked"},
                                                       {SpamKind::kDeleted, "deleted"}};

// What a delivery did on the SMS channel.
enum class SmsOutcome { kNone, kSent, kNoPhone };
inline constexpr EnumText<SmsOutcome> kSmsOutcomeText[] = {
    {SmsOutcome::kNone, ""}, {SmsOutcome::kSent, "sent"}, {SmsOutcome::kNoPhone, "no_phone"}};

struct CampaignInput {
  std::string title;  // 1-60 characters
  std::string body;   // 1-500 characters
  std::optional<ProductId> product;
  SegmentId segment;
  Kind kind = Kind::kPromotional;
  bool sms = false;                    // also by SMS (the message centre always)
  bool wecom = false;                  // also by WeCom (wecom.h)
  Timestamp scheduled_at = 0;          // asked for
  Timestamp send_at = 0;               // when it goes (past quiet hours)
  std::optional<StaffId> owner_scope;  // only this member's customers
  StaffId created_by;
};

struct Campaign {
  CampaignId id;
  std::string title, body;
  std::optional<ProductId> product;
  SegmentId segment;
  Kind kind = Kind::kPromotional;
  bool sms = false, wecom = false;
  Status status = Status::kScheduled;
  Timestamp scheduled_at = 0, send_at = 0;
  std::optional<StaffId> owner_scope;
  StaffId created_by;
  std::int64_t audience = 0;  // customers the segment selected at sending
  Timestamp created_at = 0, updated_at = 0;
  std::optional<Timestamp> sent_at;
};

// A campaign's cost and reach: how many got it, were skipped (per reason),
// got the SMS or had no phone, and the blocks and deletions staff recorded.
struct CampaignStats {
  std::int64_t reached = 0;
  std::map<SkipReason, std::int64_t> skipped;
  std::int64_t sms_sent = 0, sms_no_phone = 0;
  std::int64_t blocked = 0, deleted = 0;
};

struct Delivery {
  DeliveryId id;
  CampaignId campaign;
  CustomerId customer;
  bool sent = false;
  std::optional<SkipReason> reason;  // skipped
  SmsOutcome sms = SmsOutcome::kNone;
  Timestamp created_at = 0;
  std::optional<Timestamp> read_at;
};

// One line of the contact ledger.
struct Contact {
  CustomerId customer;
  Kind kind = Kind::kPromotional;
  std::string source;    // what sent it, once per customer: "campaign:cmp_…"
  std::string channels;  // "message", "message,sms"
  Timestamp at = 0;
};

struct SpamReport {
  SpamReportId id;
  CampaignId campaign;
  CustomerId customer;
  SpamKind kind = SpamKind::kBlocked;
  StaffId staff;
  Timestamp created_at = 0;
};

// A message in a customer's store message centre.
struct Message {
  DeliveryId id;
  CampaignId campaign;
  Kind kind = Kind::kPromotional;
  std::string title, body;
  std::optional<ProductId> product;
  Timestamp created_at = 0;
  std::optional<Timestamp> read_at;
};

// The channels as stored and shown: "message", "message,sms", "message,sms,wecom".
std::string ChannelsText(bool sms, bool wecom);

class OutreachService {
 public:
  OutreachService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- policy ---
  // The merchant's policy, the defaults when it never set one.
  Result<Policy> GetPolicy(Tx& tx, MerchantId merchant);
  // outreach.invalid_field (422): gap_days 0-30, monthly_cap 0-31, quiet
  // minutes 0-1439.
  Result<Policy> SetPolicy(Tx& tx, MerchantId merchant, const Policy& p);

  // --- campaigns (campaigns.cc) ---
  // A scheduled campaign. outreach.invalid_field for a bad title or body.
  Result<Campaign> CreateCampaign(Tx& tx, MerchantId merchant, const CampaignInput& in);
  // outreach.campaign_not_found (404), also for another member's campaign
  // when `only_creator` is set.
  Result<Campaign> GetCampaign(Tx& tx, MerchantId merchant, CampaignId id,
                               std::optional<StaffId> only_creator);
  // Newest first, below `after` (invalid: from the newest).
  Result<std::vector<Campaign>> ListCampaigns(Tx& tx, MerchantId merchant,
                                              std::optional<StaffId> only_creator, CampaignId after,
                                              int limit);
  // A scheduled campaign stops; outreach.not_scheduled (409) once sending.
  Result<Campaign> Cancel(Tx& tx, MerchantId merchant, CampaignId id,
                          std::optional<StaffId> only_creator);
  // Campaigns of every merchant that are due at `now` (scheduled, send_at
  // passed) or were left sending; oldest first, at most `limit`. (merchant, id).
  Result<std::vector<std::pair<MerchantId, CampaignId>>> Due(Tx& tx, Timestamp now, int limit);
  // scheduled -> sending. False when it was not scheduled (someone else
  // claimed it, or it was cancelled): a conditional update.
  Result<bool> Claim(Tx& tx, MerchantId merchant, CampaignId id);
  // sending -> sent, with the audience counted. False when it was not sending.
  Result<bool> Finish(Tx& tx, MerchantId merchant, CampaignId id, std::int64_t audience);

  // --- deliveries, ledger, opt-outs, spam (deliveries.cc) ---
  // Records what the campaign did for the customer. Once per (campaign,
  // customer): returns false, writing nothing, when it was recorded before.
  Result<bool> Deliver(Tx& tx, MerchantId merchant, CampaignId campaign, CustomerId customer,
                       std::optional<SkipReason> skipped, SmsOutcome sms);
  // The campaign's deliveries, skipped or sent, newest first, at most `limit`.
  Result<std::vector<Delivery>> Deliveries(Tx& tx, MerchantId merchant, CampaignId campaign,
                                           bool sent, int limit);
  // Whether the campaign reached the customer (a sent delivery).
  Result<bool> Reached(Tx& tx, MerchantId merchant, CampaignId campaign, CustomerId customer);
  Result<CampaignStats> Stats(Tx& tx, MerchantId merchant, CampaignId campaign);

  // Adds a line to the contact ledger; once per (customer, source): false
  // when it was there.
  Result<bool> RecordContact(Tx& tx, MerchantId merchant, const Contact& c);
  // The customer's contacts of `kind` at or after `since`, oldest first.
  Result<std::vector<Contact>> ContactsSince(Tx& tx, MerchantId merchant, CustomerId customer,
                                             Kind kind, Timestamp since);

  Result<bool> OptedOut(Tx& tx, MerchantId merchant, CustomerId customer);
  Result<void> SetOptOut(Tx& tx, MerchantId merchant, CustomerId customer, bool opted_out);

  // A block or deletion after a campaign, once per (campaign, customer,
  // kind): a repeat answers the report made first.
  Result<SpamReport> ReportSpam(Tx& tx, MerchantId merchant, CampaignId campaign,
                                CustomerId customer, SpamKind kind, StaffId staff);

  // --- the store message centre (inbox.cc) ---
  // The customer's messages, newest first, below `before`, at most `limit`.
  Result<std::vector<Message>> Messages(Tx& tx, MerchantId merchant, CustomerId customer,
                                        std::optional<DeliveryId> before, int limit);
  Result<std::int64_t> Unread(Tx& tx, MerchantId merchant, CustomerId customer);
  // Marks the customer's message read (read stays read) and returns it;
  // outreach.message_not_found (404) for another's or an unknown one.
  Result<Message> MarkRead(Tx& tx, MerchantId merchant, CustomerId customer, DeliveryId id);

 private:
  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::outreach
