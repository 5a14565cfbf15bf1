// The only translation unit that includes Boost.Beast. Layers, as in Beast's
// awaitable example: an accept loop per worker, a session loop per
// connection, and the handler (request in, reply out) which knows no socket.
#include "api/http/server.h"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include "core/log.h"
#include "core/request_errors.h"
#include "core/threads.h"

namespace weishang::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
// Everything runs on its worker's io_context, so sockets, timers and
// coroutines use that context's executor type directly: no type-erased
// executor to copy on every operation.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;
template <class T>
using Task = asio::awaitable<T, Executor>;
constexpr asio::use_awaitable_t<Executor> kAwait;
constexpr auto kTuple = asio::as_tuple(kAwait);

// One connection. `deadline` is when the worker's sweeper closes it unless
// the session moves it on first: setting it costs a store, not a timer.
struct Connection {
  explicit Connection(Socket s) : socket(std::move(s)) {}
  Socket socket;
  Clock::time_point deadline = Clock::time_point::max();
  bool busy = false;
};

// A deferred reply waiting for its response: made by a storage thread,
// resumed on the connection's worker.
struct PendingReply {
  virtual ~PendingReply() = default;
  virtual void Resume(HttpResponse response) = 0;
  ResponseThunk make;
};

template <class Handler>
struct PendingReplyFor final : PendingReply {
  explicit PendingReplyFor(Handler h) : handler(std::move(h)) {}
  void Resume(HttpResponse response) override { std::move(handler)(std::move(response)); }
  Handler handler;
};

// One thread, one io_context, one acceptor. `sessions` is touched only on
// this worker's thread; `inbox` is where other threads hand over the
// responses of deferred replies, and one post drains all that arrived
// together (a commit group answers dozens at once).
struct Worker {
  asio::io_context ioc{1};
  std::unique_ptr<Acceptor> acceptor;
  std::list<Connection*> sessions;
  Timer sweeper{ioc};
  std::thread thread;

  std::mutex inbox_mu;
  std::vector<PendingReply*> inbox;
  std::vector<PendingReply*> draining;
  bool drain_posted = false;

  ~Worker() {
    // Replies made after the threads stopped (the database flushes its
    // last commits after Run returns) are never resumed.
    for (PendingReply* r : inbox) delete r;
  }
  void Deliver(PendingReply* reply);
  void ResumeDelivered();
};

HttpResponse TransportError(int status, const char* code, const char* message) {
  HttpResponse r;
  r.status = status;
  r.body = std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
  return r;
}

void Worker::Deliver(PendingReply* reply) {
  bool post;
  {
    std::lock_guard lock(inbox_mu);
    inbox.push_back(reply);
    post = !drain_posted;
    drain_posted = true;
  }
  if (post) asio::post(ioc, [this] { ResumeDelivered(); });
}

void Worker::ResumeDelivered() {
  {
    std::lock_guard lock(inbox_mu);
    draining.swap(inbox);
    drain_posted = false;
  }
  for (PendingReply* reply : draining) {
    std::unique_ptr<PendingReply> owned(reply);
    HttpResponse r;
    try {
      r = owned->make();
    } catch (const std::exception& e) {
      LogError(std::string("response thunk threw: ") + e.what());
      r = TransportError(500, request_errors::kInternal, "internal error");
    }
    owned->Resume(std::move(r));
  }
  draining.clear();
}

Method ToMethod(http::verb v) {
  switch (v) {
    case http::verb::get:
      return Method::kGet;
    case http::verb::head:
      return Method::kGet;
    case http::verb::post:
      return Method::kPost;
    case http::verb::put:
      return Method::kPut;
    case http::verb::patch:
      return Method::kPatch;
    case http::verb::delete_:
      return Method::kDelete;
    default:
      return Method::kOther;
  }
}

// Parses one request straight into an HttpRequest: the headers the engine
// reads are copied out as they arrive and the rest are skipped, so no header
// table is built (Beast's own parser allocated for each field).
class RequestParser final : public http::basic_parser<true> {
 public:
  explicit RequestParser(HttpRequest& req) : req_(req) {}
  bool head() const { return head_; }

