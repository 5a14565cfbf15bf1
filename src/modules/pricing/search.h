// The search for the promotion combination best for the customer. Internal
// to the pricing module; see docs/rules/pricing.md, "Choosing the best
// combination".
#pragma once

#include <cstdint>
#include <vector>

#include "modules/pricing/pricing.h"

namespace weishang::pricing::internal {

// Comparing more item-level combinations than this switches the search from
// exhaustive to a fixed set of likely candidates.
inline constexpr std::int64_t kMaxExactCombinations = 1024;

// One way to price a cart line: at list price or with one SKU discount.
struct LineOption {
  Fen unit_price = 0;
  Fen subtotal = 0;   // unit_price * quantity
  int discount = -1;  // index into QuoteInput::discounts; -1 = list price
  SkuDiscountId discount_id;
};

// A full reduction that is live, has usable tiers and covers some line.
struct LiveReduction {
  int index = 0;  // into QuoteInput::reductions
  FullReductionId id;
  std::vector<ReductionTier> tiers;
  std::vector<char> in_scope;  // per cart line
};

// Everything the search may choose from. Points into the QuoteInput it was
// built from, which must outlive it.
struct Candidates {
  // Per line: [0] is the list price, then each live discount that lowers
  // the price, cheapest first; of two giving the same price, the lower id.
  std::vector<std::vector<LineOption>> options;
  std::vector<LiveReduction> reductions;
  const Coupon* coupon = nullptr;  // already checked usable, or none asked for
  const PostageRule* postage = nullptr;
};

// Builds the candidates for a validated `input` whose coupon, if any, passed
// CheckCouponUsable.
Candidates BuildCandidates(const QuoteInput& input);

// The chosen combination and its total.
struct Choice {
  std::vector<int> option;  // per line, index into Candidates::options
  int reduction = -1;       // index into Candidates::reductions; -1 = none
  bool coupon = false;
  Fen total = 0;
  bool exhaustive = true;         // false if the candidate cap was hit
  std::int64_t combinations = 0;  // item-level combinations compared
};

// Returns the combination with the lowest total (goods after all savings,
// plus postage). Ties go to fewer promotions, then to leaving the coupon
// unused, then to no reduction or the lower reduction id, then to the lower
// discount ids in line order. Exhaustive while the item-level combinations
// number at most kMaxExactCombinations.
Choice FindBestChoice(const Candidates& candidates);

}  // namespace weishang::pricing::internal
