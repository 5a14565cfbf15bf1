// Repurchase: consumption cycles, each customer's supply per product, the
// reminders sent and whether they were followed by an order.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "modules/reminders/reminders.h"
#include "modules/reminders/reminders_errors.h"

namespace weishang::reminders {
namespace {

constexpr const char* kSupplyColumns =
    "merchant_id, customer_id, product_id, cycle_start, runs_out_at, due_at, window_end,"
    " purchases, last_paid_at, state";
constexpr int kSupplyColumnCount = 10;

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }
Error Moved() {
  return Conflict(errors::kSupplyMoved, "the customer's supply moved on before the reminder");
}

Supply SupplyFromRow(const storage::Row& r) {
  Supply s;
  s.merchant_id = r.IdAt(0);
  s.customer_id = r.IdAt(1);
  s.product_id = r.IdAt(2);
  s.cycle_start = r.Int(3);
  s.runs_out_at = r.Int(4);
  s.due_at = r.Int(5);
  s.window_end = r.Int(6);
  s.purchases = r.Int(7);
  s.last_paid_at = r.Int(8);
  s.state = FromText(kSupplyStateText, r.Str(9)).value_or(SupplyState::kWaiting);
  return s;
}

Cycle CycleFromRow(const storage::Row& r) {
  return Cycle{r.IdAt(0), static_cast<int>(r.Int(1)), static_cast<int>(r.Int(2)), r.Int(3)};
}

// The due time and window of `s`'s cycle under `c`.
void Place(Supply& s, const Cycle& c) {
  s.due_at = s.runs_out_at - c.lead_days * kDay;
  s.window_end = s.runs_out_at + c.lead_days * kDay;
}

struct SentKey {
  Id customer, product;
  Timestamp cycle_start;
  bool operator==(const SentKey&) const = default;
};
struct SentKeyHash {
  std::size_t operator()(const SentKey& k) const {
    return std::hash<Id>()(k.customer) * 31 + std::hash<Id>()(k.product) * 17 +
           std::hash<Timestamp>()(k.cycle_start);
  }
};

}  // namespace

Supply AddPurchase(Supply s, const Cycle& c, Timestamp paid_at, std::int64_t quantity) {
  if (quantity < 1 || c.cycle_days < 1) return s;
  Timestamp lasts = quantity * c.cycle_days * kDay;
  bool new_cycle = s.purchases == 0 || paid_at >= s.runs_out_at - c.lead_days * kDay;
  if (new_cycle) {
    s.cycle_start = paid_at;
    s.runs_out_at = std::max(s.runs_out_at, paid_at) + lasts;
    s.state = SupplyState::kWaiting;
  } else {
    s.runs_out_at += lasts;
  }
  Place(s, c);
  s.purchases += 1;
  s.last_paid_at = std::max(s.last_paid_at, paid_at);
  return s;
}

