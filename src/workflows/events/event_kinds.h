// Every domain event kind the modules record (docs/events.md), gathered from
// the constants each module declares, so no list repeats them by hand.
#pragma once

#include <string>
#include <vector>

namespace weishang::workflows {

// In catalogue order: orders, payments, after-sales, catalogue, stock,
// promotions, shop.
const std::vector<std::string>& EventKinds();

}  // namespace weishang::workflows
