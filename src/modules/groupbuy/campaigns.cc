// Campaigns: their rules, SKUs and group prices.
#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "modules/groupbuy/groupbuy.h"
#include "modules/groupbuy/groupbuy_errors.h"

namespace weishang::groupbuy {
namespace {

constexpr const char* kCampaignColumns =
    "id, product_id, title, group_size, window_hours, per_customer_limit, starts_at, ends_at,"
    " status, created_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

Result<void> Check(const CampaignInput& in) {
  std::size_t title = CountUtf8Chars(in.title);
  if (title == 0 || title > kMaxTitleChars) return Fail(Bad("the title is 1 to 60 characters"));
  if (!in.product_id.valid()) return Fail(Bad("product_id is required"));
  if (in.prices.empty() || in.prices.size() > kMaxSkus) {
    return Fail(Bad("a campaign sells 1 to 50 SKUs"));
  }
  for (const auto& p : in.prices) {
    if (std::count_if(in.prices.begin(), in.prices.end(),
                      [&](const SkuPrice& q) { return q.sku_id == p.sku_id; }) > 1) {
      return Fail(Bad("a SKU is named twice"));
    }
    if (p.group_price < 1 || p.group_price >= p.list_price) {
      return Fail(Bad("a group price is at least 1 fen and below the SKU's price"));
    }
  }
  if (in.group_size < kMinGroupSize || in.group_size > kMaxGroupSize) {
    return Fail(Bad("a group has 2 to 50 members"));
  }
  if (in.window_hours < 1 || in.window_hours > kMaxWindowHours) {
    return Fail(Bad("a group's window is 1 to 720 hours"));
  }
  if (in.per_customer_limit < 1 || in.per_customer_limit > kMaxPerCustomer) {
    return Fail(Bad("the per-customer limit is 1 to 100 places"));
  }
  if (in.starts_at >= in.ends_at) return Fail(Bad("the campaign must end after it starts"));
  return {};
}

Campaign FromRow(const storage::Row& r, MerchantId merchant) {
  Campaign c;
  c.id = r.IdAt(0);
  c.merchant_id = merchant;
  c.product_id = r.IdAt(1);
  c.title = r.Str(2);
  c.group_size = static_cast<int>(r.Int(3));
  c.window_hours = static_cast<int>(r.Int(4));
  c.per_customer_limit = static_cast<int>(r.Int(5));
  c.starts_at = r.Int(6);
  c.ends_at = r.Int(7);
  c.status = FromText(kCampaignStatusText, r.Str(8)).value_or(CampaignStatus::kEnded);
  c.created_at = r.Int(9);
  return c;
}

// The prices of `campaigns`, in one query.
Result<void> LoadPrices(Tx& tx, MerchantId merchant, std::vector<Campaign>& campaigns) {
  if (campaigns.empty()) return {};
  std::map<Id, Campaign*> by_id;
  std::string in;
  std::vector<storage::Param> params{merchant};
  for (auto& c : campaigns) {
    by_id[c.id.value()] = &c;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(c.id);
  }
  auto rows = tx.Query(
      "SELECT campaign_id, sku_id, list_price, group_price FROM groupbuy_price WHERE merchant_id ="
      " ? AND campaign_id IN (" +
          in + ") ORDER BY campaign_id, group_price, sku_id",
      storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  for (const auto& r : *rows) {
    by_id[r.Int(0)]->prices.push_back(SkuPrice{r.IdAt(1), r.Int(2), r.Int(3)});
  }
  return {};
}

}  // namespace

Result<Campaign> GroupbuyService::CreateCampaign(Tx& tx, MerchantId merchant,
                                                 const CampaignInput& in) {
  if (auto ok = Check(in); !ok) return Fail(ok.error());
  Timestamp now = clock_.Now();
  Campaign c;
  c.id = ids_.Next<GroupbuyCampaignId>();
  c.merchant_id = merchant;
  c.product_id = in.product_id;
  c.title = in.title;
  c.prices = in.prices;
  c.group_size = in.group_size;
  c.window_hours = in.window_hours;
  c.per_customer_limit = in.per_customer_limit;
  c.starts_at = in.starts_at;
  c.ends_at = in.ends_at;
  c.created_at = now;
  auto ok = tx.Exec(
      "INSERT INTO groupbuy_campaign (id, merchant_id, product_id, title, group_size, window_hours,"
      " per_customer_limit, starts_at, ends_at, status, created_at, updated_at) VALUES (?, ?, ?, ?,"
      " ?, ?, ?, ?, ?, 'active', ?, ?)",
      {c.id, merchant, c.product_id, c.title, c.group_size, c.window_hours, c.per_customer_limit,
       c.starts_at, c.ends_at, now, now});
  if (!ok) return Fail(ok.error());
  for (const auto& p : c.prices) {
    auto row = tx.Exec(
        "INSERT INTO groupbuy_price (merchant_id, campaign_id, sku_id, list_price, group_price)"
        " VALUES (?, ?, ?, ?, ?)",
        {merchant, c.id, p.sku_id, p.list_price, p.group_price});
    if (!row) return Fail(row.error());
  }
  std::sort(c.prices.begin(), c.prices.end(), [](const SkuPrice& a, const SkuPrice& b) {
    return a.group_price != b.group_price ? a.group_price < b.group_price
                                          : a.sku_id.value() < b.sku_id.value();
  });
  return c;
}

Result<Campaign> GroupbuyService::GetCampaign(Tx& tx, MerchantId merchant, GroupbuyCampaignId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kCampaignColumns +
                             " FROM groupbuy_campaign WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kNotFound, "no such group-buy campaign"));
  std::vector<Campaign> one{FromRow(**row, merchant)};
  if (auto ok = LoadPrices(tx, merchant, one); !ok) return Fail(ok.error());
  return std::move(one.front());
}

Result<std::vector<Campaign>> GroupbuyService::ListCampaigns(Tx& tx, MerchantId merchant,
                                                             GroupbuyCampaignId after, int limit) {
  std::string sql =
      std::string("SELECT ") + kCampaignColumns + " FROM groupbuy_campaign WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (after.valid()) {
    sql += " AND id < ?";
    params.emplace_back(after);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Campaign> out;
  for (const auto& r : *rows) out.push_back(FromRow(r, merchant));
  if (auto ok = LoadPrices(tx, merchant, out); !ok) return Fail(ok.error());
  return out;
}

Result<Campaign> GroupbuyService::EndCampaign(Tx& tx, MerchantId merchant, GroupbuyCampaignId id) {
  auto c = GetCampaign(tx, merchant, id);
  if (!c) return c;
  if (c->status == CampaignStatus::kEnded) return c;
  auto ok = tx.Exec(
      "UPDATE groupbuy_campaign SET status = 'ended', updated_at = ? WHERE id = ? AND merchant_id"
      " = ?",
      {clock_.Now(), id, merchant});
  if (!ok) return Fail(ok.error());
  c->status = CampaignStatus::kEnded;
  return c;
}

}  // namespace weishang::groupbuy
