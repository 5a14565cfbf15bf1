// Deliveries, the contact ledger, opt-outs and spam reports.
#include "modules/outreach/outreach.h"
#include "modules/outreach/outreach_errors.h"

namespace weishang::outreach {

Result<bool> OutreachService::Deliver(Tx& tx, MerchantId merchant, CampaignId campaign,
                                      CustomerId customer, std::optional<SkipReason> skipped,
                                      SmsOutcome sms) {
  // The unique key (merchant, campaign, customer) is what makes a campaign
  // reach a customer once, whoever runs the send and however often.
  auto ok = tx.Exec(
      "INSERT INTO outreach_delivery (id, merchant_id, campaign_id, customer_id, outcome, reason,"
      " sms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (merchant_id, campaign_id, customer_id) DO NOTHING",
      {ids_.Next<DeliveryId>(), merchant, campaign, customer, skipped ? "skipped" : "sent",
       skipped ? TextOf(kSkipReasonText, *skipped) : std::string_view(""),
       TextOf(kSmsOutcomeText, sms), clock_.Now()});
  if (!ok) return Fail(ok.error());
  return *ok == 1;
}

Result<std::vector<Delivery>> OutreachService::Deliveries(Tx& tx, MerchantId merchant,
                                                          CampaignId campaign, bool sent,
                                                          int limit) {
  auto rows = tx.Query(
      "SELECT id, campaign_id, customer_id, outcome, reason, sms, created_at, read_at FROM"
      " outreach_delivery WHERE merchant_id = ? AND campaign_id = ? AND outcome = ?"
      " ORDER BY id DESC LIMIT ?",
      {merchant, campaign, sent ? "sent" : "skipped", limit});
  if (!rows) return Fail(rows.error());
  std::vector<Delivery> out;
  for (const auto& r : *rows) {
    Delivery d;
    d.id = r.IdAt(0);
    d.campaign = r.IdAt(1);
    d.customer = r.IdAt(2);
    d.sent = r.Str(3) == "sent";
    d.reason = FromText(kSkipReasonText, r.Str(4));
    d.sms = FromText(kSmsOutcomeText, r.Str(5)).value_or(SmsOutcome::kNone);
    d.created_at = r.Int(6);
    d.read_at = r.OptInt(7);
    out.push_back(d);
  }
  return out;
}

Result<bool> OutreachService::Reached(Tx& tx, MerchantId merchant, CampaignId campaign,
                                      CustomerId customer) {
  auto row = tx.QueryOne(
      "SELECT 1 FROM outreach_delivery WHERE merchant_id = ? AND campaign_id = ? AND"
      " customer_id = ? AND outcome = 'sent'",
      {merchant, campaign, customer});
  if (!row) return Fail(row.error());
  return row->has_value();
}

Result<CampaignStats> OutreachService::Stats(Tx& tx, MerchantId merchant, CampaignId campaign) {
  CampaignStats s;
  auto rows = tx.Query(
      "SELECT outcome, reason, sms, COUNT(*) FROM outreach_delivery WHERE merchant_id = ? AND"
      " campaign_id = ? GROUP BY outcome, reason, sms",
      {merchant, campaign});
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    std::int64_t n = r.Int(3);
    if (r.Str(0) == "sent") {
      s.reached += n;
      auto sms = FromText(kSmsOutcomeText, r.Str(2)).value_or(SmsOutcome::kNone);
      if (sms == SmsOutcome::kSent) s.sms_sent += n;
      if (sms == SmsOutcome::kNoPhone) s.sms_no_phone += n;
    } else if (auto reason = FromText(kSkipReasonText, r.Str(1))) {
      s.skipped[*reason] += n;
    }
  }
  auto spam = tx.Query(
      "SELECT kind, COUNT(*) FROM outreach_spam WHERE merchant_id = ? AND campaign_id = ?"
      " GROUP BY kind",
      {merchant, campaign});
  if (!spam) return Fail(spam.error());
  for (const auto& r : *spam) {
    if (r.Str(0) == "blocked") s.blocked = r.Int(1);
    if (r.Str(0) == "deleted") s.deleted = r.Int(1);
  }
  return s;
}

Result<bool> OutreachService::RecordContact(Tx& tx, MerchantId merchant, const Contact& c) {
  auto ok = tx.Exec(
      "INSERT INTO outreach_contact (id, merchant_id, customer_id, kind, source, channels,"
      " contacted_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (merchant_id, customer_id, source) DO NOTHING",
      {ids_.Next(), merchant, c.customer, TextOf(kKindText, c.kind), c.source, c.channels,
       c.at ? c.at : clock_.Now()});
  if (!ok) return Fail(ok.error());
  return *ok == 1;
}

Result<std::vector<Contact>> OutreachService::ContactsSince(Tx& tx, MerchantId merchant,
                                                            CustomerId customer, Kind kind,
                                                            Timestamp since) {
  auto rows = tx.Query(
      "SELECT source, channels, contacted_at FROM outreach_contact WHERE merchant_id = ? AND"
      " customer_id = ? AND kind = ? AND contacted_at >= ? ORDER BY contacted_at, id",
      {merchant, customer, TextOf(kKindText, kind), since});
  if (!rows) return Fail(rows.error());
  std::vector<Contact> out;
  for (const auto& r : *rows) out.push_back(Contact{customer, kind, r.Str(0), r.Str(1), r.Int(2)});
  return out;
}

Result<bool> OutreachService::OptedOut(Tx& tx, MerchantId merchant, CustomerId customer) {
  auto row =
      tx.QueryOne("SELECT opted_out FROM outreach_optout WHERE merchant_id = ? AND customer_id = ?",
                  {merchant, customer});
  if (!row) return Fail(row.error());
  return *row && (**row).Int(0) == 1;
}

Result<void> OutreachService::SetOptOut(Tx& tx, MerchantId merchant, CustomerId customer,
                                        bool opted_out) {
  auto ok = tx.Exec(
      "INSERT INTO outreach_optout (merchant_id, customer_id, opted_out, updated_at)"
      " VALUES (?, ?, ?, ?) ON CONFLICT (merchant_id, customer_id) DO UPDATE SET"
      " opted_out = excluded.opted_out, updated_at = excluded.updated_at",
      {merchant, customer, opted_out ? 1 : 0, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<SpamReport> OutreachService::ReportSpam(Tx& tx, MerchantId merchant, CampaignId campaign,
                                               CustomerId customer, SpamKind kind, StaffId staff) {
  SpamReport s{ids_.Next<SpamReportId>(), campaign, customer, kind, staff, clock_.Now()};
  auto ok = tx.Exec(
      "INSERT INTO outreach_spam (id, merchant_id, campaign_id, customer_id, kind, staff_id,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (merchant_id, campaign_id, customer_id, kind) DO NOTHING",
      {s.id, merchant, campaign, customer, TextOf(kSpamKindText, kind), staff, s.created_at});
  if (!ok) return Fail(ok.error());
  if (*ok == 1) return s;
  auto row = tx.QueryOne(
      "SELECT id, staff_id, created_at FROM outreach_spam WHERE merchant_id = ? AND"
      " campaign_id = ? AND customer_id = ? AND kind = ?",
      {merchant, campaign, customer, TextOf(kSpamKindText, kind)});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Internal("outreach.spam_lost", "a spam report vanished"));
  s.id = (**row).IdAt(0);
  s.staff = (**row).IdAt(1);
  s.created_at = (**row).Int(2);
  return s;
}

}  // namespace weishang::outreach
