// The password hash function, behind an interface so tests can count (or
// fake) the expensive operations. Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace weishang::identity {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // A self-describing hash string (algorithm, parameters, salt) of `password`.
  virtual std::string Hash(std::string_view password) const = 0;
  // True iff `password` matches `hash`, a string Hash returned.
  virtual bool Verify(std::string_view hash, std::string_view password) const = 0;
};

// argon2id through libsodium (core/crypto.h): tens of milliseconds and
// 19 MiB per call. InitCrypto() must have run.
class Argon2idHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override;
  bool Verify(std::string_view hash, std::string_view password) const override;
};

}  // namespace weishang::identity
