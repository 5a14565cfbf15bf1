// One-time codes: issued with limits, stored as a keyed hash, checked in
// constant time with a count of wrong tries.
#include "core/crypto.h"
#include "modules/sms/sms.h"
#include "modules/sms/sms_errors.h"

namespace weishang::sms {
namespace {

constexpr std::size_t kCodeDigits = 6;

// What is stored for code `code` of row `id`: the code alone has only a
// million values, so the hash is keyed (the merchant's code key) and salted
// by the row, and a copy of the table alone does not give the codes away
// cheaply; a code also dies after five minutes or five tries.
std::string CodeHash(const std::string& key, SmsCodeId id, std::string_view code) {
  return HmacSha256Hex(key, EncodeId(id) + ":" + std::string(code));
}

bool IsMobile(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string CodeText(std::string_view shop_name, std::string_view code) {
  return "【" + std::string(shop_name) + "】您的登录验证码是 " + std::string(code) +
         "，5 分钟内有效。请勿告诉他人。";
}

}  // namespace

Error VerdictError(Verdict v) {
  switch (v) {
    case Verdict::kAccepted:
      break;
    case Verdict::kInvalid:
      return Invalid(errors::kCodeInvalid, "the code is wrong; check the text message");
    case Verdict::kExpired:
      return Invalid(errors::kCodeExpired, "the code has expired; ask for a new one");
    case Verdict::kTooManyTries:
      return Error{ErrorKind::kRateLimited, errors::kTooManyTries,
                   "too many wrong tries; ask for a new code"};
  }
  return Internal("sms.internal", "an accepted code is not an error");
}

Result<std::string> CodeService::CodeKey(Tx& tx, MerchantId merchant) {
  auto made = tx.Exec(
      "INSERT INTO sms_account (merchant_id, code_key, created_at) VALUES (?, ?, ?)"
      " ON CONFLICT (merchant_id) DO NOTHING",
      {merchant, RandomHex(32), clock_.Now()});
  if (!made) return Fail(made.error());
  auto row = tx.QueryOne("SELECT code_key FROM sms_account WHERE merchant_id = ?", {merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(Internal("sms.internal", "the code key vanished"));
  return (*row)->Str(0);
}

Result<CodeRequest> CodeService::Request(Tx& tx, MerchantId merchant, std::string_view phone,
                                         std::string_view purpose, std::string_view shop_name) {
  if (!IsMobile(phone)) {
    return Fail(Invalid(errors::kInvalidPhone, "the phone must be an 11-digit mobile number"));
  }
  if (provider_ == nullptr) {
    return Fail(ErrorKind::kUnavailable, errors::kNoProvider,
                "text messages are not set up on this server");
  }
  Timestamp now = clock_.Now();
  auto recent = tx.QueryOne(
      "SELECT COUNT(*), MAX(created_at) FROM sms_code WHERE merchant_id = ? AND phone = ?"
      " AND created_at > ?",
      {merchant, phone, now - kDay});
  if (!recent) return Fail(recent.error());
  std::int64_t today = (*recent)->Int(0);
  std::optional<std::int64_t> last = (*recent)->OptInt(1);
  if (last && now - *last < policy_.resend_after) {
    Timestamp wait = policy_.resend_after - (now - *last);
    return CodeRequest{false, (wait + 999) / 1000, 0};
  }
  if (today >= policy_.daily_cap) {
    return Fail(ErrorKind::kRateLimited, errors::kDailyCap,
                "this phone has had " + std::to_string(today) +
                    " codes in the last 24 hours; try again tomorrow");
  }
  auto key = CodeKey(tx, merchant);
  if (!key) return Fail(key.error());
  SmsCodeId id = ids_.Next<SmsCodeId>();
  std::string code = RandomDigits(kCodeDigits);
  Timestamp expires = now + policy_.lifetime;
  auto ok = tx.Exec(
      "INSERT INTO sms_code (id, merchant_id, phone, purpose, code_hash, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {id, merchant, phone, purpose, CodeHash(*key, id, code), now, expires});
  if (!ok) return Fail(ok.error());
  auto sent = provider_->Send(
      tx, merchant, OutgoingSms{std::string(phone), "sign_in_code", CodeText(shop_name, code)});
  if (!sent) return Fail(sent.error());
  return CodeRequest{true, 0, expires};
}

Result<Verdict> CodeService::Verify(Tx& tx, MerchantId merchant, std::string_view phone,
                                    std::string_view purpose, std::string_view code) {
  auto row = tx.QueryOne(
      "SELECT id, code_hash, tries, expires_at FROM sms_code WHERE merchant_id = ? AND phone = ?"
      " AND purpose = ? AND used_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
      {merchant, phone, purpose});
  if (!row) return Fail(row.error());
  if (!*row) return Verdict::kInvalid;
  SmsCodeId id = (*row)->IdAt(0);
  std::int64_t tries = (*row)->Int(2);
  if (tries >= policy_.max_tries) return Verdict::kTooManyTries;
  Timestamp now = clock_.Now();
  if (now >= (*row)->Int(3)) return Verdict::kExpired;
  auto key = CodeKey(tx, merchant);
  if (!key) return Fail(key.error());
  if (SecureEquals((*row)->Str(1), CodeHash(*key, id, code))) {
    auto used = tx.Exec("UPDATE sms_code SET used_at = ? WHERE id = ? AND merchant_id = ?",
                        {now, id, merchant});
    if (!used) return Fail(used.error());
    return Verdict::kAccepted;
  }
  auto counted = tx.Exec("UPDATE sms_code SET tries = tries + 1 WHERE id = ? AND merchant_id = ?",
                         {id, merchant});
  if (!counted) return Fail(counted.error());
  return tries + 1 >= policy_.max_tries ? Verdict::kTooManyTries : Verdict::kInvalid;
}

}  // namespace weishang::sms
