// Text messages to customers' phones and the one-time codes they sign in
// with. A provider sends; the only provider today is the sandbox, which
// records each message in sms_message for the console's sandbox page and the
// tests to read. Codes are six digits from libsodium's CSPRNG, stored only as
// a keyed hash, one per phone per 60 s, at most a day's cap per phone, five
// tries each, alive five minutes. Stateless apart from the clock, the id
// generator and the provider it is given; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::sms {

using storage::Tx;

// A templated text for one phone.
struct OutgoingSms {
  std::string phone;          // 11-digit mobile
  std::string template_code;  // e.g. "sign_in_code"
  std::string text;           // the rendered message
};

// Sends texts. Send runs inside the caller's unit of work: the sandbox
// records the message in it; a real gateway adapter would record an outbox
// row there and post it from a job after commit, so a rolled-back unit
// sends nothing. Implementations are thread-safe.
class SmsProvider {
 public:
  virtual ~SmsProvider() = default;
  virtual std::string_view name() const = 0;
  virtual Result<void> Send(Tx& tx, MerchantId merchant, const OutgoingSms& sms) = 0;
};

// A message the sandbox recorded.
struct SandboxMessage {
  SmsMessageId id;
  std::string phone;
  std::string template_code;
  std::string text;
  Timestamp sent_at = 0;
};

// The sandbox: sends nothing, records every message in sms_message.
class SandboxSmsProvider : public SmsProvider {
 public:
  SandboxSmsProvider(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}
  std::string_view name() const override { return "sandbox"; }
  Result<void> Send(Tx& tx, MerchantId merchant, const OutgoingSms& sms) override;

  // The merchant's recorded messages, newest first, older than `before`
  // (none: from the newest), at most `limit`; only `phone`'s when not "".
  Result<std::vector<SandboxMessage>> List(Tx& tx, MerchantId merchant, std::string_view phone,
                                           std::optional<SmsMessageId> before, int limit);

 private:
  const Clock& clock_;
  IdGenerator& ids_;
};

// The limits of one-time codes.
struct CodePolicy {
  Timestamp resend_after = kMinute;  // one code per phone per this
  int daily_cap = 10;                // codes per phone per rolling 24 h
  int max_tries = 5;                 // wrong tries that kill a code
  Timestamp lifetime = 5 * kMinute;
};

// What asking for a code did: sent, or nothing because the last one was
// sent less than resend_after ago (`retry_after_s` says how long to wait).
struct CodeRequest {
  bool sent = false;
  std::int64_t retry_after_s = 0;
  Timestamp expires_at = 0;  // when sent
};

// The verdict on a code. Wrong tries are counted (a write), so a verdict is
// a value the caller commits, not an error that would roll the count back.
enum class Verdict { kAccepted, kInvalid, kExpired, kTooManyTries };

// The error a verdict other than kAccepted answers with: sms.code_invalid
// (422), sms.code_expired (422), sms.too_many_tries (429).
Error VerdictError(Verdict v);

class CodeService {
 public:
  CodeService(const Clock& clock, IdGenerator& ids, SmsProvider* provider, CodePolicy policy = {})
      : clock_(clock), ids_(ids), provider_(provider), policy_(policy) {}

  // Makes a code for `phone` (already normalised: 11 digits) and `purpose`,
  // stores its keyed hash and sends it through the provider with the shop's
  // name in the text. Returns sent = false, writing nothing, when the last
  // code for this phone is younger than resend_after. Fails with
  // sms.invalid_phone (422), sms.daily_cap (429) when daily_cap codes were
  // made in the last 24 h, sms.no_provider (503) when there is no provider.
  Result<CodeRequest> Request(Tx& tx, MerchantId merchant, std::string_view phone,
                              std::string_view purpose, std::string_view shop_name);

  // Checks `code` against the newest unused code for `phone` and `purpose`,
  // in constant time. Accepted: the code is used up. Wrong: its tries go up
  // by one; at max_tries it is dead (kTooManyTries from then on, even for the
  // right code). Past its lifetime: kExpired. No code: kInvalid.
  Result<Verdict> Verify(Tx& tx, MerchantId merchant, std::string_view phone,
                         std::string_view purpose, std::string_view code);

  bool has_provider() const { return provider_ != nullptr; }
  const CodePolicy& policy() const { return policy_; }

 private:
  Result<std::string> CodeKey(Tx& tx, MerchantId merchant);

  const Clock& clock_;
  IdGenerator& ids_;
  SmsProvider* provider_;
  CodePolicy policy_;
};

// The purpose of a store sign-in code.
inline constexpr std::string_view kSignInPurpose = "sign_in";

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::sms
