#include "annotation_service.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <exception>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "annotation_run.h"
#include "batch_annotator.h"
#include "byte_source.h"

namespace biotator {

// AnnotationPipeline may not be called from two threads at once: its RelationExtractor
// keeps the current document's candidates and predictions in member buffers (the other
// stages' scratch is thread_local, so it is per thread already). Each request therefore
// borrows a pipeline of its own for as long as it runs and gives it back afterwards.
// The pool grows to the number of requests served at once (the server's threads) and no
// further. A borrowed pipeline built with other options than the request's is rebuilt:
// that is cheap next to annotating (a pipeline only refers to the bundle, which is loaded
// once and only read, as annotate's worker threads share it). The mutex guards the list
// of idle pipelines only; annotation runs outside it.
class AnnotationService::PipelinePool {
 public:
  struct Entry {
    PipelineOptions options;
    std::unique_ptr<BatchAnnotator> annotator;  // one pipeline, driven on the caller's thread
  };

  explicit PipelinePool(const ModelBundle& bundle) : bundle_(bundle) {}

  // An idle pipeline built with `options`, else another idle one rebuilt, else a new one.
  std::unique_ptr<Entry> borrow(const PipelineOptions& options) {
    std::unique_ptr<Entry> entry;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto it = idle_.begin();
        for (auto i = idle_.begin(); i != idle_.end(); ++i)
          if ((*i)->options == options) {
            it = i;
            break;
          }
        entry = std::move(*it);
        idle_.erase(it);
      }
    }
    if (entry && entry->options == options) return entry;
    if (!entry) entry = std::make_unique<Entry>();
    entry->options = options;
    entry->annotator = std::make_unique<BatchAnnotator>(bundle_, options, 1);
    return entry;
  }

  void give_back(std::unique_ptr<Entry> entry) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(entry));
  }

 private:
  const ModelBundle& bundle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> idle_;
};

namespace {

// A bad query parameter; the message names it.
struct ParameterError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

ServiceResponse text_response(int status, std::string message) {
  ServiceResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  if (!message.empty() && message.back() != '\n') message += '\n';
  r.body = std::move(message);
  return r;
}

bool parse_bool(const std::string& name, const std::string& value) {
  // "?novelty" alone means yes, as the flag does on the command line.
  if (value.empty() || value == "1" || value == "true") return true;
  if (value == "0" || value == "false") return false;
  throw ParameterError("parameter " + name + ": expected 1, 0, true or false, got \"" + value + "\"");
}

double parse_double(const std::string& name, const std::string& value) {
  double x = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, x);
  if (value.empty() || ec != std::errc() || ptr != end || !std::isfinite(x))
    throw ParameterError("parameter " + name + ": expected a number, got \"" + value + "\"");
  return x;
}

Format parse_format_parameter(const std::string& name, const std::string& value, bool for_output) {
  auto f = parse_format(value);
  if (!f || (for_output && !can_write(*f)))
    throw ParameterError("parameter " + name + ": expected " + format_names(for_output) + ", got \"" + value + "\"");
  return *f;
}

