// Tests of the BioRED-compatible scorer: hand-computed cases, a hand-computed fixture
// pair, and a comparison with the independent reference tools/reference_eval.py on a
// deterministically perturbed copy of the BioRED dev set.
#include "evaluator.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "byte_source.h"
#include "pubtator.h"
#include "test_paths.h"
#include "utf8.h"

namespace biotator {
namespace {

Annotation mention(int64_t start, int64_t end, std::string type, std::vector<std::string> ids = {}) {
  Annotation a;
  a.spans.push_back({start, end});
  a.type = std::move(type);
  a.ids = std::move(ids);
  return a;
}

Relation relation(std::string type, std::string arg1, std::string arg2, std::string novelty = "") {
  Relation r;
  r.type = std::move(type);
  r.arg1 = std::move(arg1);
  r.arg2 = std::move(arg2);
  r.novelty = std::move(novelty);
  return r;
}

Document doc(std::string id, std::vector<Annotation> annotations, std::vector<Relation> relations = {}) {
  Document d;
  d.id = std::move(id);
  d.annotations = std::move(annotations);
  d.relations = std::move(relations);
  return d;
}

void expect_counts(const Counts& c, int64_t tp, int64_t fp, int64_t fn, const std::string& what) {
  EXPECT_EQ(c.tp, tp) << what;
  EXPECT_EQ(c.fp, fp) << what;
  EXPECT_EQ(c.fn, fn) << what;
}

const Counts& row(const TypedCounts& counts, const std::string& type) {
  static const Counts kMissing{-1, -1, -1};
  auto it = counts.find(type);
  return it == counts.end() ? kMissing : it->second;
}

std::vector<Document> read_pubtator_file(const std::string& path) {
  PubTatorReader reader(ByteSource::open(path));
  std::vector<Document> docs;
  Document d;
  while (reader.next(d)) docs.push_back(std::move(d));
  return docs;
}

TEST(CountsTest, PrecisionRecallF1AndUndefinedCases) {
  Counts c{3, 1, 2};
  EXPECT_DOUBLE_EQ(c.precision(), 0.75);
  EXPECT_DOUBLE_EQ(c.recall(), 0.6);
  EXPECT_DOUBLE_EQ(c.f1(), 6.0 / 9.0);
  Counts none;
  EXPECT_EQ(none.precision(), 0.0);
  EXPECT_EQ(none.recall(), 0.0);
  EXPECT_EQ(none.f1(), 0.0);
  Counts only_fn{0, 0, 4};
  EXPECT_EQ(only_fn.precision(), 0.0);
  EXPECT_EQ(only_fn.f1(), 0.0);
  c += Counts{1, 1, 1};
  expect_counts(c, 4, 2, 3, "+=");
}

TEST(UnifyTypeTest, BioRedPubTator3AndCorpusNames) {
  EXPECT_EQ(unify_type("GeneOrGeneProduct"), "Gene");
  EXPECT_EQ(unify_type("Gene"), "Gene");
  EXPECT_EQ(unify_type("DiseaseOrPhenotypicFeature"), "Disease");
  for (const char* t : {"SpecificDisease", "DiseaseClass", "Modifier", "CompositeMention"})
    EXPECT_EQ(unify_type(t), "Disease") << t;
  EXPECT_EQ(unify_type("ChemicalEntity"), "Chemical");
  EXPECT_EQ(unify_type("OrganismTaxon"), "Species");
  EXPECT_EQ(unify_type("Species"), "Species");
  EXPECT_EQ(unify_type("CellLine"), "CellLine");
  for (const char* t : {"SequenceVariant", "DNAMutation", "ProteinMutation", "SNP", "DNAAllele", "ProteinAllele",
                        "AcidChange", "OtherMutation"})
    EXPECT_EQ(unify_type(t), "Variant") << t;
  // Not genes in BioRED: they keep their own names.
  EXPECT_EQ(unify_type("FamilyName"), "FamilyName");
  EXPECT_EQ(unify_type("DomainMotif"), "DomainMotif");
}

TEST(NormalizeIdTest, MeshAndCellosaurus) {
  EXPECT_EQ(normalize_id("MESH:D003586"), "D003586");
  EXPECT_EQ(normalize_id("D003586"), "D003586");
  EXPECT_EQ(normalize_id("CVCL:0062"), "CVCL_0062");
  EXPECT_EQ(normalize_id("CVCL_0062"), "CVCL_0062");
  // GNormPlus's gene with its taxon.
  EXPECT_EQ(normalize_id("155971(Tax:11676)"), "155971");
  EXPECT_EQ(normalize_id("(Tax:11676)"), "(Tax:11676)");
  EXPECT_EQ(normalize_id(" CVCL_1452"), "CVCL_1452");  // BioRED has IDs with a leading space
  EXPECT_EQ(normalize_id("3552"), "3552");
}

TEST(NormalizeIdTest, VariantRecords) {
  // PubTator3: the RS# when there is one, else the tmVar form.
  EXPECT_EQ(normalize_id("tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;CorrespondingGene:673;RS#:113488022;"
                         "CorrespondingSpecies:9606"),
            "rs113488022");
  EXPECT_EQ(normalize_id("tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;CorrespondingGene:673"), "p|SUB|V|600|E");
  EXPECT_EQ(normalize_id("tmVar:c|DEL|4153|A"), "c|DEL|4153|A");
  // tmVar3 corpus records.
  EXPECT_EQ(normalize_id("c|SUB|T|920|G;Gene:23417;Disease:C535702;VariantGroup:0"), "c|SUB|T|920|G");
  EXPECT_EQ(normalize_id("p|SUB|Q|298|X;Gene:4166;RS#:886052321;Disease:D003317;VariantGroup:0"), "rs886052321");
  EXPECT_EQ(normalize_id("p|SUB|L|244|F;Gene:3483;RS#:774634302;Disease:OMOM_615961,C563867;VariantGroup:2"),
            "rs774634302");
  // BioRED forms stay as they are.
  EXPECT_EQ(normalize_id("rs74805019"), "rs74805019");
  EXPECT_EQ(normalize_id("p|SUB|V|600|E"), "p|SUB|V|600|E");
  EXPECT_EQ(normalize_id("RS#:123"), "rs123");
}

TEST(EvaluateTest, StrictVersusRelaxed) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "GeneOrGeneProduct", {"673"}),
                                       mention(10, 20, "DiseaseOrPhenotypicFeature", {"D1"}),
                                       mention(30, 35, "ChemicalEntity", {"D2"}),
                                       mention(40, 45, "ChemicalEntity", {"D3"})})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"673"}),          // exact
                                       mention(12, 25, "Disease", {"D1"}),      // overlaps
                                       mention(30, 35, "Gene", {"D2"}),         // wrong type
                                       mention(50, 55, "Chemical", {"D4"})})};  // nowhere
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.ner_strict, "Gene"), 1, 1, 0, "strict Gene");
  expect_counts(row(r.ner_strict, "Disease"), 0, 1, 1, "strict Disease");
  expect_counts(row(r.ner_strict, "Chemical"), 0, 1, 2, "strict Chemical");
  expect_counts(row(r.ner_strict, "micro"), 1, 3, 3, "strict micro");
  expect_counts(row(r.ner_relaxed, "Gene"), 1, 1, 0, "relaxed Gene");
  expect_counts(row(r.ner_relaxed, "Disease"), 1, 0, 0, "relaxed Disease");
  expect_counts(row(r.ner_relaxed, "Chemical"), 0, 1, 2, "relaxed Chemical");
  expect_counts(row(r.ner_relaxed, "micro"), 2, 2, 2, "relaxed micro");
}

