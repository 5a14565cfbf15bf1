// Console routes of customer ownership and custom fields: field definitions
// and values, assignment rules and staff capacity, handovers, a customer's
// owner history, and the owner's audit log.
#pragma once

#include "api/http/router.h"
#include "api/services.h"

namespace weishang::api {

void AddOwnershipRoutes(Router& r, Services& s);

}  // namespace weishang::api
