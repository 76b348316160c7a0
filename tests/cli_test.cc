// End-to-end tests of the `biotator` command: exit codes, error messages naming
// FILE:LINE, --keep-going, stdin/stdout and round trips through every writable format.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli_test_support.h"
#include "test_paths.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

using testing::RunResult;

class Cli : public testing::CliTest {};

const char* kGood =
    "1|t|Alpha gene\n1|a|Beta disease. \n1\t0\t5\tAlpha\tGene\t5\n1\t11\t15\tBeta\tDisease\tMESH:D1\n1\tAssociation\t5\tMESH:D1\n\n";
const char* kGood2 = "3|t|Gamma \xCE\xB3\n3|a|\n3\t6\t7\t\xCE\xB3\tChemical\t-\n\n";

TEST_F(Cli, HelpAndVersionExitZero) {
  auto r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("convert"), std::string::npos);
  EXPECT_NE(r.out.find("eval"), std::string::npos);
  r = run("convert --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--keep-going"), std::string::npos);
  r = run("eval --help");
  EXPECT_EQ(r.exit_code, 0);
  r = run("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("biotator 0."), std::string::npos);
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("convert").exit_code, 2);
  const std::string in = write("a.pubtator", kGood);
  auto r = run("convert --from klingon " + in);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("klingon"), std::string::npos);
  EXPECT_EQ(run("convert --to pubmed-xml " + in).exit_code, 2);
}

TEST_F(Cli, ConvertRoundTripsThroughEveryWritableFormat) {
  const std::string in = write("a.pubtator", std::string(kGood) + kGood2);
  for (const std::string ext : {"xml", "json"}) {
    auto r = run("convert " + in + " -o " + path("a." + ext));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run("convert " + path("a." + ext) + " --to pubtator");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, std::string(kGood) + kGood2) << ext;
  }
  // PubTator3's JSON form, named with --to (a .json name alone means BioC JSON).
  auto r = run("convert " + in + " --to pubtator3-json -o " + path("p3.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(testing::read_file(path("p3.json")).starts_with("{\"PubTator3\":[\n")) << testing::read_file(path("p3.json"));
  r = run("convert " + path("p3.json") + " --to pubtator");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, std::string(kGood) + kGood2);
  r = run("convert --to pubmed-xml " + in);
  EXPECT_NE(r.err.find("write pubtator, bioc-xml, bioc-json or pubtator3-json"), std::string::npos) << r.err;
}

TEST_F(Cli, ReadsStdinAndGuessesTheFormat) {
  const std::string in = write("noext", kGood);
  auto r = run("convert -", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kGood);
}

TEST_F(Cli, BadInputExitsOneNamingFileAndLine) {
  const std::string in = write("bad.pubtator", std::string(kGood) + "2|t|Alpha\n2|a|\n2\t0\t9\tAlpha\tGene\t5\n\n");
  auto r = run("convert " + in);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(in + ":9:"), std::string::npos) << r.err;
  // Nothing partial: the good first document is complete, the bad one absent.
  EXPECT_EQ(r.out, kGood);
}

TEST_F(Cli, KeepGoingWritesEveryGoodDocumentAndCountsTheBadOnes) {
  const std::string bad = "2|t|Alpha\n2|a|\n2\t5\t1\tAlpha\tGene\t5\n\n";
  const std::string in = write("mixed.pubtator", std::string(kGood) + bad + kGood2 + bad);
  auto r = run("convert --keep-going " + in);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, std::string(kGood) + kGood2);
  EXPECT_NE(r.err.find("mixed.pubtator:9:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.pubtator:17:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("skipped 2 bad document"), std::string::npos) << r.err;
}

TEST_F(Cli, TruncatedXmlAndJsonExitOne) {
  const std::string xml = write("t.xml",
                                "<?xml version=\"1.0\"?><collection><source>x</source>\n<document><id>1</id>\n"
                                "<passage><offset>0</offset><text>abc</text>");
  auto r = run("convert " + xml);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("t.xml:"), std::string::npos) << r.err;
  const std::string json = write("t.json", "{\"documents\": [{\"id\": \"1\", \"passages\": [{\"offset\": 0, \"text\": \"abc\"");
  r = run("convert " + json);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("t.json:"), std::string::npos) << r.err;
}