Result<std::vector<Cycle>> ReminderService::Cycles(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(
      "SELECT product_id, cycle_days, lead_days, updated_at FROM reminders_cycle WHERE"
      " merchant_id = ? ORDER BY product_id",
      {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Cycle> out;
  for (const auto& r : *rows) out.push_back(CycleFromRow(r));
  return out;
}

Result<std::optional<Cycle>> ReminderService::CycleOf(Tx& tx, MerchantId merchant,
                                                      ProductId product) {
  auto row = tx.QueryOne(
      "SELECT product_id, cycle_days, lead_days, updated_at FROM reminders_cycle WHERE"
      " merchant_id = ? AND product_id = ?",
      {merchant, product});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Cycle>();
  return std::optional<Cycle>(CycleFromRow(**row));
}

Result<Cycle> ReminderService::SetCycle(Tx& tx, MerchantId merchant, const Cycle& c) {
  if (c.cycle_days < 1 || c.cycle_days > kMaxCycleDays)
    return Fail(Bad("cycle_days is 1-365 (the days one unit lasts)"));
  if (c.lead_days < 0 || c.lead_days >= c.cycle_days)
    return Fail(Bad("lead_days is 0 to cycle_days - 1"));
  Cycle out = c;
  out.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO reminders_cycle (merchant_id, product_id, cycle_days, lead_days, updated_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (merchant_id, product_id) DO UPDATE SET"
      " cycle_days = excluded.cycle_days, lead_days = excluded.lead_days,"
      " updated_at = excluded.updated_at",
      {merchant, out.product_id, out.cycle_days, out.lead_days, out.updated_at});
  if (!ok) return Fail(ok.error());
  return out;
}

Result<bool> ReminderService::ClearCycle(Tx& tx, MerchantId merchant, ProductId product) {
  auto gone = tx.Exec("DELETE FROM reminders_cycle WHERE merchant_id = ? AND product_id = ?",
                      {merchant, product});
  if (!gone) return Fail(gone.error());
  auto ok = tx.Exec("DELETE FROM reminders_supply WHERE merchant_id = ? AND product_id = ?",
                    {merchant, product});
  if (!ok) return Fail(ok.error());
  return *gone > 0;
}

Result<std::optional<Supply>> ReminderService::SupplyOf(Tx& tx, MerchantId merchant,
                                                        CustomerId customer, ProductId product) {
  auto row = tx.QueryOne(std::string("SELECT ") + kSupplyColumns +
                             " FROM reminders_supply WHERE merchant_id = ? AND customer_id = ?"
                             " AND product_id = ?",
                         {merchant, customer, product});
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Supply>();
  return std::optional<Supply>(SupplyFromRow(**row));
}

Result<void> ReminderService::SaveSupply(Tx& tx, const Supply& s) {
  auto ok = tx.Exec(
      std::string("INSERT INTO reminders_supply (") + kSupplyColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (merchant_id, customer_id,"
          " product_id) DO UPDATE SET cycle_start = excluded.cycle_start, runs_out_at ="
          " excluded.runs_out_at, due_at = excluded.due_at, window_end = excluded.window_end,"
          " purchases = excluded.purchases, last_paid_at = excluded.last_paid_at,"
          " state = excluded.state",
      {s.merchant_id, s.customer_id, s.product_id, s.cycle_start, s.runs_out_at, s.due_at,
       s.window_end, s.purchases, s.last_paid_at, TextOf(kSupplyStateText, s.state)});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> ReminderService::RecordPurchase(Tx& tx, MerchantId merchant, CustomerId customer,
                                             ProductId product, Timestamp paid_at,
                                             std::int64_t quantity) {
  if (quantity < 1) return {};
  auto followed = tx.Exec(
      "UPDATE reminders_sent SET followed_at = ? WHERE merchant_id = ? AND customer_id = ? AND"
      " product_id = ? AND followed_at IS NULL AND due_at <= ? AND window_end >= ?",
      {paid_at, merchant, customer, product, paid_at, paid_at});
  if (!followed) return Fail(followed.error());
  auto cycle = CycleOf(tx, merchant, product);
  if (!cycle) return Fail(cycle.error());
  if (!*cycle) return {};
  auto had = SupplyOf(tx, merchant, customer, product);
  if (!had) return Fail(had.error());
  Supply s;
  if (*had) {
    s = **had;
    if (s.purchases > 0 && paid_at <= s.last_paid_at) return {};
  } else {
    s.merchant_id = merchant;
    s.customer_id = customer;
    s.product_id = product;
  }
  return SaveSupply(tx, AddPurchase(s, **cycle, paid_at, quantity));
}

Result<RebuildTally> ReminderService::Rebuild(Tx& tx, MerchantId merchant, const Scope& scope,
                                              std::vector<Bought> bought) {
  auto cycles = Cycles(tx, merchant);
  if (!cycles) return Fail(cycles.error());
  std::unordered_map<Id, Cycle> by_product;
  for (const Cycle& c : *cycles) {
    if (!scope.product || c.product_id == *scope.product)
      by_product.emplace(c.product_id.value(), c);
  }
  // The scope's rows of both tables.
  std::string where = " WHERE merchant_id = ?";
  std::vector<storage::Param> params{merchant};
  if (scope.product) {
    where += " AND product_id = ?";
    params.emplace_back(*scope.product);
  }
  if (scope.customer) {
    where += " AND customer_id = ?";
    params.emplace_back(*scope.customer);
  }
  // The reminders already sent, so that their cycles stay reminded.
  auto sent_rows =
      tx.Query("SELECT customer_id, product_id, cycle_start FROM reminders_sent" + where,
               storage::Params(params.data(), params.size()));
  if (!sent_rows) return Fail(sent_rows.error());
  std::unordered_set<SentKey, SentKeyHash> sent;
  for (const auto& r : *sent_rows) sent.insert(SentKey{r.Int(0), r.Int(1), r.Int(2)});

  auto cleared = tx.Exec("DELETE FROM reminders_supply" + where,
                         storage::Params(params.data(), params.size()));
  if (!cleared) return Fail(cleared.error());

  std::erase_if(bought, [&](const Bought& b) {
    return b.quantity < 1 || !by_product.contains(b.product_id.value()) ||
           (scope.customer && b.customer_id != *scope.customer);
  });
  std::sort(bought.begin(), bought.end(), [](const Bought& a, const Bought& b) {
    if (a.customer_id != b.customer_id) return a.customer_id < b.customer_id;
    if (a.product_id != b.product_id) return a.product_id < b.product_id;
    return a.paid_at < b.paid_at;
  });

  constexpr int kRowsPerInsert = 64;
  std::string insert_one = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  std::string insert_full =
      std::string("INSERT INTO reminders_supply (") + kSupplyColumns + ") VALUES " + insert_one;
  for (int i = 1; i < kRowsPerInsert; ++i) insert_full += ", " + insert_one;
  std::vector<storage::Param> batch;
  batch.reserve(kRowsPerInsert * kSupplyColumnCount);
  int in_batch = 0;
  auto flush = [&](bool full) -> Result<void> {
    if (in_batch == 0) return {};
    std::string sql = insert_full;
    if (!full) {
      sql =
          std::string("INSERT INTO reminders_supply (") + kSupplyColumns + ") VALUES " + insert_one;
      for (int i = 1; i < in_batch; ++i) sql += ", " + insert_one;
    }
    auto ok = tx.Exec(sql, storage::Params(batch.data(), batch.size()));
    if (!ok) return Fail(ok.error());
    batch.clear();
    in_batch = 0;
    return {};
  };

  Timestamp now = clock_.Now();
  RebuildTally tally;
  // State names kept alive for the batch's string_views.
  static const std::string kWaiting(TextOf(kSupplyStateText, SupplyState::kWaiting));
  static const std::string kReminded(TextOf(kSupplyStateText, SupplyState::kReminded));
  static const std::string kLapsed(TextOf(kSupplyStateText, SupplyState::kLapsed));
  for (std::size_t i = 0; i < bought.size();) {
    const Cycle& c = by_product.at(bought[i].product_id.value());
    Supply s;
    s.merchant_id = merchant;
    s.customer_id = bought[i].customer_id;
    s.product_id = bought[i].product_id;
    std::size_t j = i;
    for (; j < bought.size() && bought[j].customer_id == s.customer_id &&
           bought[j].product_id == s.product_id;
         ++j) {
      // Lines of one order (same time) are one purchase.
      std::int64_t quantity = bought[j].quantity;
      while (j + 1 < bought.size() && bought[j + 1].customer_id == s.customer_id &&
             bought[j + 1].product_id == s.product_id &&
             bought[j + 1].paid_at == bought[j].paid_at) {
        quantity += bought[++j].quantity;
      }
      s = AddPurchase(s, c, bought[j].paid_at, quantity);
    }
    i = j;
    const std::string* state = &kWaiting;
    if (sent.contains(SentKey{s.customer_id.value(), s.product_id.value(), s.cycle_start})) {
      state = &kReminded;
    } else if (s.window_end < now) {
      state = &kLapsed;
      ++tally.lapsed;
    } else if (s.due_at <= now) {
      ++tally.due;
    }
    ++tally.supplies;
    batch.insert(batch.end(),
                 {merchant, s.customer_id, s.product_id, s.cycle_start, s.runs_out_at, s.due_at,
                  s.window_end, s.purchases, s.last_paid_at, std::string_view(*state)});
    if (++in_batch == kRowsPerInsert) {
      if (auto ok = flush(true); !ok) return Fail(ok.error());
    }
  }
  if (auto ok = flush(false); !ok) return Fail(ok.error());
  return tally;
}

Result<void> ReminderService::MoveCustomer(Tx& tx, MerchantId merchant, CustomerId from,
                                           CustomerId to) {
  auto copied = tx.Exec(
      "INSERT INTO reminders_sent (merchant_id, customer_id, product_id, cycle_start, task_id,"
      " due_at, runs_out_at, window_end, sent_at, followed_at) SELECT merchant_id, ?, product_id,"
      " cycle_start, task_id, due_at, runs_out_at, window_end, sent_at, followed_at FROM"
      " reminders_sent WHERE merchant_id = ? AND customer_id = ? ON CONFLICT DO NOTHING",
      {to, merchant, from});
  if (!copied) return Fail(copied.error());
  for (const char* table : {"reminders_sent", "reminders_supply"}) {
    auto gone =
        tx.Exec(std::string("DELETE FROM ") + table + " WHERE merchant_id = ? AND customer_id = ?",
                {merchant, from});
    if (!gone) return Fail(gone.error());
  }
  return {};
}

Result<std::vector<Supply>> ReminderService::DueSupplies(Tx& tx, Timestamp now, int limit) {
  auto rows = tx.Query(std::string("SELECT ") + kSupplyColumns +
                           " FROM reminders_supply WHERE state = 'waiting' AND due_at <= ?"
                           " ORDER BY due_at LIMIT ?",
                       {now, limit});
  if (!rows) return Fail(rows.error());
  std::vector<Supply> out;
  for (const auto& r : *rows) out.push_back(SupplyFromRow(r));
  return out;
}

namespace {

Result<void> MoveState(Tx& tx, const Supply& s, SupplyState to) {
  auto ok = tx.Exec(
      "UPDATE reminders_supply SET state = ? WHERE merchant_id = ? AND customer_id = ? AND"
      " product_id = ? AND cycle_start = ? AND state = 'waiting'",
      {TextOf(kSupplyStateText, to), s.merchant_id, s.customer_id, s.product_id, s.cycle_start});
  if (!ok) return Fail(ok.error());
  if (*ok == 0) return Fail(Moved());
  return {};
}

}  // namespace

Result<void> ReminderService::MarkReminded(Tx& tx, const Supply& s, TaskId task) {
  if (auto ok = MoveState(tx, s, SupplyState::kReminded); !ok) return ok;
  auto ok = tx.Exec(
      "INSERT INTO reminders_sent (merchant_id, customer_id, product_id, cycle_start, task_id,"
      " due_at, runs_out_at, window_end, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      {s.merchant_id, s.customer_id, s.product_id, s.cycle_start, task, s.due_at, s.runs_out_at,
       s.window_end, clock_.Now()});
  if (!ok) return Fail(ok.error());
  return {};
}

Result<void> ReminderService::MarkLapsed(Tx& tx, const Supply& s) {
  return MoveState(tx, s, SupplyState::kLapsed);
}

Result<std::vector<ProductFigures>> ReminderService::Report(Tx& tx, MerchantId merchant) {
  std::map<Id, ProductFigures> by_product;
  auto figures = [&](Id product) -> ProductFigures& {
    auto& f = by_product[product];
    f.product_id = ProductId(product);
    return f;
  };
  auto cycles = Cycles(tx, merchant);
  if (!cycles) return Fail(cycles.error());
  for (const Cycle& c : *cycles) figures(c.product_id.value());
  auto buyers = tx.Query(
      "SELECT product_id, COUNT(*), SUM(CASE WHEN purchases >= 2 THEN 1 ELSE 0 END) FROM"
      " reminders_supply WHERE merchant_id = ? GROUP BY product_id",
      {merchant});
  if (!buyers) return Fail(buyers.error());
  for (const auto& r : *buyers) {
    auto& f = figures(r.Int(0));
    f.buyers = r.Int(1);
    f.repeat_buyers = r.Int(2);
  }
  auto sent = tx.Query(
      "SELECT product_id, COUNT(*), SUM(CASE WHEN followed_at IS NULL THEN 0 ELSE 1 END) FROM"
      " reminders_sent WHERE merchant_id = ? GROUP BY product_id",
      {merchant});
  if (!sent) return Fail(sent.error());
  for (const auto& r : *sent) {
    auto& f = figures(r.Int(0));
    f.reminders_sent = r.Int(1);
    f.reminders_followed = r.Int(2);
  }
  std::vector<ProductFigures> out;
  for (auto& [id, f] : by_product) out.push_back(f);
  return out;
}

}  // namespace weishang::reminders
