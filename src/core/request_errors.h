// Stable error codes of the HTTP boundary: what is wrong with a request as
// such, before any module sees it, and the one code a bug answers.
#pragma once

namespace weishang::request_errors {

inline constexpr char kBadHttp[] = "request.bad_http";
inline constexpr char kBodyTooLarge[] = "request.body_too_large";
inline constexpr char kHeadersTooLarge[] = "request.headers_too_large";
inline constexpr char kRateLimited[] = "request.rate_limited";
inline constexpr char kNoRoute[] = "request.no_route";
inline constexpr char kMethodNotAllowed[] = "request.method_not_allowed";
// The body is not a JSON object.
inline constexpr char kMalformedJson[] = "request.malformed_json";
// A field of the wrong type, length or range; the message names it.
inline constexpr char kInvalidField[] = "request.invalid_field";
inline constexpr char kInvalidLimit[] = "request.invalid_limit";
inline constexpr char kInvalidCursor[] = "request.invalid_cursor";
inline constexpr char kIdempotencyKeyRequired[] = "request.idempotency_key_required";
// A bug: the details are in the server log, never in the answer.
inline constexpr char kInternal[] = "internal.error";
inline constexpr char kPasswordJob[] = "internal.password_job";

}  // namespace weishang::request_errors
