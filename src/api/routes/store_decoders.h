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

}  // namespace weishang::api
