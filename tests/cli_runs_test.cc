// Production runs through the `biotator annotate` command with the committed model
// bundle: --out-dir, --resume, directory and glob inputs, compressed outputs, deleted
// citations, progress and summary, and output independent of --threads.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli_test_support.h"
#include "test_paths.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

using testing::RunResult;

class CliRuns : public testing::CliTest {
 protected:
  void SetUp() override {
    if (!fs::exists(testing::source_dir() + "/models/ner.bt")) GTEST_SKIP() << "no committed models";
    CliTest::SetUp();
  }

  // `biotator annotate --models <repo>/models ARGS`.
  RunResult annotate(const std::string& args) const {
    return run("annotate --models " + testing::source_dir() + "/models " + args);
  }

  // Three small inputs in in/: two PubTator files and a PubMed update file.
  void write_inputs() const {
    write("in/a.pubtator",
          "7|t|Tamoxifen reduces breast cancer risk in women.\n"
          "7|a|In mice, tamoxifen lowered ESR1 expression and prevented mammary tumors. \n\n"
          "8|t|Aspirin for headache\n"
          "8|a|Patients with migraine took aspirin; BRCA1 carriers were excluded.\n\n");
    write("in/b.pubtator",
          "9|t|Metformin and type 2 diabetes\n"
          "9|a|The TCF7L2 rs7903146 variant modified the response to metformin in patients with diabetes.\n\n");
    fs::copy_file(testing::test_data("pubmed_update_deletes.xml"), path("in/pubmed25n1300.xml"));
  }
};

