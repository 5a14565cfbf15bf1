// Money is an integer count of fen (1/100 yuan). Never a double.
#pragma once

#include <cstdint>
#include <string>

namespace weishang {

using Fen = std::int64_t;

// The largest amount any single price, line or order may carry: 100 million
// yuan. Inputs above it are refused, so sums of a bounded number of lines can
// never overflow int64.
inline constexpr Fen kMaxFen = 10'000'000'000;

// Applies a percentage given in basis points (1/100 of a percent) to an
// amount, rounding half up to the fen. The one rounding rule of the engine:
// discounts are computed with it and never rounded elsewhere.
inline Fen ApplyBasisPoints(Fen amount, std::int64_t basis_points) {
  // amount <= kMaxFen * lines and basis_points <= 10000 keep this in range.
  return (amount * basis_points + 5000) / 10000;
}

// "12.50" for 1250 fen; negative amounts get a leading '-'.
std::string FormatYuan(Fen fen);

}  // namespace weishang
