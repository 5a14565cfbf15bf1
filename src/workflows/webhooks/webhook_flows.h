// Webhooks across modules: the event handler that queues a delivery per
// subscribed endpoint (exactly once per event, through the dispatcher), and
// the timed job that posts due deliveries, signed, and records each attempt.
#pragma once

#include "events/dispatcher.h"
#include "modules/webhooks/poster.h"
#include "modules/webhooks/target.h"
#include "modules/webhooks/webhooks.h"
#include "storage/database.h"
#include "workflows/jobs/scheduler.h"
#include "workflows/modules.h"

namespace weishang::workflows {

struct WebhookOptions {
  webhooks::TargetPolicy policy;      // serve --webhooks-allow-loopback for tests
  Timestamp first_retry = 10 * 1000;  // then ×3 per try (webhooks::RetryDelay)
  int batch = 50;                     // deliveries posted per tick
};

// The dispatcher's "webhooks" handler: every subscribable kind. An order.*
// event's data gains "order": the order as it is when the delivery is queued
// (order_events.h OrderSnapshot), since the event itself stays small.
events::Handler WebhookHandler(webhooks::WebhookService& service, Modules& modules);

// Posts the deliveries due now, one at a time, and records each attempt in
// its own unit. A delivery recorded meanwhile by another node counts as a
// conflict. Delivery is at least once: receivers deduplicate by the
// Weishang-Delivery header.
Result<JobTally> SendDueWebhooks(storage::Database& db, webhooks::WebhookService& service,
                                 webhooks::Poster& poster, const Clock& clock,
                                 const WebhookOptions& options);

}  // namespace weishang::workflows
