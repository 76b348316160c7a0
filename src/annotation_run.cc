#include "annotation_run.h"

#include <glob.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "byte_source.h"

namespace biotator {

namespace fs = std::filesystem;

namespace {

bool has_glob_characters(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

// Directory listings leave out hidden files and the checksum files that PubMed's FTP
// directories keep beside each XML file.
bool is_input_file_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (const char* ext : {".md5", ".sha1", ".sha256"})
    if (name.ends_with(ext)) return false;
  return true;
}

bool is_regular_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::vector<std::string> list_directory(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::error_code ec;
    if (is_input_file_name(entry.path().filename().string()) && entry.is_regular_file(ec))
      files.push_back(entry.path().string());
  }
  if (files.empty()) throw std::runtime_error(dir + ": no input files in this directory");
  std::sort(files.begin(), files.end());  // bytewise: the same order in every locale
  return files;
}

std::vector<std::string> expand_glob(const std::string& pattern) {
  glob_t matches{};
  const int rc = ::glob(pattern.c_str(), 0, nullptr, &matches);
  std::vector<std::string> files;
  if (rc == 0)
    for (size_t i = 0; i < matches.gl_pathc; ++i)
      if (is_regular_file(matches.gl_pathv[i])) files.emplace_back(matches.gl_pathv[i]);
  globfree(&matches);
  if (rc != 0 && rc != GLOB_NOMATCH) throw std::runtime_error(pattern + ": cannot expand the pattern");
  if (files.empty()) throw std::runtime_error(pattern + ": no file matches");
  std::sort(files.begin(), files.end());
  return files;
}

std::string_view format_extension(Format format) {
  switch (format) {
    case Format::kBioCXml: return ".xml";
    case Format::kBioCJson:
    case Format::kPubTator3Json: return ".json";
    default: return ".pubtator";
  }
}

// "dir/pubmed25n0001.xml.gz" → "pubmed25n0001".
std::string input_stem(const std::string& input) {
  std::string name = fs::path(input).filename().string();
  for (const char* ext : {".gz", ".zst", ".bz2", ".xz"})
    if (name.size() > std::string_view(ext).size() && name.ends_with(ext)) {
      name.resize(name.size() - std::string_view(ext).size());
      break;
    }
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

// One input of the run and, in --out-dir mode, where its output goes.
struct PlannedInput {
  std::string path;
  uint64_t bytes = 0;  // 0 for stdin
  std::string output, temporary, deleted_list;
};

std::string temporary_name(const std::string& path) { return path + ".tmp"; }

std::vector<PlannedInput> plan_inputs(const std::vector<std::string>& inputs, const AnnotationRunOptions& options,
                                      uint64_t& resumed) {
  std::vector<PlannedInput> plan;
  std::map<std::string, std::string> input_of_output;
  for (const std::string& path : inputs) {
    PlannedInput in;
    in.path = path;
    std::error_code ec;
    if (path != "-") {
      const auto size = fs::file_size(path, ec);
      if (!ec) in.bytes = size;
    }
    if (!options.out_dir.empty()) {
      if (path == "-") throw std::runtime_error("--out-dir needs input files, not stdin");
      in.output = (fs::path(options.out_dir) / output_name_for(path, options.output_format, options.compression)).string();
      in.temporary = temporary_name(in.output);
      in.deleted_list = (fs::path(options.out_dir) / deleted_list_name_for(path)).string();
      auto [it, fresh] = input_of_output.emplace(in.output, path);
      if (!fresh) throw std::runtime_error(path + " and " + it->second + " would both be written to " + in.output);
      if (fs::exists(in.output, ec) && fs::equivalent(in.output, path, ec))
        throw std::runtime_error(path + ": its output " + in.output + " would overwrite it");
      if (options.resume && fs::exists(in.output, ec)) {
        fs::remove(in.temporary, ec);  // a leftover of a killed run
        ++resumed;
        continue;
      }
    }
    plan.push_back(std::move(in));
  }
  return plan;
}

// Documents travel from the reader to the workers to the writer in batches; a batch
// never spans two inputs, and an input's last batch carries how reading it ended.
struct Batch {
  uint64_t sequence = 0;
  size_t input = 0;  // index in the plan
  std::vector<Document> docs;
  std::string messages;  // errors reported while reading these documents, in order
  bool input_end = false;
  bool read_failed = false;
  uint64_t skipped = 0;
  std::vector<std::string> deleted_ids;
};

// Thrown through read_corpus to stop reading when the run stops early.
struct ReadingCancelled {};

// Reads the planned inputs in order, handing each batch to `emit`. Stops after an input
// that failed (the bad-input policy of read_corpus). `opened`, when given, is the first
// input already open (annotate_source): it is read instead of opening plan[0].path.
void read_batches(const std::vector<PlannedInput>& plan, const AnnotationRunOptions& options,
                  const std::function<void(Batch&&)>& emit, std::unique_ptr<ByteSource> opened) {
  const size_t batch_size = std::max<size_t>(1, options.batch_documents);
  uint64_t sequence = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    Batch batch;
    std::ostringstream messages;
    auto hand_out = [&] {
      batch.sequence = sequence++;
      batch.input = i;
      batch.messages = messages.str();
      messages.str("");
      emit(std::move(batch));
      batch = Batch{};
      batch.docs.reserve(batch_size);
    };
    batch.docs.reserve(batch_size);
    auto on_document = [&](Document& doc) {
      batch.docs.push_back(std::move(doc));
      if (batch.docs.size() >= batch_size) hand_out();
    };
    CorpusReadResult r = i == 0 && opened ? read_source(std::move(opened), options.read, on_document, messages)
                                          : read_corpus({plan[i].path}, options.read, on_document, messages);
    batch.input_end = true;
    batch.read_failed = r.failed;
    batch.skipped = r.skipped;
    batch.deleted_ids = std::move(r.deleted_ids);
    hand_out();
    if (r.failed) return;
  }
}

using Clock = std::chrono::steady_clock;

// Writes annotated batches in the order it receives them: one output for the whole
// run, or one per input, written to a temporary name and renamed when complete. An
// output left incomplete (bad input, a write error, an exception) is removed. With
// `stream` (annotate_source) the single output is that stream instead of a file.
class RunWriter {
 public:
  RunWriter(const std::vector<PlannedInput>& plan, const AnnotationRunOptions& options, std::ostream& log,
            RunSummary& summary, ProgressReporter& progress, Clock::time_point start, std::ostream* stream)
      : plan_(plan),
        options_(options),
        log_(log),
        summary_(summary),
        progress_(progress),
        start_(start),
        given_stream_(stream) {
    for (const PlannedInput& in : plan) bytes_total_ += in.bytes;
  }
  ~RunWriter() { abandon(); }

