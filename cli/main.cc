// The `biotator` command: a thin layer over the library. Exit codes: 0 success,
// 1 bad input (or documents skipped under --keep-going), 2 usage error.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <string>
#include <vector>

#include <unistd.h>

#include "annotate_options.h"
#include "annotation_pipeline.h"
#include "annotation_run.h"
#include "annotation_server.h"
#include "annotation_service.h"
#include "batch_annotator.h"
#include "cluster_trainer.h"
#include "corpus_reader.h"
#include "entity_recognizer.h"
#include "evaluator.h"
#include "format.h"
#include "kb_builder.h"
#include "lexicon_builder.h"
#include "model_bundle.h"
#include "ner_trainer.h"
#include "relation_trainer.h"
#include "variant_filter_trainer.h"

namespace {

// A number option's check: the value must parse and satisfy `ok`, else the message
// names what it must be ("--epochs: must be a number above 0, not -1").
CLI::Validator number_check(const std::string& what, bool (*ok)(double)) {
  return CLI::Validator(
      [what, ok](std::string& value) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !ok(v))
          return "must be " + what + ", not " + value;
        return {};
      },
      "", "");
}
const CLI::Validator kAboveZero = number_check("a number above 0", [](double v) { return v > 0; });
const CLI::Validator kZeroOrMore = number_check("a number of 0 or more", [](double v) { return v >= 0; });
const CLI::Validator kZeroToOne = number_check("a number from 0 to 1", [](double v) { return v >= 0 && v <= 1; });
const CLI::Validator kTreeMode = number_check("0, 1 or 2", [](double v) { return v == 0 || v == 1 || v == 2; });
// The relation features' hash space (RelationFeatureExtractor takes 1..26 bits).
const CLI::Validator kHashBits =
    number_check("a whole number from 1 to 26", [](double v) { return v >= 1 && v <= 26 && v == static_cast<int>(v); });

using namespace biotator;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

std::optional<Format> format_option(const std::string& name, bool for_output) {
  if (name.empty()) return std::nullopt;
  auto f = parse_format(name);
  if (!f) throw CLI::ValidationError("unknown format \"" + name + "\" (" + format_names(false) + ")");
  if (for_output && !can_write(*f)) throw CLI::ValidationError(name + " is an input-only format; write " + format_names(true));
  return f;
}

// An output stream for "-" (stdout) or a file.
class Output {
 public:
  explicit Output(const std::string& path) {
    if (path.empty() || path == "-") {
      stream_ = &std::cout;
    } else {
      file_.open(path, std::ios::binary | std::ios::trunc);
      if (!file_) throw std::runtime_error(path + ": cannot open for writing");
      stream_ = &file_;
    }
  }
  std::ostream& stream() { return *stream_; }
  bool close() {
    stream_->flush();
    if (file_.is_open()) file_.close();
    return !stream_->fail();
  }

 private:
  std::ofstream file_;
  std::ostream* stream_ = nullptr;
};

