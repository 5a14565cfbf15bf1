// Group buys across modules: a campaign checked against the catalog, a
// leader opening a group and members joining it (each a normal order at
// the group price, placed through checkout with a per-line price set here),
// the order events that move members (paid, cancelled), the timed job that
// expires unfilled groups (refunds through the payment provider, stock
// back), and the pages the console and the store show.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "modules/groupbuy/groupbuy.h"
#include "workflows/checkout/checkout.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The group-buy module's objects, built once by the registry.
struct GroupbuyWiring {
  groupbuy::GroupbuyService& groups;
};

struct GroupPriceRequest {
  SkuId sku_id;
  Fen group_price = 0;
};

struct CampaignRequest {
  ProductId product_id;
  std::string title;
  std::vector<GroupPriceRequest> prices;
  int group_size = 0;
  int window_hours = 0;
  int per_customer_limit = 1;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
};

// Checks the product (catalog.product_not_found) and that each SKU is one
// of its own (groupbuy.sku_not_in_campaign), takes each SKU's list price,
// then creates the campaign (the module's rules: groupbuy.invalid_field).
Result<groupbuy::Campaign> CreateGroupbuyCampaign(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                                  MerchantId merchant, const CampaignRequest& in);

// A signed-in customer opening a group of `campaign` (leader) or joining
// `group`, buying one unit of `sku_id` at its group price.
struct GroupOrderRequest {
  MerchantId merchant_id;
  std::optional<GroupbuyCampaignId> campaign;  // opening a group
  std::optional<GroupbuyGroupId> group;        // joining one
  SkuId sku_id;
  order::Buyer buyer;
  CustomerId customer;
  std::string shown_name;  // what the group page shows of them (GroupMemberName)
};

struct PreparedGroupOrder {
  PreparedOrder order;
  groupbuy::Campaign campaign;
  std::optional<GroupbuyGroupId> group;  // none: a new group opens
  CustomerId customer;
  std::string shown_name;
};

// Phase 1 (read): the campaign (groupbuy.not_found; groupbuy.campaign_not_live
// to open a group), the group (groupbuy.group_not_found, group_closed), the
// SKU's group price (groupbuy.sku_not_in_campaign) and the order priced by
// checkout at that price (checkout's errors).
Result<PreparedGroupOrder> PrepareGroupOrder(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                             const GroupOrderRequest& req, Timestamp now);

struct GroupOrder {
  groupbuy::Group group;  // after the join, with its members
  order::Order order;     // pending payment, with its token
};

// Phase 2 (write, one unit): opens the group when asked, takes a place
// (groupbuy.group_closed, group_full, already_member, limit_reached), places
// the order (checkout's CommitOrder: stock taken; its payment deadline no
// later than the group's), records the member and links the order to the
// customer. Any failure rolls everything back.
Result<GroupOrder> CommitGroupOrder(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                    const PreparedGroupOrder& p);

// How a member is shown on a group page: their display name, or "尾号1234".
std::string GroupMemberName(const customers::Customer& c);

// Expires one due group, exactly once (the module's conditional UPDATE: a
// second caller, another node's job, gets groupbuy.group_closed and its unit
// rolls back). Members whose orders were paid before their order.paid event
// was handled count as paid first (the group may fill instead). Otherwise:
// each paid member's order is refunded in full through the payment
// provider, its stock restored and the order closed; each unpaid member's
// order is cancelled (stock back). Returns the group as it ends.
Result<groupbuy::Group> ExpireGroup(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                    MerchantId merchant, GroupbuyGroupId group);

// The job "expire_group_buys": ExpireGroup for each group past its deadline.
std::vector<Job> GroupbuyJobs(GroupbuyWiring& w);

// order.paid -> the member is paid (the group may fill); order.cancelled ->
// the member's place is given back while the group is open.
events::Handler GroupbuyHandler(GroupbuyWiring& w);

// What the console's campaign page shows: the campaign, its product's
// title, and its groups (newest first) with every member.
struct CampaignDetail {
  groupbuy::Campaign campaign;
  std::string product_title;
  std::vector<groupbuy::Group> groups;
};
Result<CampaignDetail> LoadCampaignDetail(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                          MerchantId merchant, GroupbuyCampaignId id,
                                          int group_limit);

// What the store shows: the campaign with its product, and its open groups
// to join (or one group). Members are the group's real rows: held, paid, or
// refunded (an expired group); those who left unpaid (released) are not shown. `viewer` marks the
// viewer's own membership.
struct StoreCampaign {
  groupbuy::Campaign campaign;
  catalog::Product product;
  std::vector<groupbuy::Group> open_groups;  // with places left, soonest deadline first
};
Result<StoreCampaign> LoadStoreCampaign(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                        MerchantId merchant, GroupbuyCampaignId id);

struct StoreGroup {
  groupbuy::Group group;  // members: held and paid only
  groupbuy::Campaign campaign;
  catalog::Product product;
};
Result<StoreGroup> LoadStoreGroup(storage::Tx& tx, Modules& m, GroupbuyWiring& w,
                                  MerchantId merchant, GroupbuyGroupId id);

}  // namespace weishang::workflows
