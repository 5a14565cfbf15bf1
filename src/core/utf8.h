// Counting and cutting UTF-8 text by characters. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace weishang {

// The number of Unicode characters in the UTF-8 text `s` (its bytes that do
// not continue a multi-byte sequence).
std::size_t CountUtf8Chars(std::string_view s);

// The longest start of `s` of at most `max_bytes` bytes that does not cut a
// character in two.
std::string_view Utf8Prefix(std::string_view s, std::size_t max_bytes);

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code
// points past U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace weishang
