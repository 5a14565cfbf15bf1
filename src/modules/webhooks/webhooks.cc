#include "modules/webhooks/webhooks.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/json.h"
#include "core/json_writer.h"
#include "modules/webhooks/poster.h"
#include "modules/webhooks/target.h"
#include "modules/webhooks/webhooks_errors.h"

namespace weishang::webhooks {
namespace {

constexpr std::size_t kMaxEndpoints = 20;

constexpr const char* kEndpointColumns =
    "id, merchant_id, url, description, kinds, secret, status, created_at, updated_at";
constexpr const char* kDeliveryColumns =
    "id, merchant_id, endpoint_id, event_seq, kind, body, status, attempts, next_attempt_at,"
    " last_status, last_error, created_at, delivered_at";

std::string KindsJson(const std::vector<std::string>& kinds) {
  json::array a;
  for (const auto& k : kinds) a.emplace_back(k);
  return json::serialize(a);
}

std::vector<std::string> KindsFrom(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& k : v.as_array()) {
    if (k.is_string()) out.emplace_back(k.as_string());
  }
  return out;
}

Endpoint EndpointFromRow(const storage::Row& r) {
  return Endpoint{r.IdAt(0),
                  r.IdAt(1),
                  r.Str(2),
                  r.Str(3),
                  KindsFrom(r.Str(4)),
                  r.Str(5),
                  ParseEndpointStatus(r.Str(6)).value_or(EndpointStatus::kDisabled),
                  r.Int(7),
                  r.Int(8)};
}

DeliveryStatus ParseDeliveryStatus(const std::string& s) {
  if (s == "delivered") return DeliveryStatus::kDelivered;
  if (s == "failed") return DeliveryStatus::kFailed;
  return DeliveryStatus::kPending;
}

Delivery DeliveryFromRow(const storage::Row& r) {
  Delivery d;
  d.id = r.IdAt(0);
  d.merchant_id = r.IdAt(1);
  d.endpoint_id = r.IdAt(2);
  d.event_seq = r.Int(3);
  d.kind = r.Str(4);
  d.body = r.Str(5);
  d.status = ParseDeliveryStatus(r.Str(6));
  d.attempts = static_cast<int>(r.Int(7));
  d.next_attempt_at = r.Int(8);
  if (auto s = r.OptInt(9)) d.last_status = static_cast<int>(*s);
  d.last_error = r.Str(10);
  d.created_at = r.Int(11);
  d.delivered_at = r.OptInt(12);
  return d;
}

Result<std::vector<Delivery>> Deliveries(Result<storage::Rows> rows) {
  if (!rows) return Fail(rows.error());
  std::vector<Delivery> out;
  for (const auto& r : *rows) out.push_back(DeliveryFromRow(r));
  return out;
}

}  // namespace

const char* EndpointStatusName(EndpointStatus s) {
  return s == EndpointStatus::kActive ? "active" : "disabled";
}

std::optional<EndpointStatus> ParseEndpointStatus(std::string_view s) {
  if (s == "active") return EndpointStatus::kActive;
  if (s == "disabled") return EndpointStatus::kDisabled;
  return std::nullopt;
}

const char* DeliveryStatusName(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kPending:
      return "pending";
    case DeliveryStatus::kDelivered:
      return "delivered";
    case DeliveryStatus::kFailed:
      return "failed";
  }
  return "pending";
}

Timestamp RetryDelay(Timestamp first_retry, int attempt) {
  return GrowingDelay(first_retry, 3, 6 * kHour, attempt - 1);
}

std::string SignatureHeader(const std::string& secret, std::int64_t unix_seconds,
                            const std::string& body) {
  std::string t = std::to_string(unix_seconds);
  return "t=" + t + ",v1=" + HmacSha256Hex(secret, t + "." + body);
}

std::string DeliveryBody(const events::Event& e, const std::string& data) {
  JsonWriter w(128 + data.size());
  w.BeginObject()
      .IdField("id", EventId(e.seq))
      .Field("type", e.kind)
      .TimeField("created_at", e.created_at);
  w.IdField("merchant_id", e.merchant_id).Key("data").Raw(data);
  return w.EndObject().Take();
}

Result<void> WebhookService::CheckInput(const std::string& url,
                                        const std::vector<std::string>& kinds) {
  if (auto t = ParseTarget(url); !t) return Fail(t.error());
  if (kinds.empty()) return Fail(Invalid(errors::kNoKinds, "choose at least one event kind"));
  for (const auto& k : kinds) {
    if (std::find(kinds_.begin(), kinds_.end(), k) == kinds_.end()) {
      return Fail(Invalid(errors::kUnknownKind, "unknown event kind '" + k + "'"));
    }
  }
  return {};
}

