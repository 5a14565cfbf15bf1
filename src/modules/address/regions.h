// Finds the divisions a pasted text names and picks the chain of them that
// reads best (province, city, district, each consistent with the others).
// Internal to the module.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "modules/address/divisions.h"

namespace weishang::address {

// What each code point of the text is, as far as region matching cares.
enum class Role : unsigned char { kText, kSeparator, kSpan };

// A division name found in the text.
struct Mention {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<NameHit> hits;   // the divisions it may stand for; empty for a filler
  bool filler = false;         // 市辖区, 省直辖县级行政区划 ...: skipped
  bool weak = false;           // a short name without its suffix, or a name of two characters
  bool mid_token = false;      // glued after other text (是江苏 …)
  bool after_mention = false;  // glued right after another mention
  bool old = false;            // an abolished name
};

// Division names in text order, longest first at each place, not overlapping.
// A short name followed by a road or town word (北京路, 恭城镇) is a road or
// a town, not the division, and is not returned.
std::vector<Mention> FindMentions(std::u32string_view text, const std::vector<Role>& roles);

// The chain chosen.
struct Chain {
  std::size_t begin = 0;     // where its first mention starts
  std::size_t end = 0;       // where its last mention (or filler) ends
  std::vector<int> paths;    // deepest division of each reading left (one unless ambiguous)
  std::vector<int> named;    // divisions written in the text (for what was inferred)
  bool conflicting = false;  // another mention that does not fit was dropped
  bool renamed = false;      // an abolished name was read
  bool guessed = false;      // a misspelt district was matched by its beginning
};

// The best chain, or one with no paths when the text names no division.
// `preferred` are offsets after a region or address label: a chain starting
// there wins over an equal one elsewhere.
Chain BestChain(std::u32string_view text, const std::vector<Mention>& mentions,
                const std::vector<Role>& roles, const std::vector<std::size_t>& preferred);

}  // namespace weishang::address
