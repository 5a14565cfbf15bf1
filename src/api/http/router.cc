#include "api/http/router.h"

namespace weishang::api {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

bool IsCapture(const std::string& seg) { return seg.size() > 2 && seg.front() == '{'; }
bool IsRest(const std::string& seg) { return IsCapture(seg) && seg.ends_with("...}"); }

// The segments from `from` on, joined by '/'.
std::string JoinFrom(const std::vector<std::string_view>& parts, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (i > from) out.push_back('/');
    out.append(parts[i]);
  }
  return out;
}

}  // namespace

const char* MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

void Router::Add(Method method, const std::string& pattern, Handler handler) {
  auto r = std::make_unique<Route>();
  r->method = method;
  r->pattern = pattern;
  for (auto seg : Split(pattern)) r->segments.emplace_back(seg);
  r->handler = std::move(handler);
  routes_.push_back(std::move(r));
}

const Route* Router::Match(HttpRequest& req, bool* path_known) const {
  *path_known = false;
  auto parts = Split(req.path);
  for (const auto& r : routes_) {
    // A rest capture ends the pattern; the segments before it are fixed.
    bool rest = !r->segments.empty() && IsRest(r->segments.back());
    std::size_t fixed = rest ? r->segments.size() - 1 : r->segments.size();
    if (rest ? parts.size() < fixed : parts.size() != fixed) continue;
    bool ok = true;
    for (std::size_t i = 0; i < fixed && ok; ++i) {
      ok = IsCapture(r->segments[i]) ? !parts[i].empty() : r->segments[i] == parts[i];
    }
    if (!ok) continue;
    if (r->method != req.method) {
      *path_known = true;
      continue;
    }
    req.path_params.clear();
    for (std::size_t i = 0; i < fixed; ++i) {
      if (IsCapture(r->segments[i])) {
        const std::string& s = r->segments[i];
        req.path_params.emplace_back(s.substr(1, s.size() - 2), PercentDecode(parts[i]));
      }
    }
    if (rest) {
      const std::string& s = r->segments.back();
      req.path_params.emplace_back(s.substr(1, s.size() - 5), JoinFrom(parts, fixed));
    }
    return r.get();
  }
  return nullptr;
}

}  // namespace weishang::api
