// A unit of work that fails its n-th statement, for workflow tests that fail
// each step in turn: wrap the real Tx, run the workflow, and the statement
// numbered `fail_at` (1-based, Query and Exec counted together) answers
// kUnavailable "test.injected" without reaching the database. Everything
// else passes through. Not thread-safe, like any Tx.
#pragma once

#include "storage/database.h"

namespace weishang::testing {

class FailingTx final : public storage::Tx {
 public:
  FailingTx(storage::Tx& inner, int fail_at) : inner_(inner), fail_at_(fail_at) {
    set_observer(inner.observer());
  }

  Result<storage::Rows> Query(std::string_view sql, storage::Params params) override {
    if (++count_ == fail_at_) return Fail(Injected());
    return inner_.Query(sql, params);
  }
  Result<std::int64_t> Exec(std::string_view sql, storage::Params params) override {
    if (++count_ == fail_at_) return Fail(Injected());
    return inner_.Exec(sql, params);
  }
  Result<void> ExecScript(std::string_view sql) override { return inner_.ExecScript(sql); }
  void AfterCommit(std::function<void()> fn) override { inner_.AfterCommit(std::move(fn)); }
  storage::Engine engine() const override { return inner_.engine(); }

  // Statements run (or refused) so far.
  int count() const { return count_; }
  bool injected() const { return count_ >= fail_at_; }

 private:
  static Error Injected() {
    return Error{ErrorKind::kUnavailable, "test.injected", "injected failure"};
  }
  storage::Tx& inner_;
  const int fail_at_;
  int count_ = 0;
};

}  // namespace weishang::testing
