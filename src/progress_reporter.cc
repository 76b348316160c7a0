#include "progress_reporter.h"

#include <cmath>
#include <cstdio>

namespace biotator {

std::string group_thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_duration(double seconds) {
  char buf[32];
  if (seconds < 9.95) {  // short runs: tenths, so that a test run does not read "0s"
    std::snprintf(buf, sizeof buf, "%.1fs", seconds > 0 ? seconds : 0.0);
    return buf;
  }
  const uint64_t s = seconds > 0 ? static_cast<uint64_t>(std::llround(seconds)) : 0;
  if (s < 60) std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(s));
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%llum %02llus", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%lluh %02llum", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60));
  return buf;
}

namespace {

uint64_t per_second(uint64_t count, double seconds) {
  return seconds > 0 ? static_cast<uint64_t>(std::llround(static_cast<double>(count) / seconds)) : 0;
}

// Fraction of the work done, or a negative number when it cannot be told.
double fraction_done(const ProgressSnapshot& p) {
  if (p.bytes_total > 0) return static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
  if (p.files_total > 0) return static_cast<double>(p.files_done) / static_cast<double>(p.files_total);
  return -1;
}

}  // namespace

std::string format_progress(const ProgressSnapshot& p) {
  std::string line;
  if (p.files_total > 0) line += "files " + group_thousands(p.files_done) + "/" + group_thousands(p.files_total) + ", ";
  line += group_thousands(p.documents) + " docs, " + group_thousands(per_second(p.documents, p.elapsed_seconds)) +
          " docs/s";
  const double done = fraction_done(p);
  if (done > 0 && done < 1 && p.files_done > 0)
    line += ", ETA " + format_duration(p.elapsed_seconds * (1 - done) / done);
  return line;
}

std::string format_summary(const RunSummary& s) {
  std::string out = "annotate: " + group_thousands(s.documents) + " documents";
  if (s.files > 0) out += " from " + group_thousands(s.files) + (s.files == 1 ? " file" : " files");
  out += " in " + format_duration(s.wall_seconds) + " (" + group_thousands(per_second(s.documents, s.wall_seconds)) +
         " docs/s)";
  if (s.files_resumed > 0) out += "; " + group_thousands(s.files_resumed) + " already done (--resume)";
  out += "\n";
  uint64_t entities = 0;
  std::string by_type;
  for (const auto& [type, n] : s.entities_by_type) {
    entities += n;
    by_type += (by_type.empty() ? "" : ", ") + type + " " + group_thousands(n);
  }
  out += "annotate: " + group_thousands(entities) + " entities";
  if (!by_type.empty()) out += " (" + by_type + ")";
  out += ", " + group_thousands(s.relations) + " relations\n";
  out += "annotate: " + group_thousands(s.skipped) + " bad documents skipped";
  if (s.deleted_citations > 0) out += ", " + group_thousands(s.deleted_citations) + " deleted citations listed";
  out += "\n";
  return out;
}

ProgressReporter::ProgressReporter(std::ostream& out, ProgressStyle style, double log_interval_seconds,
                                   double terminal_redraw_seconds)
    : out_(out),
      style_(style),
      interval_(style == ProgressStyle::kTerminal ? terminal_redraw_seconds : log_interval_seconds) {}

void ProgressReporter::update(const ProgressSnapshot& progress) {
  if (style_ == ProgressStyle::kNone || progress.elapsed_seconds - last_printed_ < interval_) return;
  last_printed_ = progress.elapsed_seconds;
  const std::string line = format_progress(progress);
  if (style_ == ProgressStyle::kLog) {
    out_ << "annotate: " << line << ", " << format_duration(progress.elapsed_seconds) << " elapsed\n";
    out_.flush();
    return;
  }
  out_ << '\r' << line;
  if (line.size() < last_width_) out_ << std::string(last_width_ - line.size(), ' ');
  last_width_ = line.size();
  line_open_ = true;
  out_.flush();
}

void ProgressReporter::interrupt() {
  if (!line_open_) return;
  out_ << '\n';
  line_open_ = false;
  last_width_ = 0;
}

void ProgressReporter::finish(const ProgressSnapshot& progress) {
  if (style_ != ProgressStyle::kTerminal) return;
  last_printed_ = -interval_ - 1;  // draw the final state whatever the time
  update(progress);
  interrupt();
  out_.flush();
}

}  // namespace biotator
