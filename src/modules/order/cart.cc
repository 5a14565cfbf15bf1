// Server-side carts, addressed by an unguessable token.
#include "core/crypto.h"
#include "modules/order/order.h"
#include "modules/order/order_errors.h"

namespace weishang::order {
namespace {

Error CartNotFound() { return NotFound(order::errors::kCartNotFound, "no such cart"); }

}  // namespace

std::string MakeToken(std::string_view prefix, Id id, const std::string& secret) {
  return EncodeId(prefix, id) + "_" + secret;
}

std::optional<std::pair<Id, std::string>> SplitToken(std::string_view prefix,
                                                     std::string_view token) {
  if (token.size() > 120) return std::nullopt;
  std::size_t sep = token.find('_', prefix.size() + 1);
  if (sep == std::string_view::npos) return std::nullopt;
  auto id = DecodeId(prefix, token.substr(0, sep));
  if (!id) return std::nullopt;
  return std::make_pair(*id, std::string(token.substr(sep + 1)));
}

Result<Cart> OrderService::CreateCart(Tx& tx, MerchantId merchant) {
  Cart cart;
  cart.id = ids_.Next<CartId>();
  cart.merchant_id = merchant;
  std::string secret = RandomHex(16);
  cart.token = MakeToken(CartId::kPrefix, cart.id.value(), secret);
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO order_cart (id, merchant_id, secret_hash, created_at, updated_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {cart.id, merchant, Sha256Hex(secret), now, now});
  if (!ok) return Fail(ok.error());
  return cart;
}

Result<Cart> OrderService::GetCart(Tx& tx, MerchantId merchant, const std::string& token) {
  auto parts = SplitToken(CartId::kPrefix, token);
  if (!parts) return Fail(CartNotFound());
  auto row = tx.QueryOne("SELECT secret_hash FROM order_cart WHERE id = ? AND merchant_id = ?",
                         {parts->first, merchant});
  if (!row) return Fail(row.error());
  if (!*row || !SecureEquals((*row)->Str(0), Sha256Hex(parts->second))) return Fail(CartNotFound());
  Cart cart;
  cart.id = CartId(parts->first);
  cart.merchant_id = merchant;
  auto lines = tx.Query(
      "SELECT sku_id, quantity FROM order_cart_line WHERE cart_id = ? ORDER BY added_at, sku_id",
      {cart.id});
  if (!lines) return Fail(lines.error());
  for (const auto& r : *lines) cart.lines.push_back(CartLine{r.IdAt(0), r.Int(1)});
  return cart;
}

Result<void> OrderService::SetCartLine(Tx& tx, CartId cart_id, SkuId sku, std::int64_t quantity) {
  if (quantity < 0 || quantity > kMaxLineQuantity) {
    return Fail(Invalid(order::errors::kInvalidQuantity,
                        "quantity must be between 0 and " + std::to_string(kMaxLineQuantity)));
  }
  Timestamp now = clock_.Now();
  if (quantity == 0) {
    auto ok =
        tx.Exec("DELETE FROM order_cart_line WHERE cart_id = ? AND sku_id = ?", {cart_id, sku});
    if (!ok) return Fail(ok.error());
  } else {
    auto count = tx.QueryOne(
        "SELECT COUNT(*) FROM order_cart_line WHERE cart_id = ? AND sku_id <> ?", {cart_id, sku});
    if (!count) return Fail(count.error());
    if ((*count)->Int(0) >= kMaxCartLines) {
      return Fail(Conflict(order::errors::kCartFull,
                           "a cart holds at most " + std::to_string(kMaxCartLines) + " products"));
    }
    auto ok = tx.Exec(
        "INSERT INTO order_cart_line (cart_id, sku_id, quantity, added_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (cart_id, sku_id) DO UPDATE SET quantity = excluded.quantity",
        {cart_id, sku, quantity, now});
    if (!ok) return Fail(ok.error());
  }
  auto touched = tx.Exec("UPDATE order_cart SET updated_at = ? WHERE id = ?", {now, cart_id});
  if (!touched) return Fail(touched.error());
  return {};
}

Result<void> OrderService::ClearCart(Tx& tx, CartId cart_id) {
  auto ok = tx.Exec("DELETE FROM order_cart_line WHERE cart_id = ?", {cart_id});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::order
