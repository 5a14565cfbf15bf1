// Growth routes (growth_routes.cc): super users and the campaign simulation.
// Installed by the growth module's descriptor (cli/registry.cc).
#pragma once

#include "api/http/router.h"
#include "api/services.h"

namespace weishang::api {

void AddGrowthRoutes(Router& r, Services& s);

}  // namespace weishang::api