TEST(EvaluateTest, RelaxedMatchesEachGoldMentionOnceWithAMaximumMatching) {
  // Two predictions overlap one gold mention: one TP, one FP.
  {
    std::vector<Document> gold{doc("1", {mention(0, 10, "Gene")})};
    std::vector<Document> pred{doc("1", {mention(0, 5, "Gene"), mention(5, 10, "Gene")})};
    expect_counts(row(evaluate(gold, pred).ner_relaxed, "Gene"), 1, 1, 0, "two on one");
  }
  // [0,10) overlaps both gold mentions, [0,3) only the first: a greedy pass that gave
  // the first gold mention to [0,10) would find one pair; the best pairing has two.
  {
    std::vector<Document> gold{doc("1", {mention(0, 5, "Gene"), mention(6, 10, "Gene")})};
    std::vector<Document> pred{doc("1", {mention(0, 10, "Gene"), mention(0, 3, "Gene")})};
    expect_counts(row(evaluate(gold, pred).ner_relaxed, "Gene"), 2, 0, 0, "maximum matching");
  }
  // Touching half-open spans do not overlap.
  {
    std::vector<Document> gold{doc("1", {mention(0, 5, "Gene")})};
    std::vector<Document> pred{doc("1", {mention(5, 9, "Gene")})};
    expect_counts(row(evaluate(gold, pred).ner_relaxed, "Gene"), 0, 1, 1, "touching");
  }
}