TEST_F(Cli, MissingFileExitsOne) {
  auto r = run("convert " + path("does-not-exist.pubtator"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("does-not-exist.pubtator"), std::string::npos);
  // Commands that load whole corpora say it once, with the program's name once.
  r = run("eval " + path("does-not-exist.pubtator") + " " + path("does-not-exist.pubtator"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "biotator: " + path("does-not-exist.pubtator") + ": cannot open: No such file or directory\n");
}

TEST_F(Cli, EvalPrintsJsonWithTheDocumentedShape) {
  const std::string gold = write("gold.pubtator", kGood);
  auto r = run("eval --json " + gold + " " + gold);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* key : {"\"ner\"", "\"strict\"", "\"relaxed\"", "\"normalization\"", "\"mention\"", "\"concept\"",
                          "\"relations\"", "\"pair\"", "\"novelty\"", "\"micro\"", "\"f1\": 1.0"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key << "\n" << r.out;
}

// The done-when of the foundation: every PubTator file of the corpora and examples
// round-trips byte for byte, directly and through BioC XML and BioC JSON.
TEST_F(Cli, SharedCorporaRoundTripThroughBioC) {
  if (!testing::shared_available()) GTEST_SKIP() << "../shared not available";
  const std::string s = testing::shared_dir();
  for (const std::string rel :
       {"/corpora/biored/Train.PubTator", "/corpora/biored/Dev.PubTator", "/corpora/bc5cdr/CDR_Train.PubTator",
        "/corpora/bc5cdr/CDR_Dev.PubTator", "/corpora/tmvar3/tmVar3_Train.PubTator",
        "/examples/seed-26839691.pubtator", "/examples/pubtator3-export-22429397.pubtator",
        "/examples/pubtator3-export-37026113.pubtator"}) {
    const std::string original = testing::read_file(s + rel);
    for (const std::string ext : {"xml", "json"}) {
      auto r = run("convert --allow-mismatched-mentions " + s + rel + " -o " + path("c." + ext));
      ASSERT_EQ(r.exit_code, 0) << rel << ": " << r.err;
      r = run("convert --allow-mismatched-mentions " + path("c." + ext) + " --to pubtator");
      ASSERT_EQ(r.exit_code, 0) << rel << ": " << r.err;
      EXPECT_TRUE(r.out == original) << rel << " via " << ext;
    }
  }
}

TEST_F(Cli, ConvertsPubMedXmlGz) {
  if (!testing::shared_available()) GTEST_SKIP() << "../shared not available";
  auto r = run("convert " + testing::shared_dir() + "/examples/pubmed-xml/medline16n0902.xml.gz");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t titles = 0;
  for (size_t pos = r.out.find("|t|"); pos != std::string::npos; pos = r.out.find("|t|", pos + 1)) ++titles;
  EXPECT_EQ(titles, 604u);
}

// `annotate` with the committed model bundle (skipped in a checkout without models/).
class CliAnnotate : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    if (!fs::exists(testing::source_dir() + "/models/ner.bt")) GTEST_SKIP() << "no committed models";
    models_ = " --models " + testing::source_dir() + "/models ";
  }
  std::string models_;
};

const char* kAbstract =
    "7|t|Tamoxifen reduces breast cancer risk in women.\n"
    "7|a|In mice, tamoxifen lowered ESR1 expression and prevented mammary tumors. \n"
    "7\t0\t9\tTamoxifen\tChemical\tMESH:D013629\n"
    "7\tNegative_Correlation\tMESH:D013629\tMESH:D001943\n\n";

TEST_F(CliAnnotate, ReplacesInputAnnotationsWithItsOwn) {
  const std::string in = write("in.pubtator", kAbstract);
  auto r = run("annotate" + models_ + in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7\t0\t9\tTamoxifen\tChemical\tMESH:D013629\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tbreast cancer\tDisease\tMESH:D001943\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tmice\tSpecies\t10090\n"), std::string::npos) << r.out;
  // Everything written round-trips through the strict reader (offsets slice the text).
  const std::string out = write("out.pubtator", r.out);
  EXPECT_EQ(run("convert " + out).exit_code, 0);
}

TEST_F(CliAnnotate, RelationColumnsFollowTheFlags) {
  const std::string in = write("in.pubtator", kAbstract);
  auto plain = run("annotate" + models_ + in);
  auto full = run("annotate --novelty --scores" + models_ + in);
  ASSERT_EQ(plain.exit_code, 0);
  ASSERT_EQ(full.exit_code, 0);
  auto relation_lines = [](const std::string& text, size_t fields) {
    size_t n = 0;
    std::istringstream ss(text);
    for (std::string line; std::getline(ss, line);) {
      if (line.empty() || line.find("|t|") != std::string::npos || line.find("|a|") != std::string::npos) continue;
      const size_t tabs = static_cast<size_t>(std::count(line.begin(), line.end(), '\t'));
      const bool entity = std::isdigit(static_cast<unsigned char>(line[line.find('\t') + 1]));
      if (!entity) {
        EXPECT_EQ(tabs + 1, fields) << line;
        ++n;
      }
    }
    return n;
  };
  EXPECT_GT(relation_lines(plain.out, 4), 0u);
  EXPECT_GT(relation_lines(full.out, 6), 0u);
}

// The committed relation model with the feature code of this checkout gives the
// relations recorded for the bundled example. A change to the relation features (even
// one to a hash seed) or a retrained models/relations.bt fails here until the record is
// renewed, deliberately, with:
//   build/biotator annotate -q --entities-from-input --novelty --scores examples/example.pubtator
//     > tests/data/example_relations.golden.pubtator   (one command line)
TEST_F(CliAnnotate, CommittedRelationModelGivesTheRecordedRelations) {
  auto r = run("annotate -q --entities-from-input --novelty --scores" + models_ + testing::source_dir() +
               "/examples/example.pubtator");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, testing::read_file(testing::source_dir() + "/tests/data/example_relations.golden.pubtator"));
}

TEST_F(CliAnnotate, GoldEntityAndGoldMentionModes) {
  const std::string in = write("in.pubtator", kAbstract);
  // --entities-from-input keeps the single input entity line untouched.
  auto r = run("annotate --entities-from-input" + models_ + in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7\t0\t9\tTamoxifen\tChemical\tMESH:D013629\n"), std::string::npos);
  EXPECT_EQ(r.out.find("breast cancer\tDisease"), std::string::npos);
  // --link-input-mentions keeps the span, recomputes the ID.
  const std::string unlinked = write("unlinked.pubtator", "7|t|Tamoxifen works.\n7|a|\n7\t0\t9\tTamoxifen\tChemical\t-\n\n");
  r = run("annotate --link-input-mentions" + models_ + unlinked);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7\t0\t9\tTamoxifen\tChemical\tMESH:D013629\n"), std::string::npos) << r.out;
  EXPECT_EQ(run("annotate --link-input-mentions --entities-from-input" + models_ + in).exit_code, 2);
  // An input entity line without an ID column gains one.
  const std::string no_id_column = write("noid.pubtator", "7|t|Tamoxifen works.\n7|a|\n7\t0\t9\tTamoxifen\tChemical\n\n");
  r = run("annotate --link-input-mentions" + models_ + no_id_column);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7\t0\t9\tTamoxifen\tChemical\tMESH:D013629\n"), std::string::npos) << r.out;
  // Both modes write the input's spans back: a mention its offsets do not slice is an
  // input error naming file and line; --keep-going skips that document and keeps the rest.
  const std::string shifted = write("shifted.pubtator", "8|t|Aspirin works.\n8|a|\n8\t40\t47\tAspirin\tChemical\t-\n\n" +
                                                            std::string("7|t|Tamoxifen works.\n7|a|\n7\t0\t9\tTamoxifen\tChemical\t-\n\n"));
  for (const char* mode : {" --link-input-mentions", " --entities-from-input"}) {
    r = run(std::string("annotate") + mode + models_ + shifted);
    EXPECT_NE(r.exit_code, 0) << mode;
    EXPECT_NE(r.err.find("shifted.pubtator:3:"), std::string::npos) << mode << r.err;
    r = run(std::string("annotate --keep-going") + mode + models_ + shifted);
    EXPECT_EQ(r.exit_code, 1) << mode;
    EXPECT_EQ(r.out.find("8|t|"), std::string::npos) << mode << r.out;
    EXPECT_NE(r.out.find("7\t0\t9\tTamoxifen\tChemical"), std::string::npos) << mode << r.out;
  }
  r = run("annotate --link-input-mentions --allow-mismatched-mentions" + models_ + shifted);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("8\t40\t47\tAspirin\tChemical"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: " + shifted + ":3:"), std::string::npos) << r.err;
}

// --id-style chooses how identifiers are written, apart from the type names: PubTator3's
// (MESH: prefix, ';' between IDs, the variant record, CVCL:) or BioRED's (bare MeSH, ','
// between IDs, a variant's rs ID, CVCL_), in entity and relation lines alike. Without it
// the style follows --type-names.
TEST_F(CliAnnotate, IdStyleIsChosenApartFromTypeNames) {
  const std::string in =
      write("in.txt", "1\tImatinib overcomes resistance from the ABL1 T315I mutation in chronic myeloid leukemia "
                      "and in K-562 cells.\n");
  auto pubtator3 = run("annotate --lines --novelty" + models_ + in);
  auto biored = run("annotate --lines --novelty --id-style biored" + models_ + in);
  auto biored_names = run("annotate --lines --novelty --type-names biored" + models_ + in);
  auto biored_names_pubtator3_ids = run("annotate --lines --novelty --type-names biored --id-style pubtator3" + models_ + in);
  for (const auto* r : {&pubtator3, &biored, &biored_names, &biored_names_pubtator3_ids}) ASSERT_EQ(r->exit_code, 0) << r->err;
  EXPECT_NE(pubtator3.out.find("\tImatinib\tChemical\tMESH:D000068877\n"), std::string::npos) << pubtator3.out;
  EXPECT_NE(pubtator3.out.find("\tT315I\tProteinMutation\ttmVar:p|SUB|T|315|I;HGVS:p.T315I;VariantGroup:0;"
                               "CorrespondingGene:25;RS#:121913459;CorrespondingSpecies:9606\n"),
            std::string::npos)
      << pubtator3.out;
  EXPECT_NE(pubtator3.out.find("\tK-562\tCellLine\tCVCL:0004\n"), std::string::npos) << pubtator3.out;
  EXPECT_NE(pubtator3.out.find("\tMESH:D000068877\ttmVar:p|SUB|T|315|I;"), std::string::npos) << pubtator3.out;
  // BioRED's identifiers with PubTator3's type names.
  EXPECT_NE(biored.out.find("\tImatinib\tChemical\tD000068877\n"), std::string::npos) << biored.out;
  EXPECT_NE(biored.out.find("\tT315I\tProteinMutation\trs121913459\n"), std::string::npos) << biored.out;
  EXPECT_NE(biored.out.find("\tK-562\tCellLine\tCVCL_0004\n"), std::string::npos) << biored.out;
  EXPECT_NE(biored.out.find("\tD000068877\trs121913459\t"), std::string::npos) << biored.out;
  EXPECT_EQ(biored.out.find("MESH:"), std::string::npos) << biored.out;
  EXPECT_EQ(biored.out.find("tmVar:"), std::string::npos) << biored.out;
  // BioRED's type names bring BioRED's identifiers unless --id-style says otherwise.
  EXPECT_NE(biored_names.out.find("\tT315I\tSequenceVariant\trs121913459\n"), std::string::npos) << biored_names.out;
  EXPECT_NE(biored_names_pubtator3_ids.out.find("\tImatinib\tChemicalEntity\tMESH:D000068877\n"), std::string::npos)
      << biored_names_pubtator3_ids.out;
  EXPECT_NE(biored_names_pubtator3_ids.out.find("\tT315I\tSequenceVariant\ttmVar:p|SUB|T|315|I;"), std::string::npos)
      << biored_names_pubtator3_ids.out;
  auto bad = run("annotate --lines --id-style bioc" + models_ + in);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--id-style must be pubtator3 or biored"), std::string::npos) << bad.err;
}

TEST_F(CliAnnotate, ReadsTextAndKeepsGoingPastBadDocuments) {
  const std::string text = write("note.txt", "Aspirin for headache\nPatients with migraine took aspirin.\n");
  auto r = run("annotate" + models_ + text);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("note|t|Aspirin for headache\n", 0), 0u) << r.out;
  const std::string bad = write("bad.pubtator", std::string(kAbstract) + "8|t|x\nnot a line\n\n" + kAbstract);
  r = run("annotate --keep-going" + models_ + bad);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.pubtator:7:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("skipped 1 bad document"), std::string::npos) << r.err;
}

TEST_F(CliAnnotate, OutputIsTheSameForAnyNumberOfThreads) {
  std::string many;
  for (int i = 0; i < 12; ++i) {
    std::string doc = kAbstract;
    const std::string id = std::to_string(100 + i);
    for (size_t pos = 0; (pos = doc.find("7|", pos)) != std::string::npos; pos += id.size()) doc.replace(pos, 1, id);
    for (size_t pos = 0; (pos = doc.find("\n7\t", pos)) != std::string::npos; pos += id.size()) doc.replace(pos + 1, 1, id);
    if (doc.rfind("7\t", 0) == 0) doc.replace(0, 1, id);
    many += doc;
  }
  const std::string in = write("many.pubtator", many);
  auto one = run("annotate --threads 1 --novelty --scores" + models_ + in);
  auto two = run("annotate --threads 2 --batch 5 --novelty --scores" + models_ + in);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(one.out, two.out);
  size_t docs = 0;
  for (size_t pos = one.out.find("|t|"); pos != std::string::npos; pos = one.out.find("|t|", pos + 1)) ++docs;
  EXPECT_EQ(docs, 12u);
}

TEST_F(CliAnnotate, MissingModelsAreAClearError) {
  const std::string in = write("in.pubtator", kAbstract);
  auto r = run("annotate --models " + path("nowhere") + " " + in);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no entity recognition model"), std::string::npos) << r.err;
}

// train relations --seed: the same seed gives the same model file byte for byte (the
// trainer is deterministic), another seed another shuffle and so other weights. The
// bundled example's two documents with relations are the (tiny) training corpus.
TEST_F(Cli, TrainRelationsSeedChoosesTheShuffle) {
  const std::string corpus = testing::source_dir() + "/examples/example.pubtator";
  const auto train = [&](const std::string& seed, const std::string& out) {
    auto r = run("train relations --train " + corpus + " --seed " + seed + " --out " + path(out));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::read_file(path(out));
  };
  const std::string a = train("7", "a.bt"), again = train("7", "again.bt"), b = train("8", "b.bt");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, again);
  EXPECT_NE(a, b);
}

