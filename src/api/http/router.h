// Maps (method, path) to a handler. Patterns are literal segments and
// {name} captures: "/admin/v1/products/{id}". A last segment {name...}
// captures the rest of the path, zero or more segments, as sent (not
// percent-decoded, '/' between segments): "/console/{path...}" matches
// "/console" and "/console/orders/ord_1". Routes match in the order they
// were added. Built once at start, then read-only: thread-safe for lookups.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/http/message.h"

namespace weishang::api {

using Handler = std::function<Reply(HttpRequest&)>;

struct Route {
  Method method;
  std::string pattern;
  std::vector<std::string> segments;  // pattern split on '/'
  Handler handler;
};

class Router {
 public:
  void Add(Method method, const std::string& pattern, Handler handler);

  // The route for `req`, with req.path_params filled; nullptr if none.
  // `*path_known` tells whether some route had the path with another method
  // (405 rather than 404).
  const Route* Match(HttpRequest& req, bool* path_known) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

const char* MethodName(Method m);

}  // namespace weishang::api
