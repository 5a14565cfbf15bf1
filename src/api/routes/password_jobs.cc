#include "api/routes/password_jobs.h"

#include "core/log.h"
#include "core/request_errors.h"
#include "modules/identity/identity_errors.h"
#include "modules/identity/passwords.h"

namespace weishang::api {
namespace {

void Forward(Reply reply, const Respond& respond) {
  if (auto* direct = std::get_if<HttpResponse>(&reply)) {
    respond([response = std::move(*direct)] { return response; });
    return;
  }
  std::get<Deferred>(reply).start(respond);
}

// The job's exceptions stop here: one escaping a pool thread would end the
// process.
void RunJob(const std::function<Reply()>& job, const Respond& respond) {
  Reply reply;
  try {
    reply = job();
  } catch (const std::exception& e) {
    LogError(std::string("password job threw: ") + e.what());
    reply = ErrorResponse(Internal(request_errors::kPasswordJob, e.what()));
  }
  Forward(std::move(reply), respond);
}

}  // namespace

Reply OnPasswordPool(Services& s, std::function<Reply()> job, std::function<void()> on_busy) {
  identity::Passwords* passwords = &s.passwords;
  return Deferred{[passwords, job = std::move(job), on_busy = std::move(on_busy)](Respond respond) {
    if (passwords->Submit([job, respond] { RunJob(job, respond); })) return;
    if (on_busy) on_busy();
    respond([] {
      return WithRetryAfter(
          ErrorResponse(Error{ErrorKind::kUnavailable, identity::errors::kLoginBusy,
                              "too many password checks at once; retry in a second"}),
          1000);
    });
  }};
}

HttpResponse WithRetryAfter(HttpResponse response, Timestamp wait) {
  Timestamp seconds = wait <= 1000 ? 1 : (wait + 999) / 1000;
  response.headers.emplace_back("Retry-After", std::to_string(seconds));
  return response;
}

HttpResponse LoginThrottled(Timestamp wait) {
  return WithRetryAfter(
      ErrorResponse(
          Error{ErrorKind::kRateLimited, identity::errors::kLoginThrottled,
                "too many failed or simultaneous logins for this account or address; retry later"}),
      wait);
}

HttpRequest IdempotencyOnly(const HttpRequest& req) {
  HttpRequest copy;
  copy.idempotency_key = req.idempotency_key;
  copy.body = req.body;
  return copy;
}

}  // namespace weishang::api
