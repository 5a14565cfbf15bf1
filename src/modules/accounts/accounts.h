// A customer's account in a store: the sessions a signed-in customer holds
// (opaque "wsc_" bearer tokens, only their SHA-256 stored, with expiry and
// sign-out) and their address book. Who the customer is lives in the
// customers module; this module keeps customer ids only. Writes take the
// caller's Tx. Stateless apart from its clock and id generator; thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::accounts {

using storage::Tx;

inline constexpr Timestamp kSessionLifetime = 30 * kDay;
inline constexpr int kMaxAddresses = 20;

// A live customer session.
struct Session {
  CustomerSessionId id;
  MerchantId merchant_id;
  CustomerId customer_id;
  std::string method;  // sms_code, wechat
  Timestamp expires_at = 0;
};

struct IssuedSession {
  std::string token;  // shown once
  Session session;
};

struct Address {
  CustomerAddressId id;
  std::string name;
  std::string phone;
  std::string province, city, district;
  std::string address;  // below the district
  std::string postal_code;
  bool is_default = false;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// What a create or an update sets; every field is checked (Validate).
struct AddressInput {
  std::string name;
  std::string phone;
  std::string province, city, district;
  std::string address;
  std::string postal_code;
  bool is_default = false;
};

// accounts.invalid_address (422) naming the first bad field: name 1–30
// characters, phone an 11-digit mobile, province 1–20, city and district up
// to 20, address 2–120, postal code "" or 6 digits.
Result<void> Validate(const AddressInput& in);

class AccountService {
 public:
  AccountService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // --- sessions (sessions.cc) ---
  // A new session for `customer`, signed in by `method`, alive kSessionLifetime.
  Result<IssuedSession> OpenSession(Tx& tx, MerchantId merchant, CustomerId customer,
                                    std::string_view method);
  // The live session behind `token` in `merchant`'s store; accounts.unauthenticated
  // (401) when unknown, expired, signed out or another store's.
  Result<Session> Resolve(Tx& tx, MerchantId merchant, std::string_view token);
  // Signs the token out; signing out twice succeeds.
  Result<void> CloseSession(Tx& tx, MerchantId merchant, std::string_view token);

  // --- address book (addresses.cc) ---
  // The customer's addresses, the default first, then newest first.
  Result<std::vector<Address>> Addresses(Tx& tx, MerchantId merchant, CustomerId customer);
  // Adds one; the first address, or one marked is_default, becomes the
  // default. accounts.invalid_address, accounts.address_limit (409) past
  // kMaxAddresses.
  Result<Address> AddAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                             const AddressInput& in);
  // Replaces every field; is_default = true makes it the default (setting it
  // false on the default leaves it the default: another must be chosen).
  // accounts.address_not_found (404) when not this customer's.
  Result<Address> UpdateAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                                CustomerAddressId id, const AddressInput& in);
  // Archives it; when it was the default, the newest other becomes the default.
  Result<void> RemoveAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                             CustomerAddressId id);
  // Moves the customer's addresses to `kept` (after a customer merge).
  Result<void> MoveAddresses(Tx& tx, MerchantId merchant, CustomerId from, CustomerId kept);

  // --- erasure (forget.cc) ---
  struct Forgotten {
    std::int64_t addresses = 0;  // address book rows deleted (archived ones included)
    std::int64_t sessions = 0;   // live sessions signed out
  };
  // A customer erased (PIPL): deletes the address books of `customers` (the
  // record and those merged into it) and signs out their live sessions.
  // Repeating it changes nothing.
  Result<Forgotten> Forget(Tx& tx, MerchantId merchant, const std::vector<CustomerId>& customers);

 private:
  Result<Address> GetAddress(Tx& tx, MerchantId merchant, CustomerId customer,
                             CustomerAddressId id);
  Result<void> MakeDefault(Tx& tx, MerchantId merchant, CustomerId customer, CustomerAddressId id);

  const Clock& clock_;
  IdGenerator& ids_;
};

// Who WeChat says a user is, from an OAuth code (snsapi_base / snsapi_userinfo).
struct WechatIdentity {
  std::string openid;   // per official account
  std::string unionid;  // across the merchant's WeChat apps; "" when not bound
};

// Exchanges an OAuth code for the user's ids. The real adapter (later) calls
// api.weixin.qq.com/sns/oauth2/access_token; tests use FakeWechatProvider.
// Fails with accounts.wechat_refused (401) for a code WeChat refuses.
// Implementations are thread-safe.
class WechatIdentityProvider {
 public:
  virtual ~WechatIdentityProvider() = default;
  virtual Result<WechatIdentity> Exchange(MerchantId merchant, std::string_view code) = 0;
};

// A stand-in for tests: knows the codes it was told about; each works once,
// as WeChat's do.
class FakeWechatProvider : public WechatIdentityProvider {
 public:
  void Add(std::string code, WechatIdentity who);
  Result<WechatIdentity> Exchange(MerchantId merchant, std::string_view code) override;

 private:
  std::mutex mu_;
  std::vector<std::pair<std::string, WechatIdentity>> codes_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::accounts
