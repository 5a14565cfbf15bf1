// The customers whose value of one numeric attribute (orders, spend, a date
// in milliseconds, a birthday month) lies in a range, as bitmaps, quickly.
//
// Values are cut into about kTargetBuckets buckets of consecutive values by
// count (quantiles, taken when the index is built), each with a bitmap of its
// customers; every kGroup buckets a cumulative bitmap holds all customers of
// the buckets before it. "Below q" is then one cumulative bitmap, at most
// kGroup - 1 bucket bitmaps and the one bucket that straddles q, whose
// members are checked one by one (a bucket holds about 1/256 of the
// customers, and a value repeated that often gets a bucket of its own, which
// is never straddled). A change of one customer's value moves its bit
// between two buckets and the cumulative bitmaps between them. Buckets that
// grow lopsided through changes are recut from the values.
//
// Not thread-safe; SegmentIndex guards it.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "modules/tags/bitmap.h"

namespace weishang::tags {

class RangeIndex {
 public:
  static constexpr std::int64_t kNull = std::numeric_limits<std::int64_t>::min();
  static constexpr std::size_t kTargetBuckets = 256;
  static constexpr std::size_t kGroup = 16;

  RangeIndex() { Build({}); }

  // Replaces the contents: value_of[ordinal] (kNull: no value).
  void Build(const std::vector<std::int64_t>& value_of);
  // Sets one customer's value (kNull: none).
  void Set(Ordinal ordinal, std::int64_t value);
  std::int64_t ValueOf(Ordinal ordinal) const {
    return ordinal < values_.size() ? values_[ordinal] : kNull;
  }

  // The customers whose value v has lo <= v < hi (no customer without one).
  Bitmap Range(std::int64_t lo, std::int64_t hi) const;
  // The customers with a value.
  const Bitmap& HasValue() const { return has_value_; }
  std::size_t BucketCount() const { return buckets_.size(); }

 private:
  std::size_t BucketOf(std::int64_t v) const;
  Bitmap Below(std::int64_t q) const;
  // Members of bucket b with lo <= v < hi, ascending.
  void Straddling(std::size_t b, std::int64_t lo, std::int64_t hi, std::vector<Ordinal>& out) const;
  void Attach(Ordinal ordinal, std::int64_t v);
  void Detach(Ordinal ordinal, std::int64_t v);
  bool Lopsided(std::size_t b) const;

  std::vector<std::int64_t> values_;  // by ordinal
  std::vector<std::int64_t> lower_;   // bucket b holds lower_[b] <= v < lower_[b + 1]
  std::vector<Bitmap> buckets_;
  std::vector<std::uint64_t> sizes_;
  std::vector<Bitmap> before_;  // before_[k]: buckets [0, k * kGroup); before_[0] is empty
  Bitmap has_value_;
  std::uint64_t count_ = 0;
};

}  // namespace weishang::tags
