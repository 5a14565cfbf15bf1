// Group buys (拼团): a campaign sells a product's SKUs at group prices to
// groups of 2..50 customers. A leader opens a group, members join through
// its link; each member is one order. A place is taken atomically at join
// (a conditional UPDATE `taken < size` in the join's unit, so a race of more
// joiners than places never over-fills a group); the group fills when
// `size` members have paid; at its deadline an unfilled group expires, once
// (a conditional UPDATE `state = 'open'`), and the caller refunds or
// releases its members. No simulated members: what a group shows is its
// rows.
//
// Products, SKUs, customers and orders are ids here; prices and stock are
// checked by workflows/groupbuy. Writes take the caller's Tx. Stateless
// apart from its references; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::groupbuy {

using storage::Tx;

inline constexpr int kMinGroupSize = 2;
inline constexpr int kMaxGroupSize = 50;
inline constexpr int kMaxWindowHours = 720;  // 30 days
inline constexpr int kMaxPerCustomer = 100;
inline constexpr std::size_t kMaxSkus = 50;
inline constexpr std::size_t kMaxTitleChars = 60;

// Events (docs/events.md), subject gbg_…, payload
// {"group_id","campaign_id","product_id","size","paid","members":[{"order_id","customer_id"}]}.
inline constexpr std::string_view kGroupFilled = "groupbuy.filled";
inline constexpr std::string_view kGroupExpired = "groupbuy.expired";

enum class CampaignStatus { kActive, kEnded };
inline constexpr EnumText<CampaignStatus> kCampaignStatusText[] = {
    {CampaignStatus::kActive, "active"}, {CampaignStatus::kEnded, "ended"}};

enum class GroupState { kOpen, kFilled, kExpired };
inline constexpr EnumText<GroupState> kGroupStateText[] = {{GroupState::kOpen, "open"},
                                                           {GroupState::kFilled, "filled"},
                                                           {GroupState::kExpired, "expired"}};

enum class MemberState { kHeld, kPaid, kRefunded, kReleased };
inline constexpr EnumText<MemberState> kMemberStateText[] = {{MemberState::kHeld, "held"},
                                                             {MemberState::kPaid, "paid"},
                                                             {MemberState::kRefunded, "refunded"},
                                                             {MemberState::kReleased, "released"}};

struct SkuPrice {
  SkuId sku_id;
  Fen list_price = 0;   // the SKU's price when the campaign was made (shown struck through)
  Fen group_price = 0;  // what a member pays for one unit
};

struct CampaignInput {
  ProductId product_id;
  std::string title;
  std::vector<SkuPrice> prices;
  int group_size = 0;
  int window_hours = 0;
  int per_customer_limit = 1;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
};

struct Campaign {
  GroupbuyCampaignId id;
  MerchantId merchant_id;
  ProductId product_id;
  std::string title;
  std::vector<SkuPrice> prices;
  int group_size = 0;
  int window_hours = 0;
  int per_customer_limit = 1;
  Timestamp starts_at = 0, ends_at = 0;
  CampaignStatus status = CampaignStatus::kActive;
  Timestamp created_at = 0;
  // Opens groups at `now`: active, started and not ended.
  bool Live(Timestamp now) const {
    return status == CampaignStatus::kActive && starts_at <= now && now < ends_at;
  }
  const SkuPrice* PriceOf(SkuId sku) const {
    for (const auto& p : prices) {
      if (p.sku_id == sku) return &p;
    }
    return nullptr;
  }
};

struct Member {
  OrderId order_id;
  CustomerId customer_id;
  std::string shown_name;  // "尾号1234" or the customer's display name, never a phone
  bool leader = false;
  MemberState state = MemberState::kHeld;
  Timestamp joined_at = 0;
  std::optional<Timestamp> paid_at, closed_at;
};

struct Group {
  GroupbuyGroupId id;
  MerchantId merchant_id;
  GroupbuyCampaignId campaign_id;
  CustomerId leader;
  int size = 0;
  int taken = 0;  // places held or paid
  int paid = 0;
  GroupState state = GroupState::kOpen;
  Timestamp deadline = 0;
  Timestamp created_at = 0;
  std::optional<Timestamp> closed_at;
  std::vector<Member> members;  // loaded by GetGroup and ListGroups, oldest first
};

// A group whose deadline has come while open.
struct DueGroup {
  MerchantId merchant_id;
  GroupbuyGroupId group_id;
};

// The group an order belongs to, as shipping and the handlers need it.
struct Membership {
  GroupbuyGroupId group_id;
  GroupState group_state = GroupState::kOpen;
  MemberState state = MemberState::kHeld;
  Timestamp deadline = 0;
};

// What MarkPaid did.
struct PaidOutcome {
  bool changed = false;  // the member was held and is paid now
  bool filled = false;   // ... and that filled the group
};

