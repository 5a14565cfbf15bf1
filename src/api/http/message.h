// The transport's view of a request and a response: plain data, no sockets.
// Handlers take an HttpRequest and return a Reply; only server.cc knows Beast.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace weishang::api {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kOther };

struct HttpRequest {
  Method method = Method::kGet;
  std::string path;   // decoded path, without the query string
  std::string query;  // raw query string, without '?'
  std::string body;
  std::string remote_ip;
  std::string request_id;
  // Headers the engine reads, lower-cased names. Others are dropped.
  std::string authorization;
  std::string idempotency_key;
  std::string content_type;
  std::string signature;  // X-Signature on payment callbacks
  std::string accept_language;
  std::string accept_encoding;  // the web front end's files come gzipped when it allows
  std::string host;             // Host: the origin of share links when no public URL is set
  std::string if_none_match;    // If-None-Match: revalidating a cached answer by its ETag
  // Filled by the router: the matched pattern (for logs and metrics) and
  // the values of its {name} segments, in pattern order.
  const std::string* route = nullptr;
  std::vector<std::pair<std::string, std::string>> path_params;

  // Empties every field but keeps the strings' capacity, so a connection can
  // reuse one HttpRequest for all its requests.
  void Clear();
  // The value of the {name} segment; "" if the pattern has none.
  std::string_view PathParam(std::string_view name) const;
  // The first value of `name` in the query string, percent-decoded.
  std::string QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // A body read once and shared by every response that sends it (the web
  // front end's files, held in memory): when set, it is sent instead of
  // `body`, and no copy is made per request.
  std::shared_ptr<const std::string> shared_body;

  // What is sent: *shared_body when set, else body.
  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
};

// Makes the response. The transport calls it on the connection's own thread,
// so encoding never runs on a storage thread.
using ResponseThunk = std::function<HttpResponse()>;
// Hands the transport the response of a deferred reply; callable from any
// thread, exactly once.
using Respond = std::function<void(ResponseThunk)>;

// A response computed later, typically after a write is durable. `start` is
// called once by the transport with the Respond callback.
struct Deferred {
  std::function<void(Respond)> start;
};

using Reply = std::variant<HttpResponse, Deferred>;

// Decodes %XX escapes, and '+' as a space (query strings and captures).
std::string PercentDecode(std::string_view s);
// Decodes %XX escapes only: in a path '+' is itself.
std::string PercentDecodePath(std::string_view s);

}  // namespace weishang::api
