// Group-buy (拼团) routes: the console's campaigns with their groups and
// members, and the store's campaign and group pages, opening and joining
// (groupbuy_routes.cc). Installed by the groupbuy module's descriptor
// (cli/registry.cc), which passes its objects.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/groupbuy/groupbuy_flows.h"

namespace weishang::api {

void AddGroupbuyRoutes(Router& r, Services& s, workflows::GroupbuyWiring& w);

}  // namespace weishang::api
