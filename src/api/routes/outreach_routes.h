// Outreach routes (cli/registry.cc's InstallOutreach passes the wiring):
// the console's composer, preview, campaigns, spam reports and contact
// policy (outreach_routes.cc), and the store's message centre
// (store_message_routes.cc).
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/outreach/outreach_flows.h"

namespace weishang::api {

void AddOutreachRoutes(Router& r, Services& s, workflows::OutreachWiring& w);
void AddStoreMessageRoutes(Router& r, Services& s, workflows::OutreachWiring& w);

}  // namespace weishang::api
