#include "modules/payment/payment.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "events/outbox.h"
#include "modules/payment/payment_errors.h"

namespace weishang::payment {
namespace {

constexpr const char* kColumns =
    "id, merchant_id, order_id, provider, amount, status, method, reference, confirmed_by,"
    " confirmed_at, refunded, created_at, payer";

Payment FromRow(const storage::Row& r) {
  Payment p;
  p.id = r.IdAt(0);
  p.merchant_id = r.IdAt(1);
  p.order_id = r.IdAt(2);
  p.provider = ParseProvider(r.Str(3)).value_or(Provider::kSandbox);
  p.amount = r.Int(4);
  p.status = ParsePaymentStatus(r.Str(5)).value_or(PaymentStatus::kCreated);
  p.method = r.Str(6);
  p.reference = r.Str(7);
  p.confirmed_by = r.OptIdAt(8);
  p.confirmed_at = r.OptInt(9);
  p.refunded = r.Int(10);
  p.created_at = r.Int(11);
  p.payer = r.Str(12);
  return p;
}

Result<SandboxCallback> ParseCallback(const std::string& body) {
  auto obj = ParseObject(body);
  if (!obj) return Fail(Invalid(payment::errors::kMalformedCallback, "callback body is not JSON"));
  JsonReader r(*obj);
  SandboxCallback cb;
  std::string id = r.Str("payment_id", {.max_len = 40});
  cb.amount = r.Int("amount", {.min = 0, .max = kMaxFen});
  cb.status = r.Str("status", {.max_len = 20});
  cb.ref = r.Str("ref", {.required = false, .max_len = 100});
  cb.payer = r.Str("payer", {.required = false, .max_len = 64});
  if (r.Error()) return Fail(Invalid(payment::errors::kMalformedCallback, r.Error()->message));
  auto pid = DecodeId<PaymentId>(id);
  if (!pid) return Fail(Invalid(payment::errors::kMalformedCallback, "unknown payment id"));
  cb.payment_id = *pid;
  return cb;
}

Error SandboxDisabled() {
  return Conflict(payment::errors::kProviderDisabled,
                  "the sandbox payment provider is off on this server");
}

}  // namespace

const char* PaymentStatusName(PaymentStatus s) {
  return s == PaymentStatus::kSucceeded ? "succeeded" : "created";
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view s) {
  if (s == "created") return PaymentStatus::kCreated;
  if (s == "succeeded") return PaymentStatus::kSucceeded;
  return std::nullopt;
}

const char* ProviderName(Provider p) { return p == Provider::kSandbox ? "sandbox" : "manual"; }

std::optional<Provider> ParseProvider(std::string_view s) {
  if (s == "sandbox") return Provider::kSandbox;
  if (s == "manual") return Provider::kManual;
  return std::nullopt;
}

std::string SignSandbox(const std::string& secret, const std::string& body) {
  return HmacSha256Hex(secret, body);
}

Result<Payment> PaymentService::AnnounceSucceeded(Tx& tx, Result<Payment> p) {
  if (!p) return p;
  JsonWriter w(160);
  w.BeginObject().IdField("payment_id", p->id).IdField("order_id", p->order_id);
  w.Field("provider", ProviderName(p->provider)).Field("amount", p->amount).EndObject();
  auto ok = events::Emit(tx, {p->merchant_id, kPaymentSucceeded, 1, EncodeId(p->id), w.Take()},
                         clock_.Now());
  if (!ok) return Fail(ok.error());
  return p;
}

Result<Payment> PaymentService::Get(Tx& tx, MerchantId merchant, PaymentId payment_id) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kColumns + " FROM payment_payment WHERE id = ? AND merchant_id = ?",
      {payment_id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(payment::errors::kNotFound, "no such payment"));
  return FromRow(**row);
}

