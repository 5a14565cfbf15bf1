#include "api/error_status.h"

#include "core/log.h"
#include "core/request_errors.h"

namespace weishang::api {

// No `default:`, so -Werror=switch fails the build when a new ErrorKind is
// added and not mapped here.
int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 422;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

namespace {

// What a client is told of a storage failure. The adapters' messages name
// statements, tables and constraints: those stay in the log.
std::string StorageMessage(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConflict:
      return "the request collided with a concurrent change; retry it";
    case ErrorKind::kUnavailable:
      return "the database is unavailable; retry shortly";
    default:
      return "internal error";
  }
}

}  // namespace

HttpResponse ErrorResponse(const Error& error) {
  HttpResponse r;
  r.status = HttpStatusFor(error.kind);
  bool from_storage = error.code.starts_with("storage.");
  if (r.status == 500 || from_storage) LogError("error " + error.code + ": " + error.message);
  // Internal details stay in the log, not in the answer.
  const std::string message = r.status == 500 ? std::string("internal error")
                              : from_storage  ? StorageMessage(error.kind)
                                              : error.message;
  r.body = "{\"error\":{\"code\":";
  AppendJsonString(r.body, r.status == 500 ? std::string(request_errors::kInternal) : error.code);
  r.body += ",\"message\":";
  AppendJsonString(r.body, message);
  r.body += "}}";
  if (error.kind == ErrorKind::kUnauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace weishang::api