// The training settings must be numbers in range: a clear usage error
// (exit 2), never a model trained on nonsense.
TEST_F(Cli, TrainSettingsAreChecked) {
  const std::string corpus = testing::source_dir() + "/examples/example.pubtator";
  for (const auto& [command, message] : std::vector<std::pair<std::string, std::string>>{
           {"relations --epochs 0", "--epochs: must be a number above 0, not 0"},
           {"relations --learning-rate x", "--learning-rate: must be a number above 0, not x"},
           {"relations --l2 -1", "--l2: must be a number of 0 or more, not -1"},
           {"relations --seeds 0", "--seeds: must be a number above 0, not 0"},
           {"relations --trees 5", "--trees: must be 0, 1 or 2, not 5"},
           {"relations --tree-weight 2", "--tree-weight: must be a number from 0 to 1, not 2"},
           {"relations --hash-bits 27", "--hash-bits: must be a whole number from 1 to 26, not 27"},
           {"ner --epochs 0", "--epochs: must be a number above 0, not 0"},
           {"ner --seeds -1", "--seeds: must be a number above 0, not -1"},
           {"ner --prune -0.1", "--prune: must be a number of 0 or more, not -0.1"},
           {"ner --min-feature-count x", "--min-feature-count: must be a number of 0 or more, not x"},
           {"variants --folds -2", "--folds: must be a number of 0 or more, not -2"}}) {
    auto r = run("train " + command + " --train " + corpus + " --out " + path("bad.bt"));
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("bad.bt"))) << command;
  }
}

