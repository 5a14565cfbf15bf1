// Console routes of CRM work: a customer's interactions and tasks, and the
// task inbox (complete, snooze, reassign).
#pragma once

#include "api/http/router.h"
#include "api/services.h"

namespace weishang::api {

void AddCrmRoutes(Router& r, Services& s);

}  // namespace weishang::api
