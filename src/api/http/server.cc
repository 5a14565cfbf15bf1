// The only translation unit that includes Boost.Beast. Layers, as in Beast's
// awaitable example: an accept loop per worker, a session loop per
// connection, and the handler (request in, reply out) which knows no socket.
#include "api/http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include "core/log.h"
#include "core/threads.h"

namespace weishang::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct SessionState {
  beast::tcp_stream* stream;
  bool busy = false;
};

// One thread, one io_context, one acceptor. `sessions` is touched only on
// this worker's thread.
struct Worker {
  asio::io_context ioc{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::list<SessionState*> sessions;
  std::thread thread;
};

Method ToMethod(http::verb v) {
  switch (v) {
    case http::verb::get: return Method::kGet;
    case http::verb::head: return Method::kGet;
    case http::verb::post: return Method::kPost;
    case http::verb::put: return Method::kPut;
    case http::verb::patch: return Method::kPatch;
    case http::verb::delete_: return Method::kDelete;
    default: return Method::kOther;
  }
}

HttpResponse TransportError(int status, const char* code, const char* message) {
  HttpResponse r;
  r.status = status;
  r.body = std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
  return r;
}

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  Handler handler;
  Observer observer;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<bool> stopping{false};

  asio::io_context signal_ioc{1};
  asio::signal_set signals{signal_ioc, SIGINT, SIGTERM};

  asio::awaitable<void> Accept(Worker* w);
  asio::awaitable<void> Session(Worker* w, tcp::socket socket);
  asio::awaitable<HttpResponse> Answer(HttpRequest& req, const asio::any_io_executor& ex);
  asio::awaitable<void> Drain(beast::tcp_stream& stream);
  void BeginShutdown();
};

asio::awaitable<void> Server::Impl::Accept(Worker* w) {
  for (;;) {
    auto [ec, socket] = co_await w->acceptor->async_accept(kTuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(w->ioc, Session(w, std::move(socket)), asio::detached);
  }
}

asio::awaitable<HttpResponse> Server::Impl::Answer(HttpRequest& req,
                                                   const asio::any_io_executor& ex) {
  Reply reply;
  try {
    reply = handler(req);
  } catch (const std::exception& e) {
    LogError(std::string("handler threw: ") + e.what() + " rid=" + req.request_id);
    co_return TransportError(500, "internal.error", "internal error");
  }
  if (auto* direct = std::get_if<HttpResponse>(&reply)) co_return std::move(*direct);
  // A deferred reply (usually: answer after the write is durable). Its
  // callback may run on a storage thread; hop back to this connection's
  // executor before resuming the coroutine.
  auto& deferred = std::get<Deferred>(reply);
  co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(HttpResponse)>(
      [&deferred, ex](auto handler) {
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        deferred.start([shared, ex](ResponseThunk make) {
          asio::post(ex, [shared, make = std::move(make)]() mutable {
            HttpResponse r;
            try {
              r = make();
            } catch (const std::exception& e) {
              LogError(std::string("response thunk threw: ") + e.what());
              r = TransportError(500, "internal.error", "internal error");
            }
            (*shared)(std::move(r));
          });
        });
      },
      asio::use_awaitable);
}

asio::awaitable<void> Server::Impl::Session(Worker* w, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  SessionState state{&stream};
  auto self = w->sessions.insert(w->sessions.end(), &state);
  beast::error_code addr_ec;
  std::string remote = stream.socket().remote_endpoint(addr_ec).address().to_string();
  beast::flat_buffer buffer;
  for (;;) {
    if (stopping) break;
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(opts.body_limit);
    // Waiting for the next request on a kept-alive connection: idle timeout.
    stream.expires_after(opts.idle_timeout);
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kTuple);
    state.busy = true;
    HttpResponse resp;
    bool keep_alive = false;
    HttpRequest req;
    req.remote_ip = remote;
    auto started = std::chrono::steady_clock::now();
    beast::error_code ec = hec;
    bool drain = false;  // the client may still be sending what we refused
    if (!ec) {
      // Reading the rest of this request: read timeout.
      stream.expires_after(opts.read_timeout);
      auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kTuple);
      ec = bec;
    }
    if (ec == http::error::body_limit) {
      resp = TransportError(413, "request.body_too_large", "request body exceeds the size limit");
      drain = true;
    } else if (ec == http::error::header_limit) {
      resp = TransportError(431, "request.headers_too_large", "request headers are too large");
    } else if (ec) {
      if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
          ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
          ec != asio::error::eof) {
        resp = TransportError(400, "request.bad_http", "malformed HTTP request");
      } else {
        break;
      }
    } else {
      auto& msg = parser.get();
      req.method = ToMethod(msg.method());
      std::string_view target = msg.target();
      std::size_t q = target.find('?');
      req.path = std::string(target.substr(0, q));
      if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
      req.authorization = std::string(msg[http::field::authorization]);
      req.idempotency_key = std::string(msg["Idempotency-Key"]);
      req.content_type = std::string(msg[http::field::content_type]);
      req.signature = std::string(msg["X-Signature"]);
      req.accept_language = std::string(msg[http::field::accept_language]);
      req.request_id = std::string(msg["X-Request-Id"]).substr(0, 64);
      req.body = std::move(msg.body());
      keep_alive = msg.keep_alive();
      stream.expires_never();
      resp = co_await Answer(req, stream.get_executor());
    }
    http::response<http::string_body> res{static_cast<http::status>(resp.status), 11};
    res.set(http::field::server, "weishang");
    res.set(http::field::content_type, resp.content_type);
    if (!req.request_id.empty()) res.set("X-Request-Id", req.request_id);
    for (auto& [k, v] : resp.headers) res.set(k, v);
    keep_alive = keep_alive && !stopping;
    res.keep_alive(keep_alive);
    res.body() = std::move(resp.body);
    res.prepare_payload();
    std::size_t bytes = res.body().size();
    stream.expires_after(opts.read_timeout);
    auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (observer) {
      try {
        observer(req, resp.status, seconds, bytes);
      } catch (const std::exception& e) {
        LogError(std::string("request observer threw: ") + e.what());
      }
    }
    state.busy = false;
    if (drain && !wec) co_await Drain(stream);
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  w->sessions.erase(self);
}

