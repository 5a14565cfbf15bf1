// The demo shop's growth: three channel codes (a package insert card
// pointing at a product, a soft article, an in-store poster) with their
// scans and the visits they brought, a link campaign shared by 李娜 in her
// mothers' group, and the customers these brought by signing in (first
// touch: their channel, and 李娜 as a referrer). Two more visitors buy as
// guests: demo.cc places their orders with the visitors returned here, so
// the checkout credits them (last touch) and the customers handler makes
// them customers brought by the codes.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::cli {

struct DemoGrowth {
  ChannelCodeId card, article, poster;
  GrowthCampaignId mothers_group;
  // The devices of the two guest buyers still to order: the card's, the article's.
  std::vector<std::string> buyer_visitors;
};

// Signs in on `visitor`'s device as the store's sign-in does
// (workflows/accounts): a new customer is brought by the device's first touch.
Result<customers::Customer> DemoSignIn(storage::Tx& tx, workflows::Modules& m, MerchantId merchant,
                                       const std::string& visitor, const std::string& name,
                                       const std::string& phone);

// `card_product` is the product the insert card opens; `sharer` shares the
// campaign's link (the demo's first customer, 李娜). Not idempotent: call it
// where the demo shop is made.
Result<DemoGrowth> SeedDemoGrowth(storage::Database& db, workflows::Modules& m, MerchantId merchant,
                                  ProductId card_product, CustomerId sharer);

}  // namespace weishang::cli
