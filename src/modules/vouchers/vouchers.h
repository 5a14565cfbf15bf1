// Share vouchers (分享券): a campaign gives each paying buyer N vouchers
// (default 3) to pass on. A friend new to the shop opens a voucher's link,
// signs in, claims it, and buys the campaign's SKU at the campaign's price
// on their first order; when the friend pays, they receive N vouchers in
// turn, one generation deeper. Budget, expiry and the deepest generation
// are the campaign's.
//
// Anti-abuse, each a rule here: a voucher is not claimed by its giver; a
// campaign is redeemed once per customer, phone, device, delivery address
// and payment account (vouchers_mark rows inserted in the unit that claims,
// orders or pays, so a duplicate conflicts on both engines). A payment
// account is known only when the money arrives: a second redemption by the
// same account keeps its price but is blocked (no vouchers follow) and is
// shown to the merchant. Whether the friend is an existing customer is the
// workflow's check (the customers module knows).
//
// Products, SKUs, customers and orders are ids here. Writes take the
// caller's Tx. Stateless apart from its references; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::vouchers {

using storage::Tx;

inline constexpr int kDefaultPerBuyer = 3;
inline constexpr int kMaxPerBuyer = 10;
inline constexpr int kMaxGenerations = 20;
inline constexpr int kDefaultVoucherDays = 14;
inline constexpr int kMaxVoucherDays = 365;
inline constexpr std::size_t kMaxTitleChars = 60;
inline constexpr std::size_t kMaxFingerprintBytes = 200;

// What the friend gets: the SKU at a trial price, free, or an amount off its price.
enum class Benefit { kTrialPrice, kFreeItem, kAmountOff };
inline constexpr EnumText<Benefit> kBenefitText[] = {{Benefit::kTrialPrice, "trial_price"},
                                                     {Benefit::kFreeItem, "free_item"},
                                                     {Benefit::kAmountOff, "amount_off"}};

enum class CampaignStatus { kActive, kEnded };
inline constexpr EnumText<CampaignStatus> kCampaignStatusText[] = {
    {CampaignStatus::kActive, "active"}, {CampaignStatus::kEnded, "ended"}};

enum class VoucherState { kAvailable, kClaimed, kUsed, kRedeemed, kVoided };
inline constexpr EnumText<VoucherState> kVoucherStateText[] = {
    {VoucherState::kAvailable, "available"},
    {VoucherState::kClaimed, "claimed"},
    {VoucherState::kUsed, "used"},
    {VoucherState::kRedeemed, "redeemed"},
    {VoucherState::kVoided, "voided"}};

// What one redemption is kept unique by, within a campaign.
enum class MarkKind { kCustomer, kPhone, kDevice, kAddress, kPayer };
inline constexpr EnumText<MarkKind> kMarkKindText[] = {{MarkKind::kCustomer, "customer"},
                                                       {MarkKind::kPhone, "phone"},
                                                       {MarkKind::kDevice, "device"},
                                                       {MarkKind::kAddress, "address"},
                                                       {MarkKind::kPayer, "payer"}};

struct CampaignInput {
  std::string title;
  ProductId product_id;
  SkuId sku_id;
  Benefit benefit = Benefit::kTrialPrice;
  Fen list_price = 0;  // the SKU's price now (the workflow reads it)
  // trial_price: what the friend pays; amount_off: what comes off the list
  // price; free_item: ignored (the friend pays 0 for the item).
  Fen value = 0;
  int per_buyer = kDefaultPerBuyer;
  int max_generations = 0;  // 0: no limit
  int voucher_days = kDefaultVoucherDays;
  std::optional<Fen> budget;  // none: no cap
  Timestamp starts_at = 0, ends_at = 0;
};

struct Campaign {
  VoucherCampaignId id;
  MerchantId merchant_id;
  std::string title;
  ProductId product_id;
  SkuId sku_id;
  Benefit benefit = Benefit::kTrialPrice;
  Fen list_price = 0;
  Fen price = 0;  // what the friend pays for the unit
  int per_buyer = kDefaultPerBuyer;
  int max_generations = 0;
  int voucher_days = kDefaultVoucherDays;
  std::optional<Fen> budget;
  Fen spent = 0;  // benefit given or reserved, fen
  std::optional<GrowthCampaignId> growth_campaign_id;
  Timestamp starts_at = 0, ends_at = 0;
  CampaignStatus status = CampaignStatus::kActive;
  Timestamp created_at = 0;

