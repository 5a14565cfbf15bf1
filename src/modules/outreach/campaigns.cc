// Campaigns and the merchant's contact policy.
#include "core/utf8.h"
#include "modules/outreach/outreach.h"
#include "modules/outreach/outreach_errors.h"

namespace weishang::outreach {
namespace {

constexpr const char* kColumns =
    "id, title, body, product_id, segment_id, kind, channels, status, scheduled_at, send_at,"
    " owner_scope, created_by, audience, created_at, updated_at, sent_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }
Error NoCampaign() { return NotFound(errors::kCampaignNotFound, "no such campaign"); }

Campaign FromRow(const storage::Row& r) {
  Campaign c;
  c.id = r.IdAt(0);
  c.title = r.Str(1);
  c.body = r.Str(2);
  c.product = r.OptIdAt(3);
  c.segment = r.IdAt(4);
  c.kind = FromText(kKindText, r.Str(5)).value_or(Kind::kPromotional);
  std::string channels = r.Str(6);
  c.sms = channels.find(",sms") != std::string::npos;
  c.wecom = channels.find(",wecom") != std::string::npos;
  c.status = FromText(kStatusText, r.Str(7)).value_or(Status::kScheduled);
  c.scheduled_at = r.Int(8);
  c.send_at = r.Int(9);
  c.owner_scope = r.OptIdAt(10);
  c.created_by = r.IdAt(11);
  c.audience = r.Int(12);
  c.created_at = r.Int(13);
  c.updated_at = r.Int(14);
  c.sent_at = r.OptInt(15);
  return c;
}

bool InRange(int v, int lo, int hi) { return v >= lo && v <= hi; }

}  // namespace

std::string ChannelsText(bool sms, bool wecom) {
  std::string out = "message";
  if (sms) out += ",sms";
  if (wecom) out += ",wecom";
  return out;
}

Result<Policy> OutreachService::GetPolicy(Tx& tx, MerchantId merchant) {
  auto row = tx.QueryOne(
      "SELECT gap_days, monthly_cap, quiet_start, quiet_end FROM outreach_policy"
      " WHERE merchant_id = ?",
      {merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Policy{};
  const auto& r = **row;
  return Policy{static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)),
                static_cast<int>(r.Int(3))};
}

Result<Policy> OutreachService::SetPolicy(Tx& tx, MerchantId merchant, const Policy& p) {
  if (!InRange(p.gap_days, 0, 30)) return Fail(Bad("gap_days is 0-30"));
  if (!InRange(p.monthly_cap, 0, 31)) return Fail(Bad("monthly_cap is 0-31 (0: days of month)"));
  if (!InRange(p.quiet_start, 0, 1439) || !InRange(p.quiet_end, 0, 1439)) {
    return Fail(Bad("quiet hours are minutes of the day, 0-1439"));
  }
  auto ok = tx.Exec(
      "INSERT INTO outreach_policy (merchant_id, gap_days, monthly_cap, quiet_start, quiet_end,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (merchant_id) DO UPDATE SET"
      " gap_days = excluded.gap_days, monthly_cap = excluded.monthly_cap,"
      " quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,"
      " updated_at = excluded.updated_at",
      {merchant, p.gap_days, p.monthly_cap, p.quiet_start, p.quiet_end, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return p;
}

Result<Campaign> OutreachService::CreateCampaign(Tx& tx, MerchantId merchant,
                                                 const CampaignInput& in) {
  std::size_t title = CountUtf8Chars(in.title), body = CountUtf8Chars(in.body);
  if (title == 0 || title > 60) return Fail(Bad("a title is 1-60 characters"));
  if (body == 0 || body > 500) return Fail(Bad("a body is 1-500 characters"));
  Campaign c;
  c.id = ids_.Next<CampaignId>();
  c.title = in.title;
  c.body = in.body;
  c.product = in.product;
  c.segment = in.segment;
  c.kind = in.kind;
  c.sms = in.sms;
  c.wecom = in.wecom;
  c.scheduled_at = in.scheduled_at;
  c.send_at = in.send_at;
  c.owner_scope = in.owner_scope;
  c.created_by = in.created_by;
  c.created_at = c.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO outreach_campaign (id, merchant_id, title, body, product_id, segment_id, kind,"
      " channels, status, scheduled_at, send_at, owner_scope, created_by, audience, created_at,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, 0, ?, ?)",
      {c.id, merchant, c.title, c.body, c.product, c.segment, TextOf(kKindText, c.kind),
       ChannelsText(c.sms, c.wecom), c.scheduled_at, c.send_at, c.owner_scope, c.created_by,
       c.created_at, c.updated_at});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<Campaign> OutreachService::GetCampaign(Tx& tx, MerchantId merchant, CampaignId id,
                                              std::optional<StaffId> only_creator) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             " FROM outreach_campaign WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NoCampaign());
  Campaign c = FromRow(**row);
  if (only_creator && c.created_by != *only_creator) return Fail(NoCampaign());
  return c;
}

Result<std::vector<Campaign>> OutreachService::ListCampaigns(Tx& tx, MerchantId merchant,
                                                             std::optional<StaffId> only_creator,
                                                             CampaignId after, int limit) {
  Id below = after.valid() ? after.value() : INT64_MAX;
  auto rows = only_creator
                  ? tx.Query(std::string("SELECT ") + kColumns +
                                 " FROM outreach_campaign WHERE merchant_id = ? AND id < ? AND"
                                 " created_by = ? ORDER BY id DESC LIMIT ?",
                             {merchant, below, *only_creator, limit})
                  : tx.Query(std::string("SELECT ") + kColumns +
                                 " FROM outreach_campaign WHERE merchant_id = ? AND id < ?"
                                 " ORDER BY id DESC LIMIT ?",
                             {merchant, below, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Campaign> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<Campaign> OutreachService::Cancel(Tx& tx, MerchantId merchant, CampaignId id,
                                         std::optional<StaffId> only_creator) {
  auto c = GetCampaign(tx, merchant, id, only_creator);
  if (!c) return Fail(c.error());
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE outreach_campaign SET status = 'cancelled', updated_at = ? WHERE id = ? AND"
      " merchant_id = ? AND status = 'scheduled'",
      {now, id, merchant});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) {
    return Fail(
        Conflict(errors::kNotScheduled, "only a campaign not yet sending can be cancelled"));
  }
  c->status = Status::kCancelled;
  c->updated_at = now;
  return c;
}

Result<std::vector<std::pair<MerchantId, CampaignId>>> OutreachService::Due(Tx& tx, Timestamp now,
                                                                            int limit) {
  auto rows = tx.Query(
      "SELECT merchant_id, id FROM outreach_campaign WHERE (status = 'scheduled' AND send_at <= ?)"
      " OR status = 'sending' ORDER BY send_at, id LIMIT ?",
      {now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<std::pair<MerchantId, CampaignId>> out;
  for (const auto& r : *rows) out.emplace_back(MerchantId(r.Int(0)), CampaignId(r.Int(1)));
  return out;
}

Result<bool> OutreachService::Claim(Tx& tx, MerchantId merchant, CampaignId id) {
  auto ok = tx.Exec(
      "UPDATE outreach_campaign SET status = 'sending', updated_at = ? WHERE id = ? AND"
      " merchant_id = ? AND status = 'scheduled'",
      {clock_.Now(), id, merchant});
  if (!ok) return Fail(ok.error());
  return *ok == 1;
}

Result<bool> OutreachService::Finish(Tx& tx, MerchantId merchant, CampaignId id,
                                     std::int64_t audience) {
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE outreach_campaign SET status = 'sent', audience = ?, sent_at = ?, updated_at = ?"
      " WHERE id = ? AND merchant_id = ? AND status = 'sending'",
      {audience, now, now, id, merchant});
  if (!ok) return Fail(ok.error());
  return *ok == 1;
}

}  // namespace weishang::outreach
