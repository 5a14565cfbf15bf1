// Webhooks: a merchant's endpoints, each with the event kinds it wants and a
// signing secret; one delivery per (endpoint, event), sent in event order per
// endpoint, signed, retried with growing delays and recorded attempt by
// attempt, and replayable. The sender (workflows/webhooks) posts through a
// Poster (poster.h). Writes take the caller's Tx. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ids.h"
#include "events/outbox.h"
#include "storage/database.h"
#include "storage/migrations.h"

namespace weishang::webhooks {

using storage::Tx;

enum class EndpointStatus { kActive, kDisabled };
const char* EndpointStatusName(EndpointStatus s);
std::optional<EndpointStatus> ParseEndpointStatus(std::string_view s);

struct Endpoint {
  WebhookEndpointId id;
  MerchantId merchant_id;
  std::string url;
  std::string description;
  std::vector<std::string> kinds;  // event kinds it receives (docs/events.md)
  std::string secret;              // "whsec_…": the HMAC-SHA256 key
  EndpointStatus status = EndpointStatus::kActive;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

struct EndpointInput {
  std::string url;
  std::string description;
  std::vector<std::string> kinds;
};

struct EndpointUpdate {
  std::optional<std::string> url, description;
  std::optional<std::vector<std::string>> kinds;
  std::optional<EndpointStatus> status;
};

enum class DeliveryStatus { kPending, kDelivered, kFailed };
const char* DeliveryStatusName(DeliveryStatus s);

struct Delivery {
  WebhookDeliveryId id;
  MerchantId merchant_id;
  WebhookEndpointId endpoint_id;
  std::int64_t event_seq = 0;
  std::string kind;
  std::string body;  // exactly what is posted and signed
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  Timestamp next_attempt_at = 0;
  std::optional<int> last_status;
  std::string last_error;
  Timestamp created_at = 0;
  std::optional<Timestamp> delivered_at;
};

struct Attempt {
  Id id = 0;
  WebhookDeliveryId delivery_id;
  Timestamp at = 0;
  std::optional<int> http_status;  // none when no answer came
  std::string response;            // the first 2 KB of the answer's body
  std::string error;               // connection or timeout error
  std::int64_t duration_ms = 0;
};

// What one post of a delivery gave.
struct PostResult {
  std::optional<int> http_status;
  std::string response;
  std::string error;
  std::int64_t duration_ms = 0;
  bool ok() const { return http_status && *http_status >= 200 && *http_status < 300; }
};

// The active endpoints among `endpoints` that want `kind`.
std::vector<Endpoint> Subscribed(const std::vector<Endpoint>& endpoints, const std::string& kind);

// Tries before a delivery is given up (status failed), and the delay before
// try n + 1: `first_retry` × 3^(n-1), at most 6 hours.
inline constexpr int kMaxAttempts = 8;
Timestamp RetryDelay(Timestamp first_retry, int attempt);

class WebhookService {
 public:
  // `kinds`: the event kinds an endpoint may subscribe to (docs/events.md;
  // the composition root passes workflows::EventKinds()).
  WebhookService(const Clock& clock, IdGenerator& ids, std::vector<std::string> kinds)
      : clock_(clock), ids_(ids), kinds_(std::move(kinds)) {}

  const std::vector<std::string>& kinds() const { return kinds_; }

  // Creates an active endpoint with a new secret. webhooks.invalid_url (422)
  // unless http(s) with a host; webhooks.unknown_kind (422); webhooks.no_kinds
  // (422); webhooks.too_many_endpoints (409) past 20 per shop. Whether the
  // host may be reached is checked by the sender (target.h), before each post.
  Result<Endpoint> CreateEndpoint(Tx& tx, MerchantId merchant, const EndpointInput& in);
  // webhooks.endpoint_not_found (404) when absent or another merchant's.
  Result<Endpoint> GetEndpoint(Tx& tx, MerchantId merchant, WebhookEndpointId endpoint);
  Result<std::vector<Endpoint>> ListEndpoints(Tx& tx, MerchantId merchant);
  // Changes what is given; the same checks as CreateEndpoint.
  Result<Endpoint> UpdateEndpoint(Tx& tx, MerchantId merchant, WebhookEndpointId endpoint,
                                  const EndpointUpdate& u);

  // Queues one delivery of `e` to each of `to` (its merchant's endpoints
  // that want it: Subscribed), with `data` (a JSON object) as the body's
  // "data"; a second call for the same event adds nothing. Returns how many
  // were queued.
  Result<int> Enqueue(Tx& tx, const events::Event& e, const std::string& data,
                      const std::vector<Endpoint>& to);

  // Deliveries due at `now`: for each active endpoint, its oldest pending one
  // (so an endpoint gets its events in order), if its time has come. A
  // disabled endpoint's deliveries wait for it. Any merchant.
  Result<std::vector<Delivery>> DueDeliveries(Tx& tx, Timestamp now, int limit);
  // Records an attempt at `d` (as it was read: kConflict
  // "webhooks.delivery_moved" when another node recorded one first) and
  // moves it on: delivered, due again at `retry_at`, or failed after
  // kMaxAttempts tries.
  Result<Delivery> RecordAttempt(Tx& tx, const Delivery& d, const PostResult& r,
                                 Timestamp retry_at);

  // Newest first, for one endpoint. webhooks.endpoint_not_found.
  Result<std::vector<Delivery>> ListDeliveries(Tx& tx, MerchantId merchant,
                                               WebhookEndpointId endpoint, WebhookDeliveryId before,
                                               int limit);
  // webhooks.delivery_not_found (404).
  Result<Delivery> GetDelivery(Tx& tx, MerchantId merchant, WebhookDeliveryId delivery);
  Result<std::vector<Attempt>> ListAttempts(Tx& tx, MerchantId merchant,
                                            WebhookDeliveryId delivery);
  // Sends a delivery again (failed, or delivered and wanted once more): it
  // becomes pending and due now, with a fresh count of tries.
  Result<Delivery> Replay(Tx& tx, MerchantId merchant, WebhookDeliveryId delivery);

 private:
  Result<void> CheckInput(const std::string& url, const std::vector<std::string>& kinds);
  const Clock& clock_;
  IdGenerator& ids_;
  const std::vector<std::string> kinds_;
};

// The JSON body posted for event `e` with `data`:
// {"id":"evt_…","type":"order.paid","created_at":"…","merchant_id":"mch_…","data":{…}}.
std::string DeliveryBody(const events::Event& e, const std::string& data);

const std::vector<storage::Migration>& SchemaMigrations();

}  // namespace weishang::webhooks
