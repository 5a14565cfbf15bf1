// The module services, constructed once by the composition root. Workflows
// combine them inside one unit of work; routes call them through Services.
#pragma once

#include "core/clock.h"
#include "core/ids.h"
#include "modules/accounts/accounts.h"
#include "modules/aftersales/aftersales.h"
#include "modules/attribution/attribution.h"
#include "modules/audit/audit.h"
#include "modules/catalog/catalog.h"
#include "modules/crm/crm.h"
#include "modules/customers/customers.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"
#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "modules/pricing/promotions.h"

namespace weishang::workflows {

struct Modules {
  Modules(const Clock& c, IdGenerator& ids)
      : clock(c),
        identity(c, ids),
        catalog(c, ids),
        inventory(c),
        orders(c, ids),
        payments(c, ids),
        promotions(c, ids),
        aftersales(c, ids),
        customers(c, ids),
        accounts(c, ids),
        audit(c),
        crm(c, ids),
        attribution(c, ids) {}

  const Clock& clock;
  identity::IdentityService identity;
  catalog::CatalogService catalog;
  inventory::InventoryService inventory;
  order::OrderService orders;
  payment::PaymentService payments;
  pricing::PromotionService promotions;
  aftersales::AftersalesService aftersales;
  customers::CustomerService customers;
  accounts::AccountService accounts;
  audit::AuditService audit;
  crm::CrmService crm;
  attribution::AttributionService attribution;
};

}  // namespace weishang::workflows
