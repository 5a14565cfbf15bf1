// The write half of checkout: everything here shares one unit of work.
#include "workflows/checkout/checkout.h"

namespace weishang::workflows {

Result<order::Order> CommitOrder(storage::Tx& tx, Modules& m, const PreparedOrder& p) {
  Id merchant = p.order.merchant_id;
  // Stock first: it is what runs out under load, and failing here is cheapest.
  if (auto taken = m.inventory.Take(tx, merchant, p.units); !taken) return Fail(taken.error());
  auto created = m.orders.Create(tx, p.order);
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

}  // namespace weishang::workflows
