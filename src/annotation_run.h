// A production run of `biotator annotate`: many inputs (all of PubMed), annotated on
// several threads with bounded memory, written in input order to one output or to one
// output per input, with progress, resume and a final summary.
//
// Threads: a reader fills batches of documents, N workers annotate them (each with its
// own AnnotationPipeline), and the calling thread writes them back in input order.
// Batches in flight (read, not yet written) are capped, so memory does not grow with
// the input, and reading and writing overlap annotation. With one thread everything
// runs on the calling thread. The output is byte-identical for any thread count.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "batch_annotator.h"
#include "byte_source.h"
#include "corpus_reader.h"
#include "format.h"
#include "output_file.h"
#include "progress_reporter.h"

namespace biotator {

struct AnnotationRunOptions {
  CorpusReadOptions read;  // input format, reader options and the keep_going policy
  AnnotateMode mode = AnnotateMode::kFull;
  Format output_format = Format::kPubTator;
  Compression compression = Compression::kNone;
  // Empty out_dir: every input goes, in order, into `output` ("-" = stdout).
  std::string output = "-";
  // Otherwise one output per input in this directory (created when missing), named by
  // output_name_for(); each is written to "NAME.tmp" and renamed when complete, and
  // the PMIDs of DeleteCitation elements go to "STEM.deleted.txt" when there are any.
  std::string out_dir;
  bool resume = false;  // out_dir: skip inputs whose output is complete
  size_t batch_documents = 64;
  ProgressStyle progress = ProgressStyle::kNone;
  double progress_interval_seconds = 10;
  bool summary = false;  // the final summary lines on the log
};

struct AnnotationRunResult {
  RunSummary summary;
  bool failed = false;  // stopped at bad input or an output error (already reported)
  // 0, or 1 when the run failed or skipped bad documents (--keep-going).
  int exit_code() const { return failed || summary.skipped > 0 ? 1 : 0; }
};

// Inputs as the command line names them: a directory stands for its files (sorted by
// name; hidden files and checksum files such as PubMed's .md5 left out), a pattern
// with * ? or [ that names no existing file is expanded with glob(3) (sorted), anything
// else ("-" included) is kept as is. Throws std::runtime_error for a pattern or a
// directory that yields no file.
std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments);

// The output file name for an input in --out-dir mode: the input's name without its
// compression and format extensions, plus the output format's extension and the
// compression's ("pubmed25n0001.xml.gz" → "pubmed25n0001.pubtator.gz").
std::string output_name_for(const std::string& input, Format output_format, Compression compression);
// "pubmed25n1300.xml.gz" → "pubmed25n1300.deleted.txt".
std::string deleted_list_name_for(const std::string& input);

// Runs the annotation of `inputs` (already expanded) with `annotator`'s pipelines (one
// thread each). Errors, progress and the summary go to `log`. Throws
// std::runtime_error for a bad setup (two inputs with the same output name, an output
// that would overwrite an input, an out_dir that cannot be created).
AnnotationRunResult run_annotation(BatchAnnotator& annotator, const std::vector<std::string>& inputs,
                                   const AnnotationRunOptions& options, std::ostream& log);

// One input already open (a request body of the local service) annotated into `out`
// with run_annotation's own reading, annotating and writing: the bytes are those
// `annotate` writes for the same input and options. `options.out_dir` must be empty;
// output, compression, resume are not used (`out` gets the plain output). Errors and
// skipped documents are reported to `log` as run_annotation reports them; after a
// failure (result.failed) `out` holds an incomplete output that must be discarded.
AnnotationRunResult annotate_source(BatchAnnotator& annotator, std::unique_ptr<ByteSource> source,
                                    const AnnotationRunOptions& options, std::ostream& out, std::ostream& log);

}  // namespace biotator
