// A compressed set of customer ordinals (CRoaring's C API, roaring/roaring.h;
// Debian 12 ships CRoaring 0.2.66, whose C++ wrapper we do not use). Owns its
// roaring_bitmap_t. Not thread-safe: a const Bitmap may be read by several
// threads at once, a mutable one by one.
#pragma once

#include <roaring/roaring.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace weishang::tags {

using Ordinal = std::uint32_t;  // a customer's dense number within its merchant, from 1

class Bitmap {
 public:
  Bitmap();
  Bitmap(const Bitmap& other);
  Bitmap(Bitmap&& other) noexcept;
  Bitmap& operator=(const Bitmap& other);
  Bitmap& operator=(Bitmap&& other) noexcept;
  ~Bitmap();

  // The ordinals in `sorted` (ascending, no duplicates needed).
  static Bitmap Of(std::span<const Ordinal> sorted);
  // The union of `parts` (null entries are skipped).
  static Bitmap Union(std::span<const Bitmap* const> parts);

  void Add(Ordinal x) { roaring_bitmap_add(r_, x); }
  // Adds every ordinal of `sorted` (ascending).
  void AddMany(std::span<const Ordinal> sorted);
  void Remove(Ordinal x) { roaring_bitmap_remove(r_, x); }
  bool Contains(Ordinal x) const { return roaring_bitmap_contains(r_, x); }
  std::uint64_t Count() const { return roaring_bitmap_get_cardinality(r_); }
  bool Empty() const { return roaring_bitmap_is_empty(r_); }
  void Clear() { roaring_bitmap_clear(r_); }

  Bitmap& operator&=(const Bitmap& other);
  Bitmap& operator|=(const Bitmap& other);
  Bitmap& operator-=(const Bitmap& other);  // and-not
  std::uint64_t AndCount(const Bitmap& other) const {
    return roaring_bitmap_and_cardinality(r_, other.r_);
  }
  bool operator==(const Bitmap& other) const { return roaring_bitmap_equals(r_, other.r_); }

  // Up to `limit` ordinals, largest first, below `before` (all when absent).
  std::vector<Ordinal> Descending(std::optional<Ordinal> before, std::size_t limit) const;
  // Every ordinal, ascending.
  std::vector<Ordinal> ToVector() const;
  // Calls fn(ordinal) for each, ascending.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    roaring_iterate(
        r_,
        [](std::uint32_t value, void* param) {
          (*static_cast<Fn*>(param))(value);
          return true;
        },
        &fn);
  }
  // Converts containers to runs where that is smaller (after a bulk build).
  void Optimize();
  std::size_t Bytes() const { return roaring_bitmap_size_in_bytes(r_); }

  const roaring_bitmap_t* raw() const { return r_; }

 private:
  explicit Bitmap(roaring_bitmap_t* owned) : r_(owned) {}
  roaring_bitmap_t* r_;
};

}  // namespace weishang::tags
