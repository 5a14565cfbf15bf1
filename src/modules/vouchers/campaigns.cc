// Voucher campaigns: their rules, price, budget and counts.
#include "core/utf8.h"
#include "modules/vouchers/vouchers.h"
#include "modules/vouchers/vouchers_errors.h"

namespace weishang::vouchers {
namespace {

constexpr const char* kCampaignColumns =
    "id, title, product_id, sku_id, benefit, list_price, price, per_buyer, max_generations,"
    " voucher_days, budget, spent, growth_campaign_id, starts_at, ends_at, status, created_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

// What the friend pays for the unit under `in`'s benefit.
Fen PriceOf(const CampaignInput& in) {
  switch (in.benefit) {
    case Benefit::kTrialPrice:
      return in.value;
    case Benefit::kFreeItem:
      return 0;
    case Benefit::kAmountOff:
      return in.list_price - in.value;
  }
  return in.list_price;
}

Result<void> Check(const CampaignInput& in) {
  std::size_t title = CountUtf8Chars(in.title);
  if (title == 0 || title > kMaxTitleChars) return Fail(Bad("the title is 1 to 60 characters"));
  if (!in.product_id.valid() || !in.sku_id.valid()) {
    return Fail(Bad("product_id and sku_id are required"));
  }
  if (in.list_price <= 0) return Fail(Bad("the SKU has no price to discount"));
  if (in.benefit != Benefit::kFreeItem && (in.value <= 0 || in.value >= in.list_price)) {
    return Fail(Bad(in.benefit == Benefit::kTrialPrice
                        ? "a trial price is at least 1 fen and below the SKU's price"
                        : "an amount off is at least 1 fen and below the SKU's price"));
  }
  if (in.per_buyer < 1 || in.per_buyer > kMaxPerBuyer) {
    return Fail(Bad("each buyer passes on 1 to 10 vouchers"));
  }
  if (in.max_generations < 0 || in.max_generations > kMaxGenerations) {
    return Fail(Bad("the deepest generation is 0 (no limit) to 20"));
  }
  if (in.voucher_days < 1 || in.voucher_days > kMaxVoucherDays) {
    return Fail(Bad("a voucher is valid for 1 to 365 days"));
  }
  Fen unit = in.list_price - PriceOf(in);
  if (in.budget && *in.budget < unit) {
    return Fail(
        Bad("the budget must cover at least one redemption (" + std::to_string(unit) + " fen)"));
  }
  if (in.starts_at >= in.ends_at) return Fail(Bad("the campaign must end after it starts"));
  return {};
}

Campaign FromRow(const storage::Row& r, MerchantId merchant) {
  Campaign c;
  c.id = r.IdAt(0);
  c.merchant_id = merchant;
  c.title = r.Str(1);
  c.product_id = r.IdAt(2);
  c.sku_id = r.IdAt(3);
  c.benefit = FromText(kBenefitText, r.Str(4)).value_or(Benefit::kTrialPrice);
  c.list_price = r.Int(5);
  c.price = r.Int(6);
  c.per_buyer = static_cast<int>(r.Int(7));
  c.max_generations = static_cast<int>(r.Int(8));
  c.voucher_days = static_cast<int>(r.Int(9));
  c.budget = r.OptInt(10);
  c.spent = r.Int(11);
  c.growth_campaign_id = r.OptIdAt(12);
  c.starts_at = r.Int(13);
  c.ends_at = r.Int(14);
  c.status = FromText(kCampaignStatusText, r.Str(15)).value_or(CampaignStatus::kEnded);
  c.created_at = r.Int(16);
  return c;
}

Result<std::vector<Campaign>> SelectCampaigns(Tx& tx, MerchantId merchant, const std::string& where,
                                              std::vector<storage::Param> params) {
  auto rows =
      tx.Query(std::string("SELECT ") + kCampaignColumns + " FROM vouchers_campaign WHERE " + where,
               storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Campaign> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r, merchant));
  return out;
}

}  // namespace

