// The production-run machinery without models: input expansion, output names,
// compressed outputs, thread-count independence, --out-dir, --resume, deleted
// citations and the bad-input policy. The pipeline runs in entities-from-input mode
// with an empty bundle, which keeps the input's entities and drops relations (there is
// no relation model), so every expected output can be written down.
#include "annotation_run.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "byte_source.h"
#include "test_paths.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

class AnnotationRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("biotator_run_test_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    fs::create_directories(fs::path(path(name)).parent_path());
    std::ofstream(path(name), std::ios::binary) << content;
    return path(name);
  }

  // Runs with `threads` pipelines; the log is kept in log_.
  AnnotationRunResult run(const std::vector<std::string>& inputs, AnnotationRunOptions options, int threads = 1) {
    options.mode = AnnotateMode::kEntitiesFromInput;
    BatchAnnotator annotator(bundle_, PipelineOptions{}, threads);
    std::ostringstream log;
    AnnotationRunResult r = run_annotation(annotator, inputs, options, log);
    log_ = log.str();
    return r;
  }

  fs::path dir_;
  ModelBundle bundle_;  // empty: no recognition, no relations
  std::string log_;
};

// A document as written (with a relation line) and as the run writes it (without).
std::string input_doc(int id) {
  const std::string i = std::to_string(id);
  return i + "|t|Alpha gene\n" + i + "|a|Beta disease. \n" + i + "\t0\t5\tAlpha\tGene\t5\n" + i +
         "\t11\t15\tBeta\tDisease\tMESH:D1\n" + i + "\tAssociation\t5\tMESH:D1\n\n";
}
std::string output_doc(int id) {
  const std::string i = std::to_string(id);
  return i + "|t|Alpha gene\n" + i + "|a|Beta disease. \n" + i + "\t0\t5\tAlpha\tGene\t5\n" + i +
         "\t11\t15\tBeta\tDisease\tMESH:D1\n\n";
}
std::string input_docs(int first, int count) {
  std::string s;
  for (int i = first; i < first + count; ++i) s += input_doc(i);
  return s;
}
std::string output_docs(int first, int count) {
  std::string s;
  for (int i = first; i < first + count; ++i) s += output_doc(i);
  return s;
}
// Reversed span: a recoverable bad document.
std::string bad_doc(int id) {
  const std::string i = std::to_string(id);
  return i + "|t|Alpha\n" + i + "|a|\n" + i + "\t5\t1\tAlpha\tGene\t5\n\n";
}

std::string read_compressed(const std::string& file) {  // gzip or plain
  auto source = ByteSource::open(file);
  std::string out;
  char buf[4096];
  for (size_t n; (n = source->read(buf, sizeof buf)) > 0;) out.append(buf, n);
  return out;
}

std::string read_zstd(const std::string& file) {
  const std::string compressed = testing::read_file(file);
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string out;
  std::vector<char> buf(1 << 16);
  size_t rc = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    rc = ZSTD_decompressStream(ctx, &o, &in);
    if (ZSTD_isError(rc)) break;
    out.append(buf.data(), o.pos);
  }
  ZSTD_freeDCtx(ctx);
  EXPECT_EQ(rc, 0u) << "zstd frame incomplete or corrupt";
  return out;
}

TEST_F(AnnotationRun, DirectoriesExpandToTheirSortedVisibleFiles) {
  write("in/b.pubtator", "");
  write("in/a.xml.gz", "");
  write("in/.hidden", "");
  write("in/a.xml.gz.md5", "");
  write("in/sub/c.pubtator", "");
  EXPECT_EQ(expand_inputs({path("in")}), (std::vector<std::string>{path("in/a.xml.gz"), path("in/b.pubtator")}));
  // Globs expand sorted; literal names (and "-") stay as given, even missing ones (the
  // reader reports those).
  write("in/c.pubtator", "");
  EXPECT_EQ(expand_inputs({path("in/*.pubtator"), "-", path("missing.txt")}),
            (std::vector<std::string>{path("in/b.pubtator"), path("in/c.pubtator"), "-", path("missing.txt")}));
  EXPECT_THROW(expand_inputs({path("in/*.json")}), std::runtime_error);
  fs::create_directories(path("empty"));
  EXPECT_THROW(expand_inputs({path("empty")}), std::runtime_error);
}

