// The one place that knows both vocabularies: ErrorKind -> HTTP status, and
// the JSON shape of an error.
#pragma once

#include "api/http/message.h"
#include "core/error.h"

namespace weishang::api {

int HttpStatusFor(ErrorKind kind);

// {"error":{"code":"…","message":"…"}} with the status for its kind. A 500
// says only "internal error", and a storage failure (code "storage.…") a
// fixed sentence: their details, which may name SQL, go to the log.
HttpResponse ErrorResponse(const Error& error);

}  // namespace weishang::api
