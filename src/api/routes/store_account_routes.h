// The store's sign-in and "me" routes (store_account_routes.cc), the console's
// SMS sandbox, and the helper other store routes use to find the signed-in
// customer. Installed by the accounts module's descriptor (cli/registry.cc).
#pragma once

#include <optional>

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/accounts/sign_in.h"

namespace weishang::api {

void AddStoreAccountRoutes(Router& r, Services& s, const workflows::SignInWiring& wiring);

// The customer behind the request's `Authorization: Bearer wsc_…` in the
// shop `merchant`: none when the request carries no customer token;
// accounts.unauthenticated (401) when it carries one that is not live.
// Reads on a snapshot; any store route may call it.
Result<std::optional<workflows::CurrentCustomer>> OptionalCustomer(Services& s,
                                                                   const HttpRequest& req,
                                                                   MerchantId merchant);
// The same, required: accounts.unauthenticated (401) without a token.
Result<workflows::CurrentCustomer> RequireCustomer(Services& s, const HttpRequest& req,
                                                   MerchantId merchant);

// The path's shop and its signed-in customer, the start of every store "me"
// route: the shop's errors (ResolveShop), then RequireCustomer's.
struct ShopCustomer : workflows::CurrentCustomer {
  MerchantId shop;
};
Result<ShopCustomer> RequireShopCustomer(Services& s, const HttpRequest& req);

}  // namespace weishang::api
