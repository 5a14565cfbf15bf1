// The voucher module's stable error codes.
#pragma once

namespace weishang::vouchers::errors {

inline constexpr char kNotFound[] = "vouchers.not_found";                 // campaign (404)
inline constexpr char kVoucherNotFound[] = "vouchers.voucher_not_found";  // voucher (404)
inline constexpr char kInvalidField[] = "vouchers.invalid_field";         // 422
inline constexpr char kNotLive[] = "vouchers.campaign_not_live";          // 409: not started, ended
inline constexpr char kTaken[] = "vouchers.voucher_taken";                // 409: another friend's
inline constexpr char kExpired[] = "vouchers.voucher_expired";            // 409
inline constexpr char kVoided[] = "vouchers.voucher_voided";              // 409: by the merchant
inline constexpr char kOwnVoucher[] = "vouchers.own_voucher";             // 409: its giver
inline constexpr char kExistingCustomer[] = "vouchers.existing_customer";  // 409: bought before
// 409: the campaign was redeemed before by this customer, phone, device,
// address or payment account (the message says which).
inline constexpr char kAlreadyRedeemed[] = "vouchers.already_redeemed";
inline constexpr char kNotClaimed[] = "vouchers.not_claimed";            // 409: claim it first
inline constexpr char kBudgetExhausted[] = "vouchers.budget_exhausted";  // 409

}  // namespace weishang::vouchers::errors