class GroupbuyService {
 public:
  GroupbuyService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // groupbuy.invalid_field (422): title 1..60 characters, 1..50 SKUs named
  // once each, group prices 1..list price - 1, size 2..50, window 1..720
  // hours, per-customer limit 1..100, starts_at < ends_at.
  Result<Campaign> CreateCampaign(Tx& tx, MerchantId merchant, const CampaignInput& in);
  // groupbuy.not_found (404).
  Result<Campaign> GetCampaign(Tx& tx, MerchantId merchant, GroupbuyCampaignId id);
  // Newest first, after the cursor `after`.
  Result<std::vector<Campaign>> ListCampaigns(Tx& tx, MerchantId merchant, GroupbuyCampaignId after,
                                              int limit);
  // No more groups open; open ones run to their deadline. A repeat answers the campaign.
  Result<Campaign> EndCampaign(Tx& tx, MerchantId merchant, GroupbuyCampaignId id);

  // A new open group led by `leader`, `window_hours` from now, with no place
  // taken yet (the leader's own join takes the first). groupbuy.campaign_not_live.
  Result<Group> OpenGroup(Tx& tx, const Campaign& c, CustomerId leader);
  // groupbuy.group_not_found (404). With its members (every state).
  Result<Group> GetGroup(Tx& tx, MerchantId merchant, GroupbuyGroupId id);
  // The campaign's groups, newest first, with their members; `state` filters.
  Result<std::vector<Group>> ListGroups(Tx& tx, MerchantId merchant, GroupbuyCampaignId campaign,
                                        std::optional<GroupState> state, int limit);

  // Takes one place of `group` for `customer`: the group must be open and
  // before its deadline (groupbuy.group_closed), have a place left
  // (groupbuy.group_full), not hold the customer already
  // (groupbuy.already_member), and the customer must hold fewer than the
  // campaign's limit of places (groupbuy.limit_reached). Each is a
  // conditional UPDATE in the caller's unit, so racing joiners never take
  // more places than there are. Returns the group after the take.
  Result<Group> TakePlace(Tx& tx, MerchantId merchant, GroupbuyGroupId group, CustomerId customer,
                          int per_customer_limit);
  // Records the member whose place TakePlace took, with its order.
  Result<void> AddMember(Tx& tx, const Group& g, OrderId order, CustomerId customer,
                         const std::string& shown_name);

  // Locks the group's row until the unit ends (PostgreSQL; a no-op on
  // SQLite's single writer), so every unit that moves a group and its
  // members takes the group first. groupbuy.group_not_found.
  Result<void> LockGroup(Tx& tx, MerchantId merchant, GroupbuyGroupId group);
  // The group `order` is a member of, if any.
  Result<std::optional<Membership>> MembershipOf(Tx& tx, MerchantId merchant, OrderId order);

  // order paid: held -> paid, and the group's paid count up; when it reaches
  // the size the group fills (and groupbuy.filled is recorded). Nothing when
  // the member is not held (a repeat, or the group expired first).
  Result<PaidOutcome> MarkPaid(Tx& tx, MerchantId merchant, OrderId order);
  // Order cancelled while its group is open: an unpaid member is released
  // (held -> released), a paid one refunded by after-sales before the group
  // filled leaves (paid -> refunded, the paid count down); either way the
  // place and the customer's quota are given back. Returns whether it changed.
  Result<bool> Release(Tx& tx, MerchantId merchant, OrderId order);

  // Open groups whose deadline has passed, at most `limit`, oldest deadline first.
  Result<std::vector<DueGroup>> DueExpiries(Tx& tx, Timestamp now, int limit);
  // open -> expired, once: a conditional UPDATE, so a second caller (another
  // node's job) gets a conflict (groupbuy.group_closed) and does nothing.
  // Records groupbuy.expired. Returns the group with its members.
  Result<Group> Expire(Tx& tx, MerchantId merchant, GroupbuyGroupId group);
  // An expired group's member closed by the caller: paid -> refunded, or held -> released.
  Result<void> CloseMember(Tx& tx, MerchantId merchant, OrderId order, MemberState to);

 private:
  Result<std::vector<Group>> SelectGroups(Tx& tx, MerchantId merchant, const std::string& where,
                                          std::vector<storage::Param> params);
  Result<void> LoadMembers(Tx& tx, MerchantId merchant, std::vector<Group>& groups);
  Result<void> EmitGroupEvent(Tx& tx, const Group& g, std::string_view kind);

  const Clock& clock_;
  IdGenerator& ids_;
};

// Whether an order may ship: one of a group that has not filled may not
// (groupbuy.group_not_filled, 409). Orders outside group buys may.
Result<void> CheckShippable(Tx& tx, MerchantId merchant, OrderId order);

// The schema (schema/*.sql), for cli/registry.cc.
const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::groupbuy
