// Pre-sale (预售) routes: the console's pre-sales with their orders,
// interest and stock recommendation; the store's pre-sale page, interest,
// orders and balance (presale_routes.cc). Installed by the presale module's
// descriptor (cli/registry.cc), which passes its objects.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/presale/presale_flows.h"

namespace weishang::api {

void AddPresaleRoutes(Router& r, Services& s, workflows::PresaleWiring& w);

}  // namespace weishang::api
