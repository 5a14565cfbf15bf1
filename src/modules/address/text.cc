#include "modules/address/text.h"

#include "modules/address/divisions.h"

namespace weishang::address {

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int extra = b < 0x80           ? 0
                : (b >> 5) == 0x6  ? 1
                : (b >> 4) == 0xE  ? 2
                : (b >> 3) == 0x1E ? 3
                                   : -1;
    char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
    bool ok = extra >= 0 && i + static_cast<std::size_t>(extra) < s.size();
    for (int k = 1; ok && k <= extra; ++k) {
      auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (ok && (c < kMin[extra] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)) ok = false;
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(c);
    i += extra + 1;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

std::u32string NormalizeText(std::string_view utf8) {
  const auto& table = DivisionTable::Get();
  std::u32string text = DecodeUtf8(utf8);
  for (char32_t& c : text) {
    if (c == U'\n' || c == U'\r' || c == 0x2028 || c == 0x2029 || c == 0x85) {
      c = U'\n';
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFFFD || c == 0xA0 ||
               c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF) {
      c = U' ';
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      c -= 0xFEE0;  // full-width ASCII
    } else if (c >= 0x3400) {
      c = table.Simplify(c);
    }
  }
  return text;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool IsTokenChar(char32_t c) {
  if (IsAsciiAlnum(c) || IsHan(c)) return true;
  switch (c) {
    case U'#':
    case U'-':
    case U'@':
    case U'/':
    case U'_':
    case U'*':
    case U'+':
    case U'&':
    case U'.':
    case U'\'':
    case 0xB7:
    case 0x2014:
    case 0x2013:
    case 0x2015:
    case 0x30FB:
      return true;
    default:
      return false;
  }
}

char32_t ClosingBracket(char32_t c) {
  switch (c) {
    case U'(':
      return U')';
    case U'[':
      return U']';
    case U'{':
      return U'}';
    case U'<':
      return U'>';
    case 0x3010:
      return 0x3011;  // 【】
    case 0x3014:
      return 0x3015;  // 〔〕
    case 0x300C:
      return 0x300D;  // 「」
    case 0x300E:
      return 0x300F;  // 『』
    case 0x3008:
      return 0x3009;  // 〈〉
    case 0x300A:
      return 0x300B;  // 《》
    case 0x3016:
      return 0x3017;  // 〖〗
    default:
      return 0;
  }
}

}  // namespace weishang::address
