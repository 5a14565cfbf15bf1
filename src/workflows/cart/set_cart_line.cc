#include "workflows/cart/set_cart_line.h"

#include "workflows/checkout/checkout.h"

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

Result<CartView> ReadCart(storage::Tx& tx, Modules& m, MerchantId merchant,
                          const std::string& cart_token, Timestamp now, SnapshotCache* cache) {
  auto cart = m.orders.GetCart(tx, merchant, cart_token);
  if (!cart) return Fail(cart.error());
  CartView view{std::move(*cart), std::nullopt, std::nullopt};
  if (view.cart.lines.empty()) return view;
  QuoteRequest q{merchant, {}, "", std::nullopt, ""};
  for (const auto& l : view.cart.lines) q.lines.push_back({l.sku_id, l.quantity});
  auto quote = QuoteOrder(tx, m, q, now, cache);
  if (quote) {
    view.quote = std::move(*quote);
  } else {
    view.quote_error = quote.error();
  }
  return view;
}

}  // namespace weishang::workflows
