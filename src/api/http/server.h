// The HTTP/1.1 transport (Boost.Beast, C++20 coroutines). One io_context
// and one thread per core, each with its own SO_REUSEPORT acceptor, so
// connections never migrate between threads. Keep-alive, a body limit and
// the read and idle timeouts live here; what to answer is the handler's
// business. Timeouts are checked by a sweep once a second per thread, so a
// connection is closed up to a second after its deadline.
//
// Shutdown (SIGTERM, SIGINT or Stop()): acceptors close, idle keep-alive
// connections are closed, requests in flight finish and are answered, then
// Run() returns. The caller then closes the database, which flushes pending
// commits.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/http/message.h"
#include "core/error.h"

namespace weishang::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0 picks a free port
  int threads = 0;                   // 0 = one per core
  std::size_t body_limit = 1 << 20;  // bytes; larger bodies get 413
  // Paths that take a larger body (a CSV import), each with its own limit;
  // the request's path must match exactly.
  std::vector<std::pair<std::string, std::size_t>> large_bodies;
  std::chrono::seconds read_timeout{30};    // to read a body; to write an answer
  std::chrono::seconds idle_timeout{75};    // to wait for the next request's header
  std::chrono::seconds shutdown_grace{20};  // in-flight requests get this long
};

class Server {
 public:
  using Handler = std::function<Reply(HttpRequest&)>;
  // Called once per answered request, after the response is written.
  using Observer =
      std::function<void(const HttpRequest&, int status, double seconds, std::size_t bytes)>;

  Server(ServerOptions options, Handler handler, Observer observer);
  ~Server();

  // Binds the listening sockets. Returns the bound port, or
  // kUnavailable "http.bind_failed".
  Result<int> Start();
  // Serves until a signal or Stop(); returns after the graceful shutdown.
  void Run();
  // Begins a graceful shutdown. Thread-safe; may be called from a handler.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace weishang::api
