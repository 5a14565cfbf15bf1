#include "modules/pricing/allocation.h"

#include <algorithm>
#include <numeric>

#include "core/error.h"

namespace weishang::pricing::internal {
namespace {
// amount * weight reaches kMaxFen^2 (1e20), past int64, hence 128 bits.
// __extension__ keeps -Wpedantic quiet about the GCC/Clang type.
__extension__ typedef __int128 Wide;
}  // namespace

std::vector<Fen> AllocateProportionally(Fen amount, const std::vector<Fen>& weights) {
  std::vector<Fen> shares(weights.size(), 0);
  const Fen total = std::accumulate(weights.begin(), weights.end(), Fen{0});
  SHOP_CHECK(amount >= 0 && amount <= total, "a saving larger than the goods it applies to");
  if (amount == 0) return shares;

  std::vector<Fen> remainders(weights.size(), 0);
  Fen given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(amount) * weights[i];
    shares[i] = static_cast<Fen>(exact / total);
    remainders[i] = static_cast<Fen>(exact % total);
    given += shares[i];
  }

  // The leftover is the sum of the fractional parts, so it is smaller than
  // the number of lines with a non-zero remainder: only those get a fen.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b;
  });
  const auto left = static_cast<std::size_t>(amount - given);
  for (std::size_t k = 0; k < left; ++k) shares[order[k]] += 1;
  return shares;
}

}  // namespace weishang::pricing::internal
