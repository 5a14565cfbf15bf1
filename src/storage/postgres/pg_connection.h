// One libpq connection with its own prepared statements. Not thread-safe:
// owned by one pool worker, or lent to one reader at a time.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/database.h"

namespace weishang::storage {

// Rewrites the '?' placeholders of `sql` as $1, $2, ... in order, leaving
// any '?' inside a quoted literal or identifier alone. Sets `*count` to the
// number of placeholders. Pure; thread-safe.
std::string TranslatePlaceholders(std::string_view sql, int* count);

// True for the failures after which running the whole unit again may
// succeed: serialization failure (40001), deadlock (40P01), and a unit's own
// storage::kRunAgain.
bool IsRetryable(const Error& e);

// A NOTIFY received on a connection that LISTENs.
struct PgNotification {
  std::string channel;
  std::string payload;
  int sender_pid;  // the backend that sent it; our own when we notified ourselves
};

class PgConnection {
 public:
  // Connects with a libpq connection string or a postgresql:// URL. Fails with
  // kUnavailable "storage.open_failed" when the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with '?' placeholders. Each distinct SQL text is
  // translated and prepared once on this connection, then executed by name.
  // Failures: kConflict "storage.unique_violation" (23505) or
  // "storage.constraint_violation" (other 23xxx); kUnavailable
  // "storage.serialization_failure" (40001), "storage.deadlock" (40P01),
  // "storage.connection_lost"; kInternal "storage.error" for the rest.
  Result<Rows> Query(std::string_view sql, Params params);
  // As Query; returns the number of rows the statement changed.
  Result<std::int64_t> Exec(std::string_view sql, Params params);
  // Runs one or more statements without parameters (simple protocol).
  Result<void> Script(std::string_view sql);

  // Opens a transaction with `begin_sql` ("BEGIN …") on the next statement:
  // the two go to the server together (libpq pipeline mode), which saves a
  // round trip per unit of work. A connection lost before that statement ran
  // is reconnected and the pair sent once more, since nothing had run yet.
  void BeginWithNextStatement(std::string begin_sql);
  // True once the deferred BEGIN went out, i.e. there is a transaction to
  // COMMIT or ROLLBACK; false when the unit ran no statement (the deferred
  // BEGIN is dropped).
  bool TransactionOpened();

  // False once the server connection is gone.
  bool Healthy() const;
  // True inside a transaction that a failed statement has aborted.
  bool InFailedTransaction() const;
  // True outside any transaction, ready to lend out again.
  bool Idle() const;
  // Reconnects a broken connection; its prepared statements are forgotten.
  Result<void> Reset();

  // The socket to wait on with poll(2) for notifications; -1 when broken.
  int Socket() const;
  // The server process of this session (PgNotification::sender_pid of what
  // this session sends itself).
  int BackendPid() const;
  // Reads whatever the server has sent without waiting, and returns the
  // notifications received so far, oldest first. kUnavailable
  // "storage.connection_lost" when the connection broke.
  Result<std::vector<PgNotification>> TakeNotifications();

 private:
  using ResultPtr = std::unique_ptr<PGresult, void (*)(PGresult*)>;
  struct Prepared {
    std::string name;
    std::vector<Oid> param_types;  // as the server inferred them
  };

  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Result<const Prepared*> Prepare(std::string_view sql, std::size_t param_count);
  Result<ResultPtr> Run(std::string_view sql, Params params);
  // Sends the deferred BEGIN and the prepared statement in one pipeline and
  // returns the statement's result.
  Result<ResultPtr> RunAfterBegin(const Prepared& p, std::string_view sql, int n,
                                  const char* const* values, const int* lengths,
                                  const int* formats);
  Error ErrorOf(const PGresult* res, std::string_view sql) const;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_;
  std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> prepared_;
  std::size_t next_id_ = 0;
  std::string pending_begin_;  // BeginWithNextStatement's text, until sent
};

}  // namespace weishang::storage
