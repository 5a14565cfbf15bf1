// Text as the parser reads it: code points, normalised so that one rule fits
// every way of writing the same thing. Internal to the module.
#pragma once

#include <string>
#include <string_view>

namespace weishang::address {

// UTF-8 to code points; each byte of an invalid sequence becomes U+FFFD.
std::u32string DecodeUtf8(std::string_view utf8);
void AppendUtf8(std::string& out, char32_t c);
std::string EncodeUtf8(std::u32string_view text);

// Decodes and normalises a pasted text: full-width ASCII and the ideographic
// space become ASCII, traditional and variant characters become simplified,
// line breaks become '\n', and every other control character, NUL and
// invalid byte becomes a space.
std::u32string NormalizeText(std::string_view utf8);

inline bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsLatin(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
inline bool IsAsciiAlnum(char32_t c) { return IsDigit(c) || IsLatin(c); }
// CJK unified ideographs (with extensions A to G) and compatibility ideographs.
bool IsHan(char32_t c);
// Characters that stay inside an address token: letters, digits, Han, and the
// signs buildings and rooms are written with (# - @ · / _ * + & . ').
bool IsTokenChar(char32_t c);
// Opening brackets and their closing partner (0 when c opens nothing).
char32_t ClosingBracket(char32_t c);

}  // namespace weishang::address