// Reads every document of `inputs`, passes it through `transform` and writes it to
// `output` in `format`: the loop convert and annotate share, with the bad-input policy
// of read_corpus and an exit code to match.
int transform_documents(const std::vector<std::string>& inputs, const CorpusReadOptions& options,
                        const std::string& output, Format format, const std::function<void(Document&)>& transform) {
  std::unique_ptr<Output> out;
  try {
    out = std::make_unique<Output>(output);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  auto writer = make_writer(format, out->stream());
  CorpusReadResult r = read_corpus(inputs, options,
                                   [&](Document& doc) {
                                     transform(doc);
                                     writer->write(doc);
                                   },
                                   std::cerr);
  writer->finish();
  if (!out->close()) {
    std::cerr << "biotator: error writing " << output << "\n";
    return kExitBadInput;
  }
  if (r.skipped > 0) std::cerr << "biotator: skipped " << r.skipped << " bad document(s)\n";
  return (r.failed || r.skipped > 0) ? kExitBadInput : kExitOk;
}

struct ConvertArgs {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string from, to;
  bool lines = false;
  bool keep_going = false;
  bool allow_mismatched_mentions = false;
};

int run_convert(const ConvertArgs& args) {
  CorpusReadOptions options;
  options.format = format_option(args.from, false);
  options.reader.text_lines = args.lines;
  options.keep_going = args.keep_going;
  options.reader.allow_mismatched_mentions = args.allow_mismatched_mentions;
  options.reader.warnings = &std::cerr;
  Format out_format = args.to.empty() ? guess_output_format(args.output) : *format_option(args.to, true);

  return transform_documents(args.inputs, options, args.output, out_format, [](Document&) {});
}

struct EvalArgs {
  std::string gold, predicted;
  std::string from;
  bool json = false;
  bool allow_mismatched_mentions = false;
};

int run_eval(const EvalArgs& args) {
  std::optional<Format> format = format_option(args.from, false);
  std::vector<Document> gold, predicted;
  try {
    CorpusReadOptions options;
    options.format = format;
    options.reader.allow_mismatched_mentions = args.allow_mismatched_mentions;
    options.reader.warnings = &std::cerr;
    gold = load_documents({args.gold}, options);
    predicted = load_documents({args.predicted}, options);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  EvalReport report = evaluate(gold, predicted);
  std::cout << (args.json ? format_report_json(report) : format_report_text(report));
  return kExitOk;
}

// The flags of one annotation, shared by annotate and serve (whose flags are the
// defaults a request's parameters override).
struct AnnotationFlags {
  std::string from, to;
  std::string type_names = "pubtator3";
  std::string id_style;  // empty: follows --type-names
  AnnotateOptions options;  // the flags without a name to parse bind here directly
};

void add_annotation_flags(CLI::App* cmd, AnnotationFlags& flags, const std::string& to_help,
                          const std::string& keep_going_help) {
  AnnotateOptions& o = flags.options;
  cmd->add_option("--from", flags.from, "Input format (default: guessed)");
  cmd->add_option("--to", flags.to, to_help);
  cmd->add_option("--type-names", flags.type_names, "Entity type names: pubtator3 (default) or biored");
  cmd->add_option("--id-style", flags.id_style,
                  "Identifiers: pubtator3 (MESH:D003586, ';' between IDs, PubTator3's variant record) or biored "
                  "(D003586, ',' between IDs, a variant's rs ID else its tmVar form); default: as --type-names");
  cmd->add_flag("--lines", o.text_lines, "Text input: one document per line, ID<TAB>TEXT");
  cmd->add_flag("--keep-going", o.keep_going, keep_going_help);
  cmd->add_flag("--no-abbreviation-consistency", o.no_abbreviation_consistency,
                "Do not give short forms their long form's type across the document");
  cmd->add_flag("--link-input-mentions", o.link_input_mentions,
                "Keep the input's entity spans and types and only give them identifiers");
  cmd->add_flag("--entities-from-input", o.entities_from_input,
                "Keep the input's entities (spans, types, IDs) and only extract relations");
  cmd->add_flag("--allow-mismatched-mentions", o.allow_mismatched_mentions,
                "With --link-input-mentions or --entities-from-input: keep input annotations whose "
                "mention text does not match their offsets (warned on stderr) instead of rejecting the "
                "document");
  cmd->add_option("--variant-rs-lookup", o.variant_rs_lookup,
                  "dbSNP IDs for variants the text gives none: 0 never, 1 by form and gene (default), 2 also the form's most frequent");
  cmd->add_flag("--novelty", o.novelty, "Write each relation's novelty (Novel/No) as a fifth column");
  cmd->add_flag("--scores", o.scores,
                "Append each relation's score: how likely the line (pair and type) is right, calibrated out of fold on "
                "BioRED Train");
  cmd->add_option("--min-score", o.min_score,
                  "Drop relations scoring below this (0..1; e.g. 0.7 keeps lines of which about four in five are "
                  "right with gold entities)");
  cmd->add_flag("--keep-tagger-variants", o.keep_tagger_variants,
                "Also keep the tagger's Variant mentions where the variant grammar found none");
  cmd->add_flag("--surface-consistency", o.surface_consistency,
                "Also label every other stand-alone occurrence of a recognized mention's text");
}

// The flags as options; `default_output` when --to is not given. Throws
// CLI::ValidationError for a bad name or combination.
AnnotateOptions annotation_options(const AnnotationFlags& flags, Format default_output) {
  AnnotateOptions o = flags.options;
  o.input_format = format_option(flags.from, false);
  o.output_format = flags.to.empty() ? default_output : *format_option(flags.to, true);
  const auto names = parse_type_names(flags.type_names);
  if (!names) throw CLI::ValidationError("--type-names must be pubtator3 or biored");
  o.type_names = *names;
  if (!flags.id_style.empty()) {
    o.id_style = parse_id_style(flags.id_style);
    if (!o.id_style) throw CLI::ValidationError("--id-style must be pubtator3 or biored");
  }
  try {
    validate(o);
  } catch (const std::invalid_argument& e) {
    throw CLI::ValidationError(e.what());
  }
  return o;
}

struct AnnotateArgs {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string models;
  AnnotationFlags annotation;
  int threads = 0;  // 0: all cores
  size_t batch = 64;
  std::string out_dir;
  bool resume = false;
  std::string compress;
  bool quiet = false;
  double progress_interval = 10;
};

int run_annotate(const AnnotateArgs& args, const std::string& argv0) {
  if (!args.out_dir.empty() && args.output != "-")
    throw CLI::ValidationError("-o and --out-dir exclude each other");
  if (args.resume && args.out_dir.empty()) throw CLI::ValidationError("--resume needs --out-dir");
  const AnnotateOptions annotation =
      annotation_options(args.annotation, guess_output_format(args.out_dir.empty() ? args.output : ""));
  // Compression: --compress, else -o's extension (.gz, .zst).
  Compression compression = args.out_dir.empty() ? compression_of_path(args.output) : Compression::kNone;
  if (!args.compress.empty()) {
    auto c = parse_compression(args.compress);
    if (!c) throw CLI::ValidationError("--compress must be gz, zst or none");
    compression = *c;
  }
  const std::string dir = args.models.empty() ? default_model_directory(argv0) : args.models;
  ModelBundle bundle = ModelBundle::load(dir);
  if (!bundle.ner && annotate_mode(annotation) == AnnotateMode::kFull) {
    std::cerr << "biotator: no entity recognition model (" << ModelBundle::kNerFile << ") in " << dir
              << "; build one with `biotator train ner` or pass --models\n";
    return kExitBadInput;
  }
  const int threads = args.threads > 0 ? args.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  BatchAnnotator annotator(bundle, pipeline_options(annotation), threads);

  AnnotationRunOptions run;
  // --allow-mismatched-mentions keeps such annotations and says so on stderr.
  run.read = read_options(annotation, &std::cerr);
  run.mode = annotate_mode(annotation);
  run.output_format = annotation.output_format;
  run.compression = compression;
  run.output = args.output;
  run.out_dir = args.out_dir;
  run.resume = args.resume;
  run.batch_documents = args.batch;
  run.progress = args.quiet ? ProgressStyle::kNone : ::isatty(STDERR_FILENO) ? ProgressStyle::kTerminal : ProgressStyle::kLog;
  run.progress_interval_seconds = args.progress_interval;
  run.summary = !args.quiet;
  std::vector<std::string> inputs;
  try {
    inputs = expand_inputs(args.inputs);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  return run_annotation(annotator, inputs, run, std::cerr).exit_code();
}

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;  // 0: all cores
  std::string models;
  double max_body_mb = 64;
  bool log_requests = false;
  AnnotationFlags annotation;
};

int run_serve(const ServeArgs& args, const std::string& argv0) {
  if (args.port < 0 || args.port > 65535) throw CLI::ValidationError("--port must be in 0..65535");
  if (args.threads < 0) throw CLI::ValidationError("--threads must be at least 1 (0: all cores)");
  if (!(args.max_body_mb > 0)) throw CLI::ValidationError("--max-body-mb must be positive");
  ServiceOptions service_options;
  service_options.defaults = annotation_options(args.annotation, Format::kPubTator);
  service_options.max_body_bytes = static_cast<size_t>(args.max_body_mb * 1024 * 1024);

  const auto start = std::chrono::steady_clock::now();
  const std::string dir = args.models.empty() ? default_model_directory(argv0) : args.models;
  ModelBundle bundle = ModelBundle::load(dir);
  if (!bundle.ner && annotate_mode(service_options.defaults) == AnnotateMode::kFull) {
    std::cerr << "biotator: no entity recognition model (" << ModelBundle::kNerFile << ") in " << dir
              << "; build one with `biotator train ner` or pass --models\n";
    return kExitBadInput;
  }
  const double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  AnnotationService service(bundle, service_options);
  ServerOptions server_options;
  server_options.host = args.host;
  server_options.port = args.port;
  server_options.threads = args.threads;
  if (args.log_requests) server_options.request_log = &std::cerr;
  AnnotationServer server(service, server_options);
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::ostringstream seconds;
  seconds.setf(std::ios::fixed);
  seconds.precision(1);
  seconds << load_seconds;
  std::cerr << "biotator: serving on http://" << args.host << ":" << port << " (models from " << dir << " loaded in "
            << seconds.str() << "s; POST /annotate, GET /health; Ctrl-C stops)" << std::endl;
  if (!serve_until_signal(server)) {
    std::cerr << "biotator: the server stopped unexpectedly\n";
    return kExitBadInput;
  }
  std::cerr << "biotator: stopped\n";
  return kExitOk;
}

struct TrainNerArgs {
  std::vector<std::string> train;
  std::vector<std::string> dev;
  std::string lexicon;
  std::string out;
  int epochs = 12;
  uint64_t seed = 20261126;
  int min_feature_count = 1;
  int seeds = 1;
  float prune = 0.0f;
  bool keep_conventions = false;
  std::string clusters;
};

// The documents of one training corpus without those of the held-out set: the corpora
// share abstracts with BioRED Dev (tmVar3 and NLM-Gene about 20 each), and training on
// them would score Dev on documents the model has seen. Says how many were left out.
std::vector<Document> load_training_corpus(const std::string& path, const CorpusReadOptions& options,
                                           const std::set<std::string>& held_out, const std::string& command) {
  std::vector<Document> documents = load_documents({path}, options);
  const size_t before = documents.size();
  std::erase_if(documents, [&](const Document& d) { return held_out.count(d.id) > 0; });
  if (documents.size() != before)
    std::cerr << command << ": " << path << ": left out " << before - documents.size()
              << " documents that are in the held-out set\n";
  return documents;
}

std::set<std::string> document_ids(const std::vector<Document>& documents) {
  std::set<std::string> ids;
  for (const Document& d : documents) ids.insert(d.id);
  return ids;
}

int run_train_ner(const TrainNerArgs& args) {
  CorpusReadOptions options;
  options.reader.allow_mismatched_mentions = true;  // corpora carry a few shifted spans
  std::vector<NerCorpus> train;
  std::vector<Document> dev;
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<WordClusters> clusters;
  try {
    // Each file is its own corpus: the types it annotates decide what its unlabelled
    // tokens may be.
    if (!args.dev.empty()) dev = load_documents(args.dev, options);
    const std::set<std::string> dev_ids = document_ids(dev);
    for (const std::string& path : args.train) {
      NerCorpus corpus;
      corpus.name = path;
      corpus.documents = load_training_corpus(path, options, dev_ids, "train ner");
      corpus.annotated_types = annotated_types_of(corpus.documents);
      // The first corpus is the target style; the others are extra signal.
      corpus.primary = train.empty() || path == args.train.front();
      train.push_back(std::move(corpus));
    }
    if (!args.keep_conventions)
      std::cerr << "train ner: " << apply_primary_conventions(train)
                << " mentions of extra corpora left open (the primary corpus never annotates them so)\n";
    if (!args.lexicon.empty()) lexicon = std::make_unique<Lexicon>(Lexicon::load(args.lexicon));
    if (!args.clusters.empty()) clusters = std::make_unique<WordClusters>(WordClusters::load(args.clusters));
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  NerTrainingOptions t;
  t.epochs = args.epochs;
  t.seed = args.seed;
  t.min_feature_count = args.min_feature_count;
  t.seeds = args.seeds;
  t.prune_below = args.prune;
  SequenceModel model = train_ner(train, dev, lexicon.get(), t, std::cerr, clusters.get());
  model.save(args.out);
  std::cerr << "train ner: wrote " << args.out << " (" << model.feature_count() << " features, "
            << model.weight_count() << " weights)\n";
  return kExitOk;
}

struct LexiconBuildArgs {
  std::string shared = "../shared";
  std::vector<std::string> corpora;
  std::vector<std::string> drugprot;
  std::string out;
};

int run_lexicon_build(const LexiconBuildArgs& args) {
  Lexicon lexicon;
  LexiconBuildStats stats;
  try {
    stats += add_shared_vocabularies(lexicon, args.shared);
    if (!args.corpora.empty()) {
      CorpusReadOptions options;
      options.reader.allow_mismatched_mentions = true;
      stats += add_corpus_mentions(lexicon, load_documents(args.corpora, options));
    }
    for (const std::string& path : args.drugprot) stats += add_drugprot_entities(lexicon, path);
    lexicon.finalize();
    lexicon.save(args.out);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cerr << stats.summary() << "lexicon build: wrote " << args.out << " (" << lexicon.size() << " terms)\n";
  return kExitOk;
}

struct TrainClustersArgs {
  std::vector<std::string> text;
  std::vector<std::string> raw;
  std::vector<std::string> exclude;
  std::string out;
};

int run_train_clusters(const TrainClustersArgs& args) {
  try {
    CorpusReadOptions options;
    options.reader.allow_mismatched_mentions = true;
    std::vector<Document> docs = load_documents(args.text, options);
    std::vector<std::string> raw;
    for (const std::string& path : args.raw) {
      auto lines = read_raw_text_lines(path);
      raw.insert(raw.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
    }
    ClusterTrainingOptions cluster_options;
    // The NER is tuned on the excluded set: its text must not shape the clusters.
    if (!args.exclude.empty()) cluster_options.exclusion = TextExclusion(load_documents(args.exclude, options));
    WordClusters clusters = train_word_clusters(docs, raw, cluster_options, std::cerr);
    clusters.save(args.out);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cerr << "train clusters: wrote " << args.out << "\n";
  return kExitOk;
}

struct TrainRelationsArgs {
  std::vector<std::string> train;
  std::vector<std::string> dev;
  std::string out;
  std::vector<std::string> drugprot;
  RelationTrainingOptions options;  // the command-line options write into it directly
};

int run_train_relations(const TrainRelationsArgs& args) {
  try {
    CorpusReadOptions options;
    options.reader.allow_mismatched_mentions = true;
    std::vector<Document> train = load_documents(args.train, options);
    std::vector<Document> dev = args.dev.empty() ? std::vector<Document>{} : load_documents(args.dev, options);
    std::vector<Document> auxiliary;
    for (const std::string& path : args.drugprot)
      for (Document& d : read_drugprot_corpus(path)) auxiliary.push_back(std::move(d));
    RelationModel model = train_relation_model(train, dev, args.options, std::cerr, auxiliary);
    model.save(args.out);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cerr << "train relations: wrote " << args.out << "\n";
  return kExitOk;
}

struct TrainVariantsArgs {
  std::vector<std::string> train;
  std::vector<std::string> exclude;
  std::string out;
  int folds = 5;
};

int run_train_variants(const TrainVariantsArgs& args) {
  try {
    CorpusReadOptions options;
    options.reader.allow_mismatched_mentions = true;
    std::vector<Document> excluded = load_documents(args.exclude, options);
    const std::set<std::string> excluded_ids = document_ids(excluded);
    std::vector<VariantFilterCorpus> train;
    for (const std::string& path : args.train)
      train.push_back({path, load_training_corpus(path, options, excluded_ids, "train variants")});
    VariantFilterTrainingOptions filter_options;
    filter_options.folds = args.folds;
    VariantFilter model = train_variant_filter(train, excluded, filter_options, std::cerr);
    model.save(args.out);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cerr << "train variants: wrote " << args.out << "\n";
  return kExitOk;
}

struct KbBuildArgs {
  std::string shared = "../shared";
  std::string out;
  std::string variants_out;
  std::vector<std::string> hold_out;
};

int run_kb_build(const KbBuildArgs& args) {
  try {
    // Evaluating linking on another corpus (bc5cdr Dev, a half of BioRED Train) is only
    // honest when that corpus's own mention-ID pairs are not in the KB.
    std::set<std::string> held_out;
    if (!args.hold_out.empty()) {
      CorpusReadOptions options;
      // Only the document IDs matter: mentions that miss their offsets are no reason to stop.
      std::ostringstream warnings;
      options.reader.allow_mismatched_mentions = true;
      options.reader.warnings = &warnings;
      const CorpusReadResult read =
          read_corpus(args.hold_out, options, [&](Document& d) { held_out.insert(d.id); }, std::cerr);
      if (read.failed) return kExitBadInput;
    }
    if (!held_out.empty()) std::cerr << "kb build: holding out " << held_out.size() << " documents\n";
    KnowledgeBase kb = build_knowledge_base(args.shared, std::cerr, held_out);
    kb.save(args.out);
    if (!args.variants_out.empty()) {
      build_variant_rs_index(args.shared, std::cerr, held_out).save(args.variants_out);
      std::cerr << "kb build: wrote " << args.variants_out << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::cerr << "kb build: wrote " << args.out << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"BioTator: biomedical entity and relation annotation, PubTator3-compatible, offline on CPUs"};
  app.set_version_flag("--version", std::string("biotator ") + BIOTATOR_VERSION);
  app.require_subcommand(1);

  ConvertArgs convert;
  CLI::App* convert_cmd = app.add_subcommand("convert", "Convert documents between formats (annotations and relations kept)");
  convert_cmd->add_option("inputs", convert.inputs, "Input files (\"-\" = stdin; .gz read transparently)")->required();
  convert_cmd->add_option("-o,--output", convert.output, "Output file (default: stdout)");
  convert_cmd->add_option("--from", convert.from, "Input format: " + format_names(false) + " (default: guessed)");
  convert_cmd->add_option("--to", convert.to, "Output format: " + format_names(true) + " (default: from -o's extension, else pubtator)");
  convert_cmd->add_flag("--lines", convert.lines, "Text input: one document per line, ID<TAB>TEXT");
  convert_cmd->add_flag("--keep-going", convert.keep_going, "Skip bad documents (reported on stderr) instead of stopping; exit 1 at the end");
  convert_cmd->add_flag("--allow-mismatched-mentions", convert.allow_mismatched_mentions,
                        "Keep annotations whose mention text does not match their offsets (warned on stderr)");

  EvalArgs eval;
  CLI::App* eval_cmd = app.add_subcommand("eval", "Score predictions against gold annotations, BioRED-style (docs/EVALUATION.md)");
  eval_cmd->add_option("gold", eval.gold, "Gold annotations")->required();
  eval_cmd->add_option("predicted", eval.predicted, "Predicted annotations")->required();
  eval_cmd->add_option("--from", eval.from, "Format of both files (default: guessed)");
  eval_cmd->add_flag("--json", eval.json, "Print the scores as JSON");
  eval_cmd->add_flag("--allow-mismatched-mentions", eval.allow_mismatched_mentions,
                     "Accept annotations whose mention text does not match their offsets (warned on stderr)");

  AnnotateArgs annotate;
  CLI::App* annotate_cmd = app.add_subcommand("annotate", "Recognize entities in documents (input annotations are ignored)");
  annotate_cmd->add_option("inputs", annotate.inputs,
                           "Input files, directories (their files) or quoted globs (\"-\" = stdin; any input format)")
      ->required();
  annotate_cmd->add_option("-o,--output", annotate.output, "Output file (default: stdout); .gz or .zst compresses");
  annotate_cmd->add_option("--out-dir", annotate.out_dir,
                           "One output per input in this directory (NAME.pubtator, .xml or .json), each renamed into "
                           "place when complete; PubMed deleted citations go to NAME.deleted.txt");
  annotate_cmd->add_flag("--resume", annotate.resume, "With --out-dir: skip inputs whose output is complete");
  annotate_cmd->add_option("--compress", annotate.compress, "Compress the output: gz, zst or none");
  annotate_cmd->add_flag("-q,--quiet", annotate.quiet, "No progress and no summary on stderr (errors still)");
  annotate_cmd->add_option("--progress-interval", annotate.progress_interval,
                           "Seconds between progress lines when stderr is not a terminal (default 10)");
  annotate_cmd->add_option("--models", annotate.models, "Model directory (default: the repository's models/)");
  add_annotation_flags(annotate_cmd, annotate.annotation,
                       "Output format: " + format_names(true) + " (default: from -o, else pubtator)",
                       "Skip bad documents (reported) instead of stopping; exit 1 at the end");
  annotate_cmd->add_option("--threads", annotate.threads, "Annotating threads (default: all cores; from 2 on, reading and writing overlap on their own light threads); output is the same for any number");
  annotate_cmd->add_option("--batch", annotate.batch, "Documents per batch handed to a worker (default 64; a few batches per thread are in flight, which bounds memory)");

  ServeArgs serve;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve", "Annotate over HTTP on this machine: POST /annotate (documents in the body), GET /health");
  serve_cmd->add_option("--host", serve.host, "Address to listen on (default 127.0.0.1: this machine only)");
  serve_cmd->add_option("--port", serve.port, "Port (default 8080; 0: any free port, printed on stderr)");
  serve_cmd->add_option("--threads", serve.threads, "Requests annotated at once (default: all cores)");
  serve_cmd->add_option("--models", serve.models, "Model directory (default: the repository's models/)");
  serve_cmd->add_option("--max-body-mb", serve.max_body_mb, "Largest request body in MiB (default 64; larger: 413)");
  serve_cmd->add_flag("--log-requests", serve.log_requests,
                      "A line on stderr per request: client, method and target, status, body bytes in and out, milliseconds");
  add_annotation_flags(serve_cmd, serve.annotation,
                       "Default output format: " + format_names(true) + " (default pubtator); the flags below are "
                       "the defaults a request's parameters override",
                       "Skip bad documents instead of answering 400: the good ones are annotated, the skipped "
                       "ones named in X-Biotator-Skipped-Document headers");

  CLI::App* train_cmd = app.add_subcommand("train", "Train a model from annotated corpora");
  train_cmd->require_subcommand(1);
  TrainNerArgs train_ner_args;
  CLI::App* train_ner_cmd = train_cmd->add_subcommand("ner", "Train the entity recognizer (averaged perceptron, BIOES)");
  train_ner_cmd->add_option("--train", train_ner_args.train, "Training corpora (PubTator, BioC)")->required();
  train_ner_cmd->add_option("--dev", train_ner_args.dev, "Dev corpus: picks the best epoch");
  train_ner_cmd->add_option("--lexicon", train_ner_args.lexicon, "Compiled lexicon (lexicon.bt) for dictionary features");
  train_ner_cmd->add_option("--out", train_ner_args.out, "Output model file (e.g. models/ner.bt)")->required();
  train_ner_cmd->add_option("--epochs", train_ner_args.epochs, "Training epochs")->check(kAboveZero);
  train_ner_cmd->add_option("--seed", train_ner_args.seed, "Shuffling seed");
  train_ner_cmd->add_option("--clusters", train_ner_args.clusters, "Word clusters (clusters.bt) for cluster features");
  train_ner_cmd->add_option("--seeds", train_ner_args.seeds,
                            "Average this many models trained on different shuffles (fixed --epochs each)")
      ->check(kAboveZero);
  train_ner_cmd->add_option("--min-feature-count", train_ner_args.min_feature_count, "Drop rarer features")
      ->check(kZeroOrMore);
  train_ner_cmd->add_option("--prune", train_ner_args.prune,
                            "Drop final weights of magnitude below this (smaller, faster model; 0 = keep all)")
      ->check(kZeroOrMore);
  train_ner_cmd->add_flag("--keep-conventions", train_ner_args.keep_conventions,
                          "Train on every mention of the extra corpora, even where the first corpus never annotates that text so");

  TrainClustersArgs clusters_args;
  CLI::App* train_clusters_cmd =
      train_cmd->add_subcommand("clusters", "Learn word clusters from raw text (fastText skipgram + k-means)");
  train_clusters_cmd->add_option("--text", clusters_args.text, "Corpora whose passages are the raw text")->required();
  train_clusters_cmd->add_option("--raw", clusters_args.raw, "Extra raw text: bc2gm-style \"ID text\" or drugprot-style TSV");
  train_clusters_cmd->add_option("--exclude", clusters_args.exclude, "Documents whose text must not be used (the dev set)");
  train_clusters_cmd->add_option("--out", clusters_args.out, "Output file (e.g. models/clusters.bt)")->required();

  TrainRelationsArgs relations_args;
  CLI::App* train_relations_cmd = train_cmd->add_subcommand(
      "relations", "Train the relation extractor (logistic regression; thresholds by cross-validation on --train)");
  train_relations_cmd->add_option("--train", relations_args.train, "Corpora with relations (BioRED)")->required();
  train_relations_cmd->add_option("--dev", relations_args.dev, "Dev corpus: scores reported, never used to choose");
  train_relations_cmd->add_option("--drugprot", relations_args.drugprot,
                                  "DrugProt *_abstracs.tsv files: Chemical-Gene relations added to every training fold "
                                  "(documents of --train or --dev left out)");
  train_relations_cmd->add_option("--auxiliary-weight", relations_args.options.auxiliary_weight,
                                  "Weight of the auxiliary examples in the loss")
      ->check(kZeroOrMore);
  train_relations_cmd->add_option("--out", relations_args.out, "Output file (e.g. models/relations.bt)")->required();
  train_relations_cmd->add_option("--hash-bits", relations_args.options.hash_bits,
                                  "Feature hash space (2^bits rows of weights; smaller is faster, may collide more)")
      ->check(kHashBits);
  train_relations_cmd->add_option("--seeds", relations_args.options.seeds,
                                  "Average this many models trained on different shuffles")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--seed", relations_args.options.seed,
                                  "Shuffling seed (of the first model; the others add 1000 each; the trees' too)");
  train_relations_cmd->add_option("--trees", relations_args.options.tree_mode,
                                  "Gradient-boosted trees stacked on the linear model: 0 none, 1 multiclass, 2 related or not")
      ->check(kTreeMode);
  train_relations_cmd->add_flag("--novelty-trees", relations_args.options.novelty_trees,
                                "Gradient-boosted trees for novelty stacked on the linear model");
  train_relations_cmd->add_flag("!--no-tree-nested", relations_args.options.tree_nested,
                                "Trees' thresholds from the plain out-of-fold outputs (faster, optimistic)");
  train_relations_cmd->add_option("--tree-gate", relations_args.options.tree_gate,
                                  "Linear relation probability below which the trees are skipped")
      ->check(kZeroToOne);
  train_relations_cmd->add_option("--tree-weight", relations_args.options.tree_weight,
                                  "The trees' share in the relation probability (the rest: the linear model's)")
      ->check(kZeroToOne);
  train_relations_cmd->add_option("--tree-rounds", relations_args.options.trees.rounds, "Boosting rounds")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--tree-depth", relations_args.options.trees.max_depth, "Tree depth")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--tree-eta", relations_args.options.trees.eta, "Boosting learning rate")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--tree-min-child-weight", relations_args.options.trees.min_child_weight,
                                  "XGBoost's min_child_weight")
      ->check(kZeroOrMore);
  train_relations_cmd->add_option("--tree-lambda", relations_args.options.trees.lambda, "L2 on leaf values")
      ->check(kZeroOrMore);
  train_relations_cmd->add_option("--epochs", relations_args.options.epochs, "Passes of the type model over the data")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--learning-rate", relations_args.options.learning_rate, "AdaGrad base rate")
      ->check(kAboveZero);
  train_relations_cmd->add_option("--l2", relations_args.options.l2, "L2 per update on the weights an example touches")
      ->check(kZeroOrMore);

  TrainVariantsArgs variants_args;
  CLI::App* train_variants_cmd = train_cmd->add_subcommand(
      "variants", "Train the filter after the variant grammar (logistic regression; threshold by cross-validation on --train)");
  train_variants_cmd->add_option("--train", variants_args.train, "Corpora with variant mentions (BioRED Train, tmVar3)")->required();
  train_variants_cmd->add_option("--exclude", variants_args.exclude,
                                 "Documents left out of training (the dev set; its scores are reported only)");
  train_variants_cmd->add_option("--out", variants_args.out, "Output file (e.g. models/variant_filter.bt)")->required();
  train_variants_cmd->add_option("--folds", variants_args.folds,
                                 "Cross-validation folds for the threshold (0 or 1: none, the threshold stays 0.5)")
      ->check(kZeroOrMore);

  LexiconBuildArgs lexicon_args;
  CLI::App* lexicon_cmd = app.add_subcommand("lexicon", "Dictionary of entity names used by the recognizer");
  lexicon_cmd->require_subcommand(1);
  CLI::App* lexicon_build_cmd =
      lexicon_cmd->add_subcommand("build", "Compile the vocabularies of ../shared/kb into lexicon.bt");
  lexicon_build_cmd->add_option("--shared", lexicon_args.shared, "The shared data directory (default ../shared)");
  lexicon_build_cmd->add_option("--corpus", lexicon_args.corpora, "Also add the annotated mentions of these corpora");
  lexicon_build_cmd->add_option("--drugprot-entities", lexicon_args.drugprot, "Also add the names of a DrugProt entities TSV");
  lexicon_build_cmd->add_option("--out", lexicon_args.out, "Output file (e.g. models/lexicon.bt)")->required();

  KbBuildArgs kb_args;
  CLI::App* kb_cmd = app.add_subcommand("kb", "Knowledge base of names and identifiers used for normalization");
  kb_cmd->require_subcommand(1);
  CLI::App* kb_build_cmd = kb_cmd->add_subcommand("build", "Compile ../shared/kb and the corpora's mention-ID pairs into kb.bt");
  kb_build_cmd->add_option("--shared", kb_args.shared, "The shared data directory (default ../shared)");
  kb_build_cmd->add_option("--out", kb_args.out, "Output file (e.g. models/kb.bt)")->required();
  kb_build_cmd->add_option("--hold-out", kb_args.hold_out,
                           "PubTator corpora whose documents are left out of every source (for held-out evaluation; "
                           "BioRED Dev is always left out)");
  kb_build_cmd->add_option("--variants-out", kb_args.variants_out,
                           "Also compile the tmVar form + gene → dbSNP index: tmVar's tables and the pairs of BioRED Train and tmVar3, held-out documents left out (e.g. models/variants.bt)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  try {
    if (*convert_cmd) return run_convert(convert);
    if (*eval_cmd) return run_eval(eval);
    if (*annotate_cmd) return run_annotate(annotate, argv[0]);
    if (*serve_cmd) return run_serve(serve, argv[0]);
    if (*train_ner_cmd) return run_train_ner(train_ner_args);
    if (*train_clusters_cmd) return run_train_clusters(clusters_args);
    if (*train_relations_cmd) return run_train_relations(relations_args);
    if (*train_variants_cmd) return run_train_variants(variants_args);
    if (*lexicon_build_cmd) return run_lexicon_build(lexicon_args);
    if (*kb_build_cmd) return run_kb_build(kb_args);
  } catch (const CLI::ValidationError& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitUsage;
}
