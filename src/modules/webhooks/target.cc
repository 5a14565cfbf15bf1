#include "modules/webhooks/target.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <boost/url/parse.hpp>
#include <cstring>

#include "modules/webhooks/webhooks_errors.h"

namespace weishang::webhooks {
namespace {

Error BadUrl(const std::string& why) {
  return Invalid(errors::kInvalidUrl, "the webhook URL " + why);
}

// Whether the first `bits` bits of `a` and `b` agree.
bool InPrefix(const unsigned char* a, const std::array<unsigned char, 16>& b, int bits) {
  for (int i = 0; i < bits; ++i) {
    int byte = i / 8, bit = 7 - i % 8;
    if (((a[byte] >> bit) & 1) != ((b[byte] >> bit) & 1)) return false;
  }
  return true;
}

bool PublicV4(const unsigned char* a, bool allow_loopback) {
  struct Net {
    std::array<unsigned char, 16> prefix;
    int bits;
  };
  static const Net kForbidden[] = {
      {{0}, 8},
      {{10}, 8},
      {{100, 64}, 10},
      {{169, 254}, 16},
      {{172, 16}, 12},
      {{192, 0, 0}, 24},
      {{192, 0, 2}, 24},
      {{192, 168}, 16},
      {{198, 18}, 15},
      {{198, 51, 100}, 24},
      {{203, 0, 113}, 24},
      {{224}, 4},
      {{240}, 4},
  };
  if (a[0] == 127) return allow_loopback;
  for (const Net& n : kForbidden) {
    if (InPrefix(a, n.prefix, n.bits)) return false;
  }
  return true;
}

bool PublicV6(const unsigned char* a, bool allow_loopback) {
  static const std::array<unsigned char, 16> kLoopback = {0, 0, 0, 0, 0, 0, 0, 0,
                                                          0, 0, 0, 0, 0, 0, 0, 1};
  static const std::array<unsigned char, 16> kZero{};
  static const std::array<unsigned char, 16> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kLoopback.data(), 16) == 0) return allow_loopback;
  if (std::memcmp(a, kZero.data(), 16) == 0) return false;
  if (InPrefix(a, kMapped, 96)) return PublicV4(a + 12, allow_loopback);  // ::ffff:a.b.c.d
  if ((a[0] & 0xfe) == 0xfc) return false;                                // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return false;                // fe80::/10 link-local
  if (a[0] == 0xff) return false;                                         // multicast
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return false;  // documentation
  return true;
}

}  // namespace

Result<Target> ParseTarget(const std::string& url) {
  if (url.size() > 2000) return Fail(BadUrl("is too long"));
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Fail(BadUrl("is not an absolute URL"));
  Target t;
  t.scheme = parsed->scheme();
  if (t.scheme != "http" && t.scheme != "https")
    return Fail(BadUrl("must start with https:// or http://"));
  if (!parsed->has_authority() || parsed->encoded_host().empty())
    return Fail(BadUrl("has no host"));
  if (parsed->has_userinfo()) return Fail(BadUrl("must not carry a user name or password"));
  t.host = parsed->host_type() == boost::urls::host_type::ipv6 ? std::string(parsed->host_address())
                                                               : std::string(parsed->host());
  t.port = t.scheme == "https" ? 443 : 80;
  if (parsed->has_port()) {
    if (parsed->port().empty() || parsed->port_number() == 0) return Fail(BadUrl("has a bad port"));
    t.port = parsed->port_number();
  }
  return t;
}

bool PublicAddress(const std::string& address, const TargetPolicy& policy) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, address.c_str(), buf) == 1) return PublicV4(buf, policy.allow_loopback);
  if (inet_pton(AF_INET6, address.c_str(), buf) == 1) return PublicV6(buf, policy.allow_loopback);
  return false;
}

Result<Target> ResolveTarget(const std::string& url, const TargetPolicy& policy) {
  auto t = ParseTarget(url);
  if (!t) return t;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(t->host.c_str(), nullptr, &hints, &found); rc != 0) {
    return Fail(
        Invalid(errors::kForbiddenTarget, "cannot resolve " + t->host + ": " + gai_strerror(rc)));
  }
  std::string chosen;
  for (addrinfo* a = found; a != nullptr && chosen.empty(); a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (inet_ntop(a->ai_family, raw, text, sizeof text) && PublicAddress(text, policy))
      chosen = text;
  }
  freeaddrinfo(found);
  if (chosen.empty()) {
    return Fail(Invalid(errors::kForbiddenTarget,
                        t->host + " resolves only to loopback, private or reserved addresses"));
  }
  t->address = chosen;
  return t;
}

}  // namespace weishang::webhooks
