#include "storage/database.h"

#include <charconv>
#include <future>

#include "storage/storage_errors.h"

namespace weishang::storage {

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = values_[i];
  if (auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    if (*s == "t") return 1;  // PostgreSQL booleans in text form
    if (*s == "f") return 0;
    std::int64_t n = 0;
    std::from_chars(s->data(), s->data() + s->size(), n);
    return n;
  }
  return 0;
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

double Row::Real(std::size_t i) const {
  const Value& v = values_[i];
  if (auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

const std::string& Row::Str(std::size_t i) const {
  static const std::string kEmpty;
  if (auto* s = std::get_if<std::string>(&values_[i])) return *s;
  return kEmpty;
}

std::optional<std::string> Row::OptStr(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Str(i);
}

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, std::initializer_list<Param> params) {
  auto rows = Query(sql, Params(params.begin(), params.size()));
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows->front()));
}

Result<void> RunGuarded(const Unit& unit, Tx& tx) {
  try {
    return unit(tx);
  } catch (const std::exception& e) {
    return Fail(Internal(storage::errors::kUnitThrew, e.what()));
  }
}

Result<void> Database::Write(Unit unit) {
  std::promise<Result<void>> promise;
  auto future = promise.get_future();
  Submit(std::move(unit), [&promise](Result<void> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace weishang::storage