Result<Endpoint> WebhookService::CreateEndpoint(Tx& tx, MerchantId merchant,
                                                const EndpointInput& in) {
  if (auto ok = CheckInput(in.url, in.kinds); !ok) return Fail(ok.error());
  auto count =
      tx.QueryOne("SELECT COUNT(*) FROM webhooks_endpoint WHERE merchant_id = ?", {merchant});
  if (!count) return Fail(count.error());
  if (static_cast<std::size_t>((*count)->Int(0)) >= kMaxEndpoints) {
    return Fail(
        Conflict(errors::kTooManyEndpoints,
                 "a shop has at most " + std::to_string(kMaxEndpoints) + " webhook endpoints"));
  }
  Timestamp now = clock_.Now();
  auto id = ids_.Next<WebhookEndpointId>();
  auto ok = tx.Exec(
      "INSERT INTO webhooks_endpoint (id, merchant_id, url, description, kinds, secret, status,"
      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)",
      {id, merchant, in.url, in.description, KindsJson(in.kinds), "whsec_" + RandomHex(24), now,
       now});
  if (!ok) return Fail(ok.error());
  return GetEndpoint(tx, merchant, id);
}

Result<Endpoint> WebhookService::GetEndpoint(Tx& tx, MerchantId merchant,
                                             WebhookEndpointId endpoint) {
  auto row = tx.QueryOne(std::string("SELECT ") + kEndpointColumns +
                             " FROM webhooks_endpoint WHERE merchant_id = ? AND id = ?",
                         {merchant, endpoint});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kEndpointNotFound, "no such webhook endpoint"));
  return EndpointFromRow(**row);
}

Result<std::vector<Endpoint>> WebhookService::ListEndpoints(Tx& tx, MerchantId merchant) {
  auto rows = tx.Query(std::string("SELECT ") + kEndpointColumns +
                           " FROM webhooks_endpoint WHERE merchant_id = ? ORDER BY id",
                       {merchant});
  if (!rows) return Fail(rows.error());
  std::vector<Endpoint> out;
  for (const auto& r : *rows) out.push_back(EndpointFromRow(r));
  return out;
}

Result<Endpoint> WebhookService::UpdateEndpoint(Tx& tx, MerchantId merchant,
                                                WebhookEndpointId endpoint,
                                                const EndpointUpdate& u) {
  auto current = GetEndpoint(tx, merchant, endpoint);
  if (!current) return current;
  Endpoint e = *current;
  if (u.url) e.url = *u.url;
  if (u.description) e.description = *u.description;
  if (u.kinds) e.kinds = *u.kinds;
  if (u.status) e.status = *u.status;
  if (auto ok = CheckInput(e.url, e.kinds); !ok) return Fail(ok.error());
  e.updated_at = clock_.Now();
  auto ok = tx.Exec(
      "UPDATE webhooks_endpoint SET url = ?, description = ?, kinds = ?, status = ?, updated_at = ?"
      " WHERE merchant_id = ? AND id = ?",
      {e.url, e.description, KindsJson(e.kinds), EndpointStatusName(e.status), e.updated_at,
       merchant, endpoint});
  if (!ok) return Fail(ok.error());
  return e;
}

std::vector<Endpoint> Subscribed(const std::vector<Endpoint>& endpoints, const std::string& kind) {
  std::vector<Endpoint> out;
  for (const Endpoint& ep : endpoints) {
    if (ep.status == EndpointStatus::kActive &&
        std::find(ep.kinds.begin(), ep.kinds.end(), kind) != ep.kinds.end()) {
      out.push_back(ep);
    }
  }
  return out;
}

Result<int> WebhookService::Enqueue(Tx& tx, const events::Event& e, const std::string& data,
                                    const std::vector<Endpoint>& to) {
  if (to.empty()) return 0;
  std::string body = DeliveryBody(e, data);
  int queued = 0;
  for (const Endpoint& ep : to) {
    auto ok = tx.Exec(
        "INSERT INTO webhooks_delivery (id, merchant_id, endpoint_id, event_seq, kind, body,"
        " status, attempts, next_attempt_at, last_error, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, '', ?)"
        " ON CONFLICT (endpoint_id, event_seq) DO NOTHING",
        {ids_.Next<WebhookDeliveryId>(), e.merchant_id, ep.id, e.seq, e.kind, body, clock_.Now(),
         clock_.Now()});
    if (!ok) return Fail(ok.error());
    queued += static_cast<int>(*ok);
  }
  return queued;
}

