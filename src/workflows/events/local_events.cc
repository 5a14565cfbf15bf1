#include "workflows/events/local_events.h"

#include <array>

#include "core/log.h"
#include "events/dispatcher.h"
#include "events/outbox.h"
#include "modules/catalog/catalog_events.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"
#include "modules/pricing/promotions.h"

namespace weishang::workflows {

bool ChangesStorefront(std::string_view kind) {
  static constexpr std::array kKinds = {catalog::kProductChanged,   catalog::kCategoryChanged,
                                        catalog::kFeaturedChanged,  inventory::kStockChanged,
                                        pricing::kPromotionChanged, identity::kShopChanged};
  for (std::string_view k : kKinds) {
    if (k == kind) return true;
  }
  return false;
}

void LocalEvents::EventCommitted(MerchantId merchant, std::string_view kind) {
  if (ChangesStorefront(kind)) cache_.Invalidate(merchant);
  if (dispatcher_ != nullptr) dispatcher_->Wake();
}

OutboxTail::~OutboxTail() { Stop(); }

Result<void> OutboxTail::Start() {
  auto last = storage::ReadValue(db_, [](storage::Tx& tx) { return events::LastSeq(tx); });
  if (!last) return Fail(last.error());
  position_ = *last;
  loop_.Start();
  return {};
}

void OutboxTail::Stop() { loop_.Stop(); }

void OutboxTail::Tick() {
  if (auto ran = RunOnce(); !ran) {
    LogWarn("outbox tail: " + ran.error().code + ": " + ran.error().message);
  }
}

Result<int> OutboxTail::RunOnce() {
  int read = 0;
  for (;;) {
    // Numbers and kinds only: under checkout load most events are orders.
    auto batch = storage::ReadValue(
        db_, [&](storage::Tx& tx) { return events::ReadHeadersAfter(tx, position_, 1000); });
    if (!batch) return Fail(batch.error());
    for (const auto& e : *batch) {
      if (ChangesStorefront(e.kind)) cache_.InvalidateLocally(e.merchant_id);
      position_ = e.seq;
    }
    read += static_cast<int>(batch->size());
    if (batch->size() < 1000) return read;
  }
}

}  // namespace weishang::workflows
