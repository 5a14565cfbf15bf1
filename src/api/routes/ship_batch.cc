#include "api/routes/ship_batch.h"

#include <atomic>
#include <mutex>

#include "api/routes/support.h"
#include "workflows/orders/order_flows.h"
#include "modules/order/order_errors.h"

namespace weishang::api {
namespace {

constexpr std::size_t kMaxRows = 2000;

json::object RowError(int row, const std::string& ref, const std::string& code, const std::string& message) {
  return {{"row", row}, {"order_id", ref}, {"code", code}, {"message", message}};
}

// Results of the rows, filled from storage threads as each unit commits.
struct BatchState {
  std::mutex mu;
  json::array shipped;
  json::array errors;
  std::atomic<std::size_t> pending{0};
  Respond respond;

  void Finish() {
    std::lock_guard lock(mu);
    json::object out{{"shipped", shipped.size()}, {"failed", errors.size()},
                     {"shipped_orders", shipped}, {"errors", errors}};
    respond([out = std::move(out)] { return Ok(out); });
  }
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

Reply ShipBatch(Services& s, HttpRequest& req) {
  auto who = Authorize(s, req, identity::Permission::kOrderFulfil);
  if (!who) return ErrorResponse(who.error());
  auto rows = ParseCsv(req.body);
  if (rows.size() > kMaxRows + 1) {
    return ErrorResponse(Invalid(order::errors::kBatchTooLarge, "at most 2000 rows per batch"));
  }
  auto state = std::make_shared<BatchState>();
  std::vector<ShipRow> good;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& f = rows[i];
    int line = static_cast<int>(i + 1);
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    for (auto& x : f) {
      while (!x.empty() && (x.back() == ' ' || x.back() == '\t')) x.pop_back();
      while (!x.empty() && (x.front() == ' ' || x.front() == '\t')) x.erase(0, 1);
    }
    if (i == 0 && !f.empty() && !DecodeId("ord", f[0])) continue;  // header
    if (f.size() != 3 || f[1].empty() || f[2].size() < 3) {
      state->errors.push_back(RowError(line, f.empty() ? "" : f[0], order::errors::kInvalidRow,
                                       "expected: order_id,carrier,tracking_no"));
      continue;
    }
    if (!DecodeId("ord", f[0])) {
      state->errors.push_back(RowError(line, f[0], order::errors::kNotFound, "no order '" + f[0] + "'"));
      continue;
    }
    good.push_back(ShipRow{line, f[0], f[1], f[2]});
  }
  Id merchant = who->merchant_id;
  std::string actor = EncodeId("stf", who->staff_id);
  storage::Database* db = &s.db;
  workflows::Modules* m = &s.modules;
  return Deferred{[=](Respond respond) {
    state->respond = std::move(respond);
    if (good.empty()) return state->Finish();
    state->pending = good.size();
    for (const ShipRow& row : good) {
      Id order_id = *DecodeId("ord", row.order_ref);
      db->Submit(
          [=](Tx& tx) -> Result<void> {
            auto shipped = workflows::ShipOrder(tx, *m, merchant, order_id, row.carrier, row.tracking_no, actor);
            if (!shipped) return Fail(shipped.error());
            return {};
          },
          [=](Result<void> r) {
            {
              std::lock_guard lock(state->mu);
              if (r) state->shipped.emplace_back(row.order_ref);
              else state->errors.push_back(RowError(row.row, row.order_ref, r.error().code, r.error().message));
            }
            if (--state->pending == 0) state->Finish();
          });
    }
  }};
}

}  // namespace weishang::api
