// Links into a shop's micro-store, for share links and their QR codes. A
// share code may only ever send someone into the shop's own store, so that
// the engine cannot be used to draw QR codes of arbitrary (phishing) URLs.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace weishang::workflows {

// The longest path inside a store a share link may name, in bytes.
inline constexpr std::size_t kMaxSharePathBytes = 200;

// "http://HOST[:PORT]" for a request's Host header, when it is a plain host
// name, IPv4 address or bracketed IPv6 address with an optional port;
// store.invalid_host (422) otherwise (empty, a path, user info, spaces).
// Used when the engine was not told its public address (serve --public-url).
Result<std::string> OriginFromHost(std::string_view host);

// Whether `origin` is "http://…" or "https://…" followed by a host as above
// and nothing else (no path, query or trailing slash).
bool ValidOrigin(std::string_view origin);

// Whether `path` is a path inside a store ("/", "/products/prd_2wqnf39s0yrk"):
// it starts with "/", has at most kMaxSharePathBytes bytes of letters, digits
// and - . _ ~ /, and no empty, "." or ".." segment except a final "/".
// store.invalid_share_path (422) otherwise, saying which rule.
Result<void> CheckStorePath(std::string_view path);

// The address of `path` in the store of shop `slug` at `origin`:
// origin + "/s/" + slug + path, `path` as CheckStorePath wants it.
// `origin` must pass ValidOrigin and `slug` be the shop's slug.
Result<std::string> StoreLink(std::string_view origin, std::string_view slug,
                              std::string_view path);

}  // namespace weishang::workflows