TEST(EvaluateTest, DuplicateMentionLinesAreOneMention) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "Gene", {"1"}), mention(0, 4, "Gene", {"1"})})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"1"})})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.ner_strict, "micro"), 1, 0, 0, "strict");
  expect_counts(row(r.norm_mention, "micro"), 1, 0, 0, "mention");
}

TEST(EvaluateTest, TypeAndIdUnificationAcrossBioRedAndPubTator3) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "GeneOrGeneProduct", {"673"}),
                                       mention(5, 10, "SequenceVariant", {"rs113488022"}),
                                       mention(11, 19, "DiseaseOrPhenotypicFeature", {"D008545"}),
                                       mention(20, 25, "OrganismTaxon", {"9606"}),
                                       mention(26, 30, "CellLine", {"CVCL_0132"}),
                                       mention(31, 40, "ChemicalEntity", {"C551177"})})};
  std::vector<Document> pred{doc(
      "1", {mention(0, 4, "Gene", {"673"}),
            mention(5, 10, "ProteinMutation",
                    {"tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;CorrespondingGene:673;RS#:113488022"}),
            mention(11, 19, "Disease", {"MESH:D008545"}), mention(20, 25, "Species", {"9606"}),
            mention(26, 30, "CellLine", {"CVCL:0132"}), mention(31, 40, "Chemical", {"MESH:C551177"})})};
  EvalReport r = evaluate(gold, pred);
  for (const char* type : {"Gene", "Variant", "Disease", "Species", "CellLine", "Chemical"}) {
    expect_counts(row(r.ner_strict, type), 1, 0, 0, std::string("strict ") + type);
    expect_counts(row(r.norm_mention, type), 1, 0, 0, std::string("mention ") + type);
    expect_counts(row(r.norm_concept, type), 1, 0, 0, std::string("concept ") + type);
  }
  EXPECT_EQ(r.ner_strict.size(), 7u);  // six classes + micro: no BioRED name left over
}

TEST(EvaluateTest, FamilyNameIsNotAGene) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "GeneOrGeneProduct", {"1"})})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "FamilyName", {"1"})})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.ner_strict, "Gene"), 0, 0, 1, "Gene");
  expect_counts(row(r.ner_strict, "FamilyName"), 0, 1, 0, "FamilyName");
}

TEST(EvaluateTest, MentionLevelNormalization) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "Gene", {"100", "200"}),  // multi-ID
                                       mention(5, 9, "Disease", {"D1"}),       // pred has another ID
                                       mention(10, 14, "Disease", {"-"}),      // no ID on both sides
                                       mention(15, 19, "Chemical", {"D2"}),    // pred has no ID
                                       mention(20, 24, "Chemical", {"D3"})})};  // pred span differs
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"300", "200"}), mention(5, 9, "Disease", {"D9"}),
                                       mention(10, 14, "Disease", {}), mention(15, 19, "Chemical", {"-"}),
                                       mention(20, 23, "Chemical", {"D3"})})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.norm_mention, "Gene"), 1, 0, 0, "any ID intersects");
  expect_counts(row(r.norm_mention, "Disease"), 1, 1, 1, "wrong ID, and both without ID");
  expect_counts(row(r.norm_mention, "Chemical"), 0, 2, 2, "missing ID, and wrong span");
  expect_counts(row(r.norm_mention, "micro"), 2, 3, 3, "micro");
}

