// The scale store: PostgreSQL through libpq. A fixed set of worker threads,
// each owning one connection, takes submitted units of work from one queue
// and runs each in its own READ COMMITTED transaction; a unit that hits a
// serialization failure or a deadlock is rolled back and run again (bounded,
// with jittered backoff). Reads run on the caller's thread in a read-only
// REPEATABLE READ transaction over a bounded pool of further connections.
// Thread-safe. See docs/decisions/0006-postgres-adapter.md.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "storage/postgres/pg_connection.h"

namespace weishang::storage {

struct PostgresOptions {
  std::string conninfo;       // "postgresql://user@host:port/db" or "host=… dbname=…"
  std::size_t pool_size = 0;  // write workers, and at most as many read connections;
                              // 0 means 2 × cores + 2
  int max_attempts = 8;       // runs of one unit before a retryable failure is returned
};

class PostgresDatabase final : public Database {
 public:
  // Connects every write worker. Fails with kUnavailable "storage.open_failed"
  // when the server cannot be reached.
  static Result<std::unique_ptr<PostgresDatabase>> Open(PostgresOptions options);
  ~PostgresDatabase() override;

  // Queues `unit`; a worker runs it in BEGIN … COMMIT. `done` is called on the
  // worker thread after COMMIT has returned and the unit's AfterCommit hooks
  // have run, or with the error that rolled the unit back. Failures besides
  // the unit's own: kUnavailable "storage.closed" after Close(),
  // "storage.connection_lost", and "storage.serialization_failure" or
  // "storage.deadlock" once max_attempts runs have failed that way.
  void Submit(Unit unit, Done done) override;
  // Runs `unit` on the calling thread in a read-only snapshot transaction.
  // Blocks while every read connection is lent out.
  Result<void> Read(const Unit& unit) override;
  Engine engine() const override { return Engine::kPostgres; }
  // Stops accepting work, runs what is queued, joins the workers and closes
  // every connection. Idempotent.
  void Close() override;

  std::size_t pool_size() const { return options_.pool_size; }

 private:
  struct Pending {
    Unit unit;
    Done done;
  };
  explicit PostgresDatabase(PostgresOptions options);
  void WorkerLoop(PgConnection& conn);
  Result<void> RunWithRetries(PgConnection& conn, const Unit& unit);
  Result<std::unique_ptr<PgConnection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<PgConnection> conn);

  PostgresOptions options_;
  std::vector<std::unique_ptr<PgConnection>> writers_;
  std::vector<std::thread> threads_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  bool closed_ = false;

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_readers_;
  std::size_t open_readers_ = 0;
};

}  // namespace weishang::storage
