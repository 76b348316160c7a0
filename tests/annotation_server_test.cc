// The HTTP server over loopback: a real socket on 127.0.0.1 (a free port), requests
// from httplib's client, answers compared with the service's own. Every wait is bounded
// (client timeouts, a watchdog on the serving thread), so a failure fails, never hangs.
#include "annotation_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "test_paths.h"

namespace biotator {
namespace {

const char* kPubTator =
    "301|t|Aspirin lowers fever.\n"
    "301|a|In rats, aspirin reduced fever caused by IL-1. \n"
    "301\t0\t7\tAspirin\tChemical\tMESH:D001241\n"
    "301\t15\t20\tfever\tDisease\tMESH:D005334\n"
    "\n";

// A server serving `service` on a thread of its own, stopped and joined on destruction.
class RunningServer {
 public:
  RunningServer(const AnnotationService& service, ServerOptions options) : server_(service, options) {
    port_ = server_.bind();
    served_ = std::async(std::launch::async, [this] { return server_.serve(); });
  }
  ~RunningServer() { stop(); }

  int port() const { return port_; }

  // Stops the server; false when serve() did not return within 10 seconds.
  bool stop() {
    if (!served_.valid()) return true;
    server_.stop();
    if (served_.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return false;
    served_.get();
    return true;
  }

 private:
  AnnotationServer server_;
  int port_ = 0;
  std::future<bool> served_;
};

httplib::Client client_for(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  client.set_write_timeout(30);
  return client;
}

class Server : public ::testing::Test {
 protected:
  Server() : service_(bundle_, options()) {}
  static ServiceOptions options() {
    ServiceOptions o;
    o.defaults.entities_from_input = true;  // no models needed
    o.max_body_bytes = 1 << 16;
    return o;
  }
  ModelBundle bundle_;
  AnnotationService service_;
};

TEST_F(Server, AnswersOverLoopbackAsTheServiceDoes) {
  RunningServer server(service_, {"127.0.0.1", 0, 2});
  ASSERT_GT(server.port(), 0);
  httplib::Client client = client_for(server.port());

  auto health = client.Get("/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["status"], "ok");

  // curl --data-binary sends application/x-www-form-urlencoded: still the documents.
  for (const char* content_type : {"text/plain", "application/x-www-form-urlencoded"}) {
    auto r = client.Post("/annotate?to=bioc-json", kPubTator, content_type);
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    const ServiceResponse direct = service_.handle({"POST", "/annotate", {{"to", "bioc-json"}}, kPubTator});
    EXPECT_EQ(r->body, direct.body) << content_type;
  }

  auto bad = client.Post("/annotate", "302|t|Title\n302\t9\t2\tx\tChemical\t-\n\n", "text/plain");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(bad->body.starts_with("request body:2: ")) << bad->body;

  auto bad_parameter = client.Post("/annotate?colour=red", kPubTator, "text/plain");
  ASSERT_TRUE(bad_parameter);
  EXPECT_EQ(bad_parameter->status, 400);
  EXPECT_NE(bad_parameter->body.find("colour"), std::string::npos);

  auto missing = client.Get("/nothing-here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto wrong_method = client.Get("/annotate");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);

  auto too_large = client.Post("/annotate", std::string((1 << 16) + 1, 'x'), "text/plain");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);

  EXPECT_TRUE(server.stop());
  // Stopped: nothing listens any more.
  httplib::Client after = client_for(server.port());
  after.set_connection_timeout(1);
  EXPECT_FALSE(after.Get("/health"));
}

TEST_F(Server, LogsALinePerRequestWhenAsked) {
  std::ostringstream log;
  {
    ServerOptions options{"127.0.0.1", 0, 2};
    options.request_log = &log;
    RunningServer server(service_, options);
    httplib::Client client = client_for(server.port());
    ASSERT_TRUE(client.Get("/health"));
    ASSERT_TRUE(client.Post("/annotate?to=bioc-json", kPubTator, "text/plain"));
    ASSERT_TRUE(client.Get("/nothing-here"));
    EXPECT_TRUE(server.stop());
  }
  const std::string text = log.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
  const std::string body_bytes = std::to_string(std::string(kPubTator).size());
  EXPECT_TRUE(std::regex_search(text, std::regex("biotator: 127\\.0\\.0\\.1 \"GET /health\" 200 0 [0-9]+ [0-9.]+ ms\n")))
      << text;
  EXPECT_TRUE(std::regex_search(
      text, std::regex("\"POST /annotate\\?to=bioc-json\" 200 " + body_bytes + " [1-9][0-9]* [0-9.]+ ms\n")))
      << text;
  EXPECT_NE(text.find("\"GET /nothing-here\" 404 0 "), std::string::npos) << text;
}

TEST_F(Server, StopsWhenAskedBeforeServing) {
  AnnotationServer server(service_, {"127.0.0.1", 0, 1});
  server.bind();
  server.stop();
  auto served = std::async(std::launch::async, [&] { return server.serve(); });
  ASSERT_EQ(served.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(served.get());
}

TEST_F(Server, RefusesAPortInUse) {
  RunningServer first(service_, {"127.0.0.1", 0, 1});
  AnnotationServer second(service_, {"127.0.0.1", first.port(), 1});
  EXPECT_THROW(second.bind(), std::runtime_error);
}

// `biotator serve` as a process: it says where it listens, answers, and exits 0 on
// SIGTERM and on SIGINT.
TEST(ServeCommand, ListensAndStopsOnSignals) {
  namespace fs = std::filesystem;
  const std::string models = testing::temp_path("serve_models");  // empty: link modes only
  fs::create_directories(models);
  for (int signal : {SIGTERM, SIGINT}) {
    const std::string err = testing::temp_path("serve_stderr");
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      std::freopen(err.c_str(), "w", stderr);
      ::execl(testing::cli_path().c_str(), "biotator", "serve", "--port", "0", "--threads", "1", "--models",
              models.c_str(), "--entities-from-input", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The port, from the line it prints once listening (10 s at most).
    int port = 0;
    const std::regex listening("serving on http://127\\.0\\.0\\.1:([0-9]+) ");
    for (int i = 0; i < 1000 && port == 0; ++i) {
      std::smatch m;
      const std::string text = testing::read_file(err);
      if (std::regex_search(text, m, listening)) port = std::stoi(m[1]);
      else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT(port, 0) << testing::read_file(err);
    if (port > 0) {  // no ASSERT until the process is reaped below
      httplib::Client client = client_for(port);
      auto health = client.Get("/health");
      EXPECT_TRUE(health && health->status == 200) << httplib::to_string(health.error());
      auto r = client.Post("/annotate", kPubTator, "text/plain");
      EXPECT_TRUE(r && r->status == 200 && r->body.starts_with("301|t|Aspirin")) << httplib::to_string(r.error());
    }
    ::kill(pid, signal);
    int status = -1;
    for (int i = 0; i < 1000; ++i) {  // 10 s, then it is killed and the test fails
      if (::waitpid(pid, &status, WNOHANG) == pid) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (i == 999) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        ADD_FAILURE() << "serve did not stop on signal " << signal;
      }
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_NE(testing::read_file(err).find("biotator: stopped"), std::string::npos) << testing::read_file(err);
    fs::remove(err);
  }
  fs::remove_all(models);
}

}  // namespace
}  // namespace biotator
