// Fan-vote (C2B) routes: the console's votes, their counts and the step
// that turns winners into pre-sales; the store's vote page and ballots
// (vote_routes.cc). Installed by the presale module's descriptor
// (cli/registry.cc), which passes its objects.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/presale/presale_flows.h"

namespace weishang::api {

void AddVoteRoutes(Router& r, Services& s, workflows::PresaleWiring& w);

}  // namespace weishang::api
