#include "workflows/events/event_kinds.h"

#include "modules/aftersales/aftersales.h"
#include "modules/catalog/catalog_events.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"
#include "modules/order/order_events.h"
#include "modules/payment/payment.h"
#include "modules/pricing/promotions.h"

namespace weishang::workflows {

const std::vector<std::string>& EventKinds() {
  static const std::vector<std::string> kKinds = [] {
    std::vector<std::string> k;
    for (std::string_view kind :
         {order::kOrderPlaced, order::kOrderPaid, order::kOrderShipped, order::kOrderReceived,
          order::kOrderCompleted, order::kOrderCancelled, payment::kPaymentSucceeded,
          payment::kPaymentRefunded}) {
      k.emplace_back(kind);
    }
    using S = aftersales::Status;
    for (S s : {S::kRequested, S::kApproved, S::kRefused, S::kWithdrawn, S::kReturning,
                S::kReceived, S::kRefunded, S::kExchanged}) {
      k.push_back(aftersales::EventKind(s));
    }
    for (std::string_view kind :
         {catalog::kProductChanged, catalog::kCategoryChanged, catalog::kFeaturedChanged,
          inventory::kStockChanged, pricing::kPromotionChanged, identity::kShopChanged}) {
      k.emplace_back(kind);
    }
    return k;
  }();
  return kKinds;
}

}  // namespace weishang::workflows