  // What one redemption costs the merchant: the list price less what the friend pays.
  Fen UnitCost() const { return list_price - price; }
  bool Live(Timestamp now) const {
    return status == CampaignStatus::kActive && starts_at <= now && now < ends_at;
  }
  // Whether a friend who redeemed a voucher of `generation` receives vouchers.
  bool Passes(int generation) const { return max_generations == 0 || generation < max_generations; }
};

struct Voucher {
  VoucherId id;
  MerchantId merchant_id;
  VoucherCampaignId campaign_id;
  std::string token;
  CustomerId giver_id;
  int generation = 1;
  VoucherState state = VoucherState::kAvailable;
  std::optional<CustomerId> friend_id;
  std::optional<OrderId> order_id;
  std::string phone, device, address_key, payer;
  std::string blocked;  // why a paid redemption passes nothing on ("payer"), or ""
  Timestamp issued_at = 0, expires_at = 0;
  std::optional<Timestamp> claimed_at, redeemed_at, voided_at;
  std::string void_reason;

  // Past its expiry before it was used (available or claimed).
  bool Expired(Timestamp now) const {
    return (state == VoucherState::kAvailable || state == VoucherState::kClaimed) &&
           now >= expires_at;
  }
};

// A customer who received vouchers to pass on.
struct Holder {
  CustomerId customer_id;
  int generation = 0;
  std::optional<CustomerId> giver_id;
  OrderId source_order_id;
  int issued = 0;
  Timestamp created_at = 0;
};

// What a campaign did so far.
struct CampaignCounts {
  std::int64_t holders = 0, issued = 0, claimed = 0, redeemed = 0, voided = 0, blocked = 0;
  int deepest_generation = 0;  // of a redeemed voucher
};

// A friend claiming a voucher: who they are, as the unique rules see them.
struct Claimant {
  CustomerId customer;
  std::string phone;   // normalised by the caller
  std::string device;  // the store's visitor id; "" when unknown
};

// The address text a redemption is kept unique by: letters and digits of
// province, city, district and street lower-cased, spaces and punctuation
// dropped (so "1栋 101室" and "1栋101室" are one address).
std::string AddressKey(std::string_view province, std::string_view city, std::string_view district,
                       std::string_view detail);