// A lingering close: stop sending, then read and discard what the client is
// still sending (bounded in bytes and time), so it sees our answer instead of
// a connection reset.
asio::awaitable<void> Server::Impl::Drain(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 16384> sink;
  std::size_t total = 0;
  while (total < (64u << 20)) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (ec) break;
    total += n;
  }
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  LogInfo("shutting down: finishing requests in flight");
  for (auto& w : workers) {
    asio::post(w->ioc, [wp = w.get()] {
      beast::error_code ec;
      if (wp->acceptor) wp->acceptor->close(ec);
      // Idle keep-alive connections are closed now; busy ones finish their
      // request, answer with Connection: close, and end.
      for (SessionState* s : wp->sessions) {
        if (!s->busy) s->stream->socket().close(ec);
      }
    });
  }
}

Server::Server(ServerOptions options, Handler handler, Observer observer)
    : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(options);
  impl_->handler = std::move(handler);
  impl_->observer = std::move(observer);
}

Server::~Server() = default;

Result<int> Server::Start() {
  int threads = impl_->opts.threads > 0 ? impl_->opts.threads
                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int port = impl_->opts.port;
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>();
    beast::error_code ec;
    auto addr = asio::ip::make_address(impl_->opts.host, ec);
    if (ec) return Fail(ErrorKind::kInvalidArgument, "http.bad_address", "bad listen address " + impl_->opts.host);
    tcp::endpoint ep(addr, static_cast<unsigned short>(port));
    w->acceptor = std::make_unique<tcp::acceptor>(w->ioc);
    w->acceptor->open(ep.protocol(), ec);
    w->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    int one = 1;
    ::setsockopt(w->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    w->acceptor->bind(ep, ec);
    if (!ec) w->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Fail(ErrorKind::kUnavailable, "http.bind_failed",
                  "cannot listen on " + impl_->opts.host + ":" + std::to_string(port) + ": " + ec.message());
    }
    port = w->acceptor->local_endpoint().port();  // the others join port 0's pick
    impl_->workers.push_back(std::move(w));
  }
  return port;
}

void Server::Run() {
  for (auto& w : impl_->workers) {
    asio::co_spawn(w->ioc, impl_->Accept(w.get()), asio::detached);
    w->thread = std::thread([wp = w.get()] {
      NameThisThread("ws-http");
      wp->ioc.run();
    });
  }
  impl_->signals.async_wait([this](const beast::error_code& ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
  impl_->signal_ioc.run();
  // Signal handled or Stop() called: wait for the workers to drain, but not
  // forever.
  auto deadline = std::chrono::steady_clock::now() + impl_->opts.shutdown_grace;
  for (auto& w : impl_->workers) {
    while (!w->ioc.stopped() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    w->ioc.stop();
    w->thread.join();
  }
}

void Server::Stop() {
  impl_->BeginShutdown();
  asio::post(impl_->signal_ioc, [this] {
    beast::error_code ec;
    impl_->signals.cancel(ec);
  });
}

}  // namespace weishang::api
