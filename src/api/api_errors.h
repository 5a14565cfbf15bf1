// Stable error codes the HTTP layer raises itself: the storefront's shop
// lookup and the web front end's files.
#pragma once

namespace weishang::api::errors {

// /store/v1/{shop}: no such shop, or a suspended one.
inline constexpr char kShopNotFound[] = "store.shop_not_found";
// The server has no built front end (make build puts one beside the binary).
inline constexpr char kWebNotBuilt[] = "web.not_built";
inline constexpr char kWebNotFound[] = "web.not_found";
// --web-root could not be read, or holds more than the server keeps in memory.
inline constexpr char kWebUnreadable[] = "web.unreadable";
inline constexpr char kWebTooLarge[] = "web.too_large";

}  // namespace weishang::api::errors
