// Console routes of personal data and exports (workflows/privacy):
//   GET  /admin/v1/segments/{id}/export.csv?phones=full|masked&lang=en
//   GET  /admin/v1/customers/{id}/personal-data   (PIPL right of access)
//   POST /admin/v1/customers/{id}/erase           (PIPL right of deletion)
// Each is recorded in the audit log. Installed by the tags module
// (cli/registry.cc), whose objects the segment export reads.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/tags/segment_flows.h"

namespace weishang::api {

void AddPrivacyRoutes(Router& r, Services& s, workflows::TagWiring& w);

}  // namespace weishang::api