TEST_F(CliRuns, OutputIsTheSameForOneAndTwoThreadsInEveryMode) {
  write_inputs();
  auto one = annotate("--threads 1 --novelty --scores " + path("in") + " -o " + path("one.pubtator"));
  auto two = annotate("--threads 2 --batch 1 --novelty --scores " + path("in") + " -o " + path("two.pubtator"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  const std::string single = testing::read_file(path("one.pubtator"));
  EXPECT_EQ(testing::read_file(path("two.pubtator")), single);
  EXPECT_NE(single.find("\tDisease\t"), std::string::npos) << single;

  one = annotate("--threads 1 --novelty --scores " + path("in") + " --out-dir " + path("out1"));
  two = annotate("--threads 2 --batch 1 --novelty --scores " + path("in") + " --out-dir " + path("out2"));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  std::string concatenated;
  for (const char* name : {"a.pubtator", "b.pubtator", "pubmed25n1300.pubtator"}) {
    const std::string first = testing::read_file(path("out1/") + name);
    EXPECT_FALSE(first.empty()) << name;
    EXPECT_EQ(testing::read_file(path("out2/") + name), first) << name;
    concatenated += first;
  }
  // Directory order is name order, and per-file outputs add up to the single output.
  EXPECT_EQ(concatenated, single);
}

TEST_F(CliRuns, AResumedKilledRunEqualsAnUninterruptedOne) {
  write_inputs();
  auto full = annotate(path("in") + " --out-dir " + path("full"));
  ASSERT_EQ(full.exit_code, 0) << full.err;
  // The killed run: a's output complete (with a marker that shows a rewrite), b's
  // temporary output cut short, the PubMed file not started.
  const std::string marker = "MARKER\n";
  write("killed/a.pubtator", testing::read_file(path("full/a.pubtator")) + marker);
  write("killed/b.pubtator.tmp", testing::read_file(path("full/b.pubtator")).substr(0, 40));
  auto resumed = annotate("--resume --threads 2 " + path("in") + " --out-dir " + path("killed"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("1 already done (--resume)"), std::string::npos) << resumed.err;
  EXPECT_EQ(testing::read_file(path("killed/a.pubtator")), testing::read_file(path("full/a.pubtator")) + marker);
  for (const char* name : {"b.pubtator", "pubmed25n1300.pubtator", "pubmed25n1300.deleted.txt"})
    EXPECT_EQ(testing::read_file(path("killed/") + name), testing::read_file(path("full/") + name)) << name;
  EXPECT_FALSE(fs::exists(path("killed/b.pubtator.tmp")));
  EXPECT_EQ(std::distance(fs::directory_iterator(path("killed")), fs::directory_iterator{}), 4);
}

TEST_F(CliRuns, GlobsAndCompressedOutputs) {
  write_inputs();
  // A quoted glob is expanded by the command, not the shell.
  auto r = annotate("'" + path("in") + "/*.pubtator' --compress gz --out-dir " + path("gz"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(path("gz/a.pubtator.gz")));
  EXPECT_TRUE(fs::exists(path("gz/b.pubtator.gz")));
  EXPECT_FALSE(fs::exists(path("gz/pubmed25n1300.pubtator.gz")));
  // Readable back (biotator reads gzip transparently) and equal to the plain output.
  r = annotate(path("in/a.pubtator"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string plain = r.out;
  const std::string cmd = testing::cli_path() + " convert " + path("gz/a.pubtator.gz") + " -o " + path("back.pubtator");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(testing::read_file(path("back.pubtator")), plain);
  // -o with .gz compresses too; zstd output starts with the zstd magic number.
  r = annotate(path("in/a.pubtator") + " -o " + path("x.pubtator.gz"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::read_file(path("x.pubtator.gz")).substr(0, 2), "\x1f\x8b");
  r = annotate(path("in/a.pubtator") + " --to bioc-xml --compress zst --out-dir " + path("zst"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::read_file(path("zst/a.xml.zst")).substr(0, 4), "\x28\xb5\x2f\xfd");
}

TEST_F(CliRuns, DeletedCitationsGoToASideFileOnlyWhenThereAreAny) {
  write_inputs();
  auto r = annotate(path("in") + " --out-dir " + path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::read_file(path("out/pubmed25n1300.deleted.txt")), "90000003\n90000004\n");
  EXPECT_FALSE(fs::exists(path("out/a.deleted.txt")));
  const std::string annotated = testing::read_file(path("out/pubmed25n1300.pubtator"));
  EXPECT_NE(annotated.find("90000001\t"), std::string::npos) << annotated;  // annotated, not only copied
  EXPECT_EQ(annotated.find("90000003"), std::string::npos);
}

TEST_F(CliRuns, QuietPrintsNothingAndTheSummaryCountsWhatWasWritten) {
  write_inputs();
  auto quiet = annotate("--quiet " + path("in") + " -o " + path("quiet.pubtator"));
  ASSERT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
  auto r = annotate("--progress-interval 0 " + path("in") + " -o " + path("loud.pubtator"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = testing::read_file(path("loud.pubtator"));
  EXPECT_EQ(out, testing::read_file(path("quiet.pubtator")));
  // Count what the output holds and compare with the summary.
  std::map<std::string, uint64_t> by_type;
  uint64_t entities = 0, relations = 0, documents = 0;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("|t|") != std::string::npos) ++documents;
    std::vector<std::string> fields;
    std::istringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    if (fields.size() < 4) continue;
    if (std::isdigit(static_cast<unsigned char>(fields[1][0]))) {
      ++by_type[fields[4]];
      ++entities;
    } else {
      ++relations;
    }
  }
  ASSERT_EQ(documents, 5u);
  std::string types;
  for (const auto& [type, n] : by_type) types += (types.empty() ? "" : ", ") + type + " " + std::to_string(n);
  EXPECT_NE(r.err.find("annotate: 5 documents from 3 files in "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("annotate: " + std::to_string(entities) + " entities (" + types + "), " +
                       std::to_string(relations) + " relations\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("annotate: 0 bad documents skipped, 2 deleted citations listed\n"), std::string::npos)
      << r.err;
  // stderr is a file here: plain progress lines (every 0 s), no carriage returns.
  EXPECT_NE(r.err.find("annotate: files 1/3, 2 docs, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" elapsed\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
}

TEST_F(CliRuns, AFailingInputLeavesNoOutputUnderItsFinalName) {
  write_inputs();
  write("in/c.pubtator", "10|t|Alpha\n10|a|\n10\t5\t1\tAlpha\tGene\t5\n\n");
  auto r = annotate("--threads 2 " + path("in") + " --out-dir " + path("out"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path("in/c.pubtator") + ":3:"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(path("out/a.pubtator")));
  EXPECT_TRUE(fs::exists(path("out/b.pubtator")));
  EXPECT_FALSE(fs::exists(path("out/c.pubtator")));
  EXPECT_FALSE(fs::exists(path("out/c.pubtator.tmp")));
  EXPECT_FALSE(fs::exists(path("out/pubmed25n1300.pubtator")));  // the run stopped at c
  // --keep-going skips the bad document; c's output exists, empty.
  r = annotate("--keep-going " + path("in") + " --out-dir " + path("kept"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("skipped 1 bad document"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_file(path("kept/c.pubtator")), "");
  EXPECT_TRUE(fs::exists(path("kept/pubmed25n1300.pubtator")));
}

TEST_F(CliRuns, UsageErrors) {
  write_inputs();
  EXPECT_EQ(annotate("--resume " + path("in/a.pubtator")).exit_code, 2);
  EXPECT_EQ(annotate(path("in") + " --out-dir " + path("o") + " -o " + path("x")).exit_code, 2);
  EXPECT_EQ(annotate("--compress lz4 " + path("in/a.pubtator")).exit_code, 2);
  auto r = annotate("'" + path("in") + "/*.json'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no file matches"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace biotator