// The request's options: the server's defaults with its parameters applied. Parameters
// are annotate's flags without the dashes, '-' written '_' ("min_score"); every one is
// also accepted with '-' ("min-score").
AnnotateOptions request_options(const std::vector<std::pair<std::string, std::string>>& parameters,
                                const AnnotateOptions& defaults) {
  AnnotateOptions o = defaults;
  std::set<std::string> seen;
  for (const auto& [given_name, value] : parameters) {
    std::string name = given_name;
    for (char& c : name)
      if (c == '-') c = '_';
    if (!seen.insert(name).second) throw ParameterError("parameter " + name + " given twice");
    if (name == "from") o.input_format = parse_format_parameter(name, value, false);
    else if (name == "to") o.output_format = parse_format_parameter(name, value, true);
    else if (name == "type_names") {
      const auto names = parse_type_names(value);
      if (!names) throw ParameterError("parameter type_names: expected pubtator3 or biored, got \"" + value + "\"");
      o.type_names = *names;
    } else if (name == "id_style") {
      o.id_style = parse_id_style(value);
      if (!o.id_style) throw ParameterError("parameter id_style: expected pubtator3 or biored, got \"" + value + "\"");
    } else if (name == "lines") o.text_lines = parse_bool(name, value);
    else if (name == "id") {
      if (value.empty() || value.find_first_of("\t\r\n|") != std::string::npos)
        throw ParameterError("parameter id: expected a document ID without tabs, line breaks or '|', got \"" +
                             value + "\"");
      o.text_document_id = value;
    }
    else if (name == "keep_going") o.keep_going = parse_bool(name, value);
    else if (name == "no_abbreviation_consistency") o.no_abbreviation_consistency = parse_bool(name, value);
    else if (name == "surface_consistency") o.surface_consistency = parse_bool(name, value);
    else if (name == "keep_tagger_variants") o.keep_tagger_variants = parse_bool(name, value);
    else if (name == "link_input_mentions") o.link_input_mentions = parse_bool(name, value);
    else if (name == "entities_from_input") o.entities_from_input = parse_bool(name, value);
    else if (name == "allow_mismatched_mentions") o.allow_mismatched_mentions = parse_bool(name, value);
    else if (name == "novelty") o.novelty = parse_bool(name, value);
    else if (name == "scores") o.scores = parse_bool(name, value);
    else if (name == "min_score") o.min_score = parse_double(name, value);
    else if (name == "variant_rs_lookup") {
      if (value != "0" && value != "1" && value != "2")
        throw ParameterError("parameter variant_rs_lookup: expected 0, 1 or 2, got \"" + value + "\"");
      o.variant_rs_lookup = value[0] - '0';
    } else {
      throw ParameterError("unknown parameter " + given_name +
                           " (from, to, type_names, id_style, novelty, scores, min_score, keep_going, id, lines, "
                           "link_input_mentions, entities_from_input, allow_mismatched_mentions, "
                           "variant_rs_lookup, keep_tagger_variants, no_abbreviation_consistency, "
                           "surface_consistency)");
    }
  }
  try {
    validate(o);
  } catch (const std::invalid_argument& e) {
    throw ParameterError(e.what());
  }
  return o;
}

// annotate's log lines without its "biotator: " prefix (the client knows who answers).
std::vector<std::string> log_lines(const std::string& log) {
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("biotator: ")) line.erase(0, 10);
    lines.push_back(std::move(line));
  }
  return lines;
}

// A header value from a message that may quote the input: no control characters.
std::string header_safe(std::string s) {
  constexpr size_t kMaxBytes = 1000;
  if (s.size() > kMaxBytes) s.resize(kMaxBytes);
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return s;
}

// One `name` header per message, the first 100 of them (annotate's stderr lines, which a
// client reads beside the body).
void add_message_headers(ServiceResponse& r, const std::string& name, const std::vector<std::string>& messages) {
  constexpr size_t kMaxHeaders = 100;
  for (size_t i = 0; i < messages.size() && i < kMaxHeaders; ++i) r.headers.emplace_back(name, header_safe(messages[i]));
}

}  // namespace

std::string content_type_of(Format format) {
  switch (format) {
    case Format::kBioCXml: return "application/xml; charset=utf-8";
    case Format::kBioCJson:
    case Format::kPubTator3Json: return "application/json; charset=utf-8";
    default: return "text/plain; charset=utf-8";
  }
}

AnnotationService::AnnotationService(const ModelBundle& bundle, ServiceOptions options)
    : bundle_(bundle), options_(std::move(options)), pool_(std::make_unique<PipelinePool>(bundle)) {
  validate(options_.defaults);
}

AnnotationService::~AnnotationService() = default;

ServiceResponse AnnotationService::handle(const ServiceRequest& request) const {
  try {
    if (request.path == "/health") {
      if (request.method != "GET" && request.method != "HEAD") {
        ServiceResponse r = text_response(405, "method " + request.method + " not allowed on /health (GET)");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
      }
      return health();
    }
    if (request.path == "/annotate") {
      if (request.method != "POST") {
        ServiceResponse r = text_response(405, "method " + request.method + " not allowed on /annotate (POST)");
        r.headers.emplace_back("Allow", "POST");
        return r;
      }
      return annotate(request);
    }
    return text_response(404, "no such path: " + request.path + " (GET /health, POST /annotate)");
  } catch (const std::exception& e) {
    return text_response(500, std::string("internal error: ") + e.what());
  }
}

