// The console's customer imports (customer_import_routes.cc); installed by
// the imports module's descriptor (cli/registry.cc), before the customers'
// routes so that /admin/v1/customers/imports is not read as a customer id.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "modules/imports/imports.h"

namespace weishang::api {

// The largest CSV file a customer import takes (200,000 rows of a
// marketplace export fit), and the path that takes it.
inline constexpr std::size_t kMaxCustomerImportBytes = 32 << 20;
inline constexpr char kCustomerImportPath[] = "/admin/v1/customers/imports";

void AddCustomerImportRoutes(Router& r, Services& s, imports::ImportService& imports);

}  // namespace weishang::api
