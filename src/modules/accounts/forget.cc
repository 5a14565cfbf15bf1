// An erased customer's address book deleted and sessions signed out.
#include "modules/accounts/accounts.h"

namespace weishang::accounts {

Result<AccountService::Forgotten> AccountService::Forget(Tx& tx, MerchantId merchant,
                                                         const std::vector<CustomerId>& customers) {
  Forgotten out;
  Timestamp now = clock_.Now();
  for (CustomerId customer : customers) {
    auto addresses =
        tx.Exec("DELETE FROM accounts_address WHERE merchant_id = ? AND customer_id = ?",
                {merchant, customer});
    if (!addresses) return Fail(addresses.error());
    out.addresses += *addresses;
    auto sessions = tx.Exec(
        "UPDATE accounts_session SET revoked_at = ?"
        " WHERE merchant_id = ? AND customer_id = ? AND revoked_at IS NULL",
        {now, merchant, customer});
    if (!sessions) return Fail(sessions.error());
    out.sessions += *sessions;
  }
  return out;
}

}  // namespace weishang::accounts
