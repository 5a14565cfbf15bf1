#include "cli/schema.h"

#include "events/outbox.h"
#include "modules/aftersales/aftersales.h"
#include "modules/catalog/catalog.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"
#include "modules/order/order.h"
#include "modules/payment/payment.h"
#include "modules/pricing/promotions.h"

namespace weishang::cli {

std::vector<storage::Migration> AllMigrations() {
  std::vector<storage::Migration> all;
  for (const auto* list :
       {&events::SchemaMigrations(), &identity::SchemaMigrations(), &idempotency::SchemaMigrations(), &catalog::SchemaMigrations(),
        &inventory::SchemaMigrations(), &pricing::SchemaMigrations(), &order::SchemaMigrations(),
        &payment::SchemaMigrations(), &aftersales::SchemaMigrations()}) {
    all.insert(all.end(), list->begin(), list->end());
  }
  return all;
}

}  // namespace weishang::cli
