// CRM work with customers: interactions the staff log (a chat's summary, a
// like or comment on the customer's moments, a call, a note) and tasks for a
// customer's owner with a due time (the task inbox). Customers and staff are
// referred to by id; whether the caller may see a customer is the workflow's
// check (workflows/crm). Writes take the caller's Tx. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enum_text.h"
#include "core/error.h"
#include "core/ids.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::crm {

using storage::Tx;

enum class InteractionKind { kChat, kLike, kComment, kCall, kNote };
inline constexpr EnumText<InteractionKind> kInteractionKindText[] = {
    {InteractionKind::kChat, "chat"},       {InteractionKind::kLike, "like"},
    {InteractionKind::kComment, "comment"}, {InteractionKind::kCall, "call"},
    {InteractionKind::kNote, "note"},
};

// What an erased customer's interactions and tasks say instead of their text.
inline constexpr char kErasedText[] = "（已删除：客户已注销）";

struct Interaction {
  InteractionId id;
  CustomerId customer_id;
  StaffId staff_id;  // who
  InteractionKind kind = InteractionKind::kNote;
  std::string summary;        // what, 1-1000 characters
  Timestamp happened_at = 0;  // when
  Timestamp created_at = 0;
};

enum class TaskKind { kManual, kCare, kRepurchase };
inline constexpr EnumText<TaskKind> kTaskKindText[] = {{TaskKind::kManual, "manual"},
                                                       {TaskKind::kCare, "care"},
                                                       {TaskKind::kRepurchase, "repurchase"}};
enum class TaskStatus { kOpen, kDone };
inline constexpr EnumText<TaskStatus> kTaskStatusText[] = {{TaskStatus::kOpen, "open"},
                                                           {TaskStatus::kDone, "done"}};

struct Task {
  TaskId id;
  CustomerId customer_id;
  std::optional<StaffId> owner;  // whose inbox
  TaskKind kind = TaskKind::kManual;
  std::string title;
  Timestamp due_at = 0;
  TaskStatus status = TaskStatus::kOpen;
  std::optional<Timestamp> done_at;
  std::string source_key;  // a generated task's cause; "" for manual
  Timestamp created_at = 0, updated_at = 0;
};

struct TaskInput {
  CustomerId customer_id;
  std::optional<StaffId> owner;
  TaskKind kind = TaskKind::kManual;
  std::string title;  // 1-100 characters
  Timestamp due_at = 0;
  std::string source_key;  // once per key: a repeat answers the task made first
};

struct TaskFilter {
  std::optional<StaffId> owner;  // only this member's inbox
  std::optional<CustomerId> customer;
  TaskStatus status = TaskStatus::kOpen;
  std::optional<Timestamp> due_before;  // open tasks due before this time
  TaskId after;                         // cursor (by due time then id for open, id for done)
  int limit = 20;
};

class CrmService {
 public:
  CrmService(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // crm.invalid_field (422) for an empty or too long summary, or a time in the future.
  Result<Interaction> LogInteraction(Tx& tx, MerchantId merchant, const Interaction& in);
  // The customer's interactions, newest first.
  Result<std::vector<Interaction>> Interactions(Tx& tx, MerchantId merchant, CustomerId customer,
                                                int limit);

  // crm.invalid_field (422) for a bad title. With a source_key, a second call
  // answers the existing task (generated tasks are made once per cause).
  Result<Task> CreateTask(Tx& tx, MerchantId merchant, const TaskInput& in);
  // crm.task_not_found (404), also for another member's task when `only_owner` is set.
  Result<Task> GetTask(Tx& tx, MerchantId merchant, TaskId id, std::optional<StaffId> only_owner);
  // Open tasks by due time, oldest first; done tasks newest done first.
  Result<std::vector<Task>> ListTasks(Tx& tx, MerchantId merchant, const TaskFilter& f);
  // Marks an open task done; done stays done (crm.task_done, 409, for a repeat).
  Result<Task> Complete(Tx& tx, MerchantId merchant, TaskId id, std::optional<StaffId> only_owner);
  // Moves an open task's due time to `until` (later than now; crm.invalid_field).
  Result<Task> Snooze(Tx& tx, MerchantId merchant, TaskId id, Timestamp until,
                      std::optional<StaffId> only_owner);
  // Gives an open task to another member (whose existence is the caller's check).
  Result<Task> Reassign(Tx& tx, MerchantId merchant, TaskId id, StaffId to);
  // A handover: the customer's open tasks go to their new owner. Returns how many moved.
  Result<std::int64_t> MoveOpenTasks(Tx& tx, MerchantId merchant, CustomerId customer, StaffId to);

  // A customer erased (PIPL): the free text of `customers`' interactions and
  // task titles becomes kErasedText (the kind, staff member and times stay:
  // they are the staff's work record), and their open tasks are marked done
  // (kept, so a generated task's source_key is not made again). Repeating it
  // changes nothing.
  struct Forgotten {
    std::int64_t interactions = 0;  // interactions whose text was removed
    std::int64_t tasks_closed = 0;  // open tasks marked done
  };
  Result<Forgotten> Forget(Tx& tx, MerchantId merchant, const std::vector<CustomerId>& customers);

 private:
  Result<Task> OpenTask(Tx& tx, MerchantId merchant, TaskId id, std::optional<StaffId> only_owner);

  const Clock& clock_;
  IdGenerator& ids_;
};

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::crm
