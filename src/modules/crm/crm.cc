#include "modules/crm/crm.h"

#include "core/utf8.h"
#include "modules/crm/crm_errors.h"

namespace weishang::crm {
namespace {

constexpr const char* kTaskColumns =
    "id, customer_id, owner_staff_id, kind, title, due_at, status, done_at, source_key,"
    " created_at, updated_at";

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }
Error NoTask() { return NotFound(errors::kTaskNotFound, "no such task"); }

Task TaskFromRow(const storage::Row& r) {
  Task t;
  t.id = r.IdAt(0);
  t.customer_id = r.IdAt(1);
  t.owner = r.OptIdAt(2);
  t.kind = FromText(kTaskKindText, r.Str(3)).value_or(TaskKind::kManual);
  t.title = r.Str(4);
  t.due_at = r.Int(5);
  t.status = FromText(kTaskStatusText, r.Str(6)).value_or(TaskStatus::kOpen);
  t.done_at = r.OptInt(7);
  t.source_key = r.Str(8);
  t.created_at = r.Int(9);
  t.updated_at = r.Int(10);
  return t;
}

}  // namespace

Result<Interaction> CrmService::LogInteraction(Tx& tx, MerchantId merchant, const Interaction& in) {
  std::size_t chars = CountUtf8Chars(in.summary);
  if (chars == 0 || chars > 1000) return Fail(Bad("a summary is 1-1000 characters"));
  Interaction out = in;
  out.id = ids_.Next<InteractionId>();
  out.created_at = clock_.Now();
  if (out.happened_at == 0) out.happened_at = out.created_at;
  if (out.happened_at > out.created_at + kMinute)
    return Fail(Bad("an interaction cannot be in the future"));
  auto ok = tx.Exec(
      "INSERT INTO crm_interaction (id, merchant_id, customer_id, staff_id, kind, summary,"
      " happened_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {out.id, merchant, out.customer_id, out.staff_id, TextOf(kInteractionKindText, out.kind),
       out.summary, out.happened_at, out.created_at});
  if (!ok) return Fail(ok.error());
  return out;
}

Result<std::vector<Interaction>> CrmService::Interactions(Tx& tx, MerchantId merchant,
                                                          CustomerId customer, int limit) {
  auto rows = tx.Query(
      "SELECT id, customer_id, staff_id, kind, summary, happened_at, created_at FROM"
      " crm_interaction WHERE merchant_id = ? AND customer_id = ?"
      " ORDER BY happened_at DESC, id DESC LIMIT ?",
      {merchant, customer, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Interaction> out;
  for (const auto& r : *rows) {
    out.push_back(
        Interaction{r.IdAt(0), r.IdAt(1), r.IdAt(2),
                    FromText(kInteractionKindText, r.Str(3)).value_or(InteractionKind::kNote),
                    r.Str(4), r.Int(5), r.Int(6)});
  }
  return out;
}

Result<Task> CrmService::CreateTask(Tx& tx, MerchantId merchant, const TaskInput& in) {
  std::size_t chars = CountUtf8Chars(in.title);
  if (chars == 0 || chars > 100) return Fail(Bad("a title is 1-100 characters"));
  if (!in.source_key.empty()) {
    auto row = tx.QueryOne(std::string("SELECT ") + kTaskColumns +
                               " FROM crm_task WHERE merchant_id = ? AND source_key = ?",
                           {merchant, in.source_key});
    if (!row) return Fail(row.error());
    if (*row) return TaskFromRow(**row);
  }
  Task t;
  t.id = ids_.Next<TaskId>();
  t.customer_id = in.customer_id;
  t.owner = in.owner;
  t.kind = in.kind;
  t.title = in.title;
  t.due_at = in.due_at;
  t.source_key = in.source_key;
  t.created_at = t.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO crm_task (id, merchant_id, customer_id, owner_staff_id, kind, title, due_at,"
      " status, source_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
      {t.id, merchant, t.customer_id, t.owner, TextOf(kTaskKindText, t.kind), t.title, t.due_at,
       t.source_key, t.created_at, t.updated_at});
  if (!ok) return Fail(ok.error());
  return t;
}

Result<Task> CrmService::GetTask(Tx& tx, MerchantId merchant, TaskId id,
                                 std::optional<StaffId> only_owner) {
  auto row = tx.QueryOne(
      std::string("SELECT ") + kTaskColumns + " FROM crm_task WHERE id = ? AND merchant_id = ?",
      {id, merchant});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NoTask());
  Task t = TaskFromRow(**row);
  if (only_owner && t.owner != only_owner) return Fail(NoTask());
  return t;
}

Result<Task> CrmService::OpenTask(Tx& tx, MerchantId merchant, TaskId id,
                                  std::optional<StaffId> only_owner) {
  auto t = GetTask(tx, merchant, id, only_owner);
  if (!t) return Fail(t.error());
  if (t->status != TaskStatus::kOpen) return Fail(Conflict(errors::kTaskDone, "the task is done"));
  return t;
}

Result<std::vector<Task>> CrmService::ListTasks(Tx& tx, MerchantId merchant, const TaskFilter& f) {
  std::string sql =
      std::string("SELECT ") + kTaskColumns + " FROM crm_task WHERE merchant_id = ? AND status = ?";
  std::vector<storage::Param> params{merchant, TextOf(kTaskStatusText, f.status)};
  if (f.owner) {
    sql += " AND owner_staff_id = ?";
    params.emplace_back(*f.owner);
  }
  if (f.customer) {
    sql += " AND customer_id = ?";
    params.emplace_back(*f.customer);
  }
  if (f.due_before) {
    sql += " AND due_at < ?";
    params.emplace_back(*f.due_before);
  }
  bool open = f.status == TaskStatus::kOpen;
  if (f.after.valid()) {
    if (open) {
      sql +=
          " AND (due_at, id) > (SELECT due_at, id FROM crm_task WHERE id = ? AND merchant_id = ?)";
      params.emplace_back(f.after);
      params.emplace_back(merchant);
    } else {
      sql += " AND id < ?";
      params.emplace_back(f.after);
    }
  }
  sql += open ? " ORDER BY due_at, id LIMIT ?" : " ORDER BY id DESC LIMIT ?";
  params.emplace_back(f.limit);
  auto rows = tx.Query(sql, storage::Params(params.data(), params.size()));
  if (!rows) return Fail(rows.error());
  std::vector<Task> out;
  for (const auto& r : *rows) out.push_back(TaskFromRow(r));
  return out;
}

Result<Task> CrmService::Complete(Tx& tx, MerchantId merchant, TaskId id,
                                  std::optional<StaffId> only_owner) {
  auto t = OpenTask(tx, merchant, id, only_owner);
  if (!t) return Fail(t.error());
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE crm_task SET status = 'done', done_at = ?, updated_at = ? WHERE id = ? AND"
      " merchant_id = ? AND status = 'open'",
      {now, now, id, merchant});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) return Fail(Conflict(errors::kTaskDone, "the task is done"));
  t->status = TaskStatus::kDone;
  t->done_at = now;
  t->updated_at = now;
  return t;
}

