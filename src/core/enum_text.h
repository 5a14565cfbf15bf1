// The text of an enum's values, as stored in the database and shown by the
// API, declared once per enum as a table:
//
//   inline constexpr EnumText<StaffStatus> kStaffStatusText[] = {
//       {StaffStatus::kActive, "active"}, {StaffStatus::kDisabled, "disabled"}};
//   TextOf(kStaffStatusText, StaffStatus::kActive)  -> "active"
//   FromText(kStaffStatusText, "disabled")          -> StaffStatus::kDisabled
//   FromText(kStaffStatusText, "gone")              -> std::nullopt
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace weishang {

template <class E>
struct EnumText {
  E value;
  std::string_view text;
};

// The text of `value`; every value must be in the table (a missing one is a
// bug, and answers "").
template <class E, std::size_t N>
constexpr std::string_view TextOf(const EnumText<E> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.text;
  }
  return {};
}

// The value whose text is `text`, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> FromText(const EnumText<E> (&table)[N], std::string_view text) {
  for (const auto& entry : table) {
    if (entry.text == text) return entry.value;
  }
  return std::nullopt;
}

}  // namespace weishang
