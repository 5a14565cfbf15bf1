#include "cli/schema.h"

#include "modules/catalog/catalog.h"
#include "modules/idempotency/idempotency.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"

namespace weishang::cli {

std::vector<storage::Migration> AllMigrations() {
  std::vector<storage::Migration> all;
  for (const auto* list : {&identity::SchemaMigrations(), &idempotency::SchemaMigrations(),
                           &inventory::SchemaMigrations(), &catalog::SchemaMigrations()}) {
    all.insert(all.end(), list->begin(), list->end());
  }
  return all;
}

}  // namespace weishang::cli
