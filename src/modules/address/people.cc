#include "modules/address/people.h"

#include <algorithm>
#include <initializer_list>

#include "modules/address/divisions.h"
#include "modules/address/text.h"

namespace weishang::address {
namespace {

// Words a delivery remark is made of. 快递 alone is not one (中通快递2栋 is a
// place), nor is 勿 alone (【勿删】 marks a consolidation warehouse's label).
constexpr std::u32string_view kRemarkWords[] = {
    U"请",     U"勿发",   U"勿到付", U"勿放",   U"勿用", U"不要",     U"不准",   U"务必",
    U"谢谢",   U"感谢",   U"配合",   U"麻烦",   U"到付", U"送货上门", U"打电话", U"电话联系",
    U"快递柜", U"放门口", U"周末",   U"工作日", U"拒收", U"提前联系", U"备注",   U"退货",
};

// Characters an address part ends with (路, 号, 村, 店 ...): a token ending so
// is not a name.
constexpr std::u32string_view kPlaceEnds =
    U"路街道巷弄号楼室栋幢座层村组镇乡区县市省州城园苑府庄店厂司场站馆院校所局处部队仓库厦湾屯寨"
    U"坊门口桥铺舍宿堂廊居社会内外旁边侧面";

// Words an address often ends with whose first character is also a surname
// (单元: 单 is one): never a glued name.
constexpr std::u32string_view kPlaceWords[] = {U"单元", U"附近", U"对面", U"楼下", U"楼上",
                                               U"里面", U"后面", U"前面", U"中间", U"东侧",
                                               U"西侧", U"南侧", U"北侧", U"隔壁"};

// After these a glued name may start even without a phone next to it.
constexpr std::u32string_view kNameStarts = U"号楼室栋幢座层站店#)）】]";

constexpr std::u32string_view kTitles[] = {U"先生", U"女士", U"小姐", U"老师", U"师傅",
                                           U"同学", U"阿姨", U"大哥", U"大姐", U"经理",
                                           U"总",   U"哥",   U"姐"};

bool Contains(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

bool StartsWithSurname(std::u32string_view text) {
  const auto& table = DivisionTable::Get();
  return (text.size() >= 2 && table.IsSurname(text.substr(0, 2))) ||
         (!text.empty() && table.IsSurname(text.substr(0, 1)));
}

std::u32string_view WithoutTitle(std::u32string_view text) {
  for (std::u32string_view title : kTitles) {
    if (text.size() > title.size() && text.ends_with(title)) {
      return text.substr(0, text.size() - title.size());
    }
  }
  return text;
}

}  // namespace

bool IsRemark(std::u32string_view text) {
  return std::any_of(std::begin(kRemarkWords), std::end(kRemarkWords),
                     [&](std::u32string_view w) { return text.find(w) != text.npos; });
}

std::u32string_view WithoutReceive(std::u32string_view name) {
  if (name.size() >= 3 && name.back() == U'收') return name.substr(0, name.size() - 1);
  return name;
}

double NameScore(std::u32string_view token, bool next_to_phone, bool apart) {
  token = WithoutReceive(token);
  if (token.empty() || IsRemark(token)) return 0;
  std::size_t han = 0, latin = 0;
  for (char32_t c : token) {
    if (IsHan(c)) {
      ++han;
    } else if (IsLatin(c)) {
      ++latin;
    } else {
      return 0;
    }
  }
  double bonus = (next_to_phone ? 0.3 : 0) + (apart ? 0.2 : 0);
  std::u32string_view core = WithoutTitle(token);
  bool titled = core.size() < token.size();
  if (han == 0) return latin >= 2 && latin <= 20 ? 1.0 + bonus : 0;
  if (latin > 0) return han <= 3 && latin <= 8 ? 1.0 + bonus : 0;
  if (!titled && Contains(kPlaceEnds, token.back())) return 0;
  bool surname = StartsWithSurname(core);
  if (titled) return core.size() <= 3 ? 2.0 + bonus : 0;
  switch (core.size()) {
    case 1:
      return (surname ? 1.0 : 0.8) + bonus;
    case 2:
    case 3:
      return 1.0 + (surname ? 0.5 : 0) + bonus;
    case 4:
      return (surname ? 1.0 : 0.8) + bonus;
    default:
      return 0;
  }
}

std::size_t GluedNameLength(std::u32string_view text, bool before_phone) {
  for (std::size_t len : {3, 2}) {
    if (text.size() <= len) continue;
    std::u32string_view name = text.substr(text.size() - len);
    if (!std::all_of(name.begin(), name.end(), IsHan)) continue;
    if (Contains(kPlaceEnds, name.back()) || !StartsWithSurname(name)) continue;
    bool place_word = std::any_of(std::begin(kPlaceWords), std::end(kPlaceWords),
                                  [&](std::u32string_view w) { return text.ends_with(w); });
    if (place_word) return 0;
    char32_t before = text[text.size() - len - 1];
    if (!before_phone && IsHan(before) && !Contains(kNameStarts, before)) continue;
    return len;
  }
  return 0;
}

}  // namespace weishang::address