 private:
  void on_request_impl(http::verb method, beast::string_view, beast::string_view target, int,
                       beast::error_code&) override {
    head_ = method == http::verb::head;
    req_.method = ToMethod(method);
    std::string_view t = target;
    std::size_t q = t.find('?');
    req_.path.assign(t.substr(0, q));
    if (q != std::string_view::npos) req_.query.assign(t.substr(q + 1));
  }
  void on_response_impl(int, beast::string_view, int, beast::error_code&) override {}
  void on_field_impl(http::field name, beast::string_view name_string, beast::string_view value,
                     beast::error_code&) override {
    // A repeated header keeps its first value, as msg[name] did.
    auto keep = [&](std::string& into) {
      if (into.empty()) into.assign(value.data(), value.size());
    };
    switch (name) {
      case http::field::authorization:
        return keep(req_.authorization);
      case http::field::content_type:
        return keep(req_.content_type);
      case http::field::accept_language:
        return keep(req_.accept_language);
      case http::field::accept_encoding:
        return keep(req_.accept_encoding);
      case http::field::host:
        return keep(req_.host);
      case http::field::if_none_match:
        return keep(req_.if_none_match);
      case http::field::unknown:
        if (beast::iequals(name_string, "Idempotency-Key")) return keep(req_.idempotency_key);
        if (beast::iequals(name_string, "X-Signature")) return keep(req_.signature);
        if (beast::iequals(name_string, "X-Request-Id")) {
          if (req_.request_id.empty()) req_.request_id.assign(value.substr(0, 64));
        }
        return;
      default:
        return;
    }
  }
  void on_header_impl(beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         beast::error_code&) override {
    // The length is within the body limit: the parser refuses larger ones first.
    if (length) req_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(beast::string_view body, beast::error_code&) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body,
                                 beast::error_code&) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(beast::error_code&) override {}

  HttpRequest& req_;
  bool head_ = false;
};

// Appends a header line, dropping CR and LF so that no value can end the
// header early.
void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ");
  for (char c : value) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  out.append("\r\n");
}

// The status line and headers of a response, written by hand: Beast's
// serializer walked a chain of buffer views for every response and its
// header table allocated once per field.
void WriteResponseHead(const HttpResponse& resp, std::string_view request_id, bool keep_alive,
                       std::string& out) {
  out.clear();
  out.append("HTTP/1.1 ");
  out.append(std::to_string(resp.status));
  out.push_back(' ');
  std::string_view reason = http::obsolete_reason(static_cast<http::status>(resp.status));
  out.append(reason).append("\r\nServer: weishang\r\n");
  if (!resp.content_type.empty()) AppendHeader(out, "Content-Type", resp.content_type);
  if (!request_id.empty()) AppendHeader(out, "X-Request-Id", request_id);
  for (const auto& [k, v] : resp.headers) AppendHeader(out, k, v);
  if (!keep_alive) out.append("Connection: close\r\n");
  // A 304 has no body, and its Content-Length would have to be the 200's.
  if (resp.status != 304) {
    out.append("Content-Length: ").append(std::to_string(resp.Body().size())).append("\r\n");
  }
  out.append("\r\n");
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

  Task<void> Accept(Worker* w);
  Task<void> Sweep(Worker* w);
  Task<void> Session(Worker* w, Socket socket);
  Task<HttpResponse> Answer(Worker* w, HttpRequest& req);
  Task<void> Drain(Connection& conn);
  void BeginShutdown();
};

