#include "modules/identity/password_hasher.h"

#include "core/crypto.h"

namespace weishang::identity {

std::string Argon2idHasher::Hash(std::string_view password) const { return HashPassword(password); }

bool Argon2idHasher::Verify(std::string_view hash, std::string_view password) const {
  return VerifyPassword(hash, password);
}

}  // namespace weishang::identity
