// `biotator annotate` as a local service, without HTTP: a request (method, path, query
// parameters, body) in, a response (status, content type, body) out. The HTTP server
// (annotation_server.h) only carries requests to handle(); everything a client can see
// is decided here, so it is tested without sockets.
//
//   GET  /health    200, JSON: status, version, model directory and the models loaded
//   POST /annotate  the body holds documents in any input format; the query parameters
//                   are annotate's flags (from, to, type_names, id_style, novelty, scores,
//                   min_score, ...), overriding the server's defaults; id names a
//                   plain-text document. 200 with exactly the bytes `biotator annotate -`
//                   writes for that input on stdin and those options.
//
// Errors: 400 bad input ("request body:LINE: reason", as annotate reports it) or a bad
// parameter (named); 404 unknown path; 405 wrong method; 413 body over the limit; 503 a
// recognition request when the bundle has no NER model; 500 anything unexpected.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "annotate_options.h"
#include "model_bundle.h"

namespace biotator {

struct ServiceRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::vector<std::pair<std::string, std::string>> parameters;  // the query's, decoded
  std::string body;
};

struct ServiceResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type
};

struct ServiceOptions {
  AnnotateOptions defaults;  // what a request's parameters start from
  size_t max_body_bytes = size_t{64} << 20;
};

// What names a request body in error messages, where annotate names the file.
inline constexpr const char* kRequestBodyName = "request body";
// The ID of a plain-text body's document when the request gives none (parameter id):
// the one `biotator annotate -` gives a text read from stdin.
inline constexpr const char* kTextDocumentId = "stdin";

class AnnotationService {
 public:
  // `bundle` must outlive the service. Throws std::invalid_argument for defaults that
  // validate() rejects.
  AnnotationService(const ModelBundle& bundle, ServiceOptions options);
  ~AnnotationService();

  // Safe to call from several threads at once (see the pipeline pool in the .cc).
  ServiceResponse handle(const ServiceRequest& request) const;

  size_t max_body_bytes() const { return options_.max_body_bytes; }

 private:
  class PipelinePool;

  ServiceResponse health() const;
  ServiceResponse annotate(const ServiceRequest& request) const;

  const ModelBundle& bundle_;
  ServiceOptions options_;
  std::unique_ptr<PipelinePool> pool_;
};

// The Content-Type of an output format ("text/plain; charset=utf-8" for PubTator).
std::string content_type_of(Format format);

}  // namespace biotator
