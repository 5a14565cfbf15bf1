// Attribution routes: the console's channel codes (with their QR as PNG and
// SVG), campaigns and window, the store's visits and share links, and the
// redirect a channel code's QR opens (attribution_routes.cc). Installed by
// the attribution module's descriptor (cli/registry.cc).
#pragma once

#include "api/http/router.h"
#include "api/services.h"

namespace weishang::api {

void AddAttributionRoutes(Router& r, Services& s);

}  // namespace weishang::api
