// Sends one webhook delivery over HTTP(S): the port the sender posts through,
// so tests can stand in for the network. CurlPoster is the real one.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "modules/webhooks/target.h"
#include "modules/webhooks/webhooks.h"

namespace weishang::webhooks {

struct PostRequest {
  std::string url;
  Target target;  // resolved and checked: connect to target.address only
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class Poster {
 public:
  virtual ~Poster() = default;
  // Posts and waits for the answer (or the timeout). Never throws; a failure
  // to connect or a timeout comes back as PostResult::error. Thread-safe.
  virtual PostResult Post(const PostRequest& request) = 0;
};

// libcurl, with a 5 s connect and 10 s total timeout, no redirects followed,
// and the connection pinned to the checked address (CURLOPT_RESOLVE).
std::unique_ptr<Poster> MakeCurlPoster();

// The signature header of a body sent at `unix_seconds`, as Stripe signs:
// "t=<unix_seconds>,v1=<hex HMAC-SHA256 of "<unix_seconds>.<body>" under secret>".
std::string SignatureHeader(const std::string& secret, std::int64_t unix_seconds,
                            const std::string& body);

}  // namespace weishang::webhooks
