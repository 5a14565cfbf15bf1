// Campaigns and channel codes (渠道活码).
#include "core/utf8.h"
#include "modules/attribution/attribution.h"
#include "modules/attribution/attribution_errors.h"

namespace weishang::attribution {
namespace {

constexpr const char* kCampaignColumns =
    "id, merchant_id, kind, name, ref, spend, archived, created_at, updated_at";
constexpr const char* kChannelColumns =
    "id, merchant_id, name, kind, target_path, spend, scans, archived, created_at, updated_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

Result<void> CheckName(const std::string& name) {
  std::size_t chars = CountUtf8Chars(name);
  if (!IsValidUtf8(name) || chars == 0 || chars > kMaxNameChars) {
    return Fail(Bad("name is 1-40 characters"));
  }
  return {};
}

Result<void> CheckSpend(std::optional<Fen> spend) {
  if (spend && (*spend < 0 || *spend > 100'000'000'000)) {
    return Fail(Bad("spend is 0 or more fen (at most 1 billion yuan)"));
  }
  return {};
}

Campaign CampaignFromRow(const storage::Row& r) {
  Campaign c;
  c.id = r.IdAt(0);
  c.merchant_id = r.IdAt(1);
  c.kind = FromText(kCampaignKindText, r.Str(2)).value_or(CampaignKind::kLink);
  c.name = r.Str(3);
  c.ref = r.Str(4);
  c.spend = r.Int(5);
  c.archived = r.Bool(6);
  c.created_at = r.Int(7);
  c.updated_at = r.Int(8);
  return c;
}

Channel ChannelFromRow(const storage::Row& r) {
  Channel c;
  c.id = r.IdAt(0);
  c.merchant_id = r.IdAt(1);
  c.name = r.Str(2);
  c.kind = FromText(kChannelKindText, r.Str(3)).value_or(ChannelKind::kOther);
  c.target_path = r.Str(4);
  c.spend = r.Int(5);
  c.scans = r.Int(6);
  c.archived = r.Bool(7);
  c.created_at = r.Int(8);
  c.updated_at = r.Int(9);
  return c;
}

}  // namespace

bool PlausiblePath(std::string_view path) {
  return !path.empty() && path.front() == '/' && path.size() <= kMaxPathBytes;
}

Result<Campaign> AttributionService::CreateCampaign(Tx& tx, MerchantId merchant,
                                                    const CampaignInput& in) {
  if (!in.name) return Fail(Bad("name is 1-40 characters"));
  if (auto ok = CheckName(*in.name); !ok) return Fail(ok.error());
  if (auto ok = CheckSpend(in.spend); !ok) return Fail(ok.error());
  if (in.ref.size() > 40) return Fail(Bad("ref is at most 40 bytes"));
  Campaign c;
  c.id = ids_.Next<GrowthCampaignId>();
  c.merchant_id = merchant;
  c.kind = in.kind;
  c.name = *in.name;
  c.ref = in.ref;
  c.spend = in.spend.value_or(0);
  c.archived = in.archived.value_or(false);
  c.created_at = c.updated_at = clock_.Now();
  auto ok = tx.Exec(std::string("INSERT INTO attribution_campaign (") + kCampaignColumns +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {c.id, merchant, TextOf(kCampaignKindText, c.kind), c.name, c.ref, c.spend,
                     c.archived, c.created_at, c.updated_at});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<Campaign> AttributionService::GetCampaign(Tx& tx, MerchantId merchant, GrowthCampaignId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCampaignColumns +
                             " FROM attribution_campaign WHERE merchant_id = ? AND id = ?",
                         {merchant, id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kCampaignNotFound, "no such campaign"));
  return CampaignFromRow(**row);
}

Result<Campaign> AttributionService::UpdateCampaign(Tx& tx, MerchantId merchant,
                                                    GrowthCampaignId id, const CampaignInput& in) {
  auto current = GetCampaign(tx, merchant, id);
  if (!current) return current;
  if (in.name) {
    if (auto ok = CheckName(*in.name); !ok) return Fail(ok.error());
  }
  if (auto ok = CheckSpend(in.spend); !ok) return Fail(ok.error());
  Campaign c = std::move(*current);
  if (in.name) c.name = *in.name;
  if (in.spend) c.spend = *in.spend;
  if (in.archived) c.archived = *in.archived;
  c.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE attribution_campaign SET name = ?, spend = ?, archived = ?, updated_at = ?"
      " WHERE merchant_id = ? AND id = ?",
      {c.name, c.spend, c.archived, c.updated_at, merchant, id});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<std::vector<Campaign>> AttributionService::ListCampaigns(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kCampaignColumns +
                           " FROM attribution_campaign WHERE merchant_id = ? ORDER BY id DESC",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Campaign> out;
  for (const auto& r : *rows) out.push_back(CampaignFromRow(r));
  return out;
}

Result<Channel> AttributionService::CreateChannel(Tx& tx, MerchantId merchant,
                                                  const ChannelInput& in) {
  if (!in.name) return Fail(Bad("name is 1-40 characters"));
  if (auto ok = CheckName(*in.name); !ok) return Fail(ok.error());
  if (auto ok = CheckSpend(in.spend); !ok) return Fail(ok.error());
  Channel c;
  c.id = ids_.Next<ChannelCodeId>();
  c.merchant_id = merchant;
  c.name = *in.name;
  c.kind = in.kind.value_or(ChannelKind::kOther);
  c.target_path = in.target_path.value_or("/");
  if (!PlausiblePath(c.target_path)) return Fail(Bad("target_path is a path inside the store"));
  c.spend = in.spend.value_or(0);
  c.archived = in.archived.value_or(false);
  c.created_at = c.updated_at = clock_.Now();
  auto ok = tx.Exec(std::string("INSERT INTO attribution_channel (") + kChannelColumns +
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {c.id, merchant, c.name, TextOf(kChannelKindText, c.kind), c.target_path,
                     c.spend, 0, c.archived, c.created_at, c.updated_at});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<Channel> AttributionService::GetChannel(Tx& tx, MerchantId merchant, ChannelCodeId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kChannelColumns +
                             " FROM attribution_channel WHERE merchant_id = ? AND id = ?",
                         {merchant, id});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kChannelNotFound, "no such channel code"));
  return ChannelFromRow(**row);
}

