// The console routes that need the tags module's objects (cli/registry.cc's
// InstallTags passes them): tag groups and tags (tag_routes.cc), segments
// (segment_routes.cc), and the customers list and profile, which filter by
// tag and segment and show each customer's tags (customer_routes.cc).
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::api {

void AddTagRoutes(Router& r, Services& s, workflows::TagWiring& w);
void AddSegmentRoutes(Router& r, Services& s, workflows::TagWiring& w);
void AddCustomerRoutes(Router& r, Services& s, workflows::TagWiring& w);

}  // namespace weishang::api
