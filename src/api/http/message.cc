#include "api/http/message.h"

#include <initializer_list>

namespace weishang::api {
namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}
}  // namespace

std::string PercentDecode(std::string_view s) { return Decode(s, true); }
std::string PercentDecodePath(std::string_view s) { return Decode(s, false); }

void HttpRequest::Clear() {
  method = Method::kGet;
  for (std::string* s :
       {&path, &query, &remote_ip, &request_id, &authorization, &idempotency_key, &content_type,
        &signature, &accept_language, &accept_encoding, &host, &if_none_match}) {
    s->clear();
  }
  // A large body (an image upload) is not worth keeping for the next request.
  if (body.capacity() > 64 * 1024) {
    std::string().swap(body);
  } else {
    body.clear();
  }
  route = nullptr;
  path_params.clear();
}

std::string_view HttpRequest::PathParam(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

std::string HttpRequest::QueryParam(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    std::size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    std::size_t eq = pair.find('=');
    if (PercentDecode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return {};
}

}  // namespace weishang::api
