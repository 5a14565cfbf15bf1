// Share vouchers across modules: a campaign checked against the catalog and
// kept in the growth numbers (an attribution campaign of kind voucher), a
// friend claiming a voucher (only a customer who has never bought) and
// ordering with it (a normal order at the campaign's price, placed through
// checkout's per-line price), the events that redeem it and pass vouchers
// on (customer.purchased) or give it back (order.cancelled), and what the
// store and the console show: the voucher's page, a customer's vouchers,
// the fission tree with its generations, and the clusters flagged for the
// merchant to void.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/dispatcher.h"
#include "modules/growth/fission.h"
#include "modules/vouchers/vouchers.h"
#include "workflows/checkout/checkout.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// The voucher module's objects, built once by the registry.
struct VoucherWiring {
  vouchers::VoucherService& vouchers;
};

struct VoucherCampaignRequest {
  std::string title;
  ProductId product_id;
  SkuId sku_id;
  vouchers::Benefit benefit = vouchers::Benefit::kTrialPrice;
  Fen value = 0;
  int per_buyer = vouchers::kDefaultPerBuyer;
  int max_generations = 0;
  int voucher_days = vouchers::kDefaultVoucherDays;
  std::optional<Fen> budget;
  Timestamp starts_at = 0, ends_at = 0;
};

// Checks the product (catalog.product_not_found) and that the SKU is one of
// its own (vouchers.invalid_field), takes the SKU's price as the list
// price, creates the campaign (the module's rules) and its growth campaign
// (attribution, kind voucher), so links to its vouchers are credited to it.
Result<vouchers::Campaign> CreateVoucherCampaign(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                 MerchantId merchant,
                                                 const VoucherCampaignRequest& in);

// How a giver or friend is shown to others: their display name, or "尾号1234".
std::string VoucherPersonName(const customers::Customer& c);

// A voucher's landing page in the store.
struct VoucherPage {
  vouchers::Voucher voucher;
  vouchers::Campaign campaign;
  catalog::Product product;
  std::string giver_name;
};
// vouchers.voucher_not_found (404), also for a product no longer on sale.
Result<VoucherPage> LoadVoucherPage(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                    MerchantId merchant, std::string_view token);

// A signed-in customer claims the voucher: refused for a customer who has
// bought before (vouchers.existing_customer, 409), and the module's rules
// (own voucher, taken, expired, voided, one per customer, phone, device).
// `device`: the store's visitor id ("" when unknown).
Result<vouchers::Voucher> ClaimVoucher(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                       MerchantId merchant, std::string_view token,
                                       const customers::Customer& friend_customer,
                                       std::string_view device);

struct VoucherOrderRequest {
  MerchantId merchant_id;
  std::string token;
  CustomerId customer;
  order::Buyer buyer;
  std::string visitor;  // the device, for attribution
};

struct PreparedVoucherOrder {
  PreparedOrder order;
  vouchers::Campaign campaign;
  VoucherId voucher;
  CustomerId customer;
  std::string address_key;
  std::string visitor;
};

// Phase 1 (read): the voucher claimed by the customer (vouchers.not_claimed),
// still a new customer (vouchers.existing_customer), the campaign live, and
// the order of one unit of the campaign's SKU at its price, priced by
// checkout (checkout's errors).
Result<PreparedVoucherOrder> PrepareVoucherOrder(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                 const VoucherOrderRequest& req, Timestamp now);

// Phase 2 (write, one unit): places the order (stock taken), uses the
// voucher (address once per campaign, budget reserved), links the order to
// the customer and credits it to the device's last share link. Any failure
// rolls everything back.
Result<order::Order> CommitVoucherOrder(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                        const PreparedVoucherOrder& p);

// The "vouchers" handler: customer.purchased -> a voucher order is redeemed
// (the payer taken from its payment) and, unless blocked, voided or at the
// campaign's deepest generation, its friend receives vouchers; any other
// paid order of a customer gives them the vouchers of each live campaign
// (once per campaign). order.cancelled -> a used voucher is claimed again.
events::Handler VoucherHandler(Modules& m, VoucherWiring& w);

// What "my vouchers" shows a signed-in customer.
struct MyVoucher {
  vouchers::Voucher voucher;
  vouchers::Campaign campaign;
  std::string product_title;
  std::string friend_name;  // who claimed one they passed on; "" otherwise
};
struct MyVouchers {
  std::vector<MyVoucher> to_give;  // received to pass on, newest first
  std::vector<MyVoucher> claimed;  // claimed from friends, newest first
};
Result<MyVouchers> LoadMyVouchers(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                  MerchantId merchant, CustomerId customer);

// The fission tree of a campaign: its seeds, the friends who claimed their
// vouchers and the friends' friends, with the generations' counts and
// K-factor (growth::Generations: invitations are the vouchers issued).
struct VoucherTreeNode {
  CustomerId customer_id;
  std::optional<CustomerId> giver_id;
  int generation = 0;
  std::string name;
  bool paid = false;  // a seed, or a friend whose voucher order was paid
  int issued = 0;     // vouchers received to pass on
  int redeemed = 0;   // of them, redeemed by friends
};
struct VoucherTree {
  vouchers::Campaign campaign;
  vouchers::CampaignCounts counts;
  std::vector<growth::Generation> generations;
  std::vector<VoucherTreeNode> nodes;  // at most kMaxTreeNodes, seeds first
  bool truncated = false;
};
inline constexpr std::size_t kMaxTreeNodes = 2000;
Result<VoucherTree> LoadVoucherTree(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                    MerchantId merchant, VoucherCampaignId campaign);

// A cluster the merchant should look at (as ReferralCandy flags them):
//   shared_address: 3 or more redemptions to one building (the address
//     without its last house or room number), or 2 to one address across
//     campaigns;
//   shared_device / shared_payer: 2 or more redemptions from one device or
//     payment account (across campaigns; within one, the second is refused,
//     or blocked for a payer);
//   friends_never_return: a giver with 3 or more redeemed friends, the
//     latest at least 30 days ago, none of whom bought again.
struct VoucherFlag {
  std::string kind;
  std::string
      key;  // what they share, shown masked (an address's first characters, a device's tail)
  std::vector<vouchers::Voucher> vouchers;
  std::vector<CustomerId> givers;
  bool voided = false;  // every voucher in it voided already
};
inline constexpr int kClusterAddressRedemptions = 3;
inline constexpr int kNeverReturnFriends = 3;
inline constexpr Timestamp kNeverReturnAfter = 30 * kDay;
Result<std::vector<VoucherFlag>> FindVoucherFlags(storage::Tx& tx, Modules& m, VoucherWiring& w,
                                                  MerchantId merchant);

// The building an address key is in: the key without its last run of
// digits and what follows (a room or house number).
std::string BuildingKey(std::string_view address_key);

}  // namespace weishang::workflows
