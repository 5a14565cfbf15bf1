// What in a pasted address is about the person rather than the place: the
// name, and delivery remarks. Internal to the module.
#pragma once

#include <cstddef>
#include <string_view>

namespace weishang::address {

// How much a token standing on its own looks like a name (周敏, 谢先生, 李xx,
// asseek, 大旋仔): 0 when it cannot be one (digits, a remark, an address word
// at its end, too long); at least kNameThreshold when it is one. A token next
// to a phone number, or `apart` from the address (before it, or after a full
// stop or line break), is more likely one.
inline constexpr double kNameThreshold = 1.0;
double NameScore(std::u32string_view token, bool next_to_phone, bool apart);

// The length of a name glued to the end of address text
// (王家甸路99号周清, 侨香村6B17D韩丽伟): two or three characters led by a
// surname. Unless `before_phone`, the name must follow a number, a letter, a
// sign or a place word (号, 楼, 站 ...). 0 when there is none.
std::size_t GluedNameLength(std::u32string_view text, bool before_phone);

// A delivery remark (请勿到付, 放快递柜, 周末送货, 感谢您的配合), not address.
bool IsRemark(std::u32string_view text);

// `name` without a trailing 收 ("to receive"), when what is left is a name.
std::u32string_view WithoutReceive(std::u32string_view name);

}  // namespace weishang::address
