#include "modules/audit/audit.h"

#include "modules/audit/audit_errors.h"

namespace weishang::audit {
namespace {

Entry FromRow(const storage::Row& r) {
  return Entry{r.Int(0), r.IdAt(1), r.OptIdAt(2), r.Str(3), r.Str(4), r.Str(5), r.Int(6)};
}

}  // namespace

bool KnownAction(std::string_view action) {
  for (std::string_view known :
       {kCustomerMerge, kCustomerHandover, kCustomerExport, kCustomerErase, kSegmentExport}) {
    if (action == known) return true;
  }
  return false;
}

Result<Entry> AuditService::Record(Tx& tx, MerchantId merchant, std::optional<StaffId> actor,
                                   std::string_view action, std::string_view subject,
                                   std::string_view detail) {
  Entry e;
  e.merchant_id = merchant;
  e.actor = actor;
  e.action = std::string(action);
  e.subject = std::string(subject);
  e.detail = detail.empty() ? "{}" : std::string(detail);
  e.at = clock_.Now();
  auto row = tx.QueryOne(
      "INSERT INTO audit_entry (merchant_id, actor_staff_id, action, subject, detail, at)"
      " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {merchant, actor, e.action, e.subject, e.detail, e.at});
  if (!row) return Fail(row.error());
  e.id = (**row).Int(0);
  return e;
}

Result<std::vector<Entry>> AuditService::List(Tx& tx, MerchantId merchant, const ListFilter& f) {
  if (!f.action.empty() && !KnownAction(f.action)) {
    return Fail(Invalid(errors::kInvalidAction, "unknown action '" + f.action + "'"));
  }
  std::string sql =
      "SELECT id, merchant_id, actor_staff_id, action, subject, detail, at FROM audit_entry"
      " WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (f.before > 0) {
    sql += " AND id < ?";
    params.emplace_back(f.before);
  }
  if (!f.action.empty()) {
    sql += " AND action = ?";
    params.emplace_back(f.action);
  }
  if (f.from > 0) {
    sql += " AND at >= ?";
    params.emplace_back(f.from);
  }
  if (f.until > 0) {
    sql += " AND at < ?";
    params.emplace_back(f.until);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Entry> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<Entry>> AuditService::Latest(Tx& tx, MerchantId merchant,
                                                  std::string_view action,
                                                  std::string_view subject) {
  auto row = tx.QueryOne(
      "SELECT id, merchant_id, actor_staff_id, action, subject, detail, at FROM audit_entry"
      " WHERE merchant_id = ? AND action = ? AND subject = ? ORDER BY id DESC LIMIT 1",
      {merchant, std::string(action), std::string(subject)});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Entry>();
  return std::optional<Entry>(FromRow(**row));
}

}  // namespace weishang::audit
