// Stable error codes of the storage layer. The HTTP boundary answers any of
// them with a fixed message (the details, which may hold SQL, go to the log);
// modules check kUniqueViolation to turn a duplicate into their own conflict.
#pragma once

namespace weishang::storage::errors {

// A unique index refused the row (a duplicate slug, login, barcode, coupon code).
inline constexpr char kUniqueViolation[] = "storage.unique_violation";
// Another constraint (NOT NULL, CHECK, foreign key) refused the row.
inline constexpr char kConstraintViolation[] = "storage.constraint_violation";
// The database was busy past the timeout; retrying may succeed.
inline constexpr char kBusy[] = "storage.busy";
// PostgreSQL aborted the transaction to keep it serializable; run it again.
inline constexpr char kSerializationFailure[] = "storage.serialization_failure";
inline constexpr char kDeadlock[] = "storage.deadlock";
// The unit asked to be run again (it lost a race it can win on a retry).
inline constexpr char kRunAgain[] = "storage.run_again";
inline constexpr char kConnectionLost[] = "storage.connection_lost";
inline constexpr char kOpenFailed[] = "storage.open_failed";
inline constexpr char kClosed[] = "storage.closed";
inline constexpr char kCommitFailed[] = "storage.commit_failed";
inline constexpr char kSyncFailed[] = "storage.sync_failed";
inline constexpr char kStatementFailed[] = "storage.statement_failed";
inline constexpr char kBadParameters[] = "storage.bad_parameters";
inline constexpr char kError[] = "storage.error";
inline constexpr char kUnitThrew[] = "storage.unit_threw";
inline constexpr char kMigrationFailed[] = "storage.migration_failed";
inline constexpr char kBackupFailed[] = "storage.backup_failed";
// Node numbers for id generation, shared between nodes through PostgreSQL.
inline constexpr char kNodeIdTaken[] = "storage.node_id_taken";
inline constexpr char kNodeIdLost[] = "storage.node_id_lost";
inline constexpr char kNoFreeNodeId[] = "storage.no_free_node_id";
inline constexpr char kBadNodeId[] = "storage.bad_node_id";

}  // namespace weishang::storage::errors
