// Share codes: [version 1][flags][varint fields][8-byte HMAC tag], base64url.
#include <array>

#include "core/crypto.h"
#include "modules/attribution/attribution.h"
#include "modules/attribution/attribution_errors.h"

namespace weishang::attribution {
namespace {

constexpr unsigned char kVersion = 1;
constexpr unsigned char kSharer = 1, kCampaign = 2, kChannel = 4;
constexpr std::size_t kTagBytes = 8;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view& in, std::uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    *v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

std::string Base64Url(std::string_view bytes) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '-') v = 62;
    if (c == '_') v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Leftover bits must be zero padding, so that each code has one spelling.
  if (bits >= 6 || (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

// The first kTagBytes of HMAC-SHA256(secret, body), as bytes.
std::string Tag(std::string_view secret, std::string_view body) {
  std::string hex = HmacSha256Hex(secret, body);
  std::string out;
  for (std::size_t i = 0; i < kTagBytes; ++i) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

std::string EncodeCode(std::string_view secret, const Code& code) {
  std::string body;
  body.push_back(static_cast<char>(kVersion));
  unsigned char flags =
      (code.sharer ? kSharer : 0) | (code.campaign ? kCampaign : 0) | (code.channel ? kChannel : 0);
  body.push_back(static_cast<char>(flags));
  if (code.sharer) PutVarint(body, static_cast<std::uint64_t>(code.sharer->value()));
  if (code.campaign) PutVarint(body, static_cast<std::uint64_t>(code.campaign->value()));
  if (code.channel) PutVarint(body, static_cast<std::uint64_t>(code.channel->value()));
  return Base64Url(body + Tag(secret, body));
}

std::optional<Code> DecodeCode(std::string_view secret, std::string_view text) {
  if (text.empty() || text.size() > kMaxCodeBytes) return std::nullopt;
  auto bytes = FromBase64Url(text);
  if (!bytes || bytes->size() < 2 + kTagBytes) return std::nullopt;
  std::string_view body(bytes->data(), bytes->size() - kTagBytes);
  std::string_view tag(bytes->data() + body.size(), kTagBytes);
  if (!SecureEquals(tag, Tag(secret, body))) return std::nullopt;
  if (static_cast<unsigned char>(body[0]) != kVersion) return std::nullopt;
  auto flags = static_cast<unsigned char>(body[1]);
  if (flags == 0 || (flags & ~(kSharer | kCampaign | kChannel)) != 0) return std::nullopt;
  std::string_view in = body.substr(2);
  Code code;
  std::uint64_t v = 0;
  auto read = [&](unsigned char flag, auto& field) {
    if ((flags & flag) == 0) return true;
    if (!GetVarint(in, &v) || v == 0 || v > static_cast<std::uint64_t>(INT64_MAX)) return false;
    field = typename std::remove_reference_t<decltype(field)>::value_type(static_cast<Id>(v));
    return true;
  };
  if (!read(kSharer, code.sharer) || !read(kCampaign, code.campaign) ||
      !read(kChannel, code.channel) || !in.empty()) {
    return std::nullopt;
  }
  return code;
}

Result<std::string> AttributionService::KeyOf(Tx& tx, MerchantId merchant) {
  auto row = tx.QueryOne("SELECT secret FROM attribution_key WHERE merchant_id = ?", {merchant});
  if (!row) return Fail(row.error());
  if (*row) return (**row).Str(0);
  std::string secret = RandomHex(32);
  auto ok = tx.Exec(
      "INSERT INTO attribution_key (merchant_id, secret, created_at) VALUES (?, ?, ?)"
      " ON CONFLICT (merchant_id) DO NOTHING",
      {merchant, secret, clock_.Now()});
  if (!ok) return Fail(ok.error());
  if (*ok == 1) return secret;
  // Another unit made it first (PostgreSQL): theirs is the key.
  auto again = tx.QueryOne("SELECT secret FROM attribution_key WHERE merchant_id = ?", {merchant});
  if (!again) return Fail(again.error());
  if (!*again) return Fail(Internal("attribution.no_key", "the signing key was not kept"));
  return (**again).Str(0);
}

Result<std::string> AttributionService::Sign(Tx& tx, MerchantId merchant, const Code& code) {
  if (!code.sharer && !code.campaign && !code.channel) {
    return Fail(Invalid(errors::kInvalidField, "a share code names a sharer, campaign or channel"));
  }
  auto key = KeyOf(tx, merchant);
  if (!key) return Fail(key.error());
  return EncodeCode(*key, code);
}

}  // namespace weishang::attribution