Result<std::string> PaymentService::SandboxSecret(Tx& tx, MerchantId merchant) {
  auto row =
      tx.QueryOne("SELECT sandbox_secret FROM payment_account WHERE merchant_id = ?", {merchant});
  if (!row) return Fail(row.error());
  if (*row) return (*row)->Str(0);
  std::string secret = RandomHex(32);
  auto ok = tx.Exec(
      "INSERT INTO payment_account (merchant_id, sandbox_secret, created_at) VALUES (?, ?, ?)",
      {merchant, secret, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return secret;
}

Result<Payment> PaymentService::CreateSandbox(Tx& tx, MerchantId merchant, OrderId order_id,
                                              Fen amount) {
  if (!sandbox_enabled_) return Fail(SandboxDisabled());
  auto open = tx.QueryOne(std::string("SELECT ") + kColumns +
                              " FROM payment_payment WHERE order_id = ? AND merchant_id = ?"
                              " AND provider = 'sandbox' AND status = 'created' AND amount = ?",
                          {order_id, merchant, amount});
  if (!open) return Fail(open.error());
  if (*open) return FromRow(**open);
  // The gateway will sign its callback with this merchant's secret.
  if (auto secret = SandboxSecret(tx, merchant); !secret) return Fail(secret.error());
  Timestamp now = clock_.Now();
  auto id = ids_.Next<PaymentId>();
  auto ok = tx.Exec(
      "INSERT INTO payment_payment (id, merchant_id, order_id, provider, amount, status, "
      "created_at,"
      " updated_at) VALUES (?, ?, ?, 'sandbox', ?, 'created', ?, ?)",
      {id, merchant, order_id, amount, now, now});
  if (!ok) return Fail(ok.error());
  return Get(tx, merchant, id);
}

Result<std::pair<Payment, bool>> PaymentService::ApplySandboxCallback(
    Tx& tx, MerchantId merchant, const std::string& body, const std::string& signature) {
  if (!sandbox_enabled_) return Fail(SandboxDisabled());
  auto secret = SandboxSecret(tx, merchant);
  if (!secret) return Fail(secret.error());
  if (!SecureEquals(SignSandbox(*secret, body), signature)) {
    return Fail(ErrorKind::kUnauthenticated, payment::errors::kBadSignature,
                "the callback signature does not match");
  }
  auto cb = ParseCallback(body);
  if (!cb) return Fail(cb.error());
  auto p = Get(tx, merchant, cb->payment_id);
  if (!p) return Fail(p.error());
  if (p->status == PaymentStatus::kSucceeded)
    return std::make_pair(*p, false);  // a repeat: harmless
  if (cb->status != "succeeded") {
    return Fail(
        Invalid(payment::errors::kMalformedCallback, "only 'succeeded' callbacks are accepted"));
  }
  if (cb->amount != p->amount) {
    return Fail(
        Conflict(payment::errors::kAmountMismatch, "the callback amount differs from the payment"));
  }
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE payment_payment SET status = 'succeeded', reference = ?, payer = ?, confirmed_at = ?,"
      " updated_at = ? WHERE id = ? AND merchant_id = ? AND status = 'created'",
      {cb->ref, cb->payer, now, now, p->id, merchant});
  if (!ok) return Fail(ok.error());
  auto updated = AnnounceSucceeded(tx, Get(tx, merchant, p->id));
  if (!updated) return Fail(updated.error());
  return std::make_pair(*updated, true);
}

Result<Payment> PaymentService::ConfirmManual(Tx& tx, MerchantId merchant, OrderId order_id,
                                              Fen amount, const std::string& method,
                                              const std::string& reference, StaffId staff) {
  if (method != "transfer" && method != "red_envelope") {
    return Fail(
        Invalid(payment::errors::kInvalidMethod, "method must be transfer or red_envelope"));
  }
  Timestamp now = clock_.Now();
  auto id = ids_.Next<PaymentId>();
  auto ok = tx.Exec(
      "INSERT INTO payment_payment (id, merchant_id, order_id, provider, amount, status, method,"
      " reference, confirmed_by, confirmed_at, created_at, updated_at)"
      " VALUES (?, ?, ?, 'manual', ?, 'succeeded', ?, ?, ?, ?, ?, ?)",
      {id, merchant, order_id, amount, method, reference, staff, now, now, now});
  if (!ok) return Fail(ok.error());
  return AnnounceSucceeded(tx, Get(tx, merchant, id));
}

Result<Payment> PaymentService::GetSucceeded(Tx& tx, MerchantId merchant, OrderId order_id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             " FROM payment_payment WHERE order_id = ? AND merchant_id = ?"
                             " AND status = 'succeeded' ORDER BY id LIMIT 1",
                         {order_id, merchant});
  if (!row) return Fail(row.error());
  if (!*row)
    return Fail(NotFound(payment::errors::kNotFound, "the order has no successful payment"));
  return FromRow(**row);
}