TEST_F(AnnotationRun, OutputNamesFollowFormatAndCompression) {
  EXPECT_EQ(output_name_for("/x/pubmed25n0001.xml.gz", Format::kPubTator, Compression::kNone), "pubmed25n0001.pubtator");
  EXPECT_EQ(output_name_for("pubmed25n0001.xml.gz", Format::kPubTator, Compression::kGzip),
            "pubmed25n0001.pubtator.gz");
  EXPECT_EQ(output_name_for("a/b.c.pubtator", Format::kBioCXml, Compression::kNone), "b.c.xml");
  EXPECT_EQ(output_name_for("notes", Format::kBioCJson, Compression::kZstd), "notes.json.zst");
  EXPECT_EQ(deleted_list_name_for("/x/pubmed25n1300.xml.gz"), "pubmed25n1300.deleted.txt");
}

TEST_F(AnnotationRun, OutputFileCompressesAndReportsWriteErrors) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + " of a long output\n";  // > one buffer
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    const std::string file = path("out" + std::string(compression_extension(c)));
    OutputFile out(file, c);
    out.stream() << text;
    ASSERT_TRUE(out.close(/*sync=*/true));
    EXPECT_EQ(c == Compression::kZstd ? read_zstd(file) : read_compressed(file), text);
    if (c != Compression::kNone) {
      EXPECT_LT(fs::file_size(file), text.size() / 4);
    }
  }
  if (fs::exists("/dev/full")) {
    OutputFile full("/dev/full", Compression::kNone);
    full.stream() << text;
    EXPECT_FALSE(full.close());
  }
  EXPECT_THROW(OutputFile(path("no/such/dir/x"), Compression::kNone), std::runtime_error);
}

TEST_F(AnnotationRun, OutputIsTheSameForAnyThreadCountAndBatchSize) {
  const std::string a = write("a.pubtator", input_docs(1, 40));
  const std::string b = write("b.pubtator", input_docs(100, 3));
  const std::string expected = output_docs(1, 40) + output_docs(100, 3);
  for (int threads : {1, 2, 3}) {
    for (size_t batch : {1, 7, 64}) {
      AnnotationRunOptions options;
      options.output = path("out.pubtator");
      options.batch_documents = batch;
      AnnotationRunResult r = run({a, b}, options, threads);
      EXPECT_EQ(r.exit_code(), 0) << log_;
      EXPECT_EQ(testing::read_file(options.output), expected) << threads << " threads, batch " << batch;
      EXPECT_EQ(r.summary.documents, 43u);
      EXPECT_EQ(r.summary.files, 2u);
      EXPECT_EQ(r.summary.entities_by_type, (std::map<std::string, uint64_t>{{"Disease", 43}, {"Gene", 43}}));
      EXPECT_EQ(r.summary.relations, 0u);
    }
  }
}

TEST_F(AnnotationRun, OutDirWritesOneCompleteOutputPerInput) {
  write("in/a.pubtator", input_docs(1, 5));
  write("in/b.pubtator", input_docs(10, 2));
  write("in/empty.pubtator", "");
  for (int threads : {1, 2}) {
    AnnotationRunOptions options;
    options.out_dir = path("out" + std::to_string(threads));
    options.output_format = Format::kPubTator;
    options.compression = Compression::kGzip;
    options.batch_documents = 2;
    AnnotationRunResult r = run(expand_inputs({path("in")}), options, threads);
    ASSERT_EQ(r.exit_code(), 0) << log_;
    EXPECT_EQ(read_compressed(path("out" + std::to_string(threads) + "/a.pubtator.gz")), output_docs(1, 5));
    EXPECT_EQ(read_compressed(path("out" + std::to_string(threads) + "/b.pubtator.gz")), output_docs(10, 2));
    EXPECT_EQ(read_compressed(path("out" + std::to_string(threads) + "/empty.pubtator.gz")), "");
    size_t entries = 0;
    for (const auto& e : fs::directory_iterator(options.out_dir)) entries += e.path().extension() == ".gz";
    EXPECT_EQ(entries, 3u);  // nothing else: no temporary file left, no deleted list
    EXPECT_EQ(std::distance(fs::directory_iterator(options.out_dir), fs::directory_iterator{}), 3);
    EXPECT_EQ(r.summary.files, 3u);
  }
}