Result<std::vector<Delivery>> WebhookService::DueDeliveries(Tx& tx, Timestamp now, int limit) {
  return Deliveries(
      tx.Query(std::string("SELECT ") + kDeliveryColumns +
                   " FROM webhooks_delivery d WHERE d.status = 'pending' AND d.next_attempt_at <= ?"
                   " AND EXISTS (SELECT 1 FROM webhooks_endpoint e WHERE e.id = d.endpoint_id"
                   "  AND e.status = 'active')"
                   " AND d.event_seq = (SELECT MIN(o.event_seq) FROM webhooks_delivery o"
                   "  WHERE o.endpoint_id = d.endpoint_id AND o.status = 'pending')"
                   " ORDER BY d.next_attempt_at LIMIT ?",
               {now, limit}));
}

Result<Delivery> WebhookService::RecordAttempt(Tx& tx, const Delivery& d, const PostResult& r,
                                               Timestamp retry_at) {
  Timestamp now = clock_.Now();
  int attempts = d.attempts + 1;
  const char* status = r.ok() ? "delivered" : attempts >= kMaxAttempts ? "failed" : "pending";
  std::string error = r.error.empty() && !r.ok() && r.http_status
                          ? "the endpoint answered " + std::to_string(*r.http_status)
                          : r.error;
  auto moved = tx.Exec(
      "UPDATE webhooks_delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?,"
      " last_error = ?, delivered_at = ? WHERE id = ? AND merchant_id = ? AND attempts = ?"
      " AND status = 'pending'",
      {status, attempts, r.ok() ? now : retry_at,
       r.http_status ? std::optional<std::int64_t>(*r.http_status) : std::nullopt, error,
       r.ok() ? std::optional<std::int64_t>(now) : std::nullopt, d.id, d.merchant_id, d.attempts});
  if (!moved) return Fail(moved.error());
  if (*moved != 1)
    return Fail(Conflict(errors::kDeliveryMoved, "another node recorded this delivery"));
  auto ok = tx.Exec(
      "INSERT INTO webhooks_attempt (id, merchant_id, delivery_id, at, http_status, response, "
      "error,"
      " duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {ids_.Next(), d.merchant_id, d.id, now,
       r.http_status ? std::optional<std::int64_t>(*r.http_status) : std::nullopt, r.response,
       r.error, r.duration_ms});
  if (!ok) return Fail(ok.error());
  return GetDelivery(tx, d.merchant_id, d.id);
}

Result<std::vector<Delivery>> WebhookService::ListDeliveries(Tx& tx, MerchantId merchant,
                                                             WebhookEndpointId endpoint,
                                                             WebhookDeliveryId before, int limit) {
  if (auto e = GetEndpoint(tx, merchant, endpoint); !e) return Fail(e.error());
  return Deliveries(tx.Query(std::string("SELECT ") + kDeliveryColumns +
                                 " FROM webhooks_delivery WHERE merchant_id = ? AND endpoint_id = ?"
                                 " AND (CAST(? AS BIGINT) = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                             {merchant, endpoint, before, before, limit}));
}

Result<Delivery> WebhookService::GetDelivery(Tx& tx, MerchantId merchant,
                                             WebhookDeliveryId delivery) {
  auto row = tx.QueryOne(std::string("SELECT ") + kDeliveryColumns +
                             " FROM webhooks_delivery WHERE merchant_id = ? AND id = ?",
                         {merchant, delivery});
  if (!row) return Fail(row.error());
  if (!*row) return Fail(NotFound(errors::kDeliveryNotFound, "no such webhook delivery"));
  return DeliveryFromRow(**row);
}

Result<std::vector<Attempt>> WebhookService::ListAttempts(Tx& tx, MerchantId merchant,
                                                          WebhookDeliveryId delivery) {
  auto rows = tx.Query(
      "SELECT id, delivery_id, at, http_status, response, error, duration_ms FROM webhooks_attempt"
      " WHERE merchant_id = ? AND delivery_id = ? ORDER BY at, id",
      {merchant, delivery});
  if (!rows) return Fail(rows.error());
  std::vector<Attempt> out;
  for (const auto& r : *rows) {
    Attempt a{r.Int(0), r.IdAt(1), r.Int(2), std::nullopt, r.Str(4), r.Str(5), r.Int(6)};
    if (auto s = r.OptInt(3)) a.http_status = static_cast<int>(*s);
    out.push_back(std::move(a));
  }
  return out;
}

Result<Delivery> WebhookService::Replay(Tx& tx, MerchantId merchant, WebhookDeliveryId delivery) {
  auto d = GetDelivery(tx, merchant, delivery);
  if (!d) return d;
  auto ok = tx.Exec(
      "UPDATE webhooks_delivery SET status = 'pending', attempts = 0, next_attempt_at = ?"
      " WHERE merchant_id = ? AND id = ?",
      {clock_.Now(), merchant, delivery});
  if (!ok) return Fail(ok.error());
  return GetDelivery(tx, merchant, delivery);
}

}  // namespace weishang::webhooks