ServiceResponse AnnotationService::health() const {
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  const std::pair<const char*, bool> parts[] = {
      {ModelBundle::kLexiconFile, bundle_.lexicon != nullptr},
      {ModelBundle::kClustersFile, bundle_.clusters != nullptr},
      {ModelBundle::kNerFile, bundle_.ner != nullptr},
      {ModelBundle::kKbFile, bundle_.kb != nullptr},
      {ModelBundle::kVariantRsFile, bundle_.variant_rs != nullptr},
      {ModelBundle::kVariantFilterFile, bundle_.variant_filter != nullptr},
      {ModelBundle::kRelationsFile, bundle_.relations != nullptr},
  };
  for (const auto& [file, loaded] : parts)
    if (loaded) models.push_back(file);
  nlohmann::ordered_json j;
  j["status"] = "ok";
  j["version"] = BIOTATOR_VERSION;
  j["models"] = {{"directory", bundle_.directory}, {"loaded", models}};
  j["max_body_bytes"] = options_.max_body_bytes;
  ServiceResponse r;
  r.content_type = "application/json; charset=utf-8";
  r.body = j.dump() + "\n";
  return r;
}

ServiceResponse AnnotationService::annotate(const ServiceRequest& request) const {
  if (request.body.size() > options_.max_body_bytes)
    return text_response(413, "request body of " + std::to_string(request.body.size()) + " bytes is over the limit of " +
                                  std::to_string(options_.max_body_bytes) + " bytes");
  AnnotateOptions options;
  try {
    options = request_options(request.parameters, options_.defaults);
  } catch (const ParameterError& e) {
    return text_response(400, e.what());
  }
  if (!bundle_.ner && annotate_mode(options) == AnnotateMode::kFull)
    return text_response(503, std::string("no entity recognition model (") + ModelBundle::kNerFile + ") in " +
                                  bundle_.directory + "; only link_input_mentions and entities_from_input work");

  AnnotationRunOptions run;
  std::ostringstream log;  // errors and skipped documents, as annotate writes them on stderr
  // The mentions allow_mismatched_mentions keeps as written, one warning each, as annotate
  // prints them on stderr (they go to X-Biotator-Warning headers).
  std::ostringstream warnings;
  // A plain-text body is one document, named as annotate names one read from stdin
  // unless the request gives its ID.
  if (options.text_document_id.empty()) options.text_document_id = kTextDocumentId;
  run.read = read_options(options, &warnings);
  run.mode = annotate_mode(options);
  run.output_format = options.output_format;
  run.progress = ProgressStyle::kNone;
  run.summary = false;

  std::ostringstream out;
  std::unique_ptr<PipelinePool::Entry> pipeline = pool_->borrow(pipeline_options(options));
  AnnotationRunResult result;
  try {
    result = annotate_source(*pipeline->annotator, ByteSource::from_string(request.body, kRequestBodyName), run,
                             out, log);
  } catch (...) {
    pool_->give_back(std::move(pipeline));
    throw;
  }
  pool_->give_back(std::move(pipeline));

  std::vector<std::string> messages = log_lines(log.str());
  if (result.failed) {
    std::string body;
    for (const std::string& m : messages) body += m + "\n";
    return text_response(400, body.empty() ? "bad input" : body);
  }
  ServiceResponse r;
  r.content_type = content_type_of(options.output_format);
  r.body = std::move(out).str();
  add_message_headers(r, "X-Biotator-Warning", log_lines(warnings.str()));
  if (result.summary.skipped > 0) {
    // keep_going: the skipped documents are named in headers, one each (annotate's lines
    // on stderr), so the body stays exactly annotate's output.
    r.headers.emplace_back("X-Biotator-Skipped", std::to_string(result.summary.skipped));
    std::erase_if(messages, [](const std::string& m) { return m.starts_with("skipped "); });  // the count, given above
    add_message_headers(r, "X-Biotator-Skipped-Document", messages);
  }
  return r;
}

}  // namespace biotator
