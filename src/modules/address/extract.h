// Finds what is not address in a pasted text: phone numbers, postcodes, ID
// numbers and field labels. Internal to the module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace weishang::address {

enum class SpanKind {
  kMobile,    // 1[3-9]x xxxx xxxx, with +86/0086/86 and spaces or dashes, maybe "-ext"
  kLandline,  // 0xx(x)-xxxxxxx(x), maybe in parentheses and with an extension
  kService,   // 400/800 numbers
  kBadPhone,  // ten digits starting with 1: a mobile with a digit missing
  kPostal,    // six digits standing alone, or after 邮编
  kIdNumber,  // an ID card number (18 digits or 17 and X, 15 digits), left out
  kLabel,     // 收货人: 手机号码: 所在地区: ...
};

enum class LabelKind { kName, kPhone, kRegion, kDetail, kAddress, kPostal, kIdNumber };

struct Span {
  SpanKind kind;
  std::size_t begin = 0;  // code point offsets into the normalised text
  std::size_t end = 0;
  std::string value;  // the phone or postcode as output; "" for labels and IDs
  LabelKind label = LabelKind::kName;
};

// Spans in text order, not overlapping.
std::vector<Span> FindSpans(std::u32string_view text);

}  // namespace weishang::address
