// Attribution: where customers and orders came from.
//
// - Share codes: a compact code a share link carries, naming the sharer (a
//   customer), a campaign and/or a channel code, signed with the merchant's
//   key (HMAC-SHA256, truncated to 64 bits). An altered or forged code does
//   not verify: the visit still counts as a visit, it attributes nothing.
// - Touches: each visit through a code (a link opened, a channel QR scanned),
//   by visitor (a random id the store keeps per device) and, once known, by
//   customer.
// - First touch (acquisition, kept for life): the touch that brought a new
//   customer; its sharer is the customer's referrer.
// - Last touch (orders): the visitor's or customer's latest attributed touch
//   inside the window (default 7 days) before the order.
// - Campaigns and channel codes (渠道活码) the numbers are kept for; a channel
//   code's QR names the code, so its target can change without reprinting.
//
// Customers, orders and sharers are ids here. Writes take the caller's Tx.
// Stateless apart from its references; thread-safe.
#pragma once

#include <map>
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

namespace weishang::attribution {

using storage::Tx;

inline constexpr int kDefaultWindowDays = 7;
inline constexpr int kMaxWindowDays = 90;
inline constexpr std::size_t kMaxVisitorBytes = 64;
inline constexpr std::size_t kMaxNameChars = 40;
inline constexpr std::size_t kMaxPathBytes = 200;
inline constexpr std::size_t kMaxCodeBytes = 80;

// --- share codes (codes.cc) ---

// What a code names; at least one of the three.
struct Code {
  std::optional<CustomerId> sharer;
  std::optional<GrowthCampaignId> campaign;
  std::optional<ChannelCodeId> channel;
  bool operator==(const Code&) const = default;
};

// The code as URL-safe text (base64url, no padding; about 26 characters
// for a sharer alone) under `secret` (the merchant's key, hex).
std::string EncodeCode(std::string_view secret, const Code& code);
// The code `text` names when it verifies under `secret`; nullopt for
// anything else (altered, forged, truncated, another merchant's).
std::optional<Code> DecodeCode(std::string_view secret, std::string_view text);

// --- campaigns and channel codes (channels.cc) ---

enum class CampaignKind { kLink, kVoucher, kGroupBuy, kPresale, kVote };
inline constexpr EnumText<CampaignKind> kCampaignKindText[] = {
    {CampaignKind::kLink, "link"},
    {CampaignKind::kVoucher, "voucher"},
    {CampaignKind::kGroupBuy, "groupbuy"},
    {CampaignKind::kPresale, "presale"},
    {CampaignKind::kVote, "vote"}};

struct Campaign {
  GrowthCampaignId id;
  MerchantId merchant_id;
  CampaignKind kind = CampaignKind::kLink;
  std::string name;
  std::string ref;  // the tool's own record ("vcp_…"); empty for a link campaign
  Fen spend = 0;    // what the merchant entered, fen
  bool archived = false;
  Timestamp created_at = 0, updated_at = 0;
};

// Where a channel code is used: 包裹卡 (package insert card), 软文 (soft
// article), 门店 (offline store), 活动 (event), 其他.
enum class ChannelKind { kInsertCard, kArticle, kStore, kEvent, kOther };
inline constexpr EnumText<ChannelKind> kChannelKindText[] = {
    {ChannelKind::kInsertCard, "insert_card"},
    {ChannelKind::kArticle, "article"},
    {ChannelKind::kStore, "store"},
    {ChannelKind::kEvent, "event"},
    {ChannelKind::kOther, "other"}};

struct Channel {
  ChannelCodeId id;
  MerchantId merchant_id;
  std::string name;
  ChannelKind kind = ChannelKind::kOther;
  std::string target_path = "/";  // where a scan lands in the store
  Fen spend = 0;
  std::int64_t scans = 0;
  bool archived = false;
  Timestamp created_at = 0, updated_at = 0;
};

// A channel code being created or changed (what is absent stays).
struct ChannelInput {
  std::optional<std::string> name;
  std::optional<ChannelKind> kind;
  std::optional<std::string> target_path;
  std::optional<Fen> spend;
  std::optional<bool> archived;
};

struct CampaignInput {
  std::optional<std::string> name;
  CampaignKind kind = CampaignKind::kLink;  // at creation only
  std::string ref;                          // at creation only
  std::optional<Fen> spend;
  std::optional<bool> archived;
};

// Paths (touches, channel targets) start with "/" and have at most
// kMaxPathBytes bytes; the workflows check the rest (workflows::CheckStorePath).
bool PlausiblePath(std::string_view path);

// --- touches (touches.cc) ---

struct Touch {
  TouchId id;
  MerchantId merchant_id;
  std::string visitor;
  std::optional<CustomerId> customer_id;
  std::optional<CustomerId> sharer_id;
  std::optional<GrowthCampaignId> campaign_id;
  std::optional<ChannelCodeId> channel_id;
  bool forged = false;
  std::string path;
  Timestamp at = 0;
  // Whether it names anyone to credit.
  bool Attributed() const { return sharer_id || campaign_id || channel_id; }
};

// What brought a customer (first touch), kept for life.
struct Acquisition {
  CustomerId customer_id;
  TouchId touch_id;
  std::optional<CustomerId> sharer_id;
  std::optional<GrowthCampaignId> campaign_id;
  std::optional<ChannelCodeId> channel_id;
  Timestamp at = 0;
};

// The touch an order is credited to.
struct OrderCredit {
  OrderId order_id;
  std::string visitor;
  std::optional<CustomerId> customer_id;
  TouchId touch_id;
  std::optional<CustomerId> sharer_id;
  std::optional<GrowthCampaignId> campaign_id;
  std::optional<ChannelCodeId> channel_id;
  Fen total = 0;
  // What the buyer was given off list price (SKU, order and coupon
  // discounts, a campaign's line price below the list price), >= 0.
  Fen discount = 0;
  Timestamp placed_at = 0;
  std::optional<Timestamp> paid_at;
  Fen refunded = 0;
};

// What a campaign or channel code brought: visits through its codes, the
// customers it brought (first touch), the orders credited to it (last
// touch) that were paid, and their revenue (paid totals less refunds).
struct Figures {
  std::int64_t visits = 0;
  std::int64_t new_customers = 0;
  std::int64_t orders = 0;
  Fen revenue = 0;
};

// What one campaign or channel code did in a period [from, to): the growth
// report's figures (workflows/growth/growth_report.h). Visits: touches
// through its codes in the period; new customers: customers it brought
// (first touch) in the period; orders: the orders credited to it (last
// touch) placed in the period and paid (at any time since); revenue their
// totals less refunds; discount what their buyers were given off list price.
struct PeriodFigures {
  std::int64_t visits = 0;
  std::int64_t new_customers = 0;
  std::int64_t orders = 0;
  Fen revenue = 0;
  Fen discount = 0;
  // New customers by day of the period (0: [from, from + 1 day)).
  std::map<std::int64_t, std::int64_t> new_customers_by_day;
  // Revenue by the whole days after `from` it was paid, rounded up: a
  // payment on the period's day k (0-based) counts at k + 1 (for payback;
  // orders placed in the period are paid after `from`).
  std::map<std::int64_t, Fen> revenue_by_paid_day;
};

struct PeriodReport {
  std::map<Id, PeriodFigures> campaigns;  // by campaign id; those with nothing are absent
  std::map<Id, PeriodFigures> channels;   // by channel code id
};

// The report's days are shop days, China time (queries/shop_time.h).
inline constexpr Timestamp kReportDayOffset = 8 * kHour;
inline std::int64_t ReportDay(Timestamp t) { return (t + kReportDayOffset) / kDay; }
inline Timestamp ReportDayStart(std::int64_t day) { return day * kDay - kReportDayOffset; }

// Whether `visitor` is a visitor id the store may send: 8..64 bytes of
// letters, digits, - and _.
bool ValidVisitor(std::string_view visitor);

class AttributionService {
 public:
  AttributionService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- codes ---
  // The merchant's signing key, made on first use.
  Result<std::string> KeyOf(Tx& tx, MerchantId merchant);
  // A signed code for `code` (attribution.invalid_field, 422, when it names nothing).
  Result<std::string> Sign(Tx& tx, MerchantId merchant, const Code& code);

