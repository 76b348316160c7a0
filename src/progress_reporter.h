// Progress and summary lines of a long annotation run. Formatting is kept apart from
// time: callers pass the elapsed seconds, so every line can be tested without a clock.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

namespace biotator {

// Where a run stands. Totals are 0 when unknown (stdin, a single stream).
struct ProgressSnapshot {
  uint64_t files_done = 0;
  uint64_t files_total = 0;
  uint64_t documents = 0;
  uint64_t bytes_done = 0;   // input bytes of the finished files
  uint64_t bytes_total = 0;  // input bytes of all files
  double elapsed_seconds = 0;
};

// "1,234,567"
std::string group_thousands(uint64_t n);
// "0.4s", "45s", "3m 05s", "2h 07m"
std::string format_duration(double seconds);

// One line, no newline: "files 3/10, 12,345 docs, 512 docs/s, ETA 1m 20s". The ETA is
// projected from the input bytes finished (files when sizes are unknown) and left out
// until one file is done.
std::string format_progress(const ProgressSnapshot& progress);

// What a run did, for the final summary.
struct RunSummary {
  uint64_t files = 0;          // inputs annotated
  uint64_t files_resumed = 0;  // inputs skipped by --resume (output already complete)
  uint64_t documents = 0;
  uint64_t skipped = 0;        // bad documents skipped under --keep-going
  uint64_t relations = 0;
  uint64_t deleted_citations = 0;
  std::map<std::string, uint64_t> entities_by_type;
  double wall_seconds = 0;
};

// Lines ending in '\n', each starting with "annotate: ".
std::string format_summary(const RunSummary& summary);

enum class ProgressStyle {
  kNone,      // --quiet
  kTerminal,  // one line redrawn in place with '\r'
  kLog,       // a plain line every interval (stderr is a file or a pipe)
};

// Decides when to print. update() is cheap enough to call after every batch.
class ProgressReporter {
 public:
  // A terminal line is redrawn at most every `terminal_redraw_seconds`; a log line is
  // written every `log_interval_seconds`.
  ProgressReporter(std::ostream& out, ProgressStyle style, double log_interval_seconds,
                   double terminal_redraw_seconds = 0.25);

  // Prints `progress` when it is due (its elapsed_seconds is the clock).
  void update(const ProgressSnapshot& progress);
  // Before another message goes to the same stream: ends a terminal line drawn in place
  // so the message does not overwrite it.
  void interrupt();
  // The last state, drawn once more on a terminal and ended with a newline.
  void finish(const ProgressSnapshot& progress);

 private:
  std::ostream& out_;
  ProgressStyle style_;
  double interval_;
  double last_printed_ = 0;
  bool line_open_ = false;  // a terminal line without its newline is on screen
  size_t last_width_ = 0;   // to blank out the rest of a longer previous line
};

}  // namespace biotator
