// The entity recognizer end to end on small hand-written data: BIOES constraints,
// training (full and partial annotation), determinism, model files, offsets, and the
// abbreviation consistency as the recognizer applies it (the other post-processing
// rules: mention_rules_test.cc).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "entity_recognizer.h"
#include "model_bundle.h"
#include "ner_trainer.h"
#include "pubtator.h"
#include "test_paths.h"

namespace biotator {
namespace {

TEST(BioesLabels, OnlyWellFormedSequencesAreAllowed) {
  const int b_gene = BioesLabels::label(0, 0), i_gene = BioesLabels::label(0, 1), e_gene = BioesLabels::label(0, 2),
            s_gene = BioesLabels::label(0, 3), b_dis = BioesLabels::label(1, 0), e_dis = BioesLabels::label(1, 2);
  EXPECT_TRUE(BioesLabels::allowed(-1, b_gene));
  EXPECT_FALSE(BioesLabels::allowed(-1, i_gene));
  EXPECT_TRUE(BioesLabels::allowed(b_gene, i_gene));
  EXPECT_TRUE(BioesLabels::allowed(b_gene, e_gene));
  EXPECT_FALSE(BioesLabels::allowed(b_gene, e_dis));  // a mention keeps its type
  EXPECT_FALSE(BioesLabels::allowed(b_gene, 0));      // B must be closed
  EXPECT_TRUE(BioesLabels::allowed(e_gene, b_dis));
  EXPECT_TRUE(BioesLabels::allowed(s_gene, 0));
  EXPECT_FALSE(BioesLabels::can_end(b_gene));
  EXPECT_TRUE(BioesLabels::can_end(s_gene));
}

// Pruning keeps exactly the weights at or above the bar: emission scores lose only the
// small weights, and a feature left with none disappears from the table.
TEST(SequenceModel, PruningDropsSmallWeightsOnly) {
  SequenceModel model({"Gene"});  // labels O, B, I, E, S
  const std::vector<uint64_t> features{11, 22, 33};
  const std::vector<uint32_t> offsets{0, 2, 3, 5};
  const std::vector<uint8_t> labels{0, 4, 1, 2, 4};
  const std::vector<float> weights{0.2f, 3.0f, -0.1f, -2.5f, 0.4f};
  model.set_weights(features, offsets, labels, weights, std::vector<float>(6 * 5, 0.0f));
  const SequenceModel pruned = model.pruned(0.5f);
  EXPECT_EQ(pruned.feature_count(), 2u);  // feature 22 had only -0.1
  EXPECT_EQ(pruned.weight_count(), 2u);
  FeatureSequence seq;
  seq.values = {11, 22, 33};
  seq.offsets = {0, 3};
  std::vector<float> full_scores, pruned_scores;
  model.emission_scores(seq, full_scores);
  pruned.emission_scores(seq, pruned_scores);
  ASSERT_EQ(pruned_scores.size(), 5u);
  EXPECT_FLOAT_EQ(full_scores[4], 3.4f);
  EXPECT_FLOAT_EQ(pruned_scores[4], 3.0f);   // S: 3.0 kept, 0.4 dropped
  EXPECT_FLOAT_EQ(pruned_scores[2], -2.5f);  // E kept
  EXPECT_FLOAT_EQ(pruned_scores[0], 0.0f);   // O: 0.2 dropped
  EXPECT_FLOAT_EQ(pruned_scores[1], 0.0f);   // B: -0.1 dropped
}

// A tiny corpus in BioRED's style, written for this test.
const char* kCorpus =
    "1|t|Aspirin relieves headache in patients.\n"
    "1|a|Ibuprofen and aspirin reduce migraine in mice; BRCA1 was unchanged.\n"
    "1\t0\t7\tAspirin\tChemicalEntity\tD001241\n"
    "1\t17\t25\theadache\tDiseaseOrPhenotypicFeature\tD006261\n"
    "1\t29\t37\tpatients\tOrganismTaxon\t9606\n"
    "1\t39\t48\tIbuprofen\tChemicalEntity\tD007052\n"
    "1\t53\t60\taspirin\tChemicalEntity\tD001241\n"
    "1\t68\t76\tmigraine\tDiseaseOrPhenotypicFeature\tD008881\n"
    "1\t80\t84\tmice\tOrganismTaxon\t10090\n"
    "1\t86\t91\tBRCA1\tGeneOrGeneProduct\t672\n"
    "\n"
    "2|t|Ibuprofen relieves migraine in patients.\n"
    "2|a|Aspirin and ibuprofen reduce headache in mice; TP53 was unchanged.\n"
    "2\t0\t9\tIbuprofen\tChemicalEntity\tD007052\n"
    "2\t19\t27\tmigraine\tDiseaseOrPhenotypicFeature\tD008881\n"
    "2\t31\t39\tpatients\tOrganismTaxon\t9606\n"
    "2\t41\t48\tAspirin\tChemicalEntity\tD001241\n"
    "2\t53\t62\tibuprofen\tChemicalEntity\tD007052\n"
    "2\t70\t78\theadache\tDiseaseOrPhenotypicFeature\tD006261\n"
    "2\t82\t86\tmice\tOrganismTaxon\t10090\n"
    "2\t88\t92\tTP53\tGeneOrGeneProduct\t7157\n"
    "\n";

std::vector<Document> read_pubtator(const std::string& text) {
  PubTatorReader reader(ByteSource::from_string(text, "corpus"));
  std::vector<Document> docs;
  Document d;
  while (reader.next(d)) docs.push_back(d);
  return docs;
}

SequenceModel train_tiny(int epochs = 8) {
  std::ostringstream log;
  NerTrainingOptions options;
  options.epochs = epochs;
  std::vector<NerCorpus> corpora(1);
  corpora[0].name = "tiny";
  corpora[0].documents = read_pubtator(kCorpus);
  corpora[0].annotated_types = 0x3F;  // fully annotated (it has no cell lines or variants to show)
  return train_ner(corpora, {}, nullptr, options, log);
}

Document text_document(const std::string& id, const std::string& title, const std::string& abstract) {
  Document d;
  d.id = id;
  d.passages.push_back({"title", 0, title, {}});
  d.passages.push_back({"abstract", static_cast<int64_t>(utf8_length(title)) + 1, abstract, {}});
  return d;
}

TEST(EntityRecognizer, LearnsTheTinyCorpusAndTagsUnseenSentences) {
  const SequenceModel model = train_tiny();
  EntityRecognizer recognizer(nullptr, &model);
  Document d = text_document("9", "Aspirin relieves migraine in mice.", "");
  recognizer.annotate(d);
  ASSERT_EQ(validate_annotations(d), "");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& a : d.annotations) got.emplace_back(a.text, a.type);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"Aspirin", "Chemical"}, {"migraine", "Disease"}, {"mice", "Species"}}));
}