TEST(EvaluateTest, CompositeMeshIdsSplitOnBar) {
  // A reader that left a bc5cdr composite field whole: the scorer still splits it.
  std::vector<Document> gold{doc("1", {mention(0, 4, "Disease", {"D001|D002"})})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Disease", {"MESH:D002"})})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.norm_mention, "Disease"), 1, 0, 0, "mention");
  expect_counts(row(r.norm_concept, "Disease"), 1, 0, 1, "concept");
}

TEST(EvaluateTest, ConceptLevelComparesSetsPerDocument) {
  std::vector<Document> gold{
      doc("1", {mention(0, 4, "Gene", {"7"}), mention(10, 14, "Gene", {"7"}), mention(20, 24, "Disease", {"D1"})}),
      doc("2", {mention(0, 4, "Gene", {"7"})})};
  std::vector<Document> pred{
      // Different spans and many repeats do not matter: the concept is in the document.
      doc("1", {mention(1, 3, "Gene", {"7"}), mention(30, 34, "Gene", {"7"}), mention(40, 44, "Gene", {"7"}),
                mention(20, 24, "Disease", {"D2"})}),
      doc("2", {mention(5, 9, "Gene", {"8"})})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.norm_concept, "Gene"), 1, 1, 1, "Gene");
  expect_counts(row(r.norm_concept, "Disease"), 0, 1, 1, "Disease");
  expect_counts(row(r.norm_concept, "micro"), 1, 2, 2, "micro");
}

TEST(EvaluateTest, RelationLevels) {
  std::vector<Annotation> entities{mention(0, 4, "Gene", {"673"}), mention(5, 9, "Disease", {"D1"}),
                                   mention(10, 14, "Chemical", {"C1"}), mention(15, 19, "Chemical", {"C2"})};
  std::vector<Document> gold{doc("1", entities,
                                 {relation("Association", "673", "D1", "Novel"),
                                  relation("Positive_Correlation", "C1", "D1", "No"),
                                  relation("Bind", "C2", "673", "Novel"), relation("Association", "C1", "C2")})};
  std::vector<Document> pred{
      doc("1", entities,
          {relation("Positive_Correlation", "673", "MESH:D1", "Novel"),  // wrong type
           relation("Positive_Correlation", "D1", "C1", "No"),           // reversed: all right
           relation("Bind", "C2", "673"),                                // novelty missing
           relation("Association", "C2", "C1", "Novel")})};             // gold gives no novelty
  EvalReport r = evaluate(gold, pred);
  expect_counts(r.relation_pair, 4, 0, 0, "pair");
  expect_counts(r.relation_type, 3, 1, 1, "type");
  expect_counts(r.relation_novelty, 2, 2, 2, "novelty");
}

