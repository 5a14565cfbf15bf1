// The webhooks console routes (webhook_routes.cc); installed by the webhooks
// module's descriptor (cli/registry.cc).
#pragma once

#include "api/http/router.h"
#include "api/services.h"
#include "modules/webhooks/webhooks.h"

namespace weishang::api {

void AddWebhookRoutes(Router& r, Services& s, webhooks::WebhookService& w);

}  // namespace weishang::api
