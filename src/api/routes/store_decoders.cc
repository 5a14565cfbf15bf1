#include "api/routes/store_decoders.h"

#include "modules/catalog/catalog_errors.h"

namespace weishang::api {
namespace {

// body.buyer into `out`; its first error when the buyer is needed.
std::optional<Error> DecodeBuyer(JsonReader& r, bool need_buyer, order::Buyer& out) {
  JsonReader br(r.Object("buyer", need_buyer), "buyer");
  out.name = br.Str("name", {.max_len = 50, .min_len = 1});
  out.phone = br.Str("phone", {.max_len = 20, .min_len = 5});
  // The address in parts is optional (older clients send region and
  // address only); with it, region defaults to the province.
  out.province = br.Str("province", {.required = false, .max_len = 30});
  out.city = br.Str("city", {.required = false, .max_len = 30});
  out.district = br.Str("district", {.required = false, .max_len = 30});
  out.postal_code = br.Str("postal_code", {.required = false, .max_len = 6});
  out.region = br.Str("region", {.required = out.province.empty(), .max_len = 30, .min_len = 1});
  if (out.region.empty()) out.region = out.province;
  out.address = br.Str("address", {.max_len = 300, .min_len = 2});
  out.note = br.Str("note", {.required = false, .max_len = 300});
  if (need_buyer) return br.Error();
  return std::nullopt;
}

}  // namespace

Result<CampaignBuyer> DecodeCampaignBuyer(const json::object& body) {
  JsonReader r(body);
  CampaignBuyer out;
  out.visitor = r.Str("visitor", {.required = false, .max_len = 64});
  if (auto bad = DecodeBuyer(r, true, out.buyer)) return Fail(*bad);
  if (r.Error()) return Fail(*r.Error());
  return out;
}

Result<workflows::PlaceOrderRequest> DecodeOrderRequest(const json::object& body,
                                                        MerchantId merchant, bool need_buyer) {
  JsonReader r(body);
  workflows::PlaceOrderRequest out;
  out.quote.merchant_id = merchant;
  out.cart_token = r.Str("cart_token", {.required = false, .max_len = 120});
  out.quote.coupon_code = r.Str("coupon_code", {.required = false, .max_len = 32});
  out.visitor = r.Str("visitor", {.required = false, .max_len = 64});
  const auto& lines = r.Array("lines", false, order::kMaxCartLines);
  out.quote.lines.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size() && !r.Error(); ++i) {
    if (!lines[i].is_object()) {
      r.Reject("lines", "must be a list of {sku_id, quantity}");
      break;
    }
    JsonReader lr(lines[i].as_object(), "lines[" + std::to_string(i) + "]");
    std::string_view sku = lr.View("sku_id", {.max_len = 40});
    std::int64_t qty = lr.Int("quantity", {.min = 1, .max = order::kMaxLineQuantity});
    if (lr.Error()) return Fail(*lr.Error());
    auto id = DecodeId<SkuId>(sku);
    if (!id)
      return Fail(
          NotFound(catalog::errors::kSkuNotFound, "no product option '" + std::string(sku) + "'"));
    out.quote.lines.push_back({*id, qty});
  }
  if (!r.Error() && out.cart_token.empty() && out.quote.lines.empty()) {
    r.Reject("lines", "or cart_token is required");
  }
  if (need_buyer || r.Has("buyer")) {
    if (auto bad = DecodeBuyer(r, need_buyer, out.buyer)) return Fail(*bad);
  } else {
    out.buyer.region = r.Str("region", {.required = false, .max_len = 30});
  }
  if (r.Error()) return Fail(*r.Error());
  return out;
}

}  // namespace weishang::api
