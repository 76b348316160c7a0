#include "pubtator.h"

#include <gtest/gtest.h>

#include <sstream>

#include "input_error.h"
#include "test_paths.h"

namespace biotator {
namespace {

std::vector<Document> read_all(const std::string& text, ReaderOptions options = {}) {
  PubTatorReader reader(ByteSource::from_string(text, "mem.pubtator"), options);
  std::vector<Document> docs;
  Document doc;
  while (reader.next(doc)) docs.push_back(doc);
  return docs;
}

std::string write_all(const std::vector<Document>& docs) {
  std::string out;
  for (const auto& d : docs) append_pubtator(out, d);
  return out;
}

// Every dialect in one input: BioRED 5-column relations, PubTator3 4-column relations,
// a relation with a score, bc5cdr composites with a 7th column and CID relations,
// a line without an ID column, '-'/-1 IDs, variant records with '|' and ';', and
// non-ASCII text where code points and bytes differ.
const char* kDialects =
    "100|t|BRAF p.V600E in melanoma.\n"
    "100|a|Vemurafenib treats TNF-\xCE\xB1\xE2\x80\x93" "driven disease \xF0\x9F\x98\x80 in mice. \n"
    "100\t0\t4\tBRAF\tGeneOrGeneProduct\t673\n"
    "100\t5\t12\tp.V600E\tSequenceVariant\tp|SUB|V|600|E\n"
    "100\t16\t24\tmelanoma\tDiseaseOrPhenotypicFeature\tD008545\n"
    "100\t26\t37\tVemurafenib\tChemicalEntity\tD000077484\n"
    "100\t45\t50\tTNF-\xCE\xB1\tGeneOrGeneProduct\t7124,21926\n"
    "100\t71\t75\tmice\tOrganismTaxon\t10090\n"
    "100\tAssociation\tp|SUB|V|600|E\tD008545\tNovel\n"
    "100\tNegative_Correlation\tD000077484\tD008545\n"
    "100\tBind\tD000077484\t673\t0.9731\n"
    "100\tPositive_Correlation\tD000077484\t7124\tNo\t0.5\n"
    "\n"
    "200|t|Nausea and vomiting.\n"
    "200|a|\n"
    "200\t0\t19\tNausea and vomiting\tDisease\tD009325|D014839\tNausea|vomiting\n"
    "200\t0\t6\tNausea\tSpecificDisease\t-1\n"
    "200\t11\t19\tvomiting\tFamilyName\n"
    "200\t0\t6\tNausea\tDNAMutation\ttmVar:c|SUB|T|920|G;HGVS:c.920T>G;VariantGroup:0;RS#:12345\n"
    "200\t11\t19\tvomiting\tDisease\tMESH:D014839;MESH:D009325\n"
    "200\t0\t6\tNausea\tDisease\t-\n"
    "200\tCID\tD003000\tD009325\n"
    "\n";

TEST(PubTator, ReadsEveryDialectAndWritesTheSameBytes) {
  auto docs = read_all(kDialects);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(write_all(docs), kDialects);
}

TEST(PubTator, ParsesFieldsIntoTheModel) {
  auto docs = read_all(kDialects);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "100");
  ASSERT_EQ(d.passages.size(), 2u);
  EXPECT_EQ(d.passages[1].offset, 26);
  EXPECT_EQ(d.passages[1].text.back(), ' ');  // trailing space kept
  ASSERT_EQ(d.annotations.size(), 6u);
  EXPECT_EQ(d.annotations[1].ids, std::vector<std::string>{"p|SUB|V|600|E"});  // never split on '|'
  EXPECT_EQ(d.annotations[4].ids, (std::vector<std::string>{"7124", "21926"}));
  EXPECT_EQ(d.annotations[4].id_separator, ',');
  EXPECT_EQ(d.annotations[5].start(), 71);  // after the emoji, counted as one code point
  ASSERT_EQ(d.relations.size(), 4u);
  EXPECT_EQ(d.relations[0].novelty, "Novel");
  EXPECT_EQ(d.relations[1].novelty, "");
  EXPECT_EQ(d.relations[2].score, "0.9731");
  EXPECT_EQ(d.relations[3].novelty, "No");
  EXPECT_EQ(d.relations[3].score, "0.5");

