#include "modules/address/divisions.h"

#include <algorithm>

#include "modules/address/text.h"

namespace weishang::address {
namespace {

// The generated tables (scripts/gen-address-data.mjs).
using std::string_view_literals::operator""sv;
#include "modules/address/data/chars.inc"
#include "modules/address/data/divisions.inc"

std::uint64_t EdgeKey(int node, char32_t c) {
  return (static_cast<std::uint64_t>(node) << 32) | static_cast<std::uint32_t>(c);
}

}  // namespace

std::string_view DivisionTable::Source() { return kDivisionDataSource; }

const DivisionTable& DivisionTable::Get() {
  static const DivisionTable table;
  return table;
}

DivisionTable::DivisionTable() {
  rows_.assign(std::begin(kDivisionRows), std::end(kDivisionRows));
  children_.resize(rows_.size());
  for (int i = 0; i < size(); ++i) {
    by_code_.emplace(rows_[i].code, i);
    if (rows_[i].parent < 0) {
      provinces_.push_back(i);
    } else {
      children_[rows_[i].parent].push_back(i);
    }
  }
  for (const auto& pair : kTradToSimp) simplify_.emplace(pair.from, pair.to);
  for (const auto& row : kTownRows) {
    std::string_view list = row.towns;
    while (!list.empty()) {
      std::size_t bar = list.find('|');
      towns_[DecodeUtf8(list.substr(0, bar))].push_back(row.district);
      list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
    }
  }
  for (std::string_view s : kSurnames) surnames_.insert(DecodeUtf8(s));

  node_hits_.emplace_back();
  for (const auto& n : kNameRows) {
    AddName(DecodeUtf8(n.text), NameHit{n.division, static_cast<NameKind>(n.kind)});
  }
  for (std::string_view filler : kFillerNames) {
    AddName(DecodeUtf8(filler), NameHit{-1, NameKind::kFiller});
  }
  // The placeholder that marketplace region pickers insert for a district
  // they do not list (江苏省盐城市其它区): skipped like the pseudo-cities.
  for (std::u32string_view placeholder : {U"其它区", U"其他区"}) {
    AddName(placeholder, NameHit{-1, NameKind::kFiller});
  }
}

void DivisionTable::AddName(std::u32string_view text, NameHit hit) {
  int node = kRoot;
  for (char32_t c : text) {
    auto [it, added] = edges_.emplace(EdgeKey(node, c), static_cast<int>(node_hits_.size()));
    if (added) node_hits_.emplace_back();
    node = it->second;
  }
  if (!text.empty() && text[0] < starts_.size()) starts_.set(text[0]);
  node_hits_[node].push_back(hit);
}

const std::vector<int>& DivisionTable::Children(int i) const {
  return i < 0 ? provinces_ : children_[i];
}

int DivisionTable::AncestorAt(int i, int level) const {
  while (i >= 0 && rows_[i].level > level) i = rows_[i].parent;
  return i >= 0 && rows_[i].level == level ? i : -1;
}

bool DivisionTable::IsAncestorOrSelf(int ancestor, int i) const {
  while (i >= 0 && rows_[i].level >= rows_[ancestor].level) {
    if (i == ancestor) return true;
    i = rows_[i].parent;
  }
  return false;
}

int DivisionTable::FindCode(int code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? -1 : it->second;
}

int DivisionTable::Step(int node, char32_t c) const {
  auto it = edges_.find(EdgeKey(node, c));
  return it == edges_.end() ? -1 : it->second;
}

std::span<const NameHit> DivisionTable::Hits(int node) const { return node_hits_[node]; }

const std::vector<int>* DivisionTable::DistrictsWithTown(std::u32string_view name) const {
  auto it = towns_.find(std::u32string(name));
  return it == towns_.end() ? nullptr : &it->second;
}

char32_t DivisionTable::Simplify(char32_t c) const {
  auto it = simplify_.find(c);
  return it == simplify_.end() ? c : it->second;
}

bool DivisionTable::IsSurname(std::u32string_view text) const {
  return surnames_.contains(std::u32string(text));
}

}  // namespace weishang::address