TEST(EvaluateTest, ExcludedPairTypesAreIgnoredOnBothSides) {
  std::vector<Annotation> entities{mention(0, 4, "DiseaseOrPhenotypicFeature", {"D1"}),
                                   mention(5, 9, "Disease", {"MESH:D2"}), mention(10, 14, "Gene", {"673"}),
                                   mention(15, 19, "SNP", {"rs1"}), mention(20, 24, "Species", {"9606"}),
                                   mention(25, 29, "Chemical", {"C1"})};
  std::vector<Document> gold{doc("1", entities,
                                 {relation("Association", "D1", "D2"), relation("Association", "673", "rs1"),
                                  relation("Association", "9606", "673"), relation("Association", "C1", "D1")})};
  std::vector<Document> pred{
      doc("1", entities,
          {relation("Association", "D2", "MESH:D1"), relation("Association", "rs1", "673"),
           relation("Association", "673", "9606"), relation("Positive_Correlation", "C1", "D2")})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(r.relation_pair, 0, 1, 1, "only Chemical-Disease counts");
  expect_counts(r.relation_type, 0, 1, 1, "type");
}

TEST(EvaluateTest, EntityClassesForExclusionComeFromEachFilesOwnLines) {
  // Gold says X is a Disease (so D1-X is Disease-Disease, excluded); the prediction
  // calls X a Chemical, so its D1-X relation is kept and is a FP. An ID that no mention
  // carries has no class and its relation is kept.
  std::vector<Document> gold{doc("1", {mention(0, 4, "Disease", {"D1"}), mention(5, 9, "Disease", {"X"})},
                                 {relation("Association", "D1", "X"), relation("Association", "D1", "unknown")})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Disease", {"D1"}), mention(5, 9, "Chemical", {"X"})},
                                 {relation("Association", "D1", "X"), relation("Association", "unknown", "D1")})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(r.relation_pair, 1, 1, 0, "pair");
}

TEST(EvaluateTest, VariantRecordsInRelationsMatchRsIds) {
  const std::string record = "tmVar:p|SUB|V|600|E;HGVS:p.V600E;VariantGroup:0;CorrespondingGene:673;RS#:113488022";
  std::vector<Document> gold{doc("1", {mention(0, 5, "SequenceVariant", {"rs113488022"}), mention(6, 9, "Disease", {"D1"})},
                                 {relation("Association", "rs113488022", "D1", "Novel")})};
  std::vector<Document> pred{doc("1", {mention(0, 5, "ProteinMutation", {record}), mention(6, 9, "Disease", {"MESH:D1"})},
                                 {relation("Association", record, "MESH:D1", "Novel")})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(r.relation_novelty, 1, 0, 0, "novelty");
  expect_counts(row(r.norm_concept, "Variant"), 1, 0, 0, "concept");
}

TEST(EvaluateTest, MissingDocumentsAreFalseNegativesAndExtraOnesFalsePositives) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "Gene", {"1"})}),
                             doc("2", {mention(0, 4, "Gene", {"2"}), mention(5, 9, "Chemical", {"C1"})},
                                 {relation("Bind", "2", "C1")})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"1"})}),
                             doc("3", {mention(0, 4, "Gene", {"3"})}, {relation("Bind", "3", "C9")})};
  EvalReport r = evaluate(gold, pred);
  expect_counts(row(r.ner_strict, "Gene"), 1, 1, 1, "strict Gene");
  expect_counts(row(r.ner_strict, "Chemical"), 0, 0, 1, "strict Chemical");
  expect_counts(row(r.ner_relaxed, "micro"), 1, 1, 2, "relaxed");
  expect_counts(row(r.norm_mention, "micro"), 1, 1, 2, "mention");
  expect_counts(row(r.norm_concept, "micro"), 1, 1, 2, "concept");
  expect_counts(r.relation_pair, 0, 1, 1, "pair");
  // Nothing predicted at all: every gold item is a FN.
  EvalReport empty = evaluate(gold, {});
  expect_counts(row(empty.ner_strict, "micro"), 0, 0, 3, "empty strict");
  expect_counts(empty.relation_novelty, 0, 0, 1, "empty relations");
}

