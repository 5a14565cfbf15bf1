// One vocabulary for expected failures, shared by every layer.
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace weishang {

// Coarse failure category. The HTTP layer maps each kind to one status code
// (api/error_status.cc); domain code never chooses a status.
enum class ErrorKind {
  kInvalidArgument,   // malformed or out-of-range input
  kNotFound,          // a referenced entity does not exist
  kConflict,          // well-formed, but not allowed in the current state
  kUnauthenticated,   // no valid credentials
  kPermissionDenied,  // the caller may not do this
  kTooLarge,          // the request exceeds a size limit
  kRateLimited,       // the caller sent too many requests
  kUnavailable,       // a dependency is down; retrying may succeed
  kInternal,          // a bug or a broken invariant
};

// A failure the caller is expected to handle. `code` is stable and namespaced
// ("inventory.insufficient_stock"); `message` is for people and may change.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;
  std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(Error error) { return tl::make_unexpected(std::move(error)); }

inline tl::unexpected<Error> Fail(ErrorKind kind, std::string code, std::string message) {
  return tl::make_unexpected(Error{kind, std::move(code), std::move(message)});
}

inline Error Invalid(std::string code, std::string message) {
  return Error{ErrorKind::kInvalidArgument, std::move(code), std::move(message)};
}
inline Error NotFound(std::string code, std::string message) {
  return Error{ErrorKind::kNotFound, std::move(code), std::move(message)};
}
inline Error Conflict(std::string code, std::string message) {
  return Error{ErrorKind::kConflict, std::move(code), std::move(message)};
}
inline Error Denied(std::string code, std::string message) {
  return Error{ErrorKind::kPermissionDenied, std::move(code), std::move(message)};
}
inline Error Internal(std::string code, std::string message) {
  return Error{ErrorKind::kInternal, std::move(code), std::move(message)};
}

// Aborts with a message when a program invariant is broken. Checked in release
// builds too: money and stock invariants must never be silently violated.
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line, const char* why);

#define SHOP_CHECK(cond, why)                                             \
  do {                                                                    \
    if (!(cond)) ::weishang::CheckFailed(#cond, __FILE__, __LINE__, why); \
  } while (0)

}  // namespace weishang