TEST(EntityRecognizer, OffsetsAreCodePointsAndSliceTheText) {
  const SequenceModel model = train_tiny();
  EntityRecognizer recognizer(nullptr, &model);
  // Non-ASCII before the mentions: byte and code point offsets differ.
  Document d = text_document("9", "\xCE\xB1\xE2\x80\x93" "Aspirin relieves headache in patients.", "");
  recognizer.annotate(d, TypeNames::kBioRED);
  EXPECT_EQ(validate_annotations(d), "");
  ASSERT_FALSE(d.annotations.empty());
  EXPECT_EQ(d.annotations[0].type, "ChemicalEntity");
}

TEST(EntityRecognizer, TrainingIsDeterministic) {
  const std::string path_a = testing::temp_path("ner_a.bt"), path_b = testing::temp_path("ner_b.bt");
  train_tiny().save(path_a);
  train_tiny().save(path_b);
  EXPECT_EQ(testing::read_file(path_a), testing::read_file(path_b));
  // And a loaded model decodes exactly as the trained one.
  const SequenceModel loaded = SequenceModel::load(path_a);
  const SequenceModel trained = train_tiny();
  EntityRecognizer a(nullptr, &loaded), b(nullptr, &trained);
  Document x = text_document("1", "Ibuprofen relieves headache in mice.", "TP53 and aspirin.");
  Document y = x;
  a.annotate(x);
  b.annotate(y);
  ASSERT_EQ(x.annotations.size(), y.annotations.size());
  for (size_t i = 0; i < x.annotations.size(); ++i) EXPECT_EQ(x.annotations[i].spans, y.annotations[i].spans);
  std::filesystem::remove(path_a);
  std::filesystem::remove(path_b);
}