// The fixture pair (BioRED-style gold, PubTator3-style prediction), counted by hand;
// see the comments in the expectations.
TEST(EvaluateTest, FixturePairCountedByHand) {
  std::vector<Document> gold = read_pubtator_file(testing::test_data("eval_gold.pubtator"));
  std::vector<Document> pred = read_pubtator_file(testing::test_data("eval_pred.pubtator"));
  ASSERT_EQ(gold.size(), 2u);
  ASSERT_EQ(pred.size(), 1u);  // document 1002 is missing from the prediction
  EvalReport r = evaluate(gold, pred);
  // Strict: cisplatin predicted as a Gene; "drives melanoma" and "growth" are not gold.
  expect_counts(row(r.ner_strict, "Gene"), 1, 1, 0, "strict Gene");
  expect_counts(row(r.ner_strict, "Disease"), 1, 2, 2, "strict Disease");
  expect_counts(row(r.ner_strict, "Chemical"), 1, 0, 2, "strict Chemical");
  expect_counts(row(r.ner_strict, "Variant"), 1, 0, 0, "strict Variant");
  expect_counts(row(r.ner_strict, "micro"), 6, 3, 4, "strict micro");
  // Relaxed: "drives melanoma" overlaps "melanoma".
  expect_counts(row(r.ner_relaxed, "Disease"), 2, 1, 1, "relaxed Disease");
  expect_counts(row(r.ner_relaxed, "micro"), 7, 2, 3, "relaxed micro");
  // Mention level: "tumor" has the wrong MeSH ID; Vemurafenib's two IDs include the gold one.
  expect_counts(row(r.norm_mention, "Disease"), 0, 3, 3, "mention Disease");
  expect_counts(row(r.norm_mention, "Chemical"), 1, 0, 2, "mention Chemical");
  expect_counts(row(r.norm_mention, "CellLine"), 1, 0, 0, "mention CellLine");
  expect_counts(row(r.norm_mention, "micro"), 5, 4, 5, "mention micro");
  expect_counts(row(r.norm_concept, "Chemical"), 1, 1, 2, "concept Chemical");
  expect_counts(row(r.norm_concept, "micro"), 6, 3, 4, "concept micro");
  // Relations: Gene-Variant and Disease-Disease excluded; the Gene-Disease one has the
  // wrong type; the Variant-Disease one has no novelty; the Gene-Gene one is spurious.
  expect_counts(r.relation_pair, 3, 1, 1, "pair");
  expect_counts(r.relation_type, 2, 2, 2, "type");
  expect_counts(r.relation_novelty, 1, 3, 3, "novelty");
}