// kb build --hold-out: the held-out corpus's documents give the KB none of their names,
// so a linking evaluation on that corpus is not scored on its own answers. The fixture's
// BioRED Train document 901 alone teaches the rat gene 25086 ("Cyp2e1").
TEST_F(Cli, KbBuildHoldsOutTheDocumentsOfACorpus) {
  const std::string shared = testing::fixture_tree("kbn_shared");
  const std::string held = write("held.pubtator", "901|t|Cyp2e1 in rats and mice.\n901|a|Rats.\n\n");
  const RunResult all = run("kb build --shared " + shared + " --out " + path("all.bt"));
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const RunResult held_out = run("kb build --shared " + shared + " --out " + path("held.bt") + " --hold-out " + held);
  ASSERT_EQ(held_out.exit_code, 0) << held_out.err;
  EXPECT_NE(held_out.err.find("holding out 1 documents"), std::string::npos) << held_out.err;
  EXPECT_EQ(all.err.find("holding out"), std::string::npos) << all.err;

  auto gene_id = [&](const std::string& kb) {
    const std::string models = path("models-" + kb);
    std::filesystem::create_directories(models);
    std::filesystem::copy_file(path(kb), models + "/kb.bt");
    const RunResult r = run("annotate -q --models " + models + " --link-input-mentions " +
                            write("in.pubtator", "7|t|Cyp2e1 in rats.\n7|a|Rats.\n7\t0\t6\tCyp2e1\tGeneOrGeneProduct\t-\n"
                                                 "7\t10\t14\trats\tOrganismTaxon\t-\n\n"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const size_t line = r.out.find("7\t0\t6\tCyp2e1\t");
    return line == std::string::npos ? std::string("?") : r.out.substr(line, r.out.find('\n', line) - line);
  };
  EXPECT_NE(gene_id("all.bt").find("25086"), std::string::npos);
  EXPECT_EQ(gene_id("held.bt").find("25086"), std::string::npos);

  const RunResult missing = run("kb build --shared " + shared + " --out " + path("x.bt") + " --hold-out " + path("none.pubtator"));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("none.pubtator"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace biotator
