// Moments (朋友圈) routes: the console's composer and list, and the store's
// feed with likes, comments and taps (moment_routes.cc). Installed by the
// moments module's descriptor (cli/registry.cc), which passes its objects.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/moments/moment_flows.h"

namespace weishang::api {

void AddMomentRoutes(Router& r, Services& s, workflows::MomentsWiring& w);

}  // namespace weishang::api
