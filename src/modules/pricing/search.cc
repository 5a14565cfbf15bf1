#include "modules/pricing/search.h"

#include <algorithm>

#include "modules/pricing/rules.h"

namespace weishang::pricing::internal {
namespace {

std::vector<LineOption> OptionsForLine(const QuoteInput& input, const CartLine& line) {
  std::vector<LineOption> options;
  options.reserve(4);
  options.push_back({line.unit_price, line.unit_price * line.quantity, -1, SkuDiscountId()});
  for (std::size_t j = 0; j < input.discounts.size(); ++j) {
    const SkuDiscount& d = input.discounts[j];
    if (d.sku_id != line.sku_id || !IsLive(input.now, d.starts_at, d.ends_at)) continue;
    std::optional<Fen> price = DiscountedUnitPrice(d, line.unit_price);
    if (!price || *price >= line.unit_price) continue;  // a discount never raises a price
    options.push_back({*price, *price * line.quantity, static_cast<int>(j), d.id});
  }
  auto cheaper = [](const LineOption& a, const LineOption& b) {
    return a.unit_price != b.unit_price ? a.unit_price < b.unit_price
                                        : a.discount_id < b.discount_id;
  };
  std::sort(options.begin() + 1, options.end(), cheaper);
  auto same_price = [](const LineOption& a, const LineOption& b) {
    return a.unit_price == b.unit_price;
  };
  options.erase(std::unique(options.begin() + 1, options.end(), same_price), options.end());
  return options;
}

// The ordering of combinations, best first. See FindBestChoice.
struct Score {
  Fen total = 0;
  int promotions = 0;
  bool coupon = false;
  FullReductionId reduction_id;
};

class ChoiceSearch {
 public:
  explicit ChoiceSearch(const Candidates& c) : c_(c), eligible_(c.reductions.size(), 0) {}

  Choice Run() {
    const std::size_t n = c_.options.size();
    std::vector<int> limits(n);
    for (std::size_t i = 0; i < n; ++i) limits[i] = static_cast<int>(c_.options[i].size());
    if (CountCombinations(limits) <= kMaxExactCombinations) {
      Enumerate(limits);
      return Finish(true);
    }
    // Too many: keep only "list price" and "best discount" per line.
    for (int& limit : limits) limit = std::min(limit, 2);
    if (CountCombinations(limits) <= kMaxExactCombinations) {
      Enumerate(limits);
    } else {
      TryLikelyCandidates();
    }
    return Finish(false);
  }

 private:
  static std::int64_t CountCombinations(const std::vector<int>& limits) {
    std::int64_t count = 1;
    for (int limit : limits) {
      count *= limit;
      if (count > kMaxExactCombinations) return count;  // stop before overflow
    }
    return count;
  }

  // Visits every option vector below `limits`, like an odometer.
  void Enumerate(const std::vector<int>& limits) {
    std::vector<int> option(limits.size(), 0);
    while (true) {
      Consider(option);
      std::size_t i = 0;
      for (; i < option.size(); ++i) {
        if (++option[i] < limits[i]) break;
        option[i] = 0;
      }
      if (i == option.size()) return;
    }
  }

  // Many discounted lines: all discounts, none, and for each reduction its
  // lines at list price (to reach a tier) or only its lines discounted.
  void TryLikelyCandidates() {
    const std::size_t n = c_.options.size();
    std::vector<int> none(n, 0);
    std::vector<int> all(n, 0);
    for (std::size_t i = 0; i < n; ++i) all[i] = c_.options[i].size() > 1 ? 1 : 0;
    Consider(none);
    Consider(all);
    for (const LiveReduction& r : c_.reductions) {
      std::vector<int> list_inside = all;        // discounts only outside its scope
      std::vector<int> discounted_inside = all;  // discounts only inside its scope
      for (std::size_t i = 0; i < n; ++i) (r.in_scope[i] ? list_inside : discounted_inside)[i] = 0;
      Consider(list_inside);
      Consider(discounted_inside);
    }
  }

