// The sandbox SMS provider: a record of every message instead of a gateway.
#include "modules/sms/sms.h"

namespace weishang::sms {

Result<void> SandboxSmsProvider::Send(Tx& tx, MerchantId merchant, const OutgoingSms& sms) {
  auto ok = tx.Exec(
      "INSERT INTO sms_message (id, merchant_id, phone, template, text, sent_at)"
      " VALUES (?, ?, ?, ?, ?, ?)",
      {ids_.Next<SmsMessageId>(), merchant, sms.phone, sms.template_code, sms.text, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<std::vector<SandboxMessage>> SandboxSmsProvider::List(Tx& tx, MerchantId merchant,
                                                             std::string_view phone,
                                                             std::optional<SmsMessageId> before,
                                                             int limit) {
  Id below = before ? before->value() : INT64_MAX;
  auto rows = phone.empty()
                  ? tx.Query(
                        "SELECT id, phone, template, text, sent_at FROM sms_message"
                        " WHERE merchant_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                        {merchant, below, limit})
                  : tx.Query(
                        "SELECT id, phone, template, text, sent_at FROM sms_message"
                        " WHERE merchant_id = ? AND id < ? AND phone = ? ORDER BY id DESC LIMIT ?",
                        {merchant, below, phone, limit});
  if (!rows) return Fail(rows.error());
  std::vector<SandboxMessage> out;
  for (const auto& r : *rows) {
    out.push_back(SandboxMessage{r.IdAt(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4)});
  }
  return out;
}

}  // namespace weishang::sms