class VoucherService {
 public:
  VoucherService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- campaigns (campaigns.cc) ---
  // vouchers.invalid_field (422): title 1..60 characters, a product and SKU,
  // list price > 0; trial price 0 < value < list price; amount off 0 < value
  // < list price; per_buyer 1..10; max_generations 0..20; voucher_days
  // 1..365; budget >= the cost of one redemption; starts_at < ends_at.
  Result<Campaign> CreateCampaign(Tx& tx, MerchantId merchant, const CampaignInput& in);
  // vouchers.not_found (404).
  Result<Campaign> GetCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id);
  // Newest first, after the cursor `after` (the invalid id: from the newest).
  Result<std::vector<Campaign>> ListCampaigns(Tx& tx, MerchantId merchant, VoucherCampaignId after,
                                              int limit);
  // Campaigns running at `now`, for the order.paid handler.
  Result<std::vector<Campaign>> LiveCampaigns(Tx& tx, MerchantId merchant, Timestamp now);
  // No more vouchers issued, claimed or ordered; a repeat answers the campaign.
  Result<Campaign> EndCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id);
  Result<void> SetGrowthCampaign(Tx& tx, MerchantId merchant, VoucherCampaignId id,
                                 GrowthCampaignId growth);
  Result<CampaignCounts> Counts(Tx& tx, MerchantId merchant, VoucherCampaignId id);

  // --- vouchers (vouchers.cc) ---
  // Gives `holder` the campaign's per_buyer vouchers of generation
  // `generation + 1`, each expiring voucher_days from now, once per customer
  // per campaign: a second call (another paid order, a repeated event)
  // gives nothing and returns an empty list. Records vouchers.issued.
  Result<std::vector<Voucher>> Issue(Tx& tx, const Campaign& c, CustomerId holder, int generation,
                                     std::optional<CustomerId> giver, OrderId source_order);
  // The customer's holding in the campaign, if any.
  Result<std::optional<Holder>> HolderOf(Tx& tx, MerchantId merchant, VoucherCampaignId campaign,
                                         CustomerId customer);
  // Every holding of the campaign, oldest first (the fission tree's nodes).
  Result<std::vector<Holder>> Holders(Tx& tx, MerchantId merchant, VoucherCampaignId campaign);

  // vouchers.voucher_not_found (404).
  Result<Voucher> Get(Tx& tx, MerchantId merchant, VoucherId id);
  Result<Voucher> GetByToken(Tx& tx, MerchantId merchant, std::string_view token);
  // The voucher `order` redeems, if any.
  Result<std::optional<Voucher>> OfOrder(Tx& tx, MerchantId merchant, OrderId order);
  // Vouchers the customer holds to pass on (giver) or claimed (friend), newest first.
  Result<std::vector<Voucher>> GivenTo(Tx& tx, MerchantId merchant, CustomerId giver);
  Result<std::vector<Voucher>> ClaimedBy(Tx& tx, MerchantId merchant, CustomerId friend_id);
  // A campaign's vouchers past the cursor, in id order (pages of the tree and the flags).
  Result<std::vector<Voucher>> ListOfCampaign(Tx& tx, MerchantId merchant,
                                              VoucherCampaignId campaign,
                                              std::optional<VoucherId> after, int limit);
  // Every voucher of the merchant that reached an order (used or redeemed),
  // for the cluster flags.
  Result<std::vector<Voucher>> Redemptions(Tx& tx, MerchantId merchant);

  // available -> claimed by `who`, in one unit: the voucher must be
  // available and not expired (vouchers.voucher_taken, voucher_expired,
  // voucher_voided, 409), not the claimant's own (vouchers.own_voucher,
  // 409), and the campaign must not have been claimed before by this
  // customer, phone or device (vouchers.already_redeemed, 409, naming which).
  // A repeat by the same friend answers the voucher.
  Result<Voucher> Claim(Tx& tx, const Campaign& c, std::string_view token, const Claimant& who);
  // claimed -> used by `order`: the voucher must be claimed by `friend_id`
  // (vouchers.not_claimed, 409) and unexpired, the address not used by
  // another redemption of the campaign (vouchers.already_redeemed), and the
  // budget must cover one more (vouchers.budget_exhausted, 409), reserved here.
  Result<Voucher> Use(Tx& tx, const Campaign& c, VoucherId voucher, CustomerId friend_id,
                      OrderId order, std::string_view address_key);
  // The order of a used voucher was cancelled unpaid: used -> claimed, its
  // address mark and its budget given back. Returns whether it changed.
  Result<bool> Release(Tx& tx, MerchantId merchant, OrderId order);
  // The order of a used voucher was paid by `payer` (may be ""): used ->
  // redeemed. A payer who redeemed the campaign before blocks it (kept
  // redeemed, blocked = "payer": it passes nothing on). Returns the voucher
  // after, or none when `order` used no voucher or was redeemed already.
  Result<std::optional<Voucher>> Redeem(Tx& tx, MerchantId merchant, OrderId order,
                                        std::string_view payer);
  // The merchant voids a voucher: available or claimed -> voided; a used or
  // redeemed one keeps its order and gets voided_at (it passes nothing on),
  // and the vouchers its friend holds that are not used yet are voided with
  // it. A repeat answers the voucher. Returns how many vouchers were voided.
  Result<int> Void(Tx& tx, MerchantId merchant, VoucherId id, std::string_view reason);

 private:
  Result<std::vector<Voucher>> Select(Tx& tx, MerchantId merchant, const std::string& where,
                                      std::vector<storage::Param> params);
  Result<bool> Mark(Tx& tx, const Voucher& v, MarkKind kind, std::string_view value);

  const Clock& clock_;
  IdGenerator& ids_;
};

// The schema (schema/*.sql), for cli/registry.cc.
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::vouchers
