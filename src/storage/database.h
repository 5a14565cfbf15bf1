// The storage seam. Workflows and modules talk to a Tx (one unit of work)
// and never to SQLite or PostgreSQL directly; cli/main.cc picks the adapter.
//
// SQL is written once, with '?' placeholders, in the subset SQLite and
// PostgreSQL share (ON CONFLICT, RETURNING, CTEs). The adapter rewrites what
// differs (placeholders; see Dialect).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "storage/storage_errors.h"

namespace weishang::storage {

// One bound parameter. Holds a view for strings: the caller keeps the text
// alive for the duration of the call (temporaries do, to the end of the
// full expression).
class Param {
 public:
  using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;
  Param(std::nullptr_t) : v_(nullptr) {}
  Param(int v) : v_(static_cast<std::int64_t>(v)) {}
  Param(long v) : v_(static_cast<std::int64_t>(v)) {}
  Param(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Param(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Param(double v) : v_(v) {}
  Param(std::string_view v) : v_(v) {}
  Param(const std::string& v) : v_(std::string_view(v)) {}
  Param(const char* v) : v_(std::string_view(v)) {}
  template <class Tag>
  Param(TypedId<Tag> id) : v_(id.value()) {}
  template <class T>
  Param(const std::optional<T>& v) : v_(nullptr) {
    if (v) v_ = Param(*v).v_;
  }
  const Value& value() const { return v_; }

 private:
  Value v_;
};

using Params = std::span<const Param>;

// One result row. Columns are addressed by position, in SELECT order.
// An integer column read as an id; converts to the id type it is assigned
// to. Only Row hands these out.
struct RowId {
  Id value;
  template <class Tag>
  operator TypedId<Tag>() const {
    return TypedId<Tag>(value);
  }
};
struct OptRowId {
  std::optional<Id> value;
  template <class Tag>
  operator std::optional<TypedId<Tag>>() const {
    if (!value) return std::nullopt;
    return TypedId<Tag>(*value);
  }
};

class Row {
 public:
  using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_[i]); }
  // Integer value; NULL reads as 0, text is parsed (PostgreSQL returns text).
  std::int64_t Int(std::size_t i) const;
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  // The id in column i, typed by where it goes: `o.id = r.IdAt(0);` for an
  // OrderId field. NULL reads as the invalid id 0.
  RowId IdAt(std::size_t i) const { return RowId{Int(i)}; }
  // The same for a nullable column, into a std::optional<SomeId>.
  OptRowId OptIdAt(std::size_t i) const { return OptRowId{OptInt(i)}; }
  double Real(std::size_t i) const;
  // Text value; NULL reads as "".
  const std::string& Str(std::size_t i) const;
  std::optional<std::string> OptStr(std::size_t i) const;
  bool Bool(std::size_t i) const { return Int(i) != 0; }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// What differs between the two SQL engines.
enum class Engine { kSqlite, kPostgres };

// Told of each domain event a unit wrote to the outbox (events/outbox.h),
// once the unit is durable. The composition root sets one per database: it
// wakes the event dispatcher and drops this node's cached answers at once.
// Called on a storage thread; must be quick and thread-safe.
class CommitObserver {
 public:
  virtual ~CommitObserver() = default;
  virtual void EventCommitted(MerchantId merchant, std::string_view kind) = 0;
};

// One unit of work: a transaction (PostgreSQL) or a savepoint inside a group
// commit (SQLite). Not thread-safe; used by one thread for the unit's life.
class Tx {
 public:
  virtual ~Tx() = default;

  // Runs a statement that returns rows.
  virtual Result<Rows> Query(std::string_view sql, Params params) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, Params params) = 0;
  // Runs several statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;
  // Registers `fn` to run after the unit's changes are durable; dropped if
  // the unit rolls back. Used for cache invalidation and outbox delivery.
  virtual void AfterCommit(std::function<void()> fn) = 0;
  virtual Engine engine() const = 0;

  // The database's commit observer, or null (set by the adapter).
  CommitObserver* observer() const { return observer_; }
  void set_observer(CommitObserver* observer) { observer_ = observer; }

  Result<Rows> Query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Query(sql, Params(params.begin(), params.size()));
  }
  Result<std::int64_t> Exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Exec(sql, Params(params.begin(), params.size()));
  }
  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql,
                                      std::initializer_list<Param> params = {});

 private:
  CommitObserver* observer_ = nullptr;
};

// The code a unit returns to be run again from the start, in a new
// transaction: it met a concurrent commit it must see (PostgreSQL; SQLite's
// one writer never needs it). Retried like a serialization failure.
using errors::kRunAgain;

using Unit = std::function<Result<void>(Tx&)>;
using Done = std::function<void(Result<void>)>;

// Runs `unit`; an exception escaping it becomes kInternal
// "storage.unit_threw", so the adapter rolls the unit back like any failure.
Result<void> RunGuarded(const Unit& unit, Tx& tx);

// A database: units of work in, durable results out. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;

  // Queues a writing unit of work. `done` is called exactly once, on a
  // storage thread, after the unit's changes are durable (or with the error
  // that rolled them back). A unit returning an error changes nothing.
  virtual void Submit(Unit unit, Done done) = 0;

  // Runs a read-only unit on a consistent snapshot, on the calling thread.
  virtual Result<void> Read(const Unit& unit) = 0;

  virtual Engine engine() const = 0;

  // Stops accepting work, finishes what is queued, and closes. Idempotent.
  virtual void Close() = 0;

  // Submit and wait: for the CLI, background jobs and tests.
  Result<void> Write(Unit unit);

  // Sets who hears of committed events (null: nobody). Call before the
  // database is shared between threads; `observer` must outlive it.
  void SetCommitObserver(CommitObserver* observer) { observer_ = observer; }
  CommitObserver* commit_observer() const { return observer_; }

 private:
  CommitObserver* observer_ = nullptr;
};

// Runs `fn(tx) -> Result<T>` as a write and returns its value once durable.
template <class Fn>
auto WriteValue(Database& db, Fn&& fn) -> decltype(fn(std::declval<Tx&>())) {
  using R = decltype(fn(std::declval<Tx&>()));
  std::optional<R> out;
  auto status = db.Write([&](Tx& tx) -> Result<void> {
    out.emplace(fn(tx));
    if (!*out) return Fail(out->error());
    return {};
  });
  if (!status) return Fail(status.error());
  return std::move(*out);
}

// Runs `fn(tx) -> Result<T>` as a read.
template <class Fn>
auto ReadValue(Database& db, Fn&& fn) -> decltype(fn(std::declval<Tx&>())) {
  using R = decltype(fn(std::declval<Tx&>()));
  std::optional<R> out;
  auto status = db.Read([&](Tx& tx) -> Result<void> {
    out.emplace(fn(tx));
    if (!*out) return Fail(out->error());
    return {};
  });
  if (!status) return Fail(status.error());
  return std::move(*out);
}

}  // namespace weishang::storage