Result<Channel> AttributionService::UpdateChannel(Tx& tx, MerchantId merchant, ChannelCodeId id,
                                                  const ChannelInput& in) {
  auto current = GetChannel(tx, merchant, id);
  if (!current) return current;
  if (in.name) {
    if (auto ok = CheckName(*in.name); !ok) return Fail(ok.error());
  }
  if (auto ok = CheckSpend(in.spend); !ok) return Fail(ok.error());
  if (in.target_path && !PlausiblePath(*in.target_path)) {
    return Fail(Bad("target_path is a path inside the store"));
  }
  Channel c = std::move(*current);
  if (in.name) c.name = *in.name;
  if (in.kind) c.kind = *in.kind;
  if (in.target_path) c.target_path = *in.target_path;
  if (in.spend) c.spend = *in.spend;
  if (in.archived) c.archived = *in.archived;
  c.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE attribution_channel SET name = ?, kind = ?, target_path = ?, spend = ?,"
      " archived = ?, updated_at = ? WHERE merchant_id = ? AND id = ?",
      {c.name, TextOf(kChannelKindText, c.kind), c.target_path, c.spend, c.archived, c.updated_at,
       merchant, id});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<std::vector<Channel>> AttributionService::ListChannels(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kChannelColumns +
                           " FROM attribution_channel WHERE merchant_id = ? ORDER BY id DESC",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Channel> out;
  for (const auto& r : *rows) out.push_back(ChannelFromRow(r));
  return out;
}

Result<Channel> AttributionService::RecordScan(Tx& tx, MerchantId merchant, ChannelCodeId id) {
  auto ok = tx.Exec(
      "UPDATE attribution_channel SET scans = scans + 1 WHERE merchant_id = ? AND id = ?"
      " AND archived = 0",
      {merchant, id});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) return Fail(NotFound(errors::kChannelNotFound, "no such channel code"));
  return GetChannel(tx, merchant, id);
}

}  // namespace weishang::attribution