  const Document& e = docs[1];
  EXPECT_EQ(e.passages[1].text, "");
  EXPECT_EQ(e.annotations[0].ids, (std::vector<std::string>{"D009325", "D014839"}));
  EXPECT_EQ(e.annotations[0].extra_columns, std::vector<std::string>{"Nausea|vomiting"});
  EXPECT_FALSE(e.annotations[2].has_id_field);
  EXPECT_EQ(e.annotations[3].ids.size(), 1u);  // a tmVar record is one identifier
  EXPECT_EQ(e.annotations[4].ids, (std::vector<std::string>{"MESH:D014839", "MESH:D009325"}));
  EXPECT_TRUE(is_null_id(e.annotations[1].ids[0]));
  EXPECT_EQ(e.relations[0].type, "CID");
}

TEST(PubTator, MissingFinalBlankLineIsAccepted) {
  auto docs = read_all("1|t|A\n1|a|B\n1\t0\t1\tA\tGene\t5");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(write_all(docs), "1|t|A\n1|a|B\n1\t0\t1\tA\tGene\t5\n\n");
}

TEST(PubTator, CrLfLineEndingsAreRead) {
  auto docs = read_all("1|t|Alpha\r\n1|a|Beta\r\n1\t0\t5\tAlpha\tGene\t5\r\n\r\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].passages[0].text, "Alpha");
  EXPECT_EQ(docs[0].annotations[0].ids[0], "5");
}

struct BadCase {
  const char* name;
  std::string input;
  uint64_t line;
  const char* reason_part;
};

class PubTatorBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(PubTatorBadInput, ReportsFileLineAndReason) {
  const BadCase& c = GetParam();
  try {
    read_all(c.input);
    FAIL() << "no error for " << c.name;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "mem.pubtator");
    EXPECT_EQ(e.line(), c.line) << e.what();
    EXPECT_NE(e.reason().find(c.reason_part), std::string::npos) << e.what();
    EXPECT_TRUE(e.recoverable());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PubTatorBadInput,
    ::testing::Values(
        BadCase{"end before start", "1|t|Alpha beta\n1|a|\n1\t5\t2\tAlpha\tGene\t5\n", 3, "before start"},
        BadCase{"past the end", "1|t|Alpha\n1|a|x\n1\t0\t5\tAlpha\tGene\t5\n1\t6\t9\txyz\tGene\t5\n", 4, "past the end"},
        BadCase{"mismatch", "1|t|Alpha\n1|a|\n1\t0\t5\talpha\tGene\t5\n", 3, "does not match"},
        BadCase{"non-numeric start", "1|t|Alpha\n1|a|\n1\t0x\t5\tAlpha\tGene\t5\n", 3, "non-numeric start"},
        BadCase{"non-numeric end", "1|t|Alpha\n1|a|\n1\t0\tfive\tAlpha\tGene\t5\n", 3, "non-numeric end"},
        BadCase{"unknown shape", "1|t|Alpha\n1|a|\nthis is not a line\n", 3, "unknown line shape"},
        BadCase{"no title", "hello world\n", 1, "expected a title line"},
        BadCase{"wrong pmid", "1|t|Alpha\n1|a|\n2\t0\t5\tAlpha\tGene\t5\n", 3, "inside document"},
        BadCase{"invalid utf8", "1|t|Al\xFFpha\n1|a|\n", 1, "invalid UTF-8"},
        BadCase{"too few entity fields", "1|t|Alpha\n1|a|\n1\t0\t5\tAlpha\n", 3, "fields"},
        BadCase{"bad score", "1|t|Alpha\n1|a|\n1\tBind\tA\tB\tNo\thigh\n", 3, "score"}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST(PubTator, BadDocumentIsSkippedAndTheNextOneRead) {
  const std::string input =
      "1|t|Alpha\n1|a|\n1\t0\t5\talpha\tGene\t5\n1\t0\t5\tAlpha\tGene\t5\n\n"
      "2|t|Beta\n2|a|\n2\t0\t4\tBeta\tGene\t6\n\n";
  PubTatorReader reader(ByteSource::from_string(input, "mem"));
  Document doc;
  EXPECT_THROW(reader.next(doc), InputError);
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.id, "2");
  EXPECT_FALSE(reader.next(doc));
}

TEST(PubTator, ErrorInTheMiddleOfADocumentSkipsItsRest) {
  const std::string input =
      "1|t|Alpha\n1|a|\n1\t12a\t5\tAlpha\tGene\t5\n1\t0\t5\tAlpha\tGene\t5\n\n"
      "2|t|Beta\n2|a|\n\n";
  PubTatorReader reader(ByteSource::from_string(input, "mem"));
  Document doc;
  EXPECT_THROW(reader.next(doc), InputError);
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.id, "2");
}

TEST(PubTator, MismatchedMentionsCanBeKeptWithAWarning) {
  std::ostringstream warnings;
  ReaderOptions options;
  options.allow_mismatched_mentions = true;
  options.warnings = &warnings;
  auto docs = read_all("1|t|Alpha\n1|a|\n1\t1\t6\tAlpha\tGene\t5\n\n", options);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].annotations.size(), 1u);
  EXPECT_NE(warnings.str().find("mem.pubtator:3:"), std::string::npos) << warnings.str();
  // Malformed spans stay errors even then.
  EXPECT_THROW(read_all("1|t|Alpha\n1|a|\n1\t5\t1\tAlpha\tGene\t5\n\n", options), InputError);
}

