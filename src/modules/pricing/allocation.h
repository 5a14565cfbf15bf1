// Splitting an order-level saving across lines. Internal to the pricing module.
#pragma once

#include <vector>

#include "core/money.h"

namespace weishang::pricing::internal {

// Splits `amount` across lines in proportion to `weights` (each >= 0, the
// line's payable so far) by the largest-remainder method: every line gets
// the floor of its exact share, and the fen left over go one each to the
// lines with the largest remainders, earlier lines first on a tie. The
// shares sum to `amount` exactly and none exceeds its weight.
// Requires 0 <= amount <= sum(weights) <= kMaxFen * weights.size().
std::vector<Fen> AllocateProportionally(Fen amount, const std::vector<Fen>& weights);

}  // namespace weishang::pricing::internal
