// Share-voucher (分享券) routes: the console's campaigns, fission tree,
// flags and voiding, and the store's voucher page, claiming, ordering and
// "my vouchers" (voucher_routes.cc). Installed by the vouchers module's
// descriptor (cli/registry.cc), which passes its objects.
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "workflows/vouchers/voucher_flows.h"

namespace weishang::api {

void AddVoucherRoutes(Router& r, Services& s, workflows::VoucherWiring& w);

}  // namespace weishang::api
