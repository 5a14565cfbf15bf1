// A customer signing in to a store, and what a signed-in customer reads:
// the SMS code, the sign-in that matches or creates their customer record
// (customers::Arrive, channel "sign_in"), WeChat sign-in, the session
// behind a request, and their orders. Routes: api/routes/store_account_routes.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/dispatcher.h"
#include "modules/accounts/accounts.h"
#include "modules/sms/sms.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// What sign-in needs beyond Modules, made once by the registry: the code
// service (with the server's SMS provider), the sandbox provider when the
// sandbox is on, and the WeChat provider when one is configured.
struct SignInWiring {
  sms::CodeService& codes;
  sms::SandboxSmsProvider* sandbox = nullptr;
  accounts::WechatIdentityProvider* wechat = nullptr;
};

// The customer behind a request's session.
struct CurrentCustomer {
  accounts::Session session;
  customers::Customer customer;  // the record kept, following merges
};

struct SignedIn {
  accounts::IssuedSession issued;
  customers::Customer customer;
  bool created = false;  // the sign-in made the customer record
};

// A code sign-in: the verdict on the code, and the session when accepted.
// Wrong codes are counted, so the caller commits the unit either way.
struct CodeSignIn {
  sms::Verdict verdict = sms::Verdict::kInvalid;
  std::optional<SignedIn> signed_in;
};

// Sends a sign-in code to `phone` (any form NormalisePhone takes) with the
// shop's name. sms.invalid_phone, sms.daily_cap, sms.no_provider; sent =
// false with the wait when the last code is younger than 60 s.
Result<sms::CodeRequest> RequestSignInCode(storage::Tx& tx, Modules& m, sms::CodeService& codes,
                                           MerchantId merchant, std::string_view phone);

// Checks the code; when accepted, finds or creates the customer of the phone
// (Arrive, channel "sign_in"; the guest orders placed with that phone are
// already linked to that record by the customers handler) and opens a
// session. `current` is the customer already signed in on this device (by
// WeChat alone, no phone yet): their identities arrive together with the
// phone, so the two records become one (merged, addresses moved). A current
// customer who already has a phone is not joined: signing in with another
// phone is someone else's account. `visitor` (the device's id): a new
// customer's channel and referrer come from the share link or channel code
// opened on it (workflows/attribution). sms.invalid_phone.
Result<CodeSignIn> SignInWithCode(storage::Tx& tx, Modules& m, sms::CodeService& codes,
                                  MerchantId merchant, std::string_view phone,
                                  std::string_view code, std::optional<CustomerId> current,
                                  std::string_view visitor = {});

// Finds or creates the customer of a WeChat openid (and unionid), merging
// with `current` as above, and opens a session (method "wechat").
Result<SignedIn> SignInWithWechat(storage::Tx& tx, Modules& m, MerchantId merchant,
                                  const accounts::WechatIdentity& who,
                                  std::optional<CustomerId> current, std::string_view visitor = {});

// The session behind `token` and its customer; accounts.unauthenticated (401).
Result<CurrentCustomer> ResolveCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        std::string_view token);

// The customer's orders, newest first, before `before`, at most `limit`:
// those linked to the customer by the customers module (guest orders with
// their phone, and orders placed signed in).
Result<std::vector<order::Order>> OrdersOfCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                   CustomerId customer,
                                                   std::optional<OrderId> before, int limit);

// The "accounts" handler: on customer.merged (a sign-in's or the console's
// merge), the merged record's address book moves to the record kept.
// Moving twice changes nothing.
events::Handler AccountsHandler(Modules& m);

}  // namespace weishang::workflows