Result<Refund> PaymentService::RefundPayment(Tx& tx, MerchantId merchant, PaymentId payment_id,
                                             Fen amount, const std::string& reason) {
  auto p = Get(tx, merchant, payment_id);
  if (!p) return Fail(p.error());
  // Both providers settle refunds synchronously here: the sandbox gateway
  // always accepts, and a manual refund is money the merchant sends back by
  // the same channel, recorded at once.
  auto changed = tx.Exec(
      "UPDATE payment_payment SET refunded = refunded + ?, updated_at = ?"
      " WHERE id = ? AND merchant_id = ? AND status = 'succeeded' AND refunded + ? <= amount",
      {amount, clock_.Now(), p->id, merchant, amount});
  if (!changed) return Fail(changed.error());
  if (*changed == 0) {
    return Fail(Conflict(payment::errors::kRefundExceedsPayment, "the refund exceeds the payment"));
  }
  Refund r{ids_.Next<RefundId>(), p->id, amount, RefundStatus::kSucceeded};
  auto ok = tx.Exec(
      "INSERT INTO payment_refund (id, merchant_id, payment_id, order_id, amount, reason, status,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, merchant, p->id, p->order_id, amount, reason, TextOf(kRefundStatusText, r.status),
       clock_.Now()});
  if (!ok) return Fail(ok.error());
  JsonWriter w(160);
  w.BeginObject().IdField("refund_id", r.id).IdField("payment_id", p->id);
  w.IdField("order_id", p->order_id).Field("amount", amount).Field("reason", reason);
  auto emitted = events::Emit(
      tx, {merchant, kPaymentRefunded, 1, EncodeId(p->id), w.EndObject().Take()}, clock_.Now());
  if (!emitted) return Fail(emitted.error());
  return r;
}

Result<std::vector<Refund>> PaymentService::RefundOrder(Tx& tx, MerchantId merchant,
                                                        OrderId order_id, Fen amount,
                                                        const std::string& reason) {
  auto payments = ListForOrder(tx, merchant, order_id);
  if (!payments) return Fail(payments.error());
  Fen held = 0;
  for (const auto& p : *payments) {
    if (p.status == PaymentStatus::kSucceeded) held += p.amount - p.refunded;
  }
  if (held < amount) {
    return Fail(
        Conflict(payment::errors::kRefundExceedsPayment, "the refund exceeds what was paid"));
  }
  std::vector<Refund> refunds;
  Fen left = amount;
  for (const auto& p : *payments) {  // oldest first
    Fen share = std::min(left, p.status == PaymentStatus::kSucceeded ? p.amount - p.refunded : 0);
    if (share <= 0) continue;
    auto r = RefundPayment(tx, merchant, p.id, share, reason);
    if (!r) return Fail(r.error());
    refunds.push_back(*r);
    left -= share;
    if (left == 0) break;
  }
  return refunds;
}

Result<void> PaymentService::LogCallback(Tx& tx, MerchantId merchant, const std::string& provider,
                                         const std::string& payload, bool signature_ok,
                                         const std::string& outcome) {
  auto ok = tx.Exec(
      "INSERT INTO payment_callback_log (id, merchant_id, provider, payload, signature_ok, outcome,"
      " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {ids_.Next(), merchant, provider, payload.substr(0, 4000), signature_ok, outcome,
       clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::vector<Payment>> PaymentService::ListForOrder(Tx& tx, MerchantId merchant,
                                                          OrderId order_id) {
  auto rows =
      tx.Query(std::string("SELECT ") + kColumns +
                   " FROM payment_payment WHERE order_id = ? AND merchant_id = ? ORDER BY id",
               {order_id, merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Payment> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace weishang::payment
