#include "modules/identity/passwords.h"

namespace weishang::identity {

bool Passwords::Verify(const std::optional<std::string>& hash, std::string_view password) const {
  if (!hash) {
    (void)hasher_.Verify(hasher_.Hash("timing-equaliser"), password);
    return false;
  }
  return hasher_.Verify(*hash, password);
}

}  // namespace weishang::identity
