#include "storage/postgres/pg_connection.h"

#include <charconv>
#include <cstdlib>
#include <utility>

#include "storage/storage_errors.h"

namespace weishang::storage {
namespace {

// Type oids from PostgreSQL's pg_type.dat; stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr int kTextFormat = 0;
constexpr int kBinaryFormat = 1;

void IgnoreNotice(void*, const char*) {}

std::string Trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::optional<std::int64_t> ParseInt(const char* s, int len) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s, s + len, n);
  if (ec != std::errc() || end != s + len) return std::nullopt;
  return n;
}

// One column value of a text-format result, typed by its column's oid so
// that callers get integers where SQLite would give them.
Row::Value CellValue(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
      if (auto n = ParseInt(text, len)) return *n;
      break;
    case kBoolOid:
      return static_cast<std::int64_t>(text[0] == 't' ? 1 : 0);
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(text, nullptr);
    case kNumericOid:  // SUM(bigint) is numeric: whole numbers stay integers
      if (auto n = ParseInt(text, len)) return *n;
      return std::strtod(text, nullptr);
    case kByteaOid: {
      std::size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
      if (raw == nullptr) break;
      std::string bytes(reinterpret_cast<const char*>(raw), n);
      PQfreemem(raw);
      return bytes;
    }
    default:
      break;
  }
  return std::string(text, static_cast<std::size_t>(len));
}

}  // namespace

std::string TranslatePlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  char quote = 0;  // the quote character of the literal or identifier we are in
  *count = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(++*count);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsRetryable(const Error& e) {
  return e.code == storage::errors::kSerializationFailure || e.code == storage::errors::kDeadlock ||
         e.code == kRunAgain;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  // TCP keepalives notice a server that vanished without closing the
  // connection within about 30 s instead of the kernel's two hours. They
  // come before the URL, so its own keepalives_* settings win.
  const char* keys[] = {"keepalives_idle", "keepalives_interval",       "keepalives_count",
                        "dbname",          "fallback_application_name", nullptr};
  const char* values[] = {"15", "5", "3", conninfo.c_str(), "weishang", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? Trimmed(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return Fail(ErrorKind::kUnavailable, storage::errors::kOpenFailed,
                "cannot connect to PostgreSQL: " + msg);
  }
  // Notices (such as "relation already exists, skipping") are not errors and
  // would otherwise go to stderr.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::InFailedTransaction() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

bool PgConnection::Idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

Result<void> PgConnection::Reset() {
  prepared_.clear();
  PQreset(conn_);
  if (!Healthy()) {
    return Fail(ErrorKind::kUnavailable, storage::errors::kConnectionLost,
                "cannot reconnect to PostgreSQL: " + Trimmed(PQerrorMessage(conn_)));
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return {};
}

int PgConnection::Socket() const { return PQsocket(conn_); }

int PgConnection::BackendPid() const { return PQbackendPID(conn_); }

Result<std::vector<PgNotification>> PgConnection::TakeNotifications() {
  if (PQconsumeInput(conn_) == 0 || !Healthy()) {
    return Fail(ErrorKind::kUnavailable, storage::errors::kConnectionLost,
                "lost the PostgreSQL connection: " + Trimmed(PQerrorMessage(conn_)));
  }
  std::vector<PgNotification> out;
  while (PGnotify* n = PQnotifies(conn_)) {
    out.push_back(PgNotification{n->relname, n->extra ? n->extra : "", n->be_pid});
    PQfreemem(n);
  }
  return out;
}

Error PgConnection::ErrorOf(const PGresult* res, std::string_view sql) const {
  std::string where = " [" + std::string(sql.substr(0, 120)) + "]";
  if (!Healthy()) {
    return Error{ErrorKind::kUnavailable, storage::errors::kConnectionLost,
                 "lost the PostgreSQL connection: " + Trimmed(PQerrorMessage(conn_)) + where};
  }
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg = (primary ? Trimmed(primary) : Trimmed(PQerrorMessage(conn_))) + where;
  const char* field = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view state = field ? field : "";
  if (state == "23505") return Error{ErrorKind::kConflict, storage::errors::kUniqueViolation, msg};
  if (state.starts_with("23"))
    return Error{ErrorKind::kConflict, storage::errors::kConstraintViolation, msg};
  if (state == "40001")
    return Error{ErrorKind::kUnavailable, storage::errors::kSerializationFailure, msg};
  if (state == "40P01") return Error{ErrorKind::kUnavailable, storage::errors::kDeadlock, msg};
  if (state.starts_with("08") || state.starts_with("57P")) {
    return Error{ErrorKind::kUnavailable, storage::errors::kConnectionLost, msg};
  }
  return Error{ErrorKind::kInternal, storage::errors::kError, msg};
}

Result<const PgConnection::Prepared*> PgConnection::Prepare(std::string_view sql,
                                                            std::size_t param_count) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    int count = 0;
    std::string text = TranslatePlaceholders(sql, &count);
    std::string name = "ws" + std::to_string(++next_id_);
    ResultPtr made(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), PQclear);
    if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) return Fail(ErrorOf(made.get(), sql));
    ResultPtr described(PQdescribePrepared(conn_, name.c_str()), PQclear);
    if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
      return Fail(ErrorOf(described.get(), sql));
    }
    Prepared p{std::move(name), {}};
    for (int i = 0; i < PQnparams(described.get()); ++i) {
      p.param_types.push_back(PQparamtype(described.get(), i));
    }
    it = prepared_.emplace(std::string(sql), std::move(p)).first;
  }
  if (it->second.param_types.size() != param_count) {
    return Fail(Internal(storage::errors::kBadParameters,
                         std::to_string(it->second.param_types.size()) + " placeholders, " +
                             std::to_string(param_count) + " parameters [" +
                             std::string(sql.substr(0, 120)) + "]"));
  }
  return &it->second;
}

