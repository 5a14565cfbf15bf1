// The one place that knows both vocabularies: ErrorKind -> HTTP status, and
// the JSON shape of an error.
#pragma once

#include "api/http/message.h"
#include "core/error.h"

namespace weishang::api {

int HttpStatusFor(ErrorKind kind);

// {"error":{"code":"…","message":"…"}} with the status for its kind.
HttpResponse ErrorResponse(const Error& error);

}  // namespace weishang::api
