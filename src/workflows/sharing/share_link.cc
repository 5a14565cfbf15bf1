#include "workflows/sharing/share_link.h"

namespace weishang::workflows {
namespace {

constexpr char kInvalidSharePath[] = "store.invalid_share_path";
constexpr char kInvalidHost[] = "store.invalid_host";

bool HostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

bool Digits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// host[:port], where host is a name/IPv4 address or [IPv6].
bool ValidHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  std::string_view name = host;
  std::string_view port;
  if (host.front() == '[') {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos || close < 2) return false;
    for (char c : host.substr(1, close - 1)) {
      bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') return false;
    }
    std::string_view rest = host.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
    return Digits(rest.substr(1));
  }
  if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon + 1);
    if (!Digits(port)) return false;
  }
  if (name.empty() || name.front() == '.' || name.front() == '-') return false;
  for (char c : name) {
    if (!HostChar(c)) return false;
  }
  return true;
}

bool PathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

}  // namespace

Result<std::string> OriginFromHost(std::string_view host) {
  if (!ValidHost(host)) {
    return Fail(Invalid(kInvalidHost, "the request's Host header is not a host name"));
  }
  return "http://" + std::string(host);
}

bool ValidOrigin(std::string_view origin) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.substr(0, scheme.size()) == scheme) return ValidHost(origin.substr(scheme.size()));
  }
  return false;
}

Result<void> CheckStorePath(std::string_view path) {
  auto bad = [](std::string why) {
    return Fail(Invalid(kInvalidSharePath, "path must be a page of this shop's store: " + why));
  };
  if (path.empty() || path.front() != '/') return bad("it starts with /");
  if (path.size() > kMaxSharePathBytes) return bad("at most 200 bytes");
  for (char c : path) {
    if (!PathChar(c)) return bad("letters, digits and - . _ ~ / only");
  }
  // Segments between slashes: none empty ("//" could be read as a host by a
  // careless client), "." or "..", except the empty one after a final "/".
  std::size_t start = 1;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return bad("no empty, . or .. part");
    start = end + 1;
  }
  return {};
}

Result<std::string> StoreLink(std::string_view origin, std::string_view slug,
                              std::string_view path) {
  if (auto ok = CheckStorePath(path); !ok) return Fail(ok.error());
  return std::string(origin) + "/s/" + std::string(slug) + std::string(path);
}

}  // namespace weishang::workflows
