#include "workflows/webhooks/webhook_flows.h"

#include <map>
#include <memory>

#include "core/log.h"
#include "modules/order/order_events.h"

namespace weishang::workflows {
namespace {

// What one due delivery needs to be posted.
struct Due {
  webhooks::Delivery delivery;
  webhooks::Endpoint endpoint;
};

Result<std::vector<Due>> LoadDue(storage::Database& db, webhooks::WebhookService& service,
                                 Timestamp now, int limit) {
  return storage::ReadValue(db, [&](storage::Tx& tx) -> Result<std::vector<Due>> {
    auto due = service.DueDeliveries(tx, now, limit);
    if (!due) return Fail(due.error());
    std::vector<Due> out;
    for (auto& d : *due) {
      auto e = service.GetEndpoint(tx, d.merchant_id, d.endpoint_id);
      if (!e) return Fail(e.error());
      out.push_back(Due{std::move(d), std::move(*e)});
    }
    return out;
  });
}

webhooks::PostResult Post(const Due& due, webhooks::Poster& poster, const Clock& clock,
                          const WebhookOptions& options) {
  // Checked before every post: the host may point elsewhere since it was saved.
  auto target = webhooks::ResolveTarget(due.endpoint.url, options.policy);
  if (!target) return webhooks::PostResult{std::nullopt, "", target.error().message, 0};
  webhooks::PostRequest request;
  request.url = due.endpoint.url;
  request.target = *target;
  request.body = due.delivery.body;
  request.headers = {
      {"Content-Type", "application/json"},
      {"User-Agent", "weishang-webhooks/1"},
      {"Weishang-Event", due.delivery.kind},
      {"Weishang-Delivery", EncodeId(due.delivery.id)},
      {"Weishang-Signature",
       webhooks::SignatureHeader(due.endpoint.secret, clock.Now() / 1000, due.delivery.body)},
  };
  return poster.Post(request);
}

// Each merchant's endpoints, read once per unit of work (the dispatcher
// hands a handler hundreds of events in one unit, and most merchants have no
// endpoint) and forgotten when the next unit begins. Used by the
// dispatcher's one thread.
class EndpointMemo {
 public:
  void Forget() { endpoints_.clear(); }

  Result<const std::vector<webhooks::Endpoint>*> Of(storage::Tx& tx,
                                                    webhooks::WebhookService& service,
                                                    MerchantId merchant) {
    auto it = endpoints_.find(merchant);
    if (it == endpoints_.end()) {
      auto list = service.ListEndpoints(tx, merchant);
      if (!list) return Fail(list.error());
      it = endpoints_.emplace(merchant, std::move(*list)).first;
    }
    return &it->second;
  }

 private:
  std::map<MerchantId, std::vector<webhooks::Endpoint>> endpoints_;
};

// The body's data for `e`: its payload, and for an order event the order.
Result<std::string> DataOf(storage::Tx& tx, Modules& m, const events::Event& e) {
  if (!e.kind.starts_with("order.")) return e.payload;
  auto id = DecodeId<OrderId>(e.subject);
  if (!id) return e.payload;
  auto o = m.orders.Get(tx, e.merchant_id, *id);
  if (!o) return Fail(o.error());
  std::string data = e.payload;
  data.pop_back();  // the closing brace of the payload object
  return data + ",\"order\":" + order::OrderSnapshot(*o) + "}";
}

}  // namespace

events::Handler WebhookHandler(webhooks::WebhookService& service, Modules& modules) {
  auto memo = std::make_shared<EndpointMemo>();
  return events::Handler{
      "webhooks", service.kinds(),
      [&service, &modules, memo](storage::Tx& tx, const events::Event& e) -> Result<void> {
        auto endpoints = memo->Of(tx, service, e.merchant_id);
        if (!endpoints) return Fail(endpoints.error());
        auto to = webhooks::Subscribed(**endpoints, e.kind);
        if (to.empty()) return {};
        auto data = DataOf(tx, modules, e);
        if (!data) return Fail(data.error());
        auto queued = service.Enqueue(tx, e, *data, to);
        if (!queued) return Fail(queued.error());
        return {};
      },
      [memo] { memo->Forget(); }};
}

Result<JobTally> SendDueWebhooks(storage::Database& db, webhooks::WebhookService& service,
                                 webhooks::Poster& poster, const Clock& clock,
                                 const WebhookOptions& options) {
  auto due = LoadDue(db, service, clock.Now(), options.batch);
  if (!due) return Fail(due.error());
  JobTally tally;
  for (const Due& d : *due) {
    webhooks::PostResult result = Post(d, poster, clock, options);
    Timestamp retry_at =
        clock.Now() + webhooks::RetryDelay(options.first_retry, d.delivery.attempts + 1);
    auto recorded = storage::WriteValue(db, [&](storage::Tx& tx) {
      return service.RecordAttempt(tx, d.delivery, result, retry_at);
    });
    if (recorded) {
      ++tally.handled;
      if (recorded->status == webhooks::DeliveryStatus::kFailed) {
        LogWarn("webhook delivery " + EncodeId(d.delivery.id) + " gave up after " +
                std::to_string(recorded->attempts) + " tries: " + recorded->last_error);
      }
    } else if (recorded.error().kind == ErrorKind::kConflict) {
      ++tally.conflicts;
    } else {
      return Fail(recorded.error());
    }
  }
  return tally;
}

}  // namespace weishang::workflows
