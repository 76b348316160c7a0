#include "annotation_server.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <utility>
#include <stdexcept>
#include <thread>

namespace biotator {

namespace {

// What the request log says of a request beyond what httplib keeps: when its handler
// started and how many body bytes it read (a body read through a ContentReader is not
// kept in the Request). Set by the handlers, read and cleared by the logger.
struct RequestFacts {
  bool handled = false;  // false: httplib answered without a handler (a malformed request)
  std::chrono::steady_clock::time_point start;
  size_t body_bytes = 0;
};
thread_local RequestFacts request_facts;

}  // namespace

struct AnnotationServer::Impl {
  const AnnotationService& service;
  ServerOptions options;
  httplib::Server server;
  std::mutex log_mutex;  // one request_log line at a time

  void answer(const httplib::Request& req, httplib::Response& res, std::string body) const {
    request_facts.body_bytes = body.size();
    ServiceRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [name, value] : req.params) request.parameters.emplace_back(name, value);
    request.body = std::move(body);
    ServiceResponse response = service.handle(request);
    res.status = response.status;
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    res.set_content(std::move(response.body), response.content_type.c_str());
  }

  static void refuse(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    // The rest of the body is left unread: the connection cannot carry another request.
    res.set_header("Connection", "close");
    res.set_content(message + "\n", "text/plain; charset=utf-8");
  }

  // POST bodies are read here rather than by httplib: it would parse a body sent as
  // application/x-www-form-urlencoded (curl --data-binary's default) into parameters and
  // refuse one over 8 KiB. The body is taken as bytes whatever the Content-Type says.
  void answer_with_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) const {
    if (req.is_multipart_form_data())
      return refuse(res, 415, "send the documents as the request body, not as multipart/form-data");
    const size_t limit = service.max_body_bytes();
    std::string body;
    bool too_large = false;
    const bool read = reader([&](const char* data, size_t n) {
      if (n > limit - body.size()) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    request_facts.body_bytes = body.size();
    if (too_large || res.status == 413)
      return refuse(res, 413, "request body over the limit of " + std::to_string(limit) + " bytes");
    if (!read) return refuse(res, 400, "cannot read the request body");
    answer(req, res, std::move(body));
  }
};

AnnotationServer::AnnotationServer(const AnnotationService& service, ServerOptions options)
    : impl_(new Impl{service, std::move(options), {}, {}}) {
  Impl& impl = *impl_;
  const size_t threads = impl.options.threads > 0 ? static_cast<size_t>(impl.options.threads)
                                                  : std::max(1u, std::thread::hardware_concurrency());
  impl.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib refuses a longer Content-Length itself (413) before reading anything.
  impl.server.set_payload_max_length(service.max_body_bytes());
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind a port in
  // use and take half its connections; a restart still needs SO_REUSEADDR.
  impl.server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // httplib writes a response's headers and body in separate sends: with Nagle's
  // algorithm the body waited for the client's delayed ACK, 40 ms a request
  // (bench/serve.sh: 35 requests/s on one thread, against 1.4 ms per abstract annotated).
  impl.server.set_tcp_nodelay(true);
  if (impl.options.request_log) {
    // httplib logs a request on the worker thread that handled it, right after the
    // handler: the facts the handlers noted there (request_facts) are this request's.
    // Each line is formatted apart and written under a lock, so that the lines of
    // requests answered at once do not interleave.
    impl.server.set_logger([&impl](const httplib::Request& req, const httplib::Response& res) {
      const RequestFacts facts = std::exchange(request_facts, RequestFacts{});
      std::ostringstream line;
      line << "biotator: " << req.remote_addr << " \"" << req.method << " " << req.target << "\" " << res.status << " ";
      if (facts.handled) line << facts.body_bytes;
      else line << "-";
      line << " " << res.body.size() << " ";
      if (facts.handled) {
        line << std::fixed << std::setprecision(1)
             << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - facts.start).count()
             << " ms";
      } else {
        line << "-";
      }
      line << "\n";
      std::lock_guard lock(impl.log_mutex);
      *impl.options.request_log << line.str() << std::flush;
    });
  }
  // Every path and method goes to the service, which answers 404 and 405 itself.
  auto plain = [&impl](const httplib::Request& req, httplib::Response& res) {
    request_facts = {true, std::chrono::steady_clock::now(), 0};
    impl.answer(req, res, req.body);
  };
  auto with_body = [&impl](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    request_facts = {true, std::chrono::steady_clock::now(), 0};
    impl.answer_with_body(req, res, reader);
  };
  impl.server.Get(".*", plain);
  impl.server.Post(".*", with_body);
  impl.server.Put(".*", with_body);
  impl.server.Patch(".*", with_body);
  impl.server.Delete(".*", with_body);
  impl.server.Options(".*", plain);
  // Errors httplib answers itself (a malformed request, a Content-Length over the limit)
  // get a plain-text reason like the service's own.
  impl.server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    res.set_content(res.status == 413 ? "request body over the limit\n"
                                      : "HTTP " + std::to_string(res.status) + "\n",
                    "text/plain; charset=utf-8");
  });
  impl.server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
    std::string what = "unknown exception";
    try {
      if (e) std::rethrow_exception(e);
    } catch (const std::exception& x) {
      what = x.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content("internal error: " + what + "\n", "text/plain; charset=utf-8");
  });
}

AnnotationServer::~AnnotationServer() { stop(); }

int AnnotationServer::bind() {
  const ServerOptions& o = impl_->options;
  const int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host)
                               : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (address in use, or not an address of this machine)");
  return port;
}

bool AnnotationServer::serve() {
  serving_ = true;
  bool stopped_by_request = true;
  if (!stop_requested_) {
    impl_->server.listen_after_bind();
    stopped_by_request = stop_requested_;
  }
  serving_ = false;
  return stopped_by_request;
}

void AnnotationServer::stop() {
  stop_requested_ = true;
  // httplib's stop() does nothing until its accept loop has started (is_running()), and
  // must be called once only: wait for the loop when serve() has been entered but the
  // loop is not running yet. serve() checks stop_requested_ before starting the loop, so
  // a stop() before serve() is never lost.
  while (serving_) {
    if (impl_->server.is_running()) {
      impl_->server.stop();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

bool serve_until_signal(AnnotationServer& server) {
  sigset_t signals, previous;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 100'000'000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server.stop();
        return;
      }
    }
  });
  const bool result = server.serve();
  done = true;
  waiter.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return result;
}

}  // namespace biotator