Result<Task> CrmService::Snooze(Tx& tx, MerchantId merchant, TaskId id, Timestamp until,
                                std::optional<StaffId> only_owner) {
  Timestamp now = clock_.Now();
  if (until <= now) return Fail(Bad("snooze until a later time"));
  auto t = OpenTask(tx, merchant, id, only_owner);
  if (!t) return Fail(t.error());
  auto ok =
      tx.Exec("UPDATE crm_task SET due_at = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
              {until, now, id, merchant});
  if (!ok) return Fail(ok.error());
  t->due_at = until;
  t->updated_at = now;
  return t;
}

Result<Task> CrmService::Reassign(Tx& tx, MerchantId merchant, TaskId id, StaffId to) {
  auto t = OpenTask(tx, merchant, id, std::nullopt);
  if (!t) return Fail(t.error());
  Timestamp now = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE crm_task SET owner_staff_id = ?, updated_at = ? WHERE id = ? AND merchant_id = ?",
      {to, now, id, merchant});
  if (!ok) return Fail(ok.error());
  t->owner = to;
  t->updated_at = now;
  return t;
}

Result<std::int64_t> CrmService::MoveOpenTasks(Tx& tx, MerchantId merchant, CustomerId customer,
                                               StaffId to) {
  auto ok = tx.Exec(
      "UPDATE crm_task SET owner_staff_id = ?, updated_at = ? WHERE merchant_id = ? AND"
      " customer_id = ? AND status = 'open'",
      {to, clock_.Now(), merchant, customer});
  if (!ok) return Fail(ok.error());
  return static_cast<std::int64_t>(*ok);
}

Result<CrmService::Forgotten> CrmService::Forget(Tx& tx, MerchantId merchant,
                                                 const std::vector<CustomerId>& customers) {
  Forgotten out;
  Timestamp now = clock_.Now();
  const std::string erased(kErasedText);
  for (CustomerId customer : customers) {
    auto interactions = tx.Exec(
        "UPDATE crm_interaction SET summary = ? WHERE merchant_id = ? AND customer_id = ?"
        " AND summary <> ?",
        {erased, merchant, customer, erased});
    if (!interactions) return Fail(interactions.error());
    out.interactions += *interactions;
    auto closed = tx.Exec(
        "UPDATE crm_task SET status = 'done', done_at = ?, updated_at = ?"
        " WHERE merchant_id = ? AND customer_id = ? AND status = 'open'",
        {now, now, merchant, customer});
    if (!closed) return Fail(closed.error());
    out.tasks_closed += *closed;
    auto titles = tx.Exec(
        "UPDATE crm_task SET title = ? WHERE merchant_id = ? AND customer_id = ? AND title <> ?",
        {erased, merchant, customer, erased});
    if (!titles) return Fail(titles.error());
  }
  return out;
}

}  // namespace weishang::crm