  bool failed() const { return failed_; }

  // Single-output mode: opens the output before anything is read.
  bool open_single_output() {
    if (!options_.out_dir.empty()) return true;
    if (given_stream_) {
      stream_ = given_stream_;
      writer_ = make_writer(options_.output_format, *stream_);
      return true;
    }
    return open(options_.output);
  }

  // Writes one batch. Returns false when the run must stop (bad input, output error).
  bool consume(Batch& batch) {
    if (!batch.messages.empty()) {
      progress_.interrupt();
      log_ << batch.messages;
    }
    if (!options_.out_dir.empty() && open_input_ != batch.input) {
      abandon();
      if (!open(plan_[batch.input].temporary)) return false;
      open_input_ = batch.input;
    }
    for (const Document& doc : batch.docs) {
      writer_->write(doc);
      for (const Annotation& a : doc.annotations) ++summary_.entities_by_type[a.type];
      summary_.relations += doc.relations.size();
    }
    summary_.documents += batch.docs.size();
    if (stream_->fail()) return fail_writing(current_output());
    if (batch.input_end) {
      summary_.skipped += batch.skipped;
      summary_.deleted_citations += batch.deleted_ids.size();
      if (batch.read_failed) {
        failed_ = true;
        abandon();
        return false;
      }
      if (!options_.out_dir.empty() && !complete_input(batch)) return false;
      ++summary_.files;
      bytes_done_ += plan_[batch.input].bytes;
    }
    progress_.update(snapshot());
    return true;
  }

  // Ends the run: closes the single output (BioC's closing tags included), or removes
  // an out-dir output left incomplete.
  void finish() {
    if (options_.out_dir.empty() && writer_) {
      writer_->finish();
      const bool written = file_ ? file_->close() : static_cast<bool>(stream_->flush());
      if (!written) fail_writing(options_.output);
      writer_.reset();
      file_.reset();
      stream_ = nullptr;
    }
    abandon();
  }

  ProgressSnapshot snapshot() const {
    ProgressSnapshot p;
    if (!options_.out_dir.empty() || plan_.size() > 1) {
      p.files_done = summary_.files;
      p.files_total = plan_.size();
    }
    p.documents = summary_.documents;
    p.bytes_done = bytes_done_;
    p.bytes_total = bytes_total_;
    p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return p;
  }

 private:
  bool open(const std::string& path) {
    try {
      file_ = std::make_unique<OutputFile>(path, options_.compression);
    } catch (const std::exception& e) {
      progress_.interrupt();
      log_ << "biotator: " << e.what() << "\n";
      failed_ = true;
      return false;
    }
    stream_ = &file_->stream();
    writer_ = make_writer(options_.output_format, *stream_);
    return true;
  }

  std::string current_output() const {
    return open_input_ ? plan_[*open_input_].temporary : options_.output;
  }

