// The stock recommendation's arithmetic: interest x the mean conversion of
// past pre-sales (0.5 with none), and a 95% prediction interval of the next
// pre-sale's conversion when there are at least two past ones.
#include <algorithm>
#include <cmath>

#include "modules/presale/presale.h"

namespace weishang::presale {

double TwoSidedT95(int df) {
  static constexpr double kT[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                  2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                  2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                  2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return kT[df - 1];
  if (df <= 60) return 2.000;
  return 1.960;
}

Recommendation Recommend(std::int64_t interest, const std::vector<double>& rates) {
  Recommendation r;
  r.interest = interest;
  r.rates = rates;
  r.history = static_cast<int>(rates.size());
  auto units = [interest](double rate) {
    return static_cast<std::int64_t>(std::llround(static_cast<double>(interest) * rate));
  };
  if (rates.empty()) {
    r.conversion = 0.5;
    r.basis = "default";
    r.recommended = units(r.conversion);
    return r;
  }
  double sum = 0;
  for (double x : rates) sum += x;
  double n = static_cast<double>(rates.size());
  r.conversion = sum / n;
  r.recommended = units(r.conversion);
  if (rates.size() == 1) {
    r.basis = "one_presale";
    return r;
  }
  r.basis = "history";
  double ss = 0;
  for (double x : rates) ss += (x - r.conversion) * (x - r.conversion);
  double sd = std::sqrt(ss / (n - 1));
  double half = TwoSidedT95(r.history - 1) * sd * std::sqrt(1 + 1 / n);
  r.conversion_low = std::max(0.0, r.conversion - half);
  r.conversion_high = r.conversion + half;
  r.low = units(*r.conversion_low);
  r.high = units(*r.conversion_high);
  return r;
}

}  // namespace weishang::presale
