#include "workflows/cart/set_cart_line.h"

namespace weishang::workflows {

Result<void> SetCartLine(storage::Tx& tx, Modules& m, MerchantId merchant,
                         const std::string& cart_token, SkuId sku, std::int64_t quantity) {
  auto cart = m.orders.GetCart(tx, merchant, cart_token);
  if (!cart) return Fail(cart.error());
  if (quantity > 0) {
    auto sellable = m.catalog.GetSkusForSale(tx, merchant, {sku});
    if (!sellable) return Fail(sellable.error());
  }
  return m.orders.SetCartLine(tx, cart->id, sku, quantity);
}

}  // namespace weishang::workflows
