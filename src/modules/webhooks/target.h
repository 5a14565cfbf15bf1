// Where a webhook may be sent. Outbound requests go only to public
// addresses: a merchant must not be able to make the server call itself, the
// machines beside it or a cloud metadata service (SSRF). The check runs on
// the addresses the host resolves to, right before each post, and the post
// then connects to the address that was checked (no second lookup to fool).
// Tests and local development allow loopback explicitly. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace weishang::webhooks {

struct TargetPolicy {
  bool allow_loopback = false;  // serve --webhooks-allow-loopback: tests only
};

// A URL split for posting.
struct Target {
  std::string scheme;  // http | https
  std::string host;    // as written (a name or an address)
  int port = 0;
  std::string address;  // the checked address to connect to
};

// Parses `url`: webhooks.invalid_url (422) unless http:// or https:// with a
// host, no user info, and a port in range.
Result<Target> ParseTarget(const std::string& url);

// Whether `address` (IPv4 or IPv6 text) is one posts may go to under
// `policy`: not loopback (unless allowed), private (10/8, 172.16/12,
// 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), CGNAT
// (100.64/10), unspecified, multicast, broadcast or reserved.
bool PublicAddress(const std::string& address, const TargetPolicy& policy);

// Parses `url`, resolves its host and picks the first address allowed.
// webhooks.invalid_url, or webhooks.forbidden_target (422) when the host
// resolves to none (or only to forbidden addresses).
Result<Target> ResolveTarget(const std::string& url, const TargetPolicy& policy);

}  // namespace weishang::webhooks