TEST(FormatReportTest, JsonShape) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "Gene", {"1"}), mention(5, 9, "Disease", {"D1"})},
                                 {relation("Association", "1", "D1", "Novel")})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"1"}), mention(10, 14, "Disease", {"D1"})},
                                 {relation("Association", "1", "D1", "No")})};
  const nlohmann::json j = nlohmann::json::parse(format_report_json(evaluate(gold, pred)));
  ASSERT_EQ(j.size(), 3u);
  const nlohmann::json& micro = j.at("ner").at("strict").at("micro");
  EXPECT_EQ(micro.at("tp").get<int64_t>(), 1);
  EXPECT_EQ(micro.at("fp").get<int64_t>(), 1);
  EXPECT_EQ(micro.at("fn").get<int64_t>(), 1);
  EXPECT_DOUBLE_EQ(micro.at("precision").get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(micro.at("recall").get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(micro.at("f1").get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j.at("ner").at("strict").at("Gene").at("f1").get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j.at("ner").at("relaxed").at("Disease").at("f1").get<double>(), 0.0);
  EXPECT_TRUE(j.at("normalization").at("mention").contains("micro"));
  EXPECT_DOUBLE_EQ(j.at("normalization").at("concept").at("micro").at("f1").get<double>(), 1.0);
  EXPECT_EQ(j.at("relations").at("pair").at("tp").get<int64_t>(), 1);
  EXPECT_EQ(j.at("relations").at("type").at("tp").get<int64_t>(), 1);
  EXPECT_EQ(j.at("relations").at("novelty").at("tp").get<int64_t>(), 0);
  EXPECT_EQ(j.at("relations").at("novelty").at("f1").get<double>(), 0.0);
}

TEST(FormatReportTest, TextTable) {
  std::vector<Document> gold{doc("1", {mention(0, 4, "Gene", {"1"}), mention(5, 9, "Gene", {"2"})})};
  std::vector<Document> pred{doc("1", {mention(0, 4, "Gene", {"1"})})};
  const std::string text = format_report_text(evaluate(gold, pred));
  for (const char* section : {"NER strict", "NER relaxed", "Normalization, mention level",
                              "Normalization, concept level", "Relations", "pair+type+novelty"})
    EXPECT_NE(text.find(section), std::string::npos) << section;
  // Gene: TP 1, FP 0, FN 1, P 100.00, R 50.00, F1 66.67.
  EXPECT_NE(text.find("  Gene                          1        0        1   100.00    50.00    66.67\n"),
            std::string::npos)
      << text;
}

// ---- Comparison with the independent reference implementation ----

// A deterministic perturbation of a gold corpus that exercises every scoring path.
std::vector<Document> perturb(const std::vector<Document>& gold) {
  static const std::map<std::string, std::string> kPubTator3Name = {
      {"GeneOrGeneProduct", "Gene"}, {"DiseaseOrPhenotypicFeature", "Disease"}, {"ChemicalEntity", "Chemical"},
      {"OrganismTaxon", "Species"},  {"SequenceVariant", "ProteinMutation"},    {"CellLine", "CellLine"}};
  static const std::map<std::string, std::string> kWrongType = {
      {"GeneOrGeneProduct", "ChemicalEntity"},      {"DiseaseOrPhenotypicFeature", "OrganismTaxon"},
      {"ChemicalEntity", "GeneOrGeneProduct"},      {"OrganismTaxon", "DiseaseOrPhenotypicFeature"},
      {"SequenceVariant", "GeneOrGeneProduct"},     {"CellLine", "OrganismTaxon"}};
  std::vector<Document> out;
  size_t entity_count = 0, relation_count = 0;
  for (size_t d = 0; d < gold.size(); ++d) {
    if (d == 2) continue;  // one document missing from the prediction
    Document doc = gold[d];
    const std::string text = doc.full_text();
    const CodepointIndex index(text);
    std::map<std::string, std::string> variant_record;  // rs ID -> PubTator3 record
    std::vector<Annotation> kept;
    for (Annotation a : doc.annotations) {
      ++entity_count;
      if (entity_count % 7 == 0) continue;  // dropped
      if (entity_count % 11 == 0) {         // shifted by one character, text kept exact
        int64_t shift = a.end() + 1 <= static_cast<int64_t>(index.size()) ? 1 : -1;
        a.spans = {{a.start() + shift, a.end() + shift}};
        const size_t b = index.byte_offset(static_cast<size_t>(a.start()));
        const size_t e = index.byte_offset(static_cast<size_t>(a.end()));
        a.text = text.substr(b, e - b);
      } else if (entity_count % 13 == 0) {
        a.type = kWrongType.at(a.type);
      } else if (entity_count % 23 == 0 && a.type == "GeneOrGeneProduct") {
        a.type = "FamilyName";
      } else if (entity_count % 5 == 0 || a.type == "CellLine") {
        a.type = kPubTator3Name.at(a.type);
      }
      if (entity_count % 17 == 0) a.ids = {"999999"};  // wrong ID
      else if (entity_count % 19 == 0) a.ids = {"-"};  // no ID
      for (std::string& id : a.ids) {
        if (id.size() > 1 && (id[0] == 'D' || id[0] == 'C') && std::isdigit(static_cast<unsigned char>(id[1])))
          id = "MESH:" + id;
        else if (id.starts_with("CVCL_")) id = "CVCL:" + id.substr(5);
        else if (id.starts_with("rs") && entity_count % 2 == 0) {
          const std::string record =
              "tmVar:p|SUB|X|" + std::to_string(entity_count) + "|Y;VariantGroup:0;RS#:" + id.substr(2);
          variant_record[id] = record;
          id = record;
        }
      }
      if (a.ids.size() > 1) a.id_separator = ';';
      kept.push_back(std::move(a));
    }
    doc.annotations = std::move(kept);
    std::vector<Relation> relations;
    for (Relation r : doc.relations) {
      ++relation_count;
      if (relation_count % 9 == 0) continue;  // dropped
      if (relation_count % 5 == 0) r.type = r.type == "Association" ? "Positive_Correlation" : "Association";
      if (relation_count % 16 == 0) r.novelty.clear();
      else if (relation_count % 8 == 0) r.novelty = r.novelty == "Novel" ? "No" : "Novel";
      if (relation_count % 3 == 0) std::swap(r.arg1, r.arg2);
      for (std::string* arg : {&r.arg1, &r.arg2}) {
        auto record = variant_record.find(*arg);
        if (record != variant_record.end()) *arg = record->second;
        else if (arg->size() > 1 && ((*arg)[0] == 'D' || (*arg)[0] == 'C') && std::isdigit(static_cast<unsigned char>((*arg)[1])))
          *arg = "MESH:" + *arg;
      }
      relations.push_back(std::move(r));
    }
    // A spurious relation between the first two IDs of every 4th document.
    if (d % 4 == 0 && doc.annotations.size() >= 2 && !doc.annotations[0].ids.empty() &&
        !doc.annotations.back().ids.empty())
      relations.push_back(relation("Bind", doc.annotations[0].ids[0], doc.annotations.back().ids[0]));
    doc.relations = std::move(relations);
    out.push_back(std::move(doc));
  }
  // A document only the prediction has.
  Document extra = gold.front();
  extra.id = "99999999";
  out.push_back(std::move(extra));
  return out;
}

void expect_same_block(const nlohmann::json& cpp, const nlohmann::json& ref, const std::string& where) {
  for (const char* key : {"tp", "fp", "fn"})
    EXPECT_EQ(cpp.at(key).get<int64_t>(), ref.at(key).get<int64_t>()) << where << " " << key;
  for (const char* key : {"precision", "recall", "f1"})
    EXPECT_NEAR(cpp.at(key).get<double>(), ref.at(key).get<double>(), 0.0005) << where << " " << key;
}

TEST(ReferenceComparisonTest, PerturbedBioRedDevMatchesReferenceImplementation) {
  if (!testing::shared_available()) GTEST_SKIP() << "shared corpora not available";
  const std::string gold_path = testing::shared_dir() + "/corpora/biored/Dev.PubTator";
  const std::string script = testing::source_dir() + "/tools/reference_eval.py";
  if (!std::filesystem::exists(gold_path)) GTEST_SKIP() << gold_path << " not available";
  if (std::system("python3 -c 'import json' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";

  const std::vector<Document> gold = read_pubtator_file(gold_path);
  ASSERT_GT(gold.size(), 50u);
  std::string written;
  for (const Document& d : perturb(gold)) append_pubtator(written, d);

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("biotator_eval_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string pred_path = (dir / "pred.pubtator").string();
  const std::string ref_path = (dir / "reference.json").string();
  std::ofstream(pred_path, std::ios::binary) << written;

  // Both sides score the file as written (the C++ side through the PubTator reader).
  const std::vector<Document> pred = read_pubtator_file(pred_path);
  const EvalReport report = evaluate(gold, pred);
  const nlohmann::json cpp = nlohmann::json::parse(format_report_json(report));
  std::cout << format_report_text(report);

  const std::string command = "python3 '" + script + "' '" + gold_path + "' '" + pred_path + "' > '" + ref_path + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const nlohmann::json ref = nlohmann::json::parse(testing::read_file(ref_path));
  std::filesystem::remove_all(dir);

  // The perturbation must actually hurt every measure, or the comparison proves little.
  EXPECT_LT(cpp["ner"]["strict"]["micro"]["f1"].get<double>(), 0.95);
  EXPECT_GT(cpp["ner"]["relaxed"]["micro"]["f1"].get<double>(), cpp["ner"]["strict"]["micro"]["f1"].get<double>());
  EXPECT_GT(cpp["relations"]["pair"]["f1"].get<double>(), cpp["relations"]["type"]["f1"].get<double>());
  EXPECT_GT(cpp["relations"]["type"]["f1"].get<double>(), cpp["relations"]["novelty"]["f1"].get<double>());
  EXPECT_TRUE(cpp["ner"]["strict"].contains("FamilyName"));

  for (const char* task : {"ner", "normalization"}) {
    ASSERT_EQ(cpp[task].size(), ref[task].size()) << task;
    for (const auto& [level, rows] : ref[task].items()) {
      ASSERT_TRUE(cpp[task].contains(level)) << task << " " << level;
      EXPECT_EQ(cpp[task][level].size(), rows.size()) << task << " " << level;
      for (const auto& [type, counts] : rows.items()) {
        ASSERT_TRUE(cpp[task][level].contains(type)) << task << " " << level << " " << type;
        expect_same_block(cpp[task][level][type], counts, std::string(task) + " " + level + " " + type);
      }
    }
  }
  for (const char* level : {"pair", "type", "novelty"})
    expect_same_block(cpp["relations"][level], ref["relations"][level], std::string("relations ") + level);
}

}  // namespace
}  // namespace biotator
