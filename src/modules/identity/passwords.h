// The password work of the routes: hashing a chosen password, and verifying
// the one presented at login against the stored hash, through an injected
// PasswordHasher. Thread-safe; owned by the composition root.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "modules/identity/password_hasher.h"

namespace weishang::identity {

class Passwords {
 public:
  // Hashes a dummy password with `hasher` before returning (one hash).
  explicit Passwords(const PasswordHasher& hasher);

  // The hash to store for `password`.
  std::string Hash(std::string_view password) const { return hasher_.Hash(password); }

  // Whether `password` matches `hash`. Without a hash (unknown shop or
  // login, disabled account) false, after verifying `password` against a
  // dummy hash made once with the same hasher and parameters: either way
  // exactly one verification and no hash, so the time taken does not tell
  // which logins exist.
  bool Verify(const std::optional<std::string>& hash, std::string_view password) const;

 private:
  const PasswordHasher& hasher_;
  const std::string dummy_hash_;
};

}  // namespace weishang::identity
