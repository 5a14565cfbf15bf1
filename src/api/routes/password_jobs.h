// Routes that hash or verify a password answer from the password pool
// (identity::Passwords), never on the HTTP connection thread: the route
// decodes and checks its input, then hands the argon2id step and what
// follows it to OnPasswordPool.
#pragma once

#include <functional>

#include "api/routes/support.h"
#include "core/clock.h"

namespace weishang::api {

// A reply made on the password pool: `job` runs there, and the Reply it
// returns answers the request (a response as it is; a Deferred is started
// there). When the pool's queue is full `job` never runs: `on_busy`, if
// given, is called, and the answer is 503 identity.login_busy with
// Retry-After: 1. An exception from `job` answers 500.
Reply OnPasswordPool(Services& s, std::function<Reply()> job,
                     std::function<void()> on_busy = nullptr);

// `response` with a Retry-After header: `wait` in whole seconds, rounded
// up, at least 1.
HttpResponse WithRetryAfter(HttpResponse response, Timestamp wait);

// 429 identity.login_throttled, to retry after `wait` milliseconds
// (LoginGuard::Admit), with the matching Retry-After.
HttpResponse LoginThrottled(Timestamp wait);

// The parts of `req` IdempotentWrite reads (the key and the body), copied so
// a job can call it after the request is gone.
HttpRequest IdempotencyOnly(const HttpRequest& req);

}  // namespace weishang::api
