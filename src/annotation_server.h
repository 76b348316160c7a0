// The local HTTP service (`biotator serve`): cpp-httplib carrying requests to an
// AnnotationService, which decides every answer. It binds 127.0.0.1 by default, so
// only this machine can reach it, and it needs no network beyond that socket.
#pragma once

#include <atomic>
#include <memory>
#include <ostream>
#include <string>

#include "annotation_service.h"

namespace biotator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;   // 0: a free port chosen by the system (bind() says which)
  int threads = 0;   // requests served at once; 0: all cores
  // When set, one line per request once it is answered: client address, method and
  // target, status, request and response body sizes, milliseconds.
  std::ostream* request_log = nullptr;
};

class AnnotationServer {
 public:
  // `service` must outlive the server.
  AnnotationServer(const AnnotationService& service, ServerOptions options);
  ~AnnotationServer();  // stops serving and waits for it
  AnnotationServer(const AnnotationServer&) = delete;
  AnnotationServer& operator=(const AnnotationServer&) = delete;

  // Binds and listens; returns the port. Connections wait in the backlog until serve()
  // runs. Throws std::runtime_error naming host and port when the socket cannot be bound.
  int bind();
  // Serves on the calling thread until stop(). Returns false when the server stopped
  // for another reason (the listening socket failed).
  bool serve();
  // Makes serve() return once the requests in progress are answered. From any thread,
  // before, during or after serve() (not from a signal handler: see serve_until_signal).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> serving_{false};
};

// Serves until the process gets SIGINT or SIGTERM, then stops cleanly: both signals are
// blocked on the calling thread before the server's threads start (they inherit the
// mask) and taken by sigtimedwait on a thread of this function's, which calls stop().
// Returns serve()'s result.
bool serve_until_signal(AnnotationServer& server);

}  // namespace biotator