TEST_F(AnnotationRun, ResumeAfterAKilledRunEqualsAnUninterruptedRun) {
  const std::vector<std::string> inputs = {write("in/a.pubtator", input_docs(1, 4)),
                                           write("in/b.pubtator", input_docs(20, 6)),
                                           write("in/c.pubtator", input_docs(40, 3))};
  AnnotationRunOptions options;
  options.out_dir = path("full");
  ASSERT_EQ(run(inputs, options).exit_code(), 0) << log_;

  // The killed run: a's output complete, b's temporary output cut in the middle of a
  // document, c never started. A marker in a's output shows whether it is rewritten.
  const std::string marker = "MARKER: the resumed run must not rewrite this file\n";
  write("killed/a.pubtator", testing::read_file(path("full/a.pubtator")) + marker);
  write("killed/b.pubtator.tmp", output_docs(20, 2) + "22|t|Alpha ge");
  options.out_dir = path("killed");
  options.resume = true;
  AnnotationRunResult r = run(inputs, options, 2);
  ASSERT_EQ(r.exit_code(), 0) << log_;
  EXPECT_EQ(r.summary.files_resumed, 1u);
  EXPECT_EQ(r.summary.files, 2u);
  EXPECT_EQ(r.summary.documents, 9u);
  EXPECT_EQ(testing::read_file(path("killed/a.pubtator")), testing::read_file(path("full/a.pubtator")) + marker);
  for (const char* name : {"b.pubtator", "c.pubtator"})
    EXPECT_EQ(testing::read_file(path("killed/") + name), testing::read_file(path("full/") + name)) << name;
  EXPECT_FALSE(fs::exists(path("killed/b.pubtator.tmp")));
  EXPECT_EQ(std::distance(fs::directory_iterator(path("killed")), fs::directory_iterator{}), 3);

  // Without --resume every output is written again.
  options.resume = false;
  ASSERT_EQ(run(inputs, options).exit_code(), 0) << log_;
  EXPECT_EQ(testing::read_file(path("killed/a.pubtator")), testing::read_file(path("full/a.pubtator")));
}

TEST_F(AnnotationRun, ABadInputStopsTheRunAndLeavesNoOutputUnderItsFinalName) {
  const std::vector<std::string> inputs = {write("in/a.pubtator", input_docs(1, 3)),
                                           write("in/b.pubtator", input_docs(10, 5) + bad_doc(15) + input_docs(16, 30)),
                                           write("in/c.pubtator", input_docs(50, 2))};
  for (int threads : {1, 2}) {
    AnnotationRunOptions options;
    options.out_dir = path("out" + std::to_string(threads));
    options.batch_documents = 1;
    AnnotationRunResult r = run(inputs, options, threads);
    EXPECT_EQ(r.exit_code(), 1);
    EXPECT_NE(log_.find(inputs[1] + ":33:"), std::string::npos) << log_;
    EXPECT_EQ(testing::read_file(options.out_dir + "/a.pubtator"), output_docs(1, 3));
    EXPECT_FALSE(fs::exists(options.out_dir + "/b.pubtator"));
    EXPECT_FALSE(fs::exists(options.out_dir + "/b.pubtator.tmp"));
    EXPECT_FALSE(fs::exists(options.out_dir + "/c.pubtator"));  // the run stopped at b
  }
  // One output: the documents before the bad one, complete, as before.
  AnnotationRunOptions single;
  single.output = path("single.pubtator");
  single.batch_documents = 2;
  EXPECT_EQ(run(inputs, single, 2).exit_code(), 1);
  EXPECT_EQ(testing::read_file(single.output), output_docs(1, 3) + output_docs(10, 5));
}