  // --- touches ---
  // Records a visit by `visitor` (attribution.invalid_visitor, 422) to
  // `path` through `code_text`: a code that verifies is credited (a sharer
  // sharing with themselves is not their own referrer: the touch is kept
  // without the sharer); one that does not is recorded with forged = true
  // and credits nothing. `customer`: the visitor is signed in.
  Result<Touch> RecordTouch(Tx& tx, MerchantId merchant, std::string_view visitor,
                            std::optional<CustomerId> customer, std::string_view code_text,
                            std::string_view path);
  // The visitor's first attributed touch, if any.
  Result<std::optional<Touch>> FirstTouch(Tx& tx, MerchantId merchant, std::string_view visitor);
  // The latest attributed touch at or before `at` and after at - window, of
  // `visitor` or (when given) `customer`, not shared by `customer` themself.
  Result<std::optional<Touch>> LastTouch(Tx& tx, MerchantId merchant, std::string_view visitor,
                                         std::optional<CustomerId> customer, Timestamp at);
  // The visitor is `customer` now: their touches carry the customer.
  Result<void> LinkVisitor(Tx& tx, MerchantId merchant, std::string_view visitor,
                           CustomerId customer);

  // Records what brought `customer` (once: a second call keeps the first).
  // Returns the acquisition kept.
  Result<Acquisition> RecordAcquisition(Tx& tx, MerchantId merchant, CustomerId customer,
                                        const Touch& touch);
  Result<std::optional<Acquisition>> AcquisitionOf(Tx& tx, MerchantId merchant,
                                                   CustomerId customer);