Result<PgConnection::ResultPtr> PgConnection::Run(std::string_view sql, Params params) {
  auto prepared = Prepare(sql, params.size());
  if (!prepared && !pending_begin_.empty() && !Healthy() && Reset()) {
    // The first statement of a unit found the connection dropped while it
    // was preparing; no transaction had begun, so reconnect and go on.
    prepared = Prepare(sql, params.size());
  }
  if (!prepared) return Fail(prepared.error());
  const std::size_t n = params.size();
  // Parameters go as text and the server parses them into the types it
  // inferred; bytea goes as raw bytes, since its text form is escaped.
  std::vector<std::string> text(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0);
  std::vector<int> formats(n, kTextFormat);
  for (std::size_t i = 0; i < n; ++i) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
            char buf[32];
            auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
            text[i].assign(buf, end);
            values[i] = text[i].c_str();
          } else if constexpr (std::is_same_v<T, std::string_view>) {
            if ((*prepared)->param_types[i] == kByteaOid) {
              values[i] = v.data();
              lengths[i] = static_cast<int>(v.size());
              formats[i] = kBinaryFormat;
            } else {
              text[i].assign(v);
              values[i] = text[i].c_str();
            }
          }
        },
        params[i].value());
  }
  if (!pending_begin_.empty()) {
    return RunAfterBegin(**prepared, sql, static_cast<int>(n), values.data(), lengths.data(),
                         formats.data());
  }
  ResultPtr res(PQexecPrepared(conn_, (*prepared)->name.c_str(), static_cast<int>(n), values.data(),
                               lengths.data(), formats.data(), kTextFormat),
                PQclear);
  ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Fail(ErrorOf(res.get(), sql));
  return res;
}

Result<Rows> PgConnection::Query(std::string_view sql, Params params) {
  auto res = Run(sql, params);
  if (!res) return Fail(res.error());
  const PGresult* r = res->get();
  int rows = PQntuples(r);
  int cols = PQnfields(r);
  Rows out;
  out.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    std::vector<Row::Value> values;
    values.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) values.push_back(CellValue(r, i, c));
    out.emplace_back(std::move(values));
  }
  return out;
}

Result<std::int64_t> PgConnection::Exec(std::string_view sql, Params params) {
  auto res = Run(sql, params);
  if (!res) return Fail(res.error());
  const char* tuples = PQcmdTuples(res->get());
  return ParseInt(tuples, static_cast<int>(std::char_traits<char>::length(tuples))).value_or(0);
}

void PgConnection::BeginWithNextStatement(std::string begin_sql) {
  pending_begin_ = std::move(begin_sql);
}

bool PgConnection::TransactionOpened() {
  bool opened = pending_begin_.empty();
  pending_begin_.clear();
  return opened;
}

Result<PgConnection::ResultPtr> PgConnection::RunAfterBegin(const Prepared& first,
                                                            std::string_view sql, int n,
                                                            const char* const* values,
                                                            const int* lengths,
                                                            const int* formats) {
  const std::string begin = std::exchange(pending_begin_, {});
  const Prepared* p = &first;
  for (int attempt = 1;; ++attempt) {
    ResultPtr begun(nullptr, PQclear), res(nullptr, PQclear);
    if (PQenterPipelineMode(conn_) == 1) {
      bool sent = PQsendQueryParams(conn_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                                    kTextFormat) == 1 &&
                  PQsendQueryPrepared(conn_, p->name.c_str(), n, values, lengths, formats,
                                      kTextFormat) == 1 &&
                  PQpipelineSync(conn_) == 1;
      // Each query's result is followed by a null, and the sync's result
      // ends the pipeline: read them all, whatever failed, so the
      // connection can leave pipeline mode.
      if (sent) {
        begun.reset(PQgetResult(conn_));
        if (begun) ResultPtr(PQgetResult(conn_), PQclear);
        res.reset(PQgetResult(conn_));
        if (res) ResultPtr(PQgetResult(conn_), PQclear);
        while (Healthy()) {
          ResultPtr sync(PQgetResult(conn_), PQclear);
          if (!sync || PQresultStatus(sync.get()) == PGRES_PIPELINE_SYNC) break;
        }
      }
      (void)PQexitPipelineMode(conn_);
    }
    if (!Healthy() || PQresultStatus(begun.get()) != PGRES_COMMAND_OK) {
      // BEGIN failed, which in practice means the server dropped the connection (a restart, an idle
      // timeout, a terminated backend), and nothing of this transaction ran.
      // Reconnect and send the pair once more. Reset forgets the prepared
      // statements.
      if (attempt > 1 || !Reset()) {
        return Fail(ErrorOf(begun ? begun.get() : res.get(), begun ? begin : sql));
      }
      auto again = Prepare(sql, static_cast<std::size_t>(n));
      if (!again) return Fail(again.error());
      p = *again;
      continue;
    }
    ExecStatusType status = PQresultStatus(res.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      return Fail(ErrorOf(res.get(), sql));
    }
    return res;
  }
}

Result<void> PgConnection::Script(std::string_view sql) {
  std::string text(sql);
  if (!pending_begin_.empty()) text = std::exchange(pending_begin_, {}) + ";" + text;
  ResultPtr res(PQexec(conn_, text.c_str()), PQclear);
  ExecStatusType status = PQresultStatus(res.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Fail(ErrorOf(res.get(), sql));
  return {};
}

}  // namespace weishang::storage