TEST(NerTrainer, PartialAnnotationLeavesOtherTypesOpen) {
  // A corpus that annotates only diseases: "BRCA1" is not a gold mention, but it may be
  // a gene, so its tokens must allow gene labels as well as O.
  auto docs = read_pubtator(
      "5|t|BRCA1 carriers get cancer.\n5|a|\n5\t19\t25\tcancer\tDiseaseOrPhenotypicFeature\tD009369\n\n");
  std::vector<TrainingSequence> seqs;
  make_training_sequences(docs[0], nullptr, seqs, 1u << static_cast<int>(EntityType::kDisease));
  ASSERT_EQ(seqs.size(), 1u);
  ASSERT_EQ(seqs[0].allowed.size(), seqs[0].labels.size());
  const uint32_t brca1 = seqs[0].allowed[0];
  EXPECT_TRUE(brca1 & 1u);                                                // O
  EXPECT_TRUE(brca1 & (1u << BioesLabels::label(0, 3)));                  // S-Gene
  EXPECT_FALSE(brca1 & (1u << BioesLabels::label(1, 3)));                 // not S-Disease: diseases are annotated
  const uint32_t cancer = seqs[0].allowed[3];
  EXPECT_EQ(cancer, 1u << BioesLabels::label(1, 3));                      // fixed to S-Disease
  // Fully annotated corpora have no masks.
  seqs.clear();
  make_training_sequences(docs[0], nullptr, seqs);
  EXPECT_TRUE(seqs[0].allowed.empty());
}

TEST(EntityRecognizer, ShortFormTakesTheTypeOfItsLongForm) {
  const SequenceModel model = train_tiny();
  RecognizerOptions with, without;
  without.abbreviation_consistency = false;
  Document d = text_document("7", "Aspirin relieves migraine (MGR) in patients.", "MGR was relieved in mice.");
  Document e = d;
  EntityRecognizer(nullptr, &model, with).annotate(d);
  EntityRecognizer(nullptr, &model, without).annotate(e);
  auto count = [](const Document& doc, const std::string& text, const std::string& type) {
    int n = 0;
    for (const auto& a : doc.annotations) n += a.text == text && a.type == type;
    return n;
  };
  ASSERT_EQ(count(d, "migraine", "Disease"), 1);
  EXPECT_EQ(count(d, "MGR", "Disease"), 2);
  EXPECT_EQ(count(e, "MGR", "Disease"), 0);
}

// The committed bundle: a fresh clone annotates text with it.
TEST(ModelBundle, CommittedModelsRecognizeTheBundledExample) {
  const std::string dir = testing::source_dir() + "/models";
  if (!std::filesystem::exists(dir + "/" + ModelBundle::kNerFile)) GTEST_SKIP() << "no committed NER model";
  ModelBundle bundle = ModelBundle::load(dir);
  ASSERT_TRUE(bundle.ner);
  EntityRecognizer recognizer(bundle.lexicon.get(), bundle.ner.get());
  Document d = text_document(
      "1", "Imatinib response in chronic myeloid leukemia patients carrying the BCR-ABL1 T315I mutation.",
      "Mice treated with tamoxifen developed breast cancer.");
  recognizer.annotate(d);
  EXPECT_EQ(validate_annotations(d), "");
  auto has = [&](const std::string& text, const std::string& type) {
    for (const auto& a : d.annotations)
      if (a.text == text && a.type == type) return true;
    return false;
  };
  EXPECT_TRUE(has("Imatinib", "Chemical"));
  EXPECT_TRUE(has("chronic myeloid leukemia", "Disease"));
  EXPECT_TRUE(has("patients", "Species"));
  EXPECT_TRUE(has("tamoxifen", "Chemical"));
  EXPECT_TRUE(has("breast cancer", "Disease"));
  EXPECT_TRUE(has("Mice", "Species"));
}

}  // namespace
}  // namespace biotator
