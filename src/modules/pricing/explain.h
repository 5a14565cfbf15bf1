// Human-readable reasons for a quote. Internal to the pricing module.
#pragma once

#include <string>
#include <vector>

#include "modules/pricing/pricing.h"
#include "modules/pricing/search.h"

namespace weishang::pricing::internal {

// One English sentence for every rule that touched the cart: each SKU
// discount on a cart line (applied, not used and why, or ignored), each full
// reduction, the coupon, the postage, and a note when the search was not
// exhaustive. Amounts are shown in yuan ("12.50"). `quote` is the result of
// `choice`, built from `candidates` of `input`.
std::vector<std::string> Explain(const QuoteInput& input, const Candidates& candidates,
                                 const Choice& choice, const Quote& quote);

}  // namespace weishang::pricing::internal
