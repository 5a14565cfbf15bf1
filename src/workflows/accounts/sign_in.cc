#include "workflows/accounts/sign_in.h"

#include <algorithm>

#include "core/json.h"
#include "modules/customers/customer_events.h"
#include "modules/sms/sms_errors.h"
#include "workflows/attribution/attribution_flows.h"

namespace weishang::workflows {
namespace {

Result<std::string> Phone(std::string_view text) {
  std::string phone = customers::NormalisePhone(text);
  if (phone.empty()) {
    return Fail(Invalid(sms::errors::kInvalidPhone, "the phone must be an 11-digit mobile number"));
  }
  return phone;
}

// Arrives with `identities` plus those of the customer signed in on this
// device, moves the address book of any record merged away, and opens a
// session for the record kept.
Result<SignedIn> Arrive(storage::Tx& tx, Modules& m, MerchantId merchant,
                        std::vector<customers::Identity> identities,
                        std::optional<CustomerId> current, std::string_view method,
                        std::string_view visitor) {
  if (current) {
    // Only a customer known by WeChat alone is joined with the new identity:
    // one who already has a phone is another person's account when the phone
    // differs (two people sharing a device), so they are not merged.
    auto theirs = m.customers.Identities(tx, merchant, *current);
    if (!theirs) return Fail(theirs.error());
    bool has_phone = std::any_of(theirs->begin(), theirs->end(), [](const auto& i) {
      return i.kind == customers::IdentityKind::kPhone;
    });
    if (!has_phone) identities.insert(identities.end(), theirs->begin(), theirs->end());
  }
  customers::Arrival a;
  a.identities = std::move(identities);
  a.channel = "sign_in";
  // A share link or channel code opened on this device brought them.
  auto source = FillArrivalSource(tx, m, merchant, visitor, a);
  if (!source) return Fail(source.error());
  auto matched = m.customers.Arrive(tx, merchant, a, "sign_in");
  if (!matched) return Fail(matched.error());
  if (auto ok = RecordArrivalSource(tx, m, merchant, visitor, *matched, *source); !ok) {
    return Fail(ok.error());
  }
  for (CustomerId gone : matched->merged) {
    auto moved = m.accounts.MoveAddresses(tx, merchant, gone, matched->customer.id);
    if (!moved) return Fail(moved.error());
  }
  auto issued = m.accounts.OpenSession(tx, merchant, matched->customer.id, method);
  if (!issued) return Fail(issued.error());
  return SignedIn{std::move(*issued), std::move(matched->customer), matched->created};
}

}  // namespace

Result<sms::CodeRequest> RequestSignInCode(storage::Tx& tx, Modules& m, sms::CodeService& codes,
                                           MerchantId merchant, std::string_view phone) {
  auto normal = Phone(phone);
  if (!normal) return Fail(normal.error());
  auto shop = m.identity.GetMerchant(tx, merchant);
  if (!shop) return Fail(shop.error());
  return codes.Request(tx, merchant, *normal, sms::kSignInPurpose, shop->name);
}

Result<CodeSignIn> SignInWithCode(storage::Tx& tx, Modules& m, sms::CodeService& codes,
                                  MerchantId merchant, std::string_view phone,
                                  std::string_view code, std::optional<CustomerId> current,
                                  std::string_view visitor) {
  auto normal = Phone(phone);
  if (!normal) return Fail(normal.error());
  auto verdict = codes.Verify(tx, merchant, *normal, sms::kSignInPurpose, code);
  if (!verdict) return Fail(verdict.error());
  CodeSignIn out;
  out.verdict = *verdict;
  if (*verdict != sms::Verdict::kAccepted) return out;
  auto in = Arrive(tx, m, merchant, {{customers::IdentityKind::kPhone, *normal}}, current,
                   "sms_code", visitor);
  if (!in) return Fail(in.error());
  out.signed_in = std::move(*in);
  return out;
}

Result<SignedIn> SignInWithWechat(storage::Tx& tx, Modules& m, MerchantId merchant,
                                  const accounts::WechatIdentity& who,
                                  std::optional<CustomerId> current, std::string_view visitor) {
  std::vector<customers::Identity> ids;
  // The unionid first: it finds the person across the merchant's WeChat apps.
  if (!who.unionid.empty()) ids.push_back({customers::IdentityKind::kWechatUnionid, who.unionid});
  ids.push_back({customers::IdentityKind::kWechatOpenid, who.openid});
  return Arrive(tx, m, merchant, std::move(ids), current, "wechat", visitor);
}

Result<CurrentCustomer> ResolveCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                        std::string_view token) {
  auto session = m.accounts.Resolve(tx, merchant, token);
  if (!session) return Fail(session.error());
  auto customer = m.customers.Get(tx, merchant, session->customer_id);
  if (!customer) return Fail(customer.error());
  return CurrentCustomer{std::move(*session), std::move(*customer)};
}

Result<std::vector<order::Order>> OrdersOfCustomer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                                   CustomerId customer,
                                                   std::optional<OrderId> before, int limit) {
  auto ids = m.customers.OrdersOf(tx, merchant, customer, before, limit);
  if (!ids) return Fail(ids.error());
  std::vector<order::Order> out;
  out.reserve(ids->size());
  for (OrderId id : *ids) {
    auto o = m.orders.Get(tx, merchant, id);
    if (!o) return Fail(o.error());
    out.push_back(std::move(*o));
  }
  return out;
}

events::Handler AccountsHandler(Modules& m) {
  return events::Handler{"accounts",
                         {std::string(customers::kCustomerMerged)},
                         [&m](storage::Tx& tx, const events::Event& e) -> Result<void> {
                           auto payload = ParseObject(e.payload);
                           if (!payload) return {};
                           JsonReader r(*payload);
                           auto kept = DecodeId<CustomerId>(r.Str("kept_id"));
                           auto merged = DecodeId<CustomerId>(r.Str("merged_id"));
                           if (!kept || !merged) return {};
                           return m.accounts.MoveAddresses(tx, e.merchant_id, *merged, *kept);
                         }};
}

}  // namespace weishang::workflows
