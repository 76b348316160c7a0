// Progress and summary lines: formatting and when they are printed, with the elapsed
// time passed in (no clock involved).
#include "progress_reporter.h"

#include <gtest/gtest.h>

#include <sstream>

namespace biotator {
namespace {

TEST(ProgressFormat, GroupsThousands) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(36123456), "36,123,456");
}

TEST(ProgressFormat, Durations) {
  EXPECT_EQ(format_duration(0.44), "0.4s");
  EXPECT_EQ(format_duration(-3), "0.0s");
  EXPECT_EQ(format_duration(45), "45s");
  EXPECT_EQ(format_duration(185), "3m 05s");
  EXPECT_EQ(format_duration(2 * 3600 + 7 * 60 + 10), "2h 07m");
}

TEST(ProgressFormat, LineWithEtaFromBytes) {
  ProgressSnapshot p;
  p.files_done = 1;
  p.files_total = 4;
  p.documents = 1000;
  p.bytes_done = 250;
  p.bytes_total = 1000;
  p.elapsed_seconds = 2;
  // A quarter of the bytes in 2 s: 6 s to go.
  EXPECT_EQ(format_progress(p), "files 1/4, 1,000 docs, 500 docs/s, ETA 6.0s");
  // Bytes weigh more than the file count: the first file was three quarters of the input.
  p.bytes_done = 750;
  EXPECT_EQ(format_progress(p), "files 1/4, 1,000 docs, 500 docs/s, ETA 0.7s");
}

TEST(ProgressFormat, EtaFromFilesWhenSizesAreUnknownAndNoneBeforeAFileIsDone) {
  ProgressSnapshot p;
  p.files_done = 2;
  p.files_total = 10;
  p.documents = 60;
  p.elapsed_seconds = 60;
  EXPECT_EQ(format_progress(p), "files 2/10, 60 docs, 1 docs/s, ETA 4m 00s");
  p.files_done = 0;
  EXPECT_EQ(format_progress(p), "files 0/10, 60 docs, 1 docs/s");
  // A single stream: neither files nor ETA.
  ProgressSnapshot stream;
  stream.documents = 12345;
  stream.elapsed_seconds = 10;
  EXPECT_EQ(format_progress(stream), "12,345 docs, 1,235 docs/s");
}

TEST(ProgressFormat, Summary) {
  RunSummary s;
  s.files = 3;
  s.files_resumed = 2;
  s.documents = 1500;
  s.skipped = 1;
  s.relations = 42;
  s.deleted_citations = 5;
  s.entities_by_type = {{"Gene", 1200}, {"Chemical", 30}};
  s.wall_seconds = 3;
  EXPECT_EQ(format_summary(s),
            "annotate: 1,500 documents from 3 files in 3.0s (500 docs/s); 2 already done (--resume)\n"
            "annotate: 1,230 entities (Chemical 30, Gene 1,200), 42 relations\n"
            "annotate: 1 bad documents skipped, 5 deleted citations listed\n");
  RunSummary empty;
  EXPECT_EQ(format_summary(empty),
            "annotate: 0 documents in 0.0s (0 docs/s)\nannotate: 0 entities, 0 relations\n"
            "annotate: 0 bad documents skipped\n");
}

ProgressSnapshot at(double seconds, uint64_t documents) {
  ProgressSnapshot p;
  p.documents = documents;
  p.elapsed_seconds = seconds;
  return p;
}

TEST(ProgressReporter, LogStylePrintsOneLinePerInterval) {
  std::ostringstream out;
  ProgressReporter reporter(out, ProgressStyle::kLog, 10);
  reporter.update(at(1, 100));
  reporter.update(at(9.9, 990));
  EXPECT_EQ(out.str(), "");
  reporter.update(at(10, 1000));
  reporter.update(at(15, 1500));
  reporter.update(at(20.4, 2040));
  reporter.finish(at(21, 2100));  // a log ends with the summary, not another line
  EXPECT_EQ(out.str(),
            "annotate: 1,000 docs, 100 docs/s, 10s elapsed\n"
            "annotate: 2,040 docs, 100 docs/s, 20s elapsed\n");
}

TEST(ProgressReporter, TerminalStyleRedrawsInPlaceAndEndsTheLine) {
  std::ostringstream out;
  ProgressReporter reporter(out, ProgressStyle::kTerminal, 10, 0.5);
  reporter.update(at(0.2, 5));  // too early
  reporter.update(at(1, 12000));
  reporter.update(at(1.2, 12001));  // within the redraw interval
  reporter.update(at(2, 10));       // shorter line: the rest of the old one is blanked
  EXPECT_EQ(out.str(), "\r12,000 docs, 12,000 docs/s\r10 docs, 5 docs/s         ");
  out.str("");
  reporter.interrupt();  // an error message is about to be printed
  EXPECT_EQ(out.str(), "\n");
  reporter.interrupt();  // no line open: nothing to end
  EXPECT_EQ(out.str(), "\n");
  out.str("");
  reporter.finish(at(2.1, 21));  // the final state, drawn whatever the interval
  EXPECT_EQ(out.str(), "\r21 docs, 10 docs/s\n");
}

TEST(ProgressReporter, NoneStylePrintsNothing) {
  std::ostringstream out;
  ProgressReporter reporter(out, ProgressStyle::kNone, 0);
  reporter.update(at(100, 1));
  reporter.interrupt();
  reporter.finish(at(200, 2));
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace biotator
