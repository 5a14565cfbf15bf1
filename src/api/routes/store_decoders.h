// Decoders shared by the storefront's order routes.
#pragma once

#include "core/json.h"
#include "workflows/checkout/checkout.h"

namespace weishang::api {

// {"cart_token": "crt_…"} or {"lines": [{"sku_id": "sku_…", "quantity": 2}]}, plus optional
// "coupon_code", "visitor" (the device's id, for attribution), "region", and (when `need_buyer`)
// "buyer": {name, phone, region, address, note, and optionally province, city, district,
// postal_code; region defaults to the province}.
Result<workflows::PlaceOrderRequest> DecodeOrderRequest(const json::object& body,
                                                        MerchantId merchant, bool need_buyer);

// The buyer (required, as above) and "visitor" of an order whose lines a
// campaign decides (a share voucher's first order).
struct CampaignBuyer {
  order::Buyer buyer;
  std::string visitor;
};
Result<CampaignBuyer> DecodeCampaignBuyer(const json::object& body);

}  // namespace weishang::api
