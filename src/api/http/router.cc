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
    if (r->segments.size() != parts.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      ok = IsCapture(r->segments[i]) ? !parts[i].empty() : r->segments[i] == parts[i];
    }
    if (!ok) continue;
    if (r->method != req.method) {
      *path_known = true;
      continue;
    }
    req.path_params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (IsCapture(r->segments[i])) {
        const std::string& s = r->segments[i];
        req.path_params.emplace_back(s.substr(1, s.size() - 2), PercentDecode(parts[i]));
      }
    }
    return r.get();
  }
  return nullptr;
}

}  // namespace weishang::api