Result<Campaign> VoucherService::CreateCampaign(Tx& tx, MerchantId merchant,
                                                const CampaignInput& in) {
  if (auto ok = Check(in); !ok) return Fail(ok.error());
  Timestamp now = clock_.Now();
  Campaign c;
  c.id = ids_.Next<VoucherCampaignId>();
  c.merchant_id = merchant;
  c.title = in.title;
  c.product_id = in.product_id;
  c.sku_id = in.sku_id;
  c.benefit = in.benefit;
  c.list_price = in.list_price;
  c.price = PriceOf(in);
  c.per_buyer = in.per_buyer;
  c.max_generations = in.max_generations;
  c.voucher_days = in.voucher_days;
  c.budget = in.budget;
  c.starts_at = in.starts_at;
  c.ends_at = in.ends_at;
  c.created_at = now;
  auto ok = tx.Exec(
      "INSERT INTO vouchers_campaign (id, merchant_id, title, product_id, sku_id, benefit,"
      " list_price, price, per_buyer, max_generations, voucher_days, budget, spent, starts_at,"
      " ends_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?,"
      " ?, 'active', ?, ?)",
      {c.id, merchant, c.title, c.product_id, c.sku_id, TextOf(kBenefitText, c.benefit),
       c.list_price, c.price, c.per_buyer, c.max_generations, c.voucher_days, c.budget, c.starts_at,
       c.ends_at, now, now});
  if (!ok) return Fail(ok.error());
  return c;
}

Result<Campaign> VoucherService::GetCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id) {
  auto list = SelectCampaigns(tx, merchant, "id = ? AND merchant_id = ?", {id, merchant});
  if (!list) return Fail(list.error());
  if (list->empty()) return Fail(NotFound(errors::kNotFound, "no such voucher campaign"));
  return std::move(list->front());
}

Result<std::vector<Campaign>> VoucherService::ListCampaigns(Tx& tx, MerchantId merchant,
                                                            VoucherCampaignId after, int limit) {
  if (after.valid()) {
    return SelectCampaigns(tx, merchant, "merchant_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                           {merchant, after, limit});
  }
  return SelectCampaigns(tx, merchant, "merchant_id = ? ORDER BY id DESC LIMIT ?",
                         {merchant, limit});
}

Result<std::vector<Campaign>> VoucherService::LiveCampaigns(Tx& tx, MerchantId merchant,
                                                            Timestamp now) {
  return SelectCampaigns(tx, merchant,
                         "merchant_id = ? AND status = 'active' AND starts_at <= ? AND ends_at > ?"
                         " ORDER BY id",
                         {merchant, now, now});
}

Result<Campaign> VoucherService::EndCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id) {
  auto ok = tx.Exec(
      "UPDATE vouchers_campaign SET status = 'ended', updated_at = ? WHERE id = ? AND"
      " merchant_id = ? AND status = 'active'",
      {clock_.Now(), id, merchant});
  if (!ok) return Fail(ok.error());
  return GetCampaign(tx, merchant, id);
}

Result<void> VoucherService::SetGrowthCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id,
                                               GrowthCampaignId growth) {
  auto ok = tx.Exec(
      "UPDATE vouchers_campaign SET growth_campaign_id = ? WHERE id = ? AND merchant_id = ?",
      {growth, id, merchant});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<CampaignCounts> VoucherService::Counts(Tx& tx, MerchantId merchant, VoucherCampaignId id) {
  CampaignCounts out;
  auto holders =
      tx.QueryOne("SELECT COUNT(*) FROM vouchers_holder WHERE campaign_id = ? AND merchant_id = ?",
                  {id, merchant});
  if (!holders) return Fail(holders.error());
  if (*holders) out.holders = (**holders).Int(0);
  auto rows = tx.Query(
      "SELECT state, blocked <> '' OR voided_at IS NOT NULL, COUNT(*), MAX(generation) FROM"
      " vouchers_voucher WHERE merchant_id = ? AND campaign_id = ? GROUP BY state, blocked <> ''"
      " OR voided_at IS NOT NULL",
      {merchant, id});
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    std::int64_t n = r.Int(2);
    auto state = FromText(kVoucherStateText, r.Str(0)).value_or(VoucherState::kVoided);
    out.issued += n;
    switch (state) {
      case VoucherState::kAvailable:
        break;
      case VoucherState::kClaimed:
      case VoucherState::kUsed:
        out.claimed += n;
        break;
      case VoucherState::kRedeemed:
        out.claimed += n;
        out.redeemed += n;
        if (r.Bool(1)) out.blocked += n;
        out.deepest_generation = std::max(out.deepest_generation, static_cast<int>(r.Int(3)));
        break;
      case VoucherState::kVoided:
        out.voided += n;
        break;
    }
  }
  return out;
}

}  // namespace weishang::vouchers
