#include "modules/tags/bitmap.h"

#include <utility>

#include "core/error.h"

namespace weishang::tags {

namespace {
roaring_bitmap_t* Checked(roaring_bitmap_t* r) {
  SHOP_CHECK(r != nullptr, "CRoaring could not allocate a bitmap");
  return r;
}
}  // namespace

Bitmap::Bitmap() : r_(Checked(roaring_bitmap_create())) {}

Bitmap::Bitmap(const Bitmap& other) : r_(Checked(roaring_bitmap_copy(other.r_))) {}

Bitmap::Bitmap(Bitmap&& other) noexcept : r_(std::exchange(other.r_, nullptr)) {}

Bitmap& Bitmap::operator=(const Bitmap& other) {
  if (this != &other) {
    roaring_bitmap_t* copy = Checked(roaring_bitmap_copy(other.r_));
    if (r_ != nullptr) roaring_bitmap_free(r_);
    r_ = copy;
  }
  return *this;
}

Bitmap& Bitmap::operator=(Bitmap&& other) noexcept {
  std::swap(r_, other.r_);
  return *this;
}

Bitmap::~Bitmap() {
  if (r_ != nullptr) roaring_bitmap_free(r_);
}

Bitmap Bitmap::Of(std::span<const Ordinal> sorted) {
  return Bitmap(Checked(roaring_bitmap_of_ptr(sorted.size(), sorted.data())));
}

Bitmap Bitmap::Union(std::span<const Bitmap* const> parts) {
  std::vector<const roaring_bitmap_t*> raw;
  raw.reserve(parts.size());
  for (const Bitmap* p : parts) {
    if (p != nullptr && !p->Empty()) raw.push_back(p->r_);
  }
  if (raw.empty()) return Bitmap();
  if (raw.size() == 1) return Bitmap(Checked(roaring_bitmap_copy(raw[0])));
  return Bitmap(Checked(roaring_bitmap_or_many(raw.size(), raw.data())));
}

void Bitmap::AddMany(std::span<const Ordinal> sorted) {
  roaring_bitmap_add_many(r_, sorted.size(), sorted.data());
}

Bitmap& Bitmap::operator&=(const Bitmap& other) {
  roaring_bitmap_and_inplace(r_, other.r_);
  return *this;
}

Bitmap& Bitmap::operator|=(const Bitmap& other) {
  roaring_bitmap_or_inplace(r_, other.r_);
  return *this;
}

Bitmap& Bitmap::operator-=(const Bitmap& other) {
  roaring_bitmap_andnot_inplace(r_, other.r_);
  return *this;
}

std::vector<Ordinal> Bitmap::Descending(std::optional<Ordinal> before, std::size_t limit) const {
  std::vector<Ordinal> out;
  if (limit == 0 || Empty()) return out;
  out.reserve(limit);
  roaring_uint32_iterator_t it;
  roaring_init_iterator_last(r_, &it);
  if (before) {
    // The iterator only moves forward to a value; from the rank of `before`
    // the ordinal just below it is select(rank - 1).
    if (*before == 0) return out;
    std::uint64_t below = roaring_bitmap_rank(r_, *before - 1);  // how many are < before
    if (below == 0) return out;
    std::uint32_t start = 0;
    roaring_bitmap_select(r_, static_cast<std::uint32_t>(below - 1), &start);
    roaring_init_iterator(r_, &it);
    roaring_move_uint32_iterator_equalorlarger(&it, start);
  }
  while (it.has_value && out.size() < limit) {
    out.push_back(it.current_value);
    roaring_previous_uint32_iterator(&it);
  }
  return out;
}

std::vector<Ordinal> Bitmap::ToVector() const {
  std::vector<Ordinal> out(Count());
  roaring_bitmap_to_uint32_array(r_, out.data());
  return out;
}

void Bitmap::Optimize() {
  roaring_bitmap_run_optimize(r_);
  roaring_bitmap_shrink_to_fit(r_);
}

}  // namespace weishang::tags
