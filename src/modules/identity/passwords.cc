#include "modules/identity/passwords.h"

namespace weishang::identity {

Passwords::Passwords(const PasswordHasher& hasher, Options options)
    : hasher_(hasher),
      dummy_hash_(hasher.Hash("no such login: timing equaliser")),
      // nice 10: the connection threads win the CPU when both want it.
      pool_({.name = "ws-passwords",
             .threads = options.threads,
             .max_queued = options.max_queued,
             .nice = 10}) {}

bool Passwords::Verify(const std::optional<std::string>& hash, std::string_view password) const {
  if (!hash) {
    (void)hasher_.Verify(dummy_hash_, password);
    return false;
  }
  return hasher_.Verify(*hash, password);
}

}  // namespace weishang::identity
