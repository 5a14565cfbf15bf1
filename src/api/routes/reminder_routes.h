// Console routes of repurchase reminders and care plans (cli/registry.cc's
// InstallReminders passes the reminders module's service): products'
// consumption cycles, the repurchase report, the care plans. Owner and admin
// only (Permission::kCustomersAdmin): they are the shop's settings and figures
// across every customer.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "modules/reminders/reminders.h"

namespace weishang::api {

void AddReminderRoutes(Router& r, Services& s, reminders::ReminderService& reminders);

}  // namespace weishang::api
