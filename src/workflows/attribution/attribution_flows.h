// Attribution across modules: a visit through a share link or a channel
// code (the store records it with the device's visitor id), what brought a
// new customer (first touch: their channel and referrer in the customers
// module, for life), the touch an order is credited to (last touch inside
// the window), and the `attribution` handler that follows the credited
// orders' payments and refunds and the customers' merges.
//
// A customer's channel (customers::Arrival::channel) from a touch: "qr:<chn_…>"
// for a channel code, "campaign:<gcp_…>" for a campaign link, "referral" for
// a friend's link; the sharer is the referrer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "events/dispatcher.h"
#include "modules/attribution/attribution.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// A visit to `path` of the merchant's store through `code` (may be empty).
// store.invalid_share_path, attribution.invalid_visitor (422). A code that
// does not verify is recorded as forged and credits nothing.
Result<attribution::Touch> RecordVisit(storage::Tx& tx, Modules& m, MerchantId merchant,
                                       std::string_view visitor, std::string_view code,
                                       std::string_view path, std::optional<CustomerId> customer);

// The signed code of a share link by `sharer` (a signed-in customer; none
// for the shop's own links) for `campaign` (checked: attribution.campaign_not_found).
Result<std::string> ShareCode(storage::Tx& tx, Modules& m, MerchantId merchant,
                              std::optional<CustomerId> sharer,
                              std::optional<GrowthCampaignId> campaign);

// A share link: `origin`/s/`slug``path`?r=<code>, the code naming `sharer`
// and `campaign` as ShareCode does; without either, the plain link (no
// code). store.invalid_share_path (422) for a path outside the store.
struct ShareLinkOut {
  std::string code;  // empty for a plain link
  std::string url;
};
Result<ShareLinkOut> MakeShareLink(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   std::string_view origin, std::string_view slug,
                                   std::string_view path, std::optional<CustomerId> sharer,
                                   std::optional<GrowthCampaignId> campaign);

// What a channel code's QR holds: `origin`/q/`slug`/chn_…, never the target
// (the code keeps its picture when the target moves).
std::string ChannelLink(std::string_view origin, std::string_view slug, ChannelCodeId channel);

// A scan of a channel code's QR: counted, and the store path it lands on,
// /s/`slug``target`?r=<code naming the channel>; an archived or unknown
// code lands on the shop's home page uncounted (a printed card still opens
// the shop).
Result<std::string> ScanChannel(storage::Tx& tx, Modules& m, MerchantId merchant,
                                std::string_view slug, ChannelCodeId channel);

// The channel and referrer a new customer arriving on this device gets (the
// visitor's first attributed touch), filled into `a`; the touch, if any.
// An invalid or empty visitor has none.
Result<std::optional<attribution::Touch>> FillArrivalSource(storage::Tx& tx, Modules& m,
                                                            MerchantId merchant,
                                                            std::string_view visitor,
                                                            customers::Arrival& a);
// After the arrival: the visitor is the customer now, and a customer the
// arrival created keeps `touch` as what brought them.
Result<void> RecordArrivalSource(storage::Tx& tx, Modules& m, MerchantId merchant,
                                 std::string_view visitor, const customers::Matched& matched,
                                 const std::optional<attribution::Touch>& touch);

// Credits a just-placed order to the visitor's (or the signed-in
// customer's) last attributed touch inside the window; nothing when there
// is none or the visitor is empty or invalid. The credit keeps what the
// buyer was given off the SKUs' prices (discounts and campaign line prices)
// for the growth report's cost.
Result<void> CreditPlacedOrder(storage::Tx& tx, Modules& m, const order::Order& o,
                               std::string_view visitor, std::optional<CustomerId> customer);

// The channel text a touch gives a customer ("qr:chn_…", "campaign:gcp_…", "referral").
std::string ChannelOfTouch(const attribution::Touch& t);

// The dispatcher's "attribution" handler: order.paid and order.cancelled /
// aftersales.refunded move a credited order's paid time and refunded total;
// customer.merged moves the merged record's touches, credits and first touch.
events::Handler AttributionHandler(Modules& m);

}  // namespace weishang::workflows
