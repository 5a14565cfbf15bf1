// Care plans: their settings, the customers' dates they look at, and how far
// the care job has come per merchant.
#include <algorithm>
#include <charconv>
#include <chrono>

#include "modules/reminders/reminders.h"
#include "modules/reminders/reminders_errors.h"

namespace weishang::reminders {
namespace {

Error Bad(std::string message) { return Invalid(errors::kInvalidField, std::move(message)); }

// Defaults: a birthday 3 days ahead; a child's 1st, 3rd and 6th birthday
// (the 3-6 stage begins at 3, school at 6) a week ahead, from the field
// `baby_birthday`; a follow-up 7 days after receipt. All off until saved.
CarePlan Default(CareKind kind) {
  CarePlan p;
  p.kind = kind;
  switch (kind) {
    case CareKind::kBirthday:
      p.days = 3;
      break;
    case CareKind::kMilestone:
      p.days = 7;
      p.field_key = "baby_birthday";
      p.milestones = {12, 36, 72};
      break;
    case CareKind::kDelivery:
      p.days = 7;
      break;
  }
  return p;
}

std::string JoinMonths(const std::vector<int>& months) {
  std::string out;
  for (int m : months) {
    if (!out.empty()) out += ",";
    out += std::to_string(m);
  }
  return out;
}

std::vector<int> SplitMonths(std::string_view text) {
  std::vector<int> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    int v = 0;
    if (std::from_chars(part.data(), part.data() + part.size(), v).ec == std::errc()) {
      out.push_back(v);
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool ValidKey(std::string_view key) {
  if (key.empty() || key.size() > 32 || key[0] < 'a' || key[0] > 'z') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    return std::from_chars(text.data() + at, text.data() + at + len, out).ptr ==
           text.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  return std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m),
                                     std::chrono::day(d))
      .ok();
}

Result<std::vector<CarePlan>> ReminderService::CarePlans(Tx& tx, MerchantId merchant) {
  std::vector<CarePlan> out;
  for (const auto& [kind, text] : kCareKindText) {
    auto p = CarePlanOf(tx, merchant, kind);
    if (!p) return Fail(p.error());
    out.push_back(*p);
  }
  return out;
}

Result<CarePlan> ReminderService::CarePlanOf(Tx& tx, MerchantId merchant, CareKind kind) {
  auto row = tx.QueryOne(
      "SELECT enabled, days, field_key, milestones, updated_at FROM reminders_care_plan WHERE"
      " merchant_id = ? AND kind = ?",
      {merchant, TextOf(kCareKindText, kind)});
  if (!row) return Fail(row.error());
  if (!*row) return Default(kind);
  const auto& r = **row;
  CarePlan p;
  p.kind = kind;
  p.enabled = r.Bool(0);
  p.days = static_cast<int>(r.Int(1));
  p.field_key = r.Str(2);
  p.milestones = SplitMonths(r.Str(3));
  p.updated_at = r.Int(4);
  return p;
}

Result<CarePlan> ReminderService::SetCarePlan(Tx& tx, MerchantId merchant, const CarePlan& plan) {
  if (plan.days < 0 || plan.days > kMaxCareDays) return Fail(Bad("days is 0-60"));
  CarePlan p = plan;
  if (p.kind == CareKind::kMilestone) {
    if (!ValidKey(p.field_key))
      return Fail(Bad("field_key names a date custom field ([a-z][a-z0-9_]{0,31})"));
    std::sort(p.milestones.begin(), p.milestones.end());
    p.milestones.erase(std::unique(p.milestones.begin(), p.milestones.end()), p.milestones.end());
    if (p.milestones.empty() || p.milestones.size() > 12 || p.milestones.front() < 1 ||
        p.milestones.back() > 216)
      return Fail(Bad("milestones are 1-12 ages in months, each 1-216"));
  } else {
    p.field_key.clear();
    p.milestones.clear();
  }
  p.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "INSERT INTO reminders_care_plan (merchant_id, kind, enabled, days, field_key, milestones,"
      " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (merchant_id, kind) DO UPDATE SET"
      " enabled = excluded.enabled, days = excluded.days, field_key = excluded.field_key,"
      " milestones = excluded.milestones, updated_at = excluded.updated_at",
      {merchant, TextOf(kCareKindText, p.kind), p.enabled, p.days, p.field_key,
       JoinMonths(p.milestones), p.updated_at});
  if (!ok) return Fail(ok.error());
  // The care job starts with today (shop time, UTC+8) for this merchant.
  std::int64_t yesterday = (p.updated_at + 8 * kHour) / kDay - 1;
  auto run = tx.Exec(
      "INSERT INTO reminders_care_run (merchant_id, last_day) VALUES (?, ?)"
      " ON CONFLICT (merchant_id) DO NOTHING",
      {merchant, yesterday});
  if (!run) return Fail(run.error());
  return p;
}

Result<void> ReminderService::RecordDates(
    Tx& tx, MerchantId merchant, CustomerId customer, const std::string& birthday,
    const std::vector<std::pair<std::string, std::string>>& fields, bool gone) {
  auto cleared =
      tx.Exec("DELETE FROM reminders_care_date WHERE merchant_id = ? AND customer_id = ?",
              {merchant, customer});
  if (!cleared) return Fail(cleared.error());
  if (gone) return {};
  auto add = [&](const std::string& source, const std::string& day) -> Result<void> {
    if (!IsDate(day)) return {};
    auto ok = tx.Exec(
        "INSERT INTO reminders_care_date (merchant_id, customer_id, source, day, month_day)"
        " VALUES (?, ?, ?, ?, ?)",
        {merchant, customer, source, day, day.substr(5)});
    if (!ok) return Fail(ok.error());
    return {};
  };
  if (auto ok = add("birthday", birthday); !ok) return ok;
  for (const auto& [key, value] : fields) {
    if (auto ok = add("field:" + key, value); !ok) return ok;
  }
  return {};
}

Result<std::vector<CareDate>> ReminderService::DatesOn(Tx& tx, MerchantId merchant,
                                                       const std::string& source,
                                                       const std::vector<std::string>& values,
                                                       bool exact) {
  std::vector<CareDate> out;
  for (const std::string& v : values) {
    auto rows = tx.Query(exact ? "SELECT customer_id, day FROM reminders_care_date WHERE"
                                 " merchant_id = ? AND source = ? AND day = ? ORDER BY customer_id"
                               : "SELECT customer_id, day FROM reminders_care_date WHERE"
                                 " merchant_id = ? AND source = ? AND month_day = ?"
                                 " ORDER BY customer_id",
                         {merchant, source, v});
    if (!rows) return Fail(rows.error());
    for (const auto& r : *rows) out.push_back(CareDate{r.IdAt(0), r.Str(1)});
  }
  return out;
}

Result<std::vector<std::pair<MerchantId, std::int64_t>>> ReminderService::CareRunsBehind(
    Tx& tx, std::int64_t today, int limit) {
  auto rows = tx.Query(
      "SELECT merchant_id, last_day FROM reminders_care_run WHERE last_day < ?"
      " ORDER BY merchant_id LIMIT ?",
      {today, limit});
  if (!rows) return Fail(rows.error());
  std::vector<std::pair<MerchantId, std::int64_t>> out;
  for (const auto& r : *rows) out.emplace_back(MerchantId(r.Int(0)), r.Int(1));
  return out;
}

Result<void> ReminderService::MarkCareRun(Tx& tx, MerchantId merchant, std::int64_t day) {
  auto ok =
      tx.Exec("UPDATE reminders_care_run SET last_day = ? WHERE merchant_id = ? AND last_day < ?",
              {day, merchant, day});
  if (!ok) return Fail(ok.error());
  return {};
}

}  // namespace weishang::reminders
