#include "cli/demo.h"

#include <cstdio>

#include "core/crypto.h"

namespace weishang::cli {
namespace {

// A published demo credential, printed at start; not a secret.
constexpr const char* kDemoPassword = "weishang-demo";

}  // namespace

Result<DemoLogin> SeedDemo(storage::Database& db, workflows::Modules& m, const Clock& clock) {
  DemoLogin login;
  login.password = kDemoPassword;
  auto existing = storage::ReadValue(db, [&](storage::Tx& tx) {
    return m.identity.FindMerchantBySlug(tx, login.shop);
  });
  if (!existing) return Fail(existing.error());
  if (*existing) return login;

  identity::SignUpInput in;
  in.slug = login.shop;
  in.shop_name = "湘味小铺 Xiangwei Snacks";
  in.owner_login = login.login;
  in.owner_name = "店主 Owner";
  in.password_hash = HashPassword(kDemoPassword);
  auto owner = storage::WriteValue(db, [&](storage::Tx& tx) { return m.identity.SignUp(tx, in); });
  if (!owner) return Fail(owner.error());
  login.created = true;
  return login;
}

void PrintDemoLogin(const DemoLogin& login) {
  std::printf(
      "demo shop '%s'%s\n  console login: shop=%s login=%s password=%s\n"
      "  storefront:    /store/v1/%s/home\n",
      login.shop.c_str(), login.created ? " created" : " ready", login.shop.c_str(),
      login.login.c_str(), login.password.c_str(), login.shop.c_str());
  std::fflush(stdout);
}

}  // namespace weishang::cli
