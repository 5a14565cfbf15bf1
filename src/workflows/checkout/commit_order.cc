// The write half of checkout: everything here shares one unit of work.
#include "core/json.h"
#include "modules/idempotency/idempotency.h"
#include "modules/idempotency/idempotency_errors.h"
#include "workflows/checkout/checkout.h"

namespace weishang::workflows {
namespace {

std::string CheckoutRecord(const order::OrderIdentity& o) {
  return "{\"order_id\":\"" + EncodeId(o.id) + "\",\"order_token\":\"" + o.token + "\"}";
}

// The order a checkout record points to, with the token the buyer was given.
Result<order::Order> RecordedOrder(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   const std::string& record) {
  auto ref = ParseObject(record);
  auto id = ref ? DecodeId<OrderId>(JsonReader(*ref).Str("order_id")) : std::nullopt;
  if (!id) return Fail(Internal(idempotency::errors::kBadRecord, "unreadable checkout record"));
  auto o = m.orders.Get(tx, merchant, *id);
  if (!o) return o;
  o->token = JsonReader(*ref).Str("order_token");
  return o;
}

// CommitOrder under an identity drawn by the caller.
Result<order::Order> CommitOrderAs(storage::Tx& tx, Modules& m, const PreparedOrder& p,
                                   const order::OrderIdentity& identity) {
  MerchantId merchant = p.order.merchant_id;
  // Stock before the order: it is what runs out under load, and failing
  // here is cheapest.
  if (auto taken = m.inventory.Take(tx, merchant, p.units); !taken) return Fail(taken.error());
  auto created = m.orders.Create(tx, p.order, identity);
  if (!created) return Fail(created.error());
  if (p.order.coupon_id) {
    auto redeemed = m.promotions.RedeemCoupon(tx, merchant, *p.order.coupon_id, created->id,
                                              p.order.buyer.phone);
    if (!redeemed) return Fail(redeemed.error());
  }
  if (p.cart_id) {
    if (auto cleared = m.orders.ClearCart(tx, *p.cart_id); !cleared) return Fail(cleared.error());
  }
  return created;
}

}  // namespace

Result<order::Order> CommitOrder(storage::Tx& tx, Modules& m, const PreparedOrder& p) {
  return CommitOrderAs(tx, m, p, m.orders.NewIdentity());
}

Result<order::Order> CommitCheckout(storage::Tx& tx, Modules& m, const PreparedOrder& p,
                                    const std::string& key, const std::string& request_hash,
                                    Timestamp now) {
  MerchantId merchant = p.order.merchant_id;
  // The answer is recorded first, under the order's identity drawn now: one
  // statement both claims the key and finds an earlier answer.
  order::OrderIdentity identity = m.orders.NewIdentity();
  auto earlier = idempotency::Claim(tx, merchant, kCheckoutScope, key, request_hash,
                                    {201, CheckoutRecord(identity)}, now);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) return RecordedOrder(tx, m, merchant, (*earlier)->body);
  return CommitOrderAs(tx, m, p, identity);
}

Result<std::optional<order::Order>> EarlierCheckout(storage::Tx& tx, Modules& m,
                                                    MerchantId merchant, const std::string& key,
                                                    const std::string& request_hash) {
  auto seen = idempotency::Find(tx, merchant, kCheckoutScope, key, request_hash);
  if (!seen) return Fail(seen.error());
  if (!*seen) return std::optional<order::Order>();
  auto o = RecordedOrder(tx, m, merchant, (*seen)->body);
  if (!o) return Fail(o.error());
  return std::optional<order::Order>(std::move(*o));
}

Result<CheckoutStart> StartCheckout(storage::Tx& tx, Modules& m, const PlaceOrderRequest& req,
                                    const std::string& key, const std::string& request_hash,
                                    Timestamp now, SnapshotCache* cache) {
  auto prepared = PrepareOrder(tx, m, req, now, cache);
  if (prepared) return CheckoutStart{std::move(*prepared), std::nullopt};
  auto earlier = EarlierCheckout(tx, m, req.quote.merchant_id, key, request_hash);
  if (earlier && *earlier) return CheckoutStart{std::nullopt, std::move(**earlier)};
  return Fail(prepared.error());
}

}  // namespace weishang::workflows