Task<void> Server::Impl::Accept(Worker* w) {
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

// Once a second, closes the connections whose deadline has passed; their
// pending read or write then fails and the session ends. Timeouts are
// therefore up to a second late, and a request costs no timer operation.
Task<void> Server::Impl::Sweep(Worker* w) {
  for (;;) {
    w->sweeper.expires_after(std::chrono::seconds(1));
    (void)co_await w->sweeper.async_wait(kTuple);
    if (stopping && w->sessions.empty()) co_return;
    auto now = Clock::now();
    for (Connection* c : w->sessions) {
      if (c->deadline <= now) {
        beast::error_code ignored;
        c->socket.close(ignored);
      }
    }
  }
}

Task<HttpResponse> Server::Impl::Answer(Worker* w, HttpRequest& req) {
  Reply reply;
  try {
    reply = handler(req);
  } catch (const std::exception& e) {
    LogError(std::string("handler threw: ") + e.what() + " rid=" + req.request_id);
    co_return TransportError(500, request_errors::kInternal, "internal error");
  }
  if (auto* direct = std::get_if<HttpResponse>(&reply)) co_return std::move(*direct);
  // A deferred reply (usually: answer after the write is durable). Its
  // Respond may be called on a storage thread; the response is made and the
  // coroutine resumed on this worker (Worker::ResumeDelivered).
  auto& deferred = std::get<Deferred>(reply);
  co_return co_await asio::async_initiate<decltype(kAwait), void(HttpResponse)>(
      [&deferred, w](auto handler) {
        auto* pending = new PendingReplyFor<decltype(handler)>(std::move(handler));
        deferred.start([pending, w](ResponseThunk make) {
          pending->make = std::move(make);
          w->Deliver(pending);
        });
      },
      kAwait);
}

Task<void> Server::Impl::Session(Worker* w, Socket socket) {
  Connection conn(std::move(socket));
  auto self = w->sessions.insert(w->sessions.end(), &conn);
  beast::error_code addr_ec;
  std::string remote = conn.socket.remote_endpoint(addr_ec).address().to_string();
  beast::flat_buffer buffer;
  // Kept across the requests of a connection, so that their strings keep
  // their capacity: most requests then parse and answer without allocating.
  HttpRequest req;
  std::string head;
  for (;;) {
    if (stopping) break;
    req.Clear();
    req.remote_ip = remote;
    RequestParser parser(req);
    parser.header_limit(16 * 1024);
    parser.body_limit(opts.body_limit);
    // Waiting for the next request on a kept-alive connection: idle timeout.
    conn.deadline = Clock::now() + opts.idle_timeout;
    auto [hec, hn] = co_await http::async_read_header(conn.socket, buffer, parser, kTuple);
    conn.busy = true;
    for (const auto& [path, limit] : opts.large_bodies) {
      if (!hec && req.path == path) parser.body_limit(limit);
    }
    HttpResponse resp;
    bool keep_alive = false;
    auto started = Clock::now();
    beast::error_code ec = hec;
    bool drain = false;  // the client may still be sending what we refused
    if (!ec) {
      // Reading the rest of this request: read timeout.
      conn.deadline = started + opts.read_timeout;
      auto [bec, bn] = co_await http::async_read(conn.socket, buffer, parser, kTuple);
      ec = bec;
    }
    if (ec == http::error::body_limit) {
      resp =
          TransportError(413, request_errors::kBodyTooLarge, "request body exceeds the size limit");
      drain = true;
    } else if (ec == http::error::header_limit) {
      resp = TransportError(431, request_errors::kHeadersTooLarge, "request headers are too large");
    } else if (ec) {
      if (ec != http::error::end_of_stream && ec != asio::error::operation_aborted &&
          ec != asio::error::bad_descriptor && ec != asio::error::connection_reset &&
          ec != asio::error::eof) {
        resp = TransportError(400, request_errors::kBadHttp, "malformed HTTP request");
      } else {
        break;
      }
    } else {
      keep_alive = parser.keep_alive();
      conn.deadline = Clock::time_point::max();  // the handler takes as long as it takes
      resp = co_await Answer(w, req);
    }
    keep_alive = keep_alive && !stopping;
    WriteResponseHead(resp, req.request_id, keep_alive, head);
    std::string_view body = resp.Body();
    std::size_t bytes = body.size();
    // A HEAD answer says how long the body is without sending it.
    std::array<asio::const_buffer, 2> out{asio::buffer(head),
                                          asio::buffer(body.data(), parser.head() ? 0 : bytes)};
    conn.deadline = Clock::now() + opts.read_timeout;
    auto [wec, wn] = co_await asio::async_write(conn.socket, out, kTuple);
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (observer) {
      try {
        observer(req, resp.status, seconds, bytes);
      } catch (const std::exception& e) {
        LogError(std::string("request observer threw: ") + e.what());
      }
    }
    conn.busy = false;
    if (drain && !wec) co_await Drain(conn);
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  conn.socket.shutdown(tcp::socket::shutdown_send, ignored);
  w->sessions.erase(self);
  if (stopping && w->sessions.empty()) w->sweeper.cancel();  // the last one: let the worker end
}

// A lingering close: stop sending, then read and discard what the client is
// still sending (bounded in bytes and time), so it sees our answer instead of
// a connection reset.
Task<void> Server::Impl::Drain(Connection& conn) {
  beast::error_code ignored;
  conn.socket.shutdown(tcp::socket::shutdown_send, ignored);
  conn.deadline = Clock::now() + std::chrono::seconds(2);
  std::array<char, 16384> sink;
  std::size_t total = 0;
  while (total < (64u << 20)) {
    auto [ec, n] = co_await conn.socket.async_read_some(asio::buffer(sink), kTuple);
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
      for (Connection* c : wp->sessions) {
        if (!c->busy) c->socket.close(ec);
      }
      if (wp->sessions.empty()) wp->sweeper.cancel();
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
  int threads = impl_->opts.threads > 0
                    ? impl_->opts.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int port = impl_->opts.port;
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>();
    beast::error_code ec;
    auto addr = asio::ip::make_address(impl_->opts.host, ec);
    if (ec)
      return Fail(ErrorKind::kInvalidArgument, "http.bad_address",
                  "bad listen address " + impl_->opts.host);
    tcp::endpoint ep(addr, static_cast<unsigned short>(port));
    w->acceptor = std::make_unique<Acceptor>(w->ioc);
    w->acceptor->open(ep.protocol(), ec);
    w->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    int one = 1;
    ::setsockopt(w->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    w->acceptor->bind(ep, ec);
    if (!ec) w->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Fail(ErrorKind::kUnavailable, "http.bind_failed",
                  "cannot listen on " + impl_->opts.host + ":" + std::to_string(port) + ": " +
                      ec.message());
    }
    port = w->acceptor->local_endpoint().port();  // the others join port 0's pick
    impl_->workers.push_back(std::move(w));
  }
  return port;
}

void Server::Run() {
  for (auto& w : impl_->workers) {
    asio::co_spawn(w->ioc, impl_->Accept(w.get()), asio::detached);
    asio::co_spawn(w->ioc, impl_->Sweep(w.get()), asio::detached);
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
