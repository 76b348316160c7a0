// The `biotator` command: a thin layer over the library. Exit codes: 0 success,
// 1 bad input (or documents skipped under --keep-going), 2 usage error.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus_reader.h"
#include "evaluator.h"
#include "format.h"

namespace {

using namespace biotator;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

std::optional<Format> format_option(const std::string& name, bool for_output) {
  if (name.empty()) return std::nullopt;
  auto f = parse_format(name);
  if (!f) throw CLI::ValidationError("unknown format \"" + name + "\" (pubtator, bioc-xml, bioc-json, pubmed-xml, text)");
  if (for_output && !can_write(*f))
    throw CLI::ValidationError(name + " is an input-only format; write pubtator, bioc-xml or bioc-json");
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

  std::unique_ptr<Output> out;
  try {
    out = std::make_unique<Output>(args.output);
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  auto writer = make_writer(out_format, out->stream());
  CorpusReadResult r = read_corpus(args.inputs, options, [&](Document& doc) { writer->write(doc); }, std::cerr);
  writer->finish();
  if (!out->close()) {
    std::cerr << "biotator: error writing " << args.output << "\n";
    return kExitBadInput;
  }
  if (r.skipped > 0) std::cerr << "biotator: skipped " << r.skipped << " bad document(s)\n";
  return (r.failed || r.skipped > 0) ? kExitBadInput : kExitOk;
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
  convert_cmd->add_option("--from", convert.from, "Input format: pubtator, bioc-xml, bioc-json, pubmed-xml, text (default: guessed)");
  convert_cmd->add_option("--to", convert.to, "Output format: pubtator, bioc-xml, bioc-json (default: from -o's extension, else pubtator)");
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
  } catch (const CLI::ValidationError& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "biotator: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitUsage;
}
