// The fake WeChat identity provider the tests sign in with.
#include "modules/accounts/accounts.h"
#include "modules/accounts/accounts_errors.h"

namespace weishang::accounts {

void FakeWechatProvider::Add(std::string code, WechatIdentity who) {
  std::lock_guard lock(mu_);
  codes_.emplace_back(std::move(code), std::move(who));
}

Result<WechatIdentity> FakeWechatProvider::Exchange(MerchantId, std::string_view code) {
  std::lock_guard lock(mu_);
  for (auto it = codes_.begin(); it != codes_.end(); ++it) {
    if (it->first == code) {
      WechatIdentity who = std::move(it->second);
      codes_.erase(it);
      return who;
    }
  }
  return Fail(ErrorKind::kUnauthenticated, errors::kWechatRefused,
              "WeChat did not accept this sign-in code; try again");
}

}  // namespace weishang::accounts
