// The engine's timed jobs. The order jobs find due orders on a read
// snapshot, then handle each in its own write unit. On several nodes the
// scheduler runs a job's tick on one node at a time; the transition's
// conditional UPDATE still makes a second handling (a buyer paying at that
// moment, a node that lost its lock) a harmless conflict, counted as such.
// The last job forgets idempotency keys past their retention.
#include "core/log.h"
#include "modules/idempotency/idempotency.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/orders/order_flows.h"

namespace weishang::workflows {
namespace {

constexpr int kBatch = 500;

using DueFn = Result<std::vector<order::DueOrder>> (order::OrderService::*)(storage::Tx&, Timestamp,
                                                                            int);
using HandleFn = std::function<Result<void>(storage::Tx&, Modules&, const order::DueOrder&)>;

Result<JobTally> RunDue(storage::Database& db, Modules& m, Timestamp now, DueFn due,
                        const HandleFn& handle) {
  auto list =
      storage::ReadValue(db, [&](storage::Tx& tx) { return (m.orders.*due)(tx, now, kBatch); });
  if (!list) return Fail(list.error());
  JobTally tally;
  for (const auto& d : *list) {
    auto ok = db.Write([&](storage::Tx& tx) { return handle(tx, m, d); });
    if (ok) {
      ++tally.handled;
    } else if (ok.error().kind == ErrorKind::kConflict) {
      ++tally.conflicts;
    } else {
      return Fail(ok.error());
    }
  }
  return tally;
}

Result<void> Drop(Result<order::Order> r) {
  if (!r) return Fail(r.error());
  return {};
}

}  // namespace

std::vector<Job> OrderJobs() {
  return {
      {"cancel_unpaid_orders",
       [](storage::Database& db, Modules& m, Timestamp now) {
         return RunDue(db, m, now, &order::OrderService::DuePaymentTimeouts,
                       [](storage::Tx& tx, Modules& mm, const order::DueOrder& d) {
                         return Drop(CancelOrder(tx, mm, d.merchant_id, d.order_id,
                                                 "payment timeout", "system"));
                       });
       }},
      {"auto_receive_orders",
       [](storage::Database& db, Modules& m, Timestamp now) {
         return RunDue(db, m, now, &order::OrderService::DueAutoReceipts,
                       [](storage::Tx& tx, Modules& mm, const order::DueOrder& d) {
                         return Drop(ConfirmReceipt(tx, mm, d.merchant_id, d.order_id, "system"));
                       });
       }},
      {"settle_orders",
       [](storage::Database& db, Modules& m, Timestamp now) {
         return RunDue(db, m, now, &order::OrderService::DueSettlements,
                       [](storage::Tx& tx, Modules& mm, const order::DueOrder& d) -> Result<void> {
                         auto settled = SettleOrder(tx, mm, d.merchant_id, d.order_id);
                         if (!settled) return Fail(settled.error());
                         return {};
                       });
       }},
  };
}

std::vector<Job> IdempotencyJobs() {
  return {
      {"forget_idempotency_keys",
       [](storage::Database& db, Modules&, Timestamp now) -> Result<JobTally> {
         Timestamp cutoff = now - idempotency::kRetention;
         // Most ticks find nothing: a read, so they cost the writer nothing.
         auto any = storage::ReadValue(
             db, [&](storage::Tx& tx) { return idempotency::AnyBefore(tx, cutoff); });
         if (!any) return Fail(any.error());
         if (!*any) return JobTally{};
         auto forgotten = storage::WriteValue(
             db, [&](storage::Tx& tx) { return idempotency::ForgetBefore(tx, cutoff, kBatch); });
         if (!forgotten) return Fail(forgotten.error());
         return JobTally{static_cast<int>(*forgotten), 0};
       }},
  };
}

}  // namespace weishang::workflows
