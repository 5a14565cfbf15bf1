// The API's machine-readable contract: docs/openapi.yaml, converted to JSON
// at build time (cmake/openapi_to_json.py) and compiled into the binary, so a
// server always describes itself. Served at GET /openapi.json.
#pragma once

#include <string_view>

namespace weishang::api {

// The OpenAPI 3.1 document as compact UTF-8 JSON text. Static storage, never
// changes while the process runs; thread-safe.
std::string_view OpenApiJson();

}  // namespace weishang::api