  // Credits `order` to `touch` (once per order; a repeat keeps the first).
  Result<void> CreditOrder(Tx& tx, MerchantId merchant, const OrderCredit& credit);
  Result<std::optional<OrderCredit>> CreditOf(Tx& tx, MerchantId merchant, OrderId order);
  // The credited order was paid, its refunded total is now `refunded`, or
  // its customer became known; orders not credited are skipped.
  Result<void> MarkPaid(Tx& tx, MerchantId merchant, OrderId order, Timestamp paid_at);
  Result<void> MarkRefunded(Tx& tx, MerchantId merchant, OrderId order, Fen refunded);
  Result<void> SetOrderCustomer(Tx& tx, MerchantId merchant, OrderId order, CustomerId customer);
  // A merge: `from`'s touches, acquisition (unless `to` has one) and
  // credited orders become `to`'s.
  Result<void> MoveCustomer(Tx& tx, MerchantId merchant, CustomerId from, CustomerId to);

  // Figures per channel code and per campaign, by id (those with none are absent).
  Result<std::map<Id, Figures>> ChannelFigures(Tx& tx, MerchantId merchant);
  Result<std::map<Id, Figures>> CampaignFigures(Tx& tx, MerchantId merchant);
  // The figures of every campaign and channel code over [from, to), both
  // starts of shop days (ReportDayStart) (report.cc): ordered index ranges
  // of touches and acquisitions, and the orders' daily sums
  // (attribution_order_day, kept by CreditOrder, MarkPaid and MarkRefunded).
  Result<PeriodReport> PeriodFiguresOf(Tx& tx, MerchantId merchant, Timestamp from, Timestamp to);

  // --- settings ---
  Result<int> WindowDays(Tx& tx, MerchantId merchant);
  // attribution.invalid_field (422) outside 1..kMaxWindowDays.
  Result<int> SetWindowDays(Tx& tx, MerchantId merchant, int days);

  // --- campaigns and channel codes (channels.cc) ---
  // attribution.invalid_field (422): a name of 1..40 characters, spend >= 0.
  Result<Campaign> CreateCampaign(Tx& tx, MerchantId merchant, const CampaignInput& in);
  Result<Campaign> UpdateCampaign(Tx& tx, MerchantId merchant, GrowthCampaignId id,
                                  const CampaignInput& in);
  // attribution.campaign_not_found (404).
  Result<Campaign> GetCampaign(Tx& tx, MerchantId merchant, GrowthCampaignId id);
  Result<std::vector<Campaign>> ListCampaigns(Tx& tx, MerchantId merchant);

  // attribution.invalid_field (422) for a missing or long name, a target
  // that is not a store path, a negative spend.
  Result<Channel> CreateChannel(Tx& tx, MerchantId merchant, const ChannelInput& in);
  Result<Channel> UpdateChannel(Tx& tx, MerchantId merchant, ChannelCodeId id,
                                const ChannelInput& in);
  // attribution.channel_not_found (404).
  Result<Channel> GetChannel(Tx& tx, MerchantId merchant, ChannelCodeId id);
  Result<std::vector<Channel>> ListChannels(Tx& tx, MerchantId merchant);
  // A scan of the channel's QR: counted; the channel as it is now (its
  // target). attribution.channel_not_found for an archived one too.
  Result<Channel> RecordScan(Tx& tx, MerchantId merchant, ChannelCodeId id);

 private:
  // Adds to the daily sums of the credit's campaign and channel code.
  Result<void> AddToDay(Tx& tx, MerchantId merchant, const OrderCredit& c, std::int64_t orders,
                        Fen revenue, Fen discount);

  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::attribution
