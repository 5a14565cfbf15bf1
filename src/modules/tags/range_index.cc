#include "modules/tags/range_index.h"

#include <algorithm>
#include <utility>

namespace weishang::tags {

void RangeIndex::Build(const std::vector<std::int64_t>& value_of) {
  values_ = value_of;
  std::vector<std::pair<std::int64_t, Ordinal>> sorted;
  for (std::size_t o = 0; o < values_.size(); ++o) {
    if (values_[o] != kNull) sorted.emplace_back(values_[o], static_cast<Ordinal>(o));
  }
  std::sort(sorted.begin(), sorted.end());
  count_ = sorted.size();
  const std::size_t target = std::max<std::size_t>(64, count_ / kTargetBuckets);

  // Cut at value changes only, so equal values share a bucket; a run of one
  // value as long as a bucket gets a bucket of its own. A bucket ends just
  // after its largest value, so a query at a bucket's lower bound never has
  // to look inside it.
  lower_.assign(1, kNull);
  std::vector<std::vector<Ordinal>> members(1);
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t run = i;
    while (run < sorted.size() && sorted[run].first == sorted[i].first) ++run;
    std::vector<Ordinal>& current = members.back();
    if (!current.empty() && (current.size() >= target || run - i >= target)) {
      lower_.push_back(sorted[i - 1].first + 1);
      members.emplace_back();
    }
    for (std::size_t j = i; j < run; ++j) members.back().push_back(sorted[j].second);
    i = run;
  }
  buckets_.clear();
  sizes_.clear();
  has_value_.Clear();
  for (auto& m : members) {
    std::sort(m.begin(), m.end());
    buckets_.push_back(Bitmap::Of(m));
    sizes_.push_back(m.size());
    has_value_ |= buckets_.back();
  }
  before_.clear();
  before_.emplace_back();
  for (std::size_t k = 1; k * kGroup < buckets_.size(); ++k) {
    Bitmap b = before_.back();
    for (std::size_t j = (k - 1) * kGroup; j < k * kGroup; ++j) b |= buckets_[j];
    b.Optimize();
    before_.push_back(std::move(b));
  }
  for (auto& b : buckets_) b.Optimize();
}

std::size_t RangeIndex::BucketOf(std::int64_t v) const {
  return static_cast<std::size_t>(std::upper_bound(lower_.begin(), lower_.end(), v) -
                                  lower_.begin()) -
         1;
}

void RangeIndex::Straddling(std::size_t b, std::int64_t lo, std::int64_t hi,
                            std::vector<Ordinal>& out) const {
  buckets_[b].ForEach([&](Ordinal o) {
    std::int64_t v = values_[o];
    if (v >= lo && v < hi) out.push_back(o);
  });
}

Bitmap RangeIndex::Below(std::int64_t q) const {
  if (q == kNull) return Bitmap();
  std::size_t b = BucketOf(q);
  std::size_t k = b / kGroup;
  std::vector<const Bitmap*> parts;
  parts.reserve(kGroup + 1);
  if (k > 0) parts.push_back(&before_[k]);
  for (std::size_t j = k * kGroup; j < b; ++j) parts.push_back(&buckets_[j]);
  Bitmap out = Bitmap::Union(parts);
  if (q > lower_[b]) {
    std::vector<Ordinal> some;
    Straddling(b, kNull + 1, q, some);
    out.AddMany(some);
  }
  return out;
}

Bitmap RangeIndex::Range(std::int64_t lo, std::int64_t hi) const {
  if (lo == kNull) lo = kNull + 1;
  if (lo >= hi) return Bitmap();
  std::size_t bl = BucketOf(lo);
  std::size_t bh = BucketOf(hi - 1);
  if (bh - bl > kGroup) {
    Bitmap out = Below(hi);
    out -= Below(lo);
    return out;
  }
  // Near each other: the buckets between, and the ends checked value by value.
  std::vector<const Bitmap*> parts;
  for (std::size_t j = bl + 1; j < bh; ++j) parts.push_back(&buckets_[j]);
  Bitmap out = Bitmap::Union(parts);
  std::vector<Ordinal> some;
  bool whole_first = lo <= lower_[bl] && (bl + 1 < lower_.size() ? hi >= lower_[bl + 1] : false);
  if (whole_first) {
    out |= buckets_[bl];
  } else {
    Straddling(bl, lo, hi, some);
  }
  if (bh != bl) {
    bool whole_last = bh + 1 < lower_.size() && hi >= lower_[bh + 1];
    if (whole_last) {
      out |= buckets_[bh];
    } else if (hi > lower_[bh]) {
      Straddling(bh, lo, hi, some);
    }
  }
  std::sort(some.begin(), some.end());
  out.AddMany(some);
  return out;
}

void RangeIndex::Attach(Ordinal ordinal, std::int64_t v) {
  std::size_t b = BucketOf(v);
  buckets_[b].Add(ordinal);
  ++sizes_[b];
  for (std::size_t k = b / kGroup + 1; k < before_.size(); ++k) before_[k].Add(ordinal);
  has_value_.Add(ordinal);
  ++count_;
}

void RangeIndex::Detach(Ordinal ordinal, std::int64_t v) {
  std::size_t b = BucketOf(v);
  buckets_[b].Remove(ordinal);
  --sizes_[b];
  for (std::size_t k = b / kGroup + 1; k < before_.size(); ++k) before_[k].Remove(ordinal);
  has_value_.Remove(ordinal);
  --count_;
}

bool RangeIndex::Lopsided(std::size_t b) const {
  // A bucket four times its fair share (and past a few thousand) makes the
  // straddling check slow: recut. Amortised, a recut per doubling of a bucket.
  std::uint64_t fair = std::max<std::uint64_t>(1024, count_ / kTargetBuckets);
  return sizes_[b] > 4 * fair;
}

void RangeIndex::Set(Ordinal ordinal, std::int64_t value) {
  if (ordinal >= values_.size()) values_.resize(static_cast<std::size_t>(ordinal) + 1, kNull);
  std::int64_t old = values_[ordinal];
  if (old == value) return;
  if (old != kNull) Detach(ordinal, old);
  values_[ordinal] = value;
  if (value == kNull) return;
  Attach(ordinal, value);
  std::size_t b = BucketOf(value);
  // A single-valued bucket is never straddled, however large.
  bool single = b + 1 < lower_.size() && lower_[b + 1] == lower_[b] + 1;
  if (!single && Lopsided(b)) Build(std::vector<std::int64_t>(values_));
}

}  // namespace weishang::tags
