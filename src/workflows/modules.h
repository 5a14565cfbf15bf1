// The module services, constructed once by the composition root. Workflows
// combine them inside one unit of work; routes call them through Services.
#pragma once

#include "core/clock.h"
#include "core/ids.h"
#include "modules/catalog/catalog.h"
#include "modules/identity/identity.h"
#include "modules/inventory/inventory.h"

namespace weishang::workflows {

struct Modules {
  Modules(const Clock& clock, IdGenerator& ids)
      : identity(clock, ids), inventory(clock), catalog(clock, ids) {}

  identity::IdentityService identity;
  inventory::InventoryService inventory;
  catalog::CatalogService catalog;
};

}  // namespace weishang::workflows