  bool fail_writing(const std::string& path) {
    progress_.interrupt();
    log_ << "biotator: error writing " << path << "\n";
    failed_ = true;
    abandon();
    return false;
  }

  // Writes the deleted-citations list (when there is one) and renames the output into
  // place: the output's final name appears only once everything is on disk, so
  // --resume can trust its existence.
  bool complete_input(const Batch& end) {
    const PlannedInput& in = plan_[end.input];
    writer_->finish();
    const bool written = file_->close(/*sync=*/true);
    writer_.reset();
    file_.reset();
    stream_ = nullptr;
    if (!written) return fail_writing(in.temporary);
    std::error_code ec;
    if (end.deleted_ids.empty()) {
      fs::remove(in.deleted_list, ec);  // a stale list from an earlier run
    } else {
      const std::string temporary = temporary_name(in.deleted_list);
      bool ok = false;
      try {
        OutputFile list(temporary, Compression::kNone);
        for (const std::string& id : end.deleted_ids) list.stream() << id << '\n';
        ok = list.close(/*sync=*/true);
      } catch (const std::exception& e) {
        progress_.interrupt();
        log_ << "biotator: " << e.what() << "\n";
      }
      if (ok) fs::rename(temporary, in.deleted_list, ec);
      if (!ok || ec) {
        fs::remove(temporary, ec);
        return fail_writing(in.deleted_list);
      }
    }
    fs::rename(in.temporary, in.output, ec);
    if (ec) return fail_writing(in.output);
    open_input_.reset();
    return true;
  }

  // Drops an out-dir output that was not completed.
  void abandon() {
    if (!open_input_) return;
    writer_.reset();
    file_.reset();
    stream_ = nullptr;
    std::error_code ec;
    fs::remove(plan_[*open_input_].temporary, ec);
    open_input_.reset();
  }

  const std::vector<PlannedInput>& plan_;
  const AnnotationRunOptions& options_;
  std::ostream& log_;
  RunSummary& summary_;
  ProgressReporter& progress_;
  Clock::time_point start_;
  uint64_t bytes_total_ = 0;
  uint64_t bytes_done_ = 0;
  std::ostream* given_stream_;
  std::unique_ptr<OutputFile> file_;
  std::ostream* stream_ = nullptr;  // file_'s stream or given_stream_, while an output is open
  std::unique_ptr<DocumentWriter> writer_;
  std::optional<size_t> open_input_;  // out-dir mode: the input whose output is open
  bool failed_ = false;
};

void annotate_batch(BatchAnnotator& annotator, int worker, Batch& batch, AnnotateMode mode) {
  for (Document& doc : batch.docs) annotator.annotate_with(worker, doc, mode);
}

// Everything on the calling thread: read a batch, annotate it, write it.
void run_sequential(BatchAnnotator& annotator, const std::vector<PlannedInput>& plan,
                    const AnnotationRunOptions& options, RunWriter& writer, std::unique_ptr<ByteSource> opened) {
  try {
    read_batches(
        plan, options,
        [&](Batch&& batch) {
          annotate_batch(annotator, 0, batch, options.mode);
          if (!writer.consume(batch)) throw ReadingCancelled{};
        },
        std::move(opened));
  } catch (const ReadingCancelled&) {
  }
}

// Reader thread → worker threads → the calling thread writing in input order.
void run_parallel(BatchAnnotator& annotator, const std::vector<PlannedInput>& plan,
                  const AnnotationRunOptions& options, RunWriter& writer, std::unique_ptr<ByteSource> opened) {
  const int workers = annotator.threads();
  // Enough batches to keep every worker busy while the writer waits for the oldest
  // one; this cap is what bounds memory.
  const size_t max_in_flight = 2 * static_cast<size_t>(workers) + 2;

  std::mutex mutex;
  std::condition_variable reader_wakes, worker_wakes, writer_wakes;
  std::deque<Batch> to_annotate;
  std::map<uint64_t, Batch> annotated;  // by sequence, until the writer reaches them
  size_t in_flight = 0;                 // read and not yet written
  uint64_t batches_read = 0;
  bool reading_done = false;
  bool stop = false;
  std::exception_ptr error;

  auto stop_everything = [&](std::exception_ptr e) {
    {
      std::lock_guard lock(mutex);
      if (e && !error) error = e;
      stop = true;
    }
    reader_wakes.notify_all();
    worker_wakes.notify_all();
    writer_wakes.notify_all();
  };

  std::thread reader([&] {
    try {
      read_batches(
          plan, options,
          [&](Batch&& batch) {
            std::unique_lock lock(mutex);
            reader_wakes.wait(lock, [&] { return stop || in_flight < max_in_flight; });
            if (stop) throw ReadingCancelled{};
            ++in_flight;
            ++batches_read;
            to_annotate.push_back(std::move(batch));
            lock.unlock();
            worker_wakes.notify_one();
          },
          std::move(opened));
    } catch (const ReadingCancelled&) {
    } catch (...) {
      stop_everything(std::current_exception());
    }
    {
      std::lock_guard lock(mutex);
      reading_done = true;
    }
    worker_wakes.notify_all();
    writer_wakes.notify_all();
  });

  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (;;) {
        Batch batch;
        {
          std::unique_lock lock(mutex);
          worker_wakes.wait(lock, [&] { return stop || !to_annotate.empty() || reading_done; });
          if (stop || to_annotate.empty()) return;
          batch = std::move(to_annotate.front());
          to_annotate.pop_front();
        }
        try {
          annotate_batch(annotator, w, batch, options.mode);
        } catch (...) {
          stop_everything(std::current_exception());
          return;
        }
        {
          std::lock_guard lock(mutex);
          const uint64_t sequence = batch.sequence;
          annotated.emplace(sequence, std::move(batch));
        }
        writer_wakes.notify_one();
      }
    });
  }

  for (uint64_t next = 0;; ++next) {
    Batch batch;
    {
      std::unique_lock lock(mutex);
      writer_wakes.wait(lock, [&] { return stop || annotated.count(next) > 0 || (reading_done && next == batches_read); });
      if (stop) break;
      auto it = annotated.find(next);
      if (it == annotated.end()) break;  // everything read has been written
      batch = std::move(it->second);
      annotated.erase(it);
    }
    const bool go_on = writer.consume(batch);
    {
      std::lock_guard lock(mutex);
      --in_flight;
    }
    reader_wakes.notify_one();
    if (!go_on) {
      stop_everything(nullptr);
      break;
    }
  }
  reader.join();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// The run itself, once the inputs are planned: `opened` and `stream` as annotate_source