TEST(PubTator, WriterKeepsOffsetsValidForMultiLineText) {
  Document d;
  d.id = "7";
  d.passages.push_back({"title", 0, "Line one\nline two", {}});
  d.passages.push_back({"abstract", 18, "Tab\there", {}});
  Annotation a;
  a.spans = {{9, 13}};
  a.text = "line";
  a.type = "Gene";
  d.annotations.push_back(a);
  std::string out;
  append_pubtator(out, d);
  EXPECT_EQ(out, "7|t|Line one line two\n7|a|Tab\there\n7\t9\t13\tline\tGene\t-\n\n");
  auto back = read_all(out);
  ASSERT_EQ(back.size(), 1u);
}

TEST(PubTator, DiscontinuousMentionIsWrittenAsItsCoveringSpan) {
  Document d;
  d.id = "8";
  d.passages.push_back({"title", 0, "breast and ovarian cancer", {}});
  d.passages.push_back({"abstract", 26, "", {}});
  Annotation a;
  a.spans = {{0, 6}, {19, 25}};
  a.text = "breast cancer";
  a.type = "Disease";
  a.ids = {"D001943"};
  d.annotations.push_back(a);
  std::string out;
  append_pubtator(out, d);
  EXPECT_NE(out.find("8\t0\t25\tbreast and ovarian cancer\tDisease\tD001943\n"), std::string::npos) << out;
}

// The corpora themselves: every PubTator file of ../shared round-trips byte for byte.
TEST(PubTator, SharedCorporaRoundTripByteForByte) {
  if (!testing::shared_available()) GTEST_SKIP() << "../shared not available";
  const std::string s = testing::shared_dir();
  for (const std::string rel :
       {"/corpora/biored/Train.PubTator", "/corpora/biored/Dev.PubTator", "/corpora/bc5cdr/CDR_Train.PubTator",
        "/corpora/bc5cdr/CDR_Dev.PubTator", "/corpora/tmvar3/tmVar3_Train.PubTator",
        "/examples/seed-26839691.pubtator", "/examples/pubtator3-export-22429397.pubtator",
        "/examples/pubtator3-export-37026113.pubtator", "/corpora/ncbi-disease/NCBItrainset_corpus.txt"}) {
    const std::string original = testing::read_file(s + rel);
    ASSERT_FALSE(original.empty()) << rel;
    ReaderOptions options;
    options.allow_mismatched_mentions = true;  // tmvar3 and ncbi-disease carry a few shifted spans
    EXPECT_EQ(write_all(read_all(original, options)), original) << rel;
  }
}

}  // namespace
}  // namespace biotator
