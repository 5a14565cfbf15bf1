// Order steps that touch more than the order module: payment, shipping,
// receipt, cancellation and settlement. Each takes the caller's unit of work;
// `actor` is "buyer", "system" or a staff id ("stf_…") for the trail.
#pragma once

#include <string>

#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "storage/database.h"
#include "workflows/modules.h"

namespace weishang::workflows {

// Starts (or resumes) a sandbox payment for the order behind a buyer's token.
// order.not_awaiting_payment when it is not pending.
Result<payment::Payment> StartSandboxPayment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                             const std::string& order_token);

// Applies a signed sandbox callback and marks the order paid. A repeat is
// harmless. A payment that lands after the order was cancelled (payment
// timeout) is refunded at once, so no buyer pays for an order that won't ship.
Result<payment::Payment> HandleSandboxCallback(storage::Tx& tx, Modules& m, MerchantId merchant,
                                               const std::string& body,
                                               const std::string& signature);

// What the sandbox gateway's page sends when its buyer taps "paid": a
// success callback for `payment`, signed with the shop's sandbox secret, as
// {body, signature} for HandleSandboxCallback. `ref` is the gateway's
// reference. payment.not_found for another shop's payment; when `declined`
// (the sandbox's stand-in for an insufficient balance) payment.declined, and
// nothing changes: the order keeps waiting for a payment. `payer`: the
// account that paid, as a real gateway names it (WeChat Pay's openid); ""
// when not given.
struct SignedCallback {
  std::string body;
  std::string signature;
};
Result<SignedCallback> SignSandboxOutcome(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          PaymentId payment, bool declined, const std::string& ref,
                                          const std::string& payer = "");

// Staff confirm a transfer or red envelope for the full order total.
// payment.amount_mismatch when `amount` is not the order total.
Result<order::Order> ConfirmManualPayment(storage::Tx& tx, Modules& m, MerchantId merchant,
                                          OrderId order_id, Fen amount, const std::string& method,
                                          const std::string& reference, StaffId staff);

// groupbuy.group_not_filled (409) for an order of a group buy whose group
// has not filled; order.not_shippable unless paid.
Result<order::Order> ShipOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id,
                               const std::string& carrier, const std::string& tracking_no,
                               const std::string& actor);

Result<order::Order> ConfirmReceipt(storage::Tx& tx, Modules& m, MerchantId merchant,
                                    OrderId order_id, const std::string& actor);

// Cancels an unpaid order, returns its stock and its coupon.
Result<order::Order> CancelOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id,
                                 const std::string& reason, const std::string& actor);

// The buyer's own steps, on the order behind their token (order.not_found
// for a wrong one): cancelling while unpaid, confirming receipt once shipped.
Result<order::Order> CancelByBuyer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                   const std::string& order_token);
Result<order::Order> ConfirmReceiptByBuyer(storage::Tx& tx, Modules& m, MerchantId merchant,
                                           const std::string& order_token);

// received -> completed once the after-sales window has passed with no
// request open; returns false (and pushes the time back) while one is open.
Result<bool> SettleOrder(storage::Tx& tx, Modules& m, MerchantId merchant, OrderId order_id);

}  // namespace weishang::workflows