// gives them, else null.
AnnotationRunResult run_planned(BatchAnnotator& annotator, const std::vector<PlannedInput>& plan,
                                const AnnotationRunOptions& options, std::ostream& log, Clock::time_point start,
                                AnnotationRunResult result, std::unique_ptr<ByteSource> opened, std::ostream* stream) {
  ProgressReporter progress(log, options.progress, options.progress_interval_seconds);
  {
    RunWriter writer(plan, options, log, result.summary, progress, start, stream);
    if (writer.open_single_output()) {
      if (annotator.threads() <= 1) run_sequential(annotator, plan, options, writer, std::move(opened));
      else run_parallel(annotator, plan, options, writer, std::move(opened));
      writer.finish();
    }
    result.failed = writer.failed();
    progress.finish(writer.snapshot());
  }
  result.summary.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (options.summary) log << format_summary(result.summary);
  if (result.summary.skipped > 0) log << "biotator: skipped " << result.summary.skipped << " bad document(s)\n";
  return result;
}

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments) {
  std::vector<std::string> inputs;
  for (const std::string& arg : arguments) {
    std::error_code ec;
    std::vector<std::string> files;
    if (arg != "-" && fs::is_directory(arg, ec)) files = list_directory(arg);
    else if (arg != "-" && !fs::exists(arg, ec) && has_glob_characters(arg)) files = expand_glob(arg);
    else files = {arg};
    inputs.insert(inputs.end(), files.begin(), files.end());
  }
  return inputs;
}

std::string output_name_for(const std::string& input, Format output_format, Compression compression) {
  return input_stem(input) + std::string(format_extension(output_format)) +
         std::string(compression_extension(compression));
}

std::string deleted_list_name_for(const std::string& input) { return input_stem(input) + ".deleted.txt"; }

AnnotationRunResult run_annotation(BatchAnnotator& annotator, const std::vector<std::string>& inputs,
                                   const AnnotationRunOptions& options, std::ostream& log) {
  const Clock::time_point start = Clock::now();
  AnnotationRunResult result;
  if (!options.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) throw std::runtime_error(options.out_dir + ": cannot create the directory: " + ec.message());
  }
  const std::vector<PlannedInput> plan = plan_inputs(inputs, options, result.summary.files_resumed);
  return run_planned(annotator, plan, options, log, start, std::move(result), nullptr, nullptr);
}

AnnotationRunResult annotate_source(BatchAnnotator& annotator, std::unique_ptr<ByteSource> source,
                                    const AnnotationRunOptions& options, std::ostream& out, std::ostream& log) {
  if (!options.out_dir.empty()) throw std::invalid_argument("annotate_source writes one stream, not an out_dir");
  const Clock::time_point start = Clock::now();
  PlannedInput input;
  input.path = source->name();
  const std::vector<PlannedInput> plan{input};
  return run_planned(annotator, plan, options, log, start, AnnotationRunResult{}, std::move(source), &out);
}

}  // namespace biotator