TEST_F(AnnotationRun, KeepGoingSkipsAndReportsEachBadDocument) {
  const std::vector<std::string> inputs = {write("in/a.pubtator", bad_doc(1) + input_docs(2, 3) + bad_doc(5)),
                                           write("in/b.pubtator", input_docs(10, 2))};
  AnnotationRunOptions options;
  options.out_dir = path("out");
  options.read.keep_going = true;
  options.summary = true;
  AnnotationRunResult r = run(inputs, options, 2);
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_EQ(r.summary.skipped, 2u);
  EXPECT_EQ(testing::read_file(path("out/a.pubtator")), output_docs(2, 3));
  EXPECT_EQ(testing::read_file(path("out/b.pubtator")), output_docs(10, 2));
  EXPECT_NE(log_.find(inputs[0] + ":3:"), std::string::npos) << log_;
  EXPECT_NE(log_.find(inputs[0] + ":25:"), std::string::npos) << log_;
  EXPECT_NE(log_.find("annotate: 5 documents from 2 files"), std::string::npos) << log_;
  EXPECT_NE(log_.find("annotate: 2 bad documents skipped"), std::string::npos) << log_;
  EXPECT_NE(log_.find("biotator: skipped 2 bad document(s)"), std::string::npos) << log_;
}

TEST_F(AnnotationRun, DeletedCitationsGoToASideFile) {
  const std::string update = testing::test_data("pubmed_update_deletes.xml");
  const std::string plain = write("in/plain.pubtator", input_docs(1, 1));
  AnnotationRunOptions options;
  options.out_dir = path("out");
  write("out/plain.deleted.txt", "stale list of an earlier run\n");
  AnnotationRunResult r = run({update, plain}, options);
  ASSERT_EQ(r.exit_code(), 0) << log_;
  EXPECT_EQ(testing::read_file(path("out/pubmed_update_deletes.deleted.txt")), "90000003\n90000004\n");
  EXPECT_EQ(r.summary.deleted_citations, 2u);
  EXPECT_EQ(r.summary.documents, 3u);
  const std::string annotated = testing::read_file(path("out/pubmed_update_deletes.pubtator"));
  EXPECT_EQ(annotated.rfind("90000001|t|Tamoxifen lowers breast cancer risk.\n", 0), 0u) << annotated;
  EXPECT_NE(annotated.find("90000002|t|"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("out/plain.deleted.txt")));
}

TEST_F(AnnotationRun, RefusesOutputsThatCollideOrOverwriteAnInput) {
  const std::string a = write("in/a.pubtator", input_docs(1, 1));
  const std::string a_xml = write("in/a.txt", "text\n");
  AnnotationRunOptions options;
  options.out_dir = path("out");
  EXPECT_THROW(run({a, a_xml}, options), std::runtime_error);
  options.out_dir = path("in");  // a.pubtator → in/a.pubtator: itself
  EXPECT_THROW(run({a}, options), std::runtime_error);
  EXPECT_EQ(testing::read_file(a), input_docs(1, 1));
  options.out_dir = path("out");
  EXPECT_THROW(run({"-"}, options), std::runtime_error);
}

TEST_F(AnnotationRun, MissingInputAndUnwritableOutputFail) {
  AnnotationRunOptions options;
  options.output = path("out.pubtator");
  EXPECT_EQ(run({path("missing.pubtator")}, options).exit_code(), 1);
  EXPECT_NE(log_.find("missing.pubtator"), std::string::npos) << log_;
  if (fs::exists("/dev/full")) {
    options.output = "/dev/full";
    const std::string in = write("in.pubtator", input_docs(1, 3));
    EXPECT_EQ(run({in}, options, 2).exit_code(), 1);
    EXPECT_NE(log_.find("error writing /dev/full"), std::string::npos) << log_;
  }
}

}  // namespace
}  // namespace biotator
