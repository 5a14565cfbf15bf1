#include "workflows/orders/ship_batch.h"

#include <atomic>
#include <memory>
#include <mutex>

#include "modules/order/order_errors.h"
#include "workflows/orders/order_flows.h"

namespace weishang::workflows {
namespace {

void Trim(std::string& x) {
  while (!x.empty() && (x.back() == ' ' || x.back() == '\t')) x.pop_back();
  while (!x.empty() && (x.front() == ' ' || x.front() == '\t')) x.erase(0, 1);
}

// The rows' outcomes, filled from storage threads as each unit commits.
struct BatchState {
  std::mutex mu;
  ShipBatchResult result;
  std::atomic<std::size_t> pending{0};
  std::function<void(ShipBatchResult)> done;
};

}  // namespace

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<ShipBatchPlan> ReadShipBatch(const std::string& csv) {
  auto rows = ParseCsv(csv);
  if (rows.size() > kMaxShipRows + 1) {
    return Fail(Invalid(order::errors::kBatchTooLarge,
                        "at most " + std::to_string(kMaxShipRows) + " rows per batch"));
  }
  ShipBatchPlan plan;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& f = rows[i];
    int line = static_cast<int>(i + 1);
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    for (auto& x : f) Trim(x);
    // A header names its columns; a first row that starts like an order id is
    // a row, and a mistyped id in it is reported like any other.
    if (i == 0 && !f.empty() && !f[0].starts_with(std::string(OrderId::kPrefix) + "_")) continue;
    if (f.size() != 3 || f[1].empty() || f[2].size() < 3) {
      plan.refused.push_back(RowFailure{
          line, f.empty() ? "" : f[0],
          Invalid(order::errors::kInvalidRow, "expected: order_id,carrier,tracking_no")});
      continue;
    }
    auto id = DecodeId<OrderId>(f[0]);
    if (!id) {
      plan.refused.push_back(
          RowFailure{line, f[0], NotFound(order::errors::kNotFound, "no order '" + f[0] + "'")});
      continue;
    }
    plan.rows.push_back(ShipRow{line, *id, f[0], f[1], f[2]});
  }
  return plan;
}

void ShipBatch(storage::Database& db, Modules& m, MerchantId merchant, const std::string& actor,
               ShipBatchPlan plan, std::function<void(ShipBatchResult)> done) {
  auto state = std::make_shared<BatchState>();
  state->result.failed = std::move(plan.refused);
  state->done = std::move(done);
  if (plan.rows.empty()) return state->done(std::move(state->result));
  state->pending = plan.rows.size();
  for (ShipRow& row : plan.rows) {
    auto shared = std::make_shared<ShipRow>(std::move(row));
    db.Submit(
        [&m, merchant, actor, shared](storage::Tx& tx) -> Result<void> {
          auto shipped = ShipOrder(tx, m, merchant, shared->order_id, shared->carrier,
                                   shared->tracking_no, actor);
          if (!shipped) return Fail(shipped.error());
          return {};
        },
        [state, shared](Result<void> r) {
          {
            std::lock_guard lock(state->mu);
            if (r) {
              state->result.shipped.push_back(shared->order_ref);
            } else {
              state->result.failed.push_back(RowFailure{shared->row, shared->order_ref, r.error()});
            }
          }
          if (--state->pending == 0) state->done(std::move(state->result));
        });
  }
}

}  // namespace weishang::workflows