  // Scores one item-level choice under every reduction, with and without
  // the coupon.
  void Consider(const std::vector<int>& option) {
    ++combinations_;
    Fen goods = 0;
    int items = 0;
    std::fill(eligible_.begin(), eligible_.end(), Fen{0});
    for (std::size_t i = 0; i < option.size(); ++i) {
      const Fen subtotal = c_.options[i][option[i]].subtotal;
      goods += subtotal;
      items += option[i] != 0 ? 1 : 0;
      for (std::size_t r = 0; r < eligible_.size(); ++r) {
        if (c_.reductions[r].in_scope[i]) eligible_[r] += subtotal;
      }
    }
    Offer(option, items, -1, goods);
    for (std::size_t r = 0; r < eligible_.size(); ++r) {
      const Fen off = ReductionOff(c_.reductions[r].tiers, eligible_[r]);
      if (off > 0) Offer(option, items + 1, static_cast<int>(r), goods - off);
    }
  }

  void Offer(const std::vector<int>& option, int promotions, int reduction, Fen goods) {
    const FullReductionId reduction_id =
        reduction < 0 ? FullReductionId() : c_.reductions[reduction].id;
    const PostageRule& postage = *c_.postage;
    Keep(option, reduction, {goods + PostageFor(postage, goods), promotions, false, reduction_id});
    if (c_.coupon != nullptr && goods >= c_.coupon->min_spend) {
      const Fen after = goods - CouponOff(*c_.coupon, goods);
      Keep(option, reduction,
           {after + PostageFor(postage, after), promotions + 1, true, reduction_id});
    }
  }

  void Keep(const std::vector<int>& option, int reduction, const Score& score) {
    if (have_best_ && !Better(score, option)) return;
    have_best_ = true;
    best_score_ = score;
    best_.option = option;
    best_.reduction = reduction;
    best_.coupon = score.coupon;
    best_.total = score.total;
  }

  bool Better(const Score& a, const std::vector<int>& option) const {
    const Score& b = best_score_;
    if (a.total != b.total) return a.total < b.total;
    if (a.promotions != b.promotions) return a.promotions < b.promotions;
    if (a.coupon != b.coupon) return !a.coupon;
    if (a.reduction_id != b.reduction_id) return a.reduction_id < b.reduction_id;
    for (std::size_t i = 0; i < option.size(); ++i) {
      const SkuDiscountId mine = c_.options[i][option[i]].discount_id;
      const SkuDiscountId theirs = c_.options[i][best_.option[i]].discount_id;
      if (mine != theirs) return mine < theirs;
    }
    return false;
  }

  Choice Finish(bool exhaustive) {
    best_.exhaustive = exhaustive;
    best_.combinations = combinations_;
    return best_;
  }

  const Candidates& c_;
  std::vector<Fen> eligible_;  // per reduction: in-scope goods of the current choice
  bool have_best_ = false;
  Score best_score_;
  Choice best_;
  std::int64_t combinations_ = 0;
};

}  // namespace

Candidates BuildCandidates(const QuoteInput& input) {
  Candidates c;
  c.options.reserve(input.lines.size());
  for (const CartLine& line : input.lines) c.options.push_back(OptionsForLine(input, line));
  for (std::size_t k = 0; k < input.reductions.size(); ++k) {
    const FullReduction& reduction = input.reductions[k];
    if (!IsLive(input.now, reduction.starts_at, reduction.ends_at)) continue;
    LiveReduction live{static_cast<int>(k), reduction.id, UsableTiers(reduction), {}};
    if (live.tiers.empty()) continue;
    bool covers_any = false;
    for (const CartLine& line : input.lines) {
      live.in_scope.push_back(InScope(reduction, line) ? 1 : 0);
      covers_any = covers_any || live.in_scope.back() != 0;
    }
    if (covers_any) c.reductions.push_back(std::move(live));
  }
  c.coupon = input.coupon ? &*input.coupon : nullptr;
  c.postage = &input.postage;
  return c;
}

Choice FindBestChoice(const Candidates& candidates) { return ChoiceSearch(candidates).Run(); }

}  // namespace weishang::pricing::internal
