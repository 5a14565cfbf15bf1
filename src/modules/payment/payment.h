// Payments and refunds through providers.
//  - sandbox: a local stand-in for WeChat Pay / Alipay. A payment is created
//    (status "created"); the gateway confirms it by a callback whose body is
//    signed with HMAC-SHA256 under the merchant's sandbox secret. Bad
//    signatures are refused and logged; repeated callbacks change nothing.
//  - manual: a transfer or red envelope that a staff member confirms; who and
//    when are recorded.
// Refunds go back through the provider of the payment. Every callback is
// logged in payment_callback_log. Writes take the caller's Tx. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/money.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::payment {

using storage::Tx;

// Recorded in the unit that changes the money (docs/events.md):
// payment.succeeded v1 {"payment_id","order_id","provider","amount"} and
// payment.refunded v1 {"refund_id","payment_id","order_id","amount","reason"}.
inline constexpr std::string_view kPaymentSucceeded = "payment.succeeded";
inline constexpr std::string_view kPaymentRefunded = "payment.refunded";

enum class Provider { kSandbox, kManual };

// created: waiting for the gateway's callback; succeeded: the money arrived.
enum class PaymentStatus { kCreated, kSucceeded };
const char* PaymentStatusName(PaymentStatus s);
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view s);
const char* ProviderName(Provider p);
std::optional<Provider> ParseProvider(std::string_view s);

struct Payment {
  PaymentId id;
  MerchantId merchant_id;
  OrderId order_id;
  Provider provider = Provider::kSandbox;
  Fen amount = 0;
  PaymentStatus status = PaymentStatus::kCreated;
  std::string method;  // manual: transfer | red_envelope
  std::string reference;
  std::string payer;  // the account that paid, when the gateway names it; ""
  std::optional<StaffId> confirmed_by;
  std::optional<Timestamp> confirmed_at;
  Fen refunded = 0;
  Timestamp created_at = 0;
};

// What a sandbox callback says. The body is JSON:
//   {"payment_id":"pay_…","amount":12900,"status":"succeeded","ref":"…"}
struct SandboxCallback {
  PaymentId payment_id;
  Fen amount = 0;
  std::string status;
  std::string ref;
  std::string payer;  // optional: the account that paid
};

// The sandbox and manual transfers refund at once (succeeded); a real
// provider's refund is pending until its notice says how it ended.
enum class RefundStatus { kPending, kSucceeded, kFailed };
inline constexpr EnumText<RefundStatus> kRefundStatusText[] = {
    {RefundStatus::kPending, "pending"},
    {RefundStatus::kSucceeded, "succeeded"},
    {RefundStatus::kFailed, "failed"}};

struct Refund {
  RefundId id;
  PaymentId payment_id;
  Fen amount = 0;
  RefundStatus status = RefundStatus::kSucceeded;
};

// Money that moved on one day, for the dashboard (payment_reports.cc).
struct DayMoney {
  std::int64_t day = 0;  // whole days since 1970-01-01 in the caller's time zone
  Fen received = 0;      // payments that succeeded that day
  Fen refunded = 0;      // refunds made that day
};

// One callback a provider sent, as logged (refused ones too).
struct CallbackLogEntry {
  Id id = 0;  // orders the log (newest first); pages by it
  std::string provider;
  std::string payload;  // the raw body, at most 4000 bytes
  bool signature_ok = false;
  std::string outcome;  // "applied", "repeat", or the error code
  Timestamp received_at = 0;
};

class PaymentService {
 public:
  PaymentService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Turns the sandbox provider on (the default) or off. While off, sandbox
  // payments and callbacks fail with payment.provider_disabled (409). Set
  // before the service is shared between threads.
  void set_sandbox_enabled(bool on) { sandbox_enabled_ = on; }
  bool sandbox_enabled() const { return sandbox_enabled_; }

  // Creates a sandbox payment for an order (or returns the open one for the
  // same order and amount, so a buyer tapping "pay" twice gets one payment).
  Result<Payment> CreateSandbox(Tx& tx, MerchantId merchant, OrderId order_id, Fen amount);

  // The merchant's sandbox signing secret, created on first use.
  Result<std::string> SandboxSecret(Tx& tx, MerchantId merchant);

  // Verifies and applies a sandbox callback. Returns the payment and whether
  // this call changed it (false for a repeat). Fails with
  // payment.bad_signature (401) or payment.malformed_callback (422); the
  // caller logs failures with LogCallback in a separate unit so they survive
  // the rollback. payment.amount_mismatch (409) when the amount differs.
  Result<std::pair<Payment, bool>> ApplySandboxCallback(Tx& tx, MerchantId merchant,
                                                        const std::string& body,
                                                        const std::string& signature);

  // Records a manual payment confirmed by staff member `staff`.
  Result<Payment> ConfirmManual(Tx& tx, MerchantId merchant, OrderId order_id, Fen amount,
                                const std::string& method, const std::string& reference,
                                StaffId staff);

  // The first succeeded payment of an order; payment.not_found if there is none.
  Result<Payment> GetSucceeded(Tx& tx, MerchantId merchant, OrderId order_id);

  // Refunds `amount` of one payment through its provider, and returns the
  // refund. payment.not_found (404) for another merchant's or an unknown
  // payment; payment.refund_exceeds_payment (409) past what it still holds.
  Result<Refund> RefundPayment(Tx& tx, MerchantId merchant, PaymentId payment_id, Fen amount,
                               const std::string& reason);

  // Refunds `amount` of an order from the succeeded payments that still hold
  // money, oldest first, split across them when one does not hold enough
  // (an order paid twice holds money in two). Returns one refund per payment
  // touched. payment.refund_exceeds_payment (409), and nothing refunded, when
  // all of them together hold less than `amount`.
  Result<std::vector<Refund>> RefundOrder(Tx& tx, MerchantId merchant, OrderId order_id, Fen amount,
                                          const std::string& reason);

  Result<void> LogCallback(Tx& tx, MerchantId merchant, const std::string& provider,
                           const std::string& payload, bool signature_ok,
                           const std::string& outcome);

  // --- reports (payment_reports.cc) ---
  // Money received (payments that succeeded) and refunded per day over
  // [from, to), where a day starts at midnight of the time zone `utc_offset`
  // ms ahead of UTC. Oldest day first; days when nothing moved are left out.
  Result<std::vector<DayMoney>> MoneyPerDay(Tx& tx, MerchantId merchant, Timestamp from,
                                            Timestamp to, Timestamp utc_offset);
  // The merchant's logged callbacks, newest first: at most `limit`, those
  // older than `after` (an id of this list) when it is not 0.
  Result<std::vector<CallbackLogEntry>> ListCallbacks(Tx& tx, MerchantId merchant, Id after,
                                                      int limit);

  Result<std::vector<Payment>> ListForOrder(Tx& tx, MerchantId merchant, OrderId order_id);
  // payment.not_found (404) when absent or another merchant's.
  Result<Payment> Get(Tx& tx, MerchantId merchant, PaymentId payment_id);

 private:
  Result<Payment> AnnounceSucceeded(Tx& tx, Result<Payment> p);
  const Clock& clock_;
  IdGenerator& ids_;
  bool sandbox_enabled_ = true;
};

// Signs a sandbox callback body (what the stand-in gateway does).
std::string SignSandbox(const std::string& secret, const std::string& body);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::payment
