#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "corpus_reader.h"
#include "evaluator.h"
#include "model_file.h"
#include "relation_extractor.h"
#include "relation_features.h"
#include "relation_model.h"
#include "relation_trainer.h"
#include "document_builder.h"
#include "test_paths.h"

namespace biotator {
namespace {

using testing::DocBuilder;

DocumentCandidates candidates_of(const Document& doc) {
  AnalyzedText analysis;
  analyze_document(doc, nullptr, analysis);
  DocumentCandidates out;
  RelationFeatureExtractor(16).extract(doc, analysis, out);
  return out;
}

const RelationCandidate* find_candidate(const DocumentCandidates& c, const std::string& a, const std::string& b) {
  for (const RelationCandidate& r : c.candidates) {
    const std::string& x = c.concepts[r.first].id;
    const std::string& y = c.concepts[r.second].id;
    if ((x == a && y == b) || (x == b && y == a)) return &r;
  }
  return nullptr;
}

TEST(RelationTable, AllowedTypesFollowBioRED) {
  using E = EntityType;
  EXPECT_EQ(class_pair_of(E::kDisease, E::kChemical), ClassPair::kChemicalDisease);
  EXPECT_EQ(class_pair_of(E::kVariant, E::kDisease), ClassPair::kDiseaseVariant);
  EXPECT_FALSE(class_pair_of(E::kGene, E::kVariant).has_value());
  EXPECT_FALSE(class_pair_of(E::kDisease, E::kDisease).has_value());
  EXPECT_FALSE(class_pair_of(E::kSpecies, E::kGene).has_value());
  const int bind = *relation_type_index("Bind");
  const int cotreatment = *relation_type_index("Cotreatment");
  const int conversion = *relation_type_index("Conversion");
  const int association = *relation_type_index("Association");
  EXPECT_TRUE(relation_type_allowed(ClassPair::kChemicalGene, bind));
  EXPECT_TRUE(relation_type_allowed(ClassPair::kGeneGene, bind));
  EXPECT_FALSE(relation_type_allowed(ClassPair::kChemicalDisease, bind));
  EXPECT_FALSE(relation_type_allowed(ClassPair::kGeneGene, cotreatment));
  EXPECT_TRUE(relation_type_allowed(ClassPair::kChemicalChemical, conversion));
  EXPECT_FALSE(relation_type_allowed(ClassPair::kChemicalGene, conversion));
  for (int t = 0; t < kRelationTypeCount; ++t)
    EXPECT_EQ(relation_type_allowed(ClassPair::kVariantVariant, t), t == association) << t;
  EXPECT_FALSE(relation_type_index("CID").has_value());
}

TEST(RelationFeatures, DistancesSentencesAndTitle) {
  DocBuilder b("1", "Aspirin induces asthma.",
               "Asthma is common. In rats, aspirin and ibuprofen raised BRCA1. Nothing else about asthma here.");
  b.mention("Aspirin", "ChemicalEntity", "D001241")
      .mention("asthma", "DiseaseOrPhenotypicFeature", "MESH:D001249")
      .mention("Asthma", "DiseaseOrPhenotypicFeature", "D001249")
      .mention("rats", "OrganismTaxon", "10116")
      .mention("aspirin", "ChemicalEntity", "D001241")
      .mention("ibuprofen", "ChemicalEntity", "D007052")
      .mention("BRCA1", "GeneOrGeneProduct", "672")
      .mention("asthma", "DiseaseOrPhenotypicFeature", "D001249", 1)
      .mention("else", "DiseaseOrPhenotypicFeature", "-");
  const DocumentCandidates c = candidates_of(b.doc);
  // "MESH:D001249" and "D001249" are one concept that keeps the first spelling; "-" is none.
  ASSERT_EQ(c.concepts.size(), 5u);
  EXPECT_EQ(c.concepts[1].id, "MESH:D001249");
  EXPECT_EQ(c.concepts[1].mentions.size(), 3u);

  const RelationCandidate* aspirin_asthma = find_candidate(c, "D001241", "MESH:D001249");
  ASSERT_NE(aspirin_asthma, nullptr);
  EXPECT_EQ(aspirin_asthma->class_pair, ClassPair::kChemicalDisease);
  EXPECT_EQ(c.concepts[aspirin_asthma->first].id, "D001241");  // chemical first
  EXPECT_TRUE(aspirin_asthma->stats.both_in_title);
  EXPECT_EQ(aspirin_asthma->stats.same_sentence_count, 1);
  EXPECT_EQ(aspirin_asthma->stats.min_sentence_distance, 0);
  EXPECT_EQ(aspirin_asthma->stats.min_token_distance, 1);  // "induces"
  EXPECT_FALSE(aspirin_asthma->features.empty());
  // Each feature once (the model would count a repeat twice).
  std::vector<uint32_t> unique_features = aspirin_asthma->features;
  std::sort(unique_features.begin(), unique_features.end());
  EXPECT_EQ(std::unique(unique_features.begin(), unique_features.end()), unique_features.end());
  // The same features again on a second extraction (the repeat filter starts clean), and
  // after a longer document with more concepts in between: the per-thread working arrays
  // and the sentence bags are reset to each document.
  const DocumentCandidates again = candidates_of(b.doc);
  EXPECT_EQ(find_candidate(again, "D001241", "MESH:D001249")->features, aspirin_asthma->features);
  DocBuilder longer("2", "Cisplatin and TP53 in ovarian cancer.",
                    "Cisplatin inhibits TP53 in rats. Ovarian cancer cells resist cisplatin. Asthma is rare. "
                    "Aspirin did not change TP53 or MDM2 in ovarian cancer and asthma.");
  longer.mention("Cisplatin", "ChemicalEntity", "D002945")
      .mention("TP53", "GeneOrGeneProduct", "7157")
      .mention("ovarian cancer", "DiseaseOrPhenotypicFeature", "D010051")
      .mention("Cisplatin", "ChemicalEntity", "D002945")
      .mention("TP53", "GeneOrGeneProduct", "7157")
      .mention("rats", "OrganismTaxon", "10116")
      .mention("Ovarian cancer", "DiseaseOrPhenotypicFeature", "D010051")
      .mention("cisplatin", "ChemicalEntity", "D002945")
      .mention("Asthma", "DiseaseOrPhenotypicFeature", "D001249")
      .mention("Aspirin", "ChemicalEntity", "D001241")
      .mention("TP53", "GeneOrGeneProduct", "7157")
      .mention("MDM2", "GeneOrGeneProduct", "4193")
      .mention("ovarian cancer", "DiseaseOrPhenotypicFeature", "D010051")
      .mention("asthma", "DiseaseOrPhenotypicFeature", "D001249");
  EXPECT_GT(candidates_of(longer.doc).candidates.size(), c.candidates.size());
  const DocumentCandidates after_longer = candidates_of(b.doc);
  ASSERT_EQ(after_longer.candidates.size(), c.candidates.size());
  for (size_t i = 0; i < c.candidates.size(); ++i) EXPECT_EQ(after_longer.candidates[i].features, c.candidates[i].features) << i;

  const RelationCandidate* ibuprofen_brca1 = find_candidate(c, "D007052", "672");
  ASSERT_NE(ibuprofen_brca1, nullptr);
  EXPECT_EQ(ibuprofen_brca1->class_pair, ClassPair::kChemicalGene);
  EXPECT_FALSE(ibuprofen_brca1->stats.both_in_title);
  EXPECT_EQ(ibuprofen_brca1->stats.min_token_distance, 1);  // "raised"

  const RelationCandidate* ibuprofen_asthma = find_candidate(c, "D007052", "MESH:D001249");
  ASSERT_NE(ibuprofen_asthma, nullptr);
  EXPECT_EQ(ibuprofen_asthma->stats.same_sentence_count, 0);
  EXPECT_EQ(ibuprofen_asthma->stats.min_sentence_distance, 1);  // "Asthma is common." precedes
  EXPECT_EQ(ibuprofen_asthma->stats.min_token_distance, -1);

  const RelationCandidate* aspirin_ibuprofen = find_candidate(c, "D001241", "D007052");
  ASSERT_NE(aspirin_ibuprofen, nullptr);
  EXPECT_EQ(aspirin_ibuprofen->class_pair, ClassPair::kChemicalChemical);
  EXPECT_EQ(aspirin_ibuprofen->stats.min_token_distance, 1);  // "and"
  EXPECT_EQ(c.concepts[aspirin_ibuprofen->first].id, "D001241");  // first mentioned first

  // Species take part in no relation class pair; 5 concepts, 4 of them relatable:
  // Chem-Dis x2, Chem-Gene x2, Chem-Chem, Dis-Gene.
  EXPECT_EQ(c.candidates.size(), 6u);
  for (const RelationCandidate& r : c.candidates) {
    EXPECT_NE(c.concepts[r.first].type, EntityType::kSpecies);
    EXPECT_NE(c.concepts[r.second].type, EntityType::kSpecies);
  }
}

// Trigger words are pooled by the direction they state, so "inhibits" and "suppresses"
// share features that "increases" does not (beyond the words themselves, which differ
// in all three).
TEST(RelationFeatures, TriggerWordsOfOneDirectionShareFeatures) {
  const auto features_with = [](const std::string& verb) {
    DocBuilder b("1", "A title.", "Zorbin " + verb + " BRCA1 in cells.");
    b.mention("Zorbin", "ChemicalEntity", "D1").mention("BRCA1", "GeneOrGeneProduct", "672");
    const DocumentCandidates c = candidates_of(b.doc);
    const RelationCandidate* r = find_candidate(c, "D1", "672");
    return r ? r->features : std::vector<uint32_t>{};
  };
  const std::vector<uint32_t> inhibits = features_with("inhibits"), suppresses = features_with("suppresses"),
                              increases = features_with("increases");
  ASSERT_FALSE(inhibits.empty());
  const auto shared = [](std::vector<uint32_t> x, std::vector<uint32_t> y) {
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    std::vector<uint32_t> both;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
    return both.size();
  };
  EXPECT_GE(shared(inhibits, suppresses), shared(inhibits, increases) + 4);
  EXPECT_EQ(shared(inhibits, increases), shared(suppresses, increases));
}

// Cue words (exact: "no", "found"), trigger words (prefixes: "inhibit") and novelty cues
// are matched ignoring case, as the word features are: case alone changes no feature.
TEST(RelationFeatures, CueAndTriggerWordsMatchIgnoringCase) {
  const auto features_of = [](const std::string& abstract) {
    DocBuilder b("1", "A title.", abstract);
    b.mention("Zorbin", "ChemicalEntity", "D1").mention("BRCA1", "GeneOrGeneProduct", "672");
    const DocumentCandidates c = candidates_of(b.doc);
    const RelationCandidate* r = find_candidate(c, "D1", "672");
    return r ? r->features : std::vector<uint32_t>{};
  };
  const std::vector<uint32_t> lower = features_of("We found that Zorbin inhibits BRCA1; no other drug did, as previously shown.");
  ASSERT_FALSE(lower.empty());
  EXPECT_EQ(features_of("WE FOUND that Zorbin INHIBITS BRCA1; No other drug did, as Previously SHOWN."), lower);
  EXPECT_NE(features_of("We found that Zorbin binds BRCA1; no other drug did, as previously shown."), lower);
}

// Synthetic documents: "X blocks Y" is a Negative_Correlation, "X worsens Y" a
// Positive_Correlation, chemicals only listed together are unrelated.
std::vector<Document> synthetic_corpus(int count, int offset) {
  std::vector<Document> docs;
  const char* chemicals[] = {"zorbin", "quaxol", "melbrane", "tirocid", "fendal", "lopramin"};
  const char* diseases[] = {"gloomitis", "fevrosis", "blotch syndrome", "parsel pox"};
  for (int i = 0; i < count; ++i) {
    const int n = i + offset;
    const std::string c1 = chemicals[n % 6], c2 = chemicals[(n + 1) % 6], d = diseases[n % 4];
    const bool negative = n % 2 == 0;
    const std::string verb = negative ? "blocks" : "worsens";
    DocBuilder b(std::to_string(1000 + n), "Effects of " + c1 + " in patients.",
                 "We found that " + c1 + " " + verb + " " + d + " in most cases. Levels of " + c2 +
                     " were measured. The dose of " + c1 + " was fixed.");
    b.mention(c1, "ChemicalEntity", "C" + std::to_string(n % 6))
        .mention(c1, "ChemicalEntity", "C" + std::to_string(n % 6), 1)
        .mention(d, "DiseaseOrPhenotypicFeature", "D" + std::to_string(n % 4))
        .mention(c2, "ChemicalEntity", "C" + std::to_string((n + 1) % 6))
        .mention(c1, "ChemicalEntity", "C" + std::to_string(n % 6), 2)
        .relation(negative ? "Negative_Correlation" : "Positive_Correlation", "C" + std::to_string(n % 6),
                  "D" + std::to_string(n % 4), "Novel");
    docs.push_back(b.doc);
  }
  return docs;
}

// Concepts whose mentions are all farther apart than the window are no candidate (long
// texts stay linear); any one close pair of mentions makes them one.
TEST(RelationFeatures, CandidatesNeedTwoMentionsWithinTheWindow) {
  std::string filler;
  for (uint32_t i = 0; i < RelationFeatureExtractor::kCandidateWindowTokens + 10; ++i) filler += "word ";
  const std::string abstract = "Cisplatin was given. " + filler + "Nephrotoxicity followed. " + filler +
                               "Aspirin and cisplatin caused nephrotoxicity.";
  DocBuilder b("1", "A title", abstract);
  b.mention("Cisplatin", "ChemicalEntity", "D002945")
      .mention("Nephrotoxicity", "DiseaseOrPhenotypicFeature", "D007674")
      .mention("Aspirin", "ChemicalEntity", "D001241");
  DocumentCandidates far = candidates_of(b.doc);
  EXPECT_EQ(find_candidate(far, "D002945", "D007674"), nullptr);
  EXPECT_EQ(find_candidate(far, "D001241", "D007674"), nullptr);  // no Disease mention near aspirin
  b.mention("cisplatin", "ChemicalEntity", "D002945", 0).mention("nephrotoxicity", "DiseaseOrPhenotypicFeature", "D007674");
  DocumentCandidates near = candidates_of(b.doc);
  EXPECT_NE(find_candidate(near, "D002945", "D007674"), nullptr);
  EXPECT_NE(find_candidate(near, "D001241", "D007674"), nullptr);
  EXPECT_NE(find_candidate(near, "D001241", "D002945"), nullptr);
}

// The window's edge: two mentions with exactly kCandidateWindowTokens tokens between them
// are a candidate, one token more and they are not (whether all of a document's mentions
// are within the window of each other is decided before any sweep).
TEST(RelationFeatures, CandidateWindowEdge) {
  const auto candidate_with_gap = [](uint32_t gap) {
    std::string filler;
    for (uint32_t i = 0; i < gap; ++i) filler += "word ";
    DocBuilder b("1", "A title", "Cisplatin " + filler + "nephrotoxicity.");
    b.mention("Cisplatin", "ChemicalEntity", "D002945").mention("nephrotoxicity", "DiseaseOrPhenotypicFeature", "D007674");
    return find_candidate(candidates_of(b.doc), "D002945", "D007674") != nullptr;
  };
  EXPECT_TRUE(candidate_with_gap(RelationFeatureExtractor::kCandidateWindowTokens));
  EXPECT_FALSE(candidate_with_gap(RelationFeatureExtractor::kCandidateWindowTokens + 1));
}

// A candidate's repeated features are told by a stamp per hash bucket that each
// candidate renews; stamps go round in 65,535 candidates, and each round starts with all
// of them zeroed. A candidate that comes back exactly a round later, its buckets
// untouched since, still has all its features.
TEST(RelationFeatures, FeaturesStayTheSameWhenTheStampsComeRound) {
  const auto one_pair = [](const std::string& chemical, const std::string& disease) {
    DocBuilder b("1", "A title", chemical + " induced " + disease + " in rats.");
    b.mention(chemical, "ChemicalEntity", chemical).mention(disease, "DiseaseOrPhenotypicFeature", disease);
    AnalyzedText analysis;
    analyze_document(b.doc, nullptr, analysis);
    return std::pair{b.doc, analysis};
  };
  const auto [doc, analysis] = one_pair("zorbin", "gloomitis");
  const auto [other_doc, other_analysis] = one_pair("quaxol", "fevrosis");
  const RelationFeatureExtractor extractor(16);
  DocumentCandidates first, other, again;
  extractor.extract(doc, analysis, first);
  ASSERT_EQ(first.candidates.size(), 1u);
  for (int k = 0; k < 65'534; ++k) extractor.extract(other_doc, other_analysis, other);
  ASSERT_EQ(other.candidates.size(), 1u);
  extractor.extract(doc, analysis, again);
  ASSERT_EQ(again.candidates.size(), 1u);
  EXPECT_EQ(again.candidates[0].features, first.candidates[0].features);
}

TEST(RelationModel, TinyModelLearnsTriggersAndRoundTrips) {
  RelationTrainingOptions options;
  options.hash_bits = 14;
  // Three folds, not two: folds go by document index, and the corpus alternates its two
  // types, so two folds would each hold one type only, every out-of-fold type would be
  // wrong, and the score's calibration would rightly say so.
  options.folds = 3;
  std::ostringstream log;
  const auto train = synthetic_corpus(24, 0);
  const RelationModel model = train_relation_model(train, {}, options, log);
  EXPECT_NE(log.str().find("24 training documents"), std::string::npos) << log.str();

  const auto test = synthetic_corpus(4, 100);
  for (const Document& gold : test) {
    Document d = gold;
    d.relations.clear();
    extract_relations(model, d);
    ASSERT_EQ(d.relations.size(), 1u) << d.id;
    EXPECT_EQ(d.relations[0].type, gold.relations[0].type) << d.id;
    EXPECT_EQ(d.relations[0].arg1, gold.relations[0].arg1);  // chemical first
    EXPECT_EQ(d.relations[0].arg2, gold.relations[0].arg2);
    EXPECT_EQ(d.relations[0].novelty, "Novel");
    EXPECT_GT(std::stod(d.relations[0].score), 0.5);
    // min_score above the score drops it.
    extract_relations(model, d, std::stod(d.relations[0].score) + 0.001);
    EXPECT_TRUE(d.relations.empty());
  }

  // Deterministic training.
  std::ostringstream log2;
  const RelationModel again = train_relation_model(train, {}, options, log2);
  EXPECT_EQ(again.weights(), model.weights());
  EXPECT_EQ(again.novelty_weights(), model.novelty_weights());
  EXPECT_EQ(again.relation_threshold, model.relation_threshold);

  // Save and load give the same model.
  const std::string path =
      (std::filesystem::temp_directory_path() / ("biotator_relation_test_" + std::to_string(::getpid()) + ".bt")).string();
  model.save(path);
  const RelationModel loaded = RelationModel::load(path);
  // Loaded models are compact (packed rows); saved again they give the same file.
  EXPECT_TRUE(loaded.compacted());
  EXPECT_TRUE(loaded.weights().empty());
  const std::string resaved = path + ".again";
  loaded.save(resaved);
  EXPECT_EQ(testing::read_file(resaved), testing::read_file(path));
  std::filesystem::remove(resaved);
  // And predict exactly as the dense model does, on features with and without weights.
  RelationModel compacted = model;
  compacted.compact();
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<uint32_t> features;
    for (int k = 0; k < 40; ++k) features.push_back(static_cast<uint32_t>(rng() % model.feature_count()));
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    const auto pair = static_cast<ClassPair>(trial % kClassPairCount);
    std::array<double, kRelationClassCount> dense{}, packed{}, from_file{};
    model.class_probabilities(features, pair, dense);
    compacted.class_probabilities(features, pair, packed);
    loaded.class_probabilities(features, pair, from_file);
    EXPECT_EQ(dense, packed);
    EXPECT_EQ(dense, from_file);
    EXPECT_EQ(model.novelty_probability(features), loaded.novelty_probability(features));
  }
  EXPECT_EQ(loaded.relation_threshold, model.relation_threshold);
  EXPECT_EQ(loaded.novelty_threshold, model.novelty_threshold);
  // Cross-validation gave the score a calibration, kept by the file.
  EXPECT_FALSE(model.score_calibration.empty());
  EXPECT_EQ(loaded.score_calibration, model.score_calibration);
  // A truncated file is an error, not a silently smaller model.
  {
    std::string bytes = testing::read_file(path);
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  EXPECT_THROW(RelationModel::load(path), std::runtime_error);
  std::filesystem::remove(path);
}

// Documents alike but for their length: "X worsens D" then `fillers` sentences without
// entities; the pair is related only in the longer ones (3 or 4 fillers). The linear
// model's features are the same for both kinds (nothing it reads counts the sentences),
// the trees read the sentence count.
std::vector<Document> length_corpus(int count, int offset) {
  std::vector<Document> docs;
  const char* chemicals[] = {"zorbin", "quaxol", "melbrane"};
  const char* diseases[] = {"gloomitis", "fevrosis"};
  for (int i = 0; i < count; ++i) {
    const int n = i + offset;
    const int fillers = n % 4 + 1;
    const std::string c = chemicals[(n / 4) % 3], d = diseases[(n / 12) % 2];
    std::string abstract = "We found that " + c + " worsens " + d + " in most cases.";
    for (int k = 0; k < fillers; ++k) abstract += " The weather was fine.";
    DocBuilder b(std::to_string(5000 + n), "A study in patients.", abstract);
    const char* chemical_ids[] = {"C0", "C1", "C2"};
    const char* disease_ids[] = {"D0", "D1"};
    const std::string chemical_id = chemical_ids[(n / 4) % 3], disease_id = disease_ids[(n / 12) % 2];
    b.mention(c, "ChemicalEntity", chemical_id).mention(d, "DiseaseOrPhenotypicFeature", disease_id);
    if (fillers >= 3) b.relation("Positive_Correlation", chemical_id, disease_id, "Novel");
    docs.push_back(b.doc);
  }
  return docs;
}

// Trees stacked on the linear model (binary, averaged with it): they separate what the
// linear model cannot, predict through the extractor, train reproducibly, and survive a
// save and load.
TEST(RelationModel, TreesLearnWhatTheLinearModelCannot) {
  RelationTrainingOptions options;
  options.hash_bits = 14;
  options.folds = 3;
  options.tree_mode = 2;
  options.tree_weight = 0.5;
  options.trees.rounds = 20;
  options.trees.max_depth = 2;
  options.trees.eta = 0.3;
  std::ostringstream log;
  const auto train = length_corpus(48, 0);
  const RelationModel model = train_relation_model(train, {}, options, log);
  ASSERT_TRUE(model.has_trees()) << log.str();
  EXPECT_EQ(model.relation_trees.tree_count(), 20u);
  EXPECT_NE(log.str().find("trees: thresholds"), std::string::npos) << log.str();
  RelationModel linear_only = model;
  linear_only.relation_trees = TreeEnsemble{};

  const auto related_count = [](const RelationModel& m, const std::vector<Document>& docs) {
    int related = 0;
    for (const Document& gold : docs) {
      Document d = gold;
      extract_relations(m, d);
      related += !d.relations.empty();
    }
    return related;
  };
  std::vector<Document> short_docs, long_docs;
  for (const Document& d : length_corpus(24, 100)) (d.relations.empty() ? short_docs : long_docs).push_back(d);
  ASSERT_EQ(short_docs.size(), 12u);
  // With the trees: the long documents' pairs and none of the short ones'.
  EXPECT_EQ(related_count(model, long_docs), 12);
  EXPECT_EQ(related_count(model, short_docs), 0);
  // The linear model alone decides the same for both kinds (its features are the same).
  const int linear_long = related_count(linear_only, long_docs), linear_short = related_count(linear_only, short_docs);
  EXPECT_TRUE((linear_long == 0 && linear_short == 0) || (linear_long == 12 && linear_short == 12))
      << linear_long << " " << linear_short;

  // Deterministic: the same file twice; saved and loaded, the same predictions and file.
  const std::string path = testing::temp_path("relation_trees.bt");
  const std::string again = testing::temp_path("relation_trees_again.bt");
  const std::string resaved = testing::temp_path("relation_trees_resaved.bt");
  model.save(path);
  std::ostringstream log2;
  train_relation_model(train, {}, options, log2).save(again);
  EXPECT_EQ(testing::read_file(again), testing::read_file(path));
  const RelationModel loaded = RelationModel::load(path);
  ASSERT_TRUE(loaded.has_trees());
  EXPECT_EQ(loaded.tree_gate, model.tree_gate);
  EXPECT_EQ(loaded.tree_weight, 0.5);
  loaded.save(resaved);
  EXPECT_EQ(testing::read_file(resaved), testing::read_file(path));
  for (const Document& gold : length_corpus(8, 200)) {
    Document a = gold, b = gold;
    extract_relations(model, a);
    extract_relations(loaded, b);
    ASSERT_EQ(a.relations.size(), b.relations.size());
    for (size_t k = 0; k < a.relations.size(); ++k) EXPECT_EQ(a.relations[k].score, b.relations[k].score);
  }
  for (const std::string& p : {path, again, resaved}) std::filesystem::remove(p);
}

// Multiclass trees (none + 8 types, softmax over the types the pair allows) separate the
// two kinds too, with the right type.
TEST(RelationModel, MulticlassTreesPredictAllowedTypes) {
  RelationTrainingOptions options;
  options.hash_bits = 14;
  options.folds = 3;
  options.tree_mode = 1;
  options.trees.rounds = 20;
  options.trees.max_depth = 2;
  options.trees.eta = 0.3;
  std::ostringstream log;
  const RelationModel model = train_relation_model(length_corpus(48, 0), {}, options, log);
  ASSERT_EQ(model.relation_trees.group_count(), kRelationClassCount);
  EXPECT_EQ(model.relation_trees.tree_count(), 20u * kRelationClassCount);
  for (const Document& gold : length_corpus(24, 100)) {
    Document d = gold;
    extract_relations(model, d);
    ASSERT_EQ(d.relations.size(), gold.relations.size()) << d.id << "\n" << log.str();
    if (!d.relations.empty()) {
      EXPECT_EQ(d.relations[0].type, "Positive_Correlation");
    }
  }
}

// Several seeds: the weights are the mean of the single-seed models (trained with seeds
// seed, seed+1000, ...), reproducibly.
TEST(RelationModel, SeedsAverageTheShuffledModels) {
  RelationTrainingOptions options;
  options.hash_bits = 12;
  options.folds = 0;
  std::ostringstream log;
  const auto train = synthetic_corpus(12, 0);
  const RelationModel first = train_relation_model(train, {}, options, log);
  RelationTrainingOptions second_seed = options;
  second_seed.seed += 1000;
  const RelationModel second = train_relation_model(train, {}, second_seed, log);
  options.seeds = 2;
  const RelationModel averaged = train_relation_model(train, {}, options, log);
  ASSERT_NE(first.weights(), second.weights());  // the shuffles differ
  size_t touched = 0;
  for (size_t i = 0; i < averaged.weights().size(); ++i) {
    EXPECT_FLOAT_EQ(averaged.weights()[i], (first.weights()[i] + second.weights()[i]) / 2) << i;
    touched += averaged.weights()[i] != 0.0f;
  }
  EXPECT_GT(touched, 0u);
  for (size_t i = 0; i < averaged.novelty_weights().size(); ++i)
    EXPECT_FLOAT_EQ(averaged.novelty_weights()[i], (first.novelty_weights()[i] + second.novelty_weights()[i]) / 2);
  EXPECT_EQ(train_relation_model(train, {}, options, log).weights(), averaged.weights());
}

// DrugProt's files read as documents: code point offsets, one concept per mention text
// (case and punctuation aside), DrugProt's types as BioRED's, a pair's most frequent
// type (ties: Negative first), mentions whose text is not at their offsets skipped.
// A malformed entity row is named by file and line, not a bare std::stoll failure.
TEST(RelationDrugProt, MalformedOffsetsNameTheFileAndLine) {
  const std::string dir = testing::temp_path("drugprot_bad");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/x_abstracs.tsv") << "7\tZorbin binds KX1.\tNothing else.\n";
  std::ofstream(dir + "/x_entities.tsv") << "7\tT1\tCHEMICAL\t0\t6\tZorbin\n7\tT2\tGENE-Y\tfourteen\t17\tKX1\n";
  std::ofstream(dir + "/x_relations.tsv") << "";
  try {
    read_drugprot_corpus(dir + "/x_abstracs.tsv");
    ADD_FAILURE() << "no error";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("x_entities.tsv"), std::string::npos) << what;
    EXPECT_NE(what.find(":2"), std::string::npos) << what;
    EXPECT_NE(what.find("not numbers"), std::string::npos) << what;
  }
  std::filesystem::remove_all(dir);
}

TEST(RelationDrugProt, ReadsMentionsConceptsAndMappedTypes) {
  const std::vector<Document> docs = read_drugprot_corpus(testing::test_data("drugprot/mini_abstracs.tsv"));
  ASSERT_EQ(docs.size(), 2u);
  const Document& d = docs[0];
  EXPECT_EQ(d.id, "111");
  ASSERT_EQ(d.passages.size(), 2u);
  EXPECT_EQ(d.passages[1].offset, 28);  // the title's 27 code points (30 bytes) and a space
  ASSERT_EQ(d.annotations.size(), 10u);
  EXPECT_EQ(d.annotations[0].text, "α-zorbin");
  EXPECT_EQ(d.annotations[0].type, "ChemicalEntity");
  EXPECT_EQ(d.annotations[0].ids, std::vector<std::string>{"DrugProt:C:zorbin"});
  EXPECT_EQ(d.annotations[2].ids, std::vector<std::string>{"DrugProt:C:zorbin"});  // "Zorbin"
  EXPECT_EQ(d.annotations[3].type, "GeneOrGeneProduct");
  EXPECT_EQ(d.annotations[3].ids, std::vector<std::string>{"DrugProt:G:kx1"});  // "KX-1"
  EXPECT_EQ(validate_annotations(d), "");
  ASSERT_EQ(d.relations.size(), 3u);
  // zorbin-KX1: one INHIBITOR, two ACTIVATOR.
  EXPECT_EQ(d.relations[0].type, "Positive_Correlation");
  EXPECT_EQ(d.relations[0].arg1, "DrugProt:C:zorbin");
  EXPECT_EQ(d.relations[0].arg2, "DrugProt:G:kx1");
  EXPECT_EQ(d.relations[1].type, "Association");  // SUBSTRATE
  EXPECT_EQ(d.relations[1].arg1, "DrugProt:C:quaxol");
  EXPECT_EQ(d.relations[2].type, "Negative_Correlation");  // one INHIBITOR, one AGONIST
  // The second document's mismatched mention is skipped, and so is its relation.
  EXPECT_EQ(docs[1].annotations.size(), 2u);
  EXPECT_TRUE(docs[1].relations.empty());
  EXPECT_THROW(read_drugprot_corpus(testing::test_data("drugprot/mini_entities.tsv")), std::invalid_argument);
}

// A relation of a type outside BioRED's eight says the pair is related: it is no
// example at all rather than a "none" one.
TEST(RelationTrainer, PairsOfUnknownTypesAreNotNegatives) {
  DocBuilder b("1", "Zorbin and KX1.", "Zorbin is a substrate of KX1. Quaxol was given with KX1.");
  b.mention("Zorbin", "ChemicalEntity", "C1").mention("KX1", "GeneOrGeneProduct", "G1")
      .mention("Quaxol", "ChemicalEntity", "C2").relation("SUBSTRATE", "C1", "G1", "");
  size_t unreachable = 0;
  const std::vector<RelationExample> examples = build_relation_examples({b.doc}, 12, &unreachable);
  // C1-G1 left out; C2-G1 and C1-C2 are "none".
  ASSERT_EQ(examples.size(), 2u);
  for (const RelationExample& ex : examples) EXPECT_EQ(ex.label, 0);
  EXPECT_EQ(unreachable, 1u);
}

std::vector<Document> chemical_gene_corpus(int count) {
  std::vector<Document> docs;
  const char* chemicals[] = {"zorbin", "quaxol", "melbrane", "tirocid"};
  const char* genes[] = {"KX1", "KX2", "KX3"};
  for (int i = 0; i < count; ++i) {
    const std::string c = chemicals[i % 4], g = genes[i % 3];
    DocBuilder b("aux" + std::to_string(i), "Study of " + c + ".", "We found that " + c + " inhibits " + g + " strongly.");
    b.mention(c, "ChemicalEntity", "DrugProt:C:" + c)
        .mention(c, "ChemicalEntity", "DrugProt:C:" + c, 1)
        .mention(g, "GeneOrGeneProduct", "DrugProt:G:" + g)
        .relation("Negative_Correlation", "DrugProt:C:" + c, "DrugProt:G:" + g, "");
    docs.push_back(b.doc);
  }
  return docs;
}

// Auxiliary documents teach the Chemical-Gene types, with their weight; their other
// candidates are not used, and they never touch the novelty model or the thresholds'
// held-out predictions (the novelty threshold is the same).
TEST(RelationTrainer, AuxiliaryCorpusTeachesChemicalGeneTypesOnly) {
  RelationTrainingOptions options;
  options.hash_bits = 14;
  options.folds = 2;
  options.auxiliary_weight = 1.0;
  std::ostringstream log;
  const auto train = synthetic_corpus(12, 0);  // Chemical-Disease relations only
  const RelationModel plain = train_relation_model(train, {}, options, log);
  // Chemical-Chemical and Chemical-Disease candidates of auxiliary documents: ignored.
  const RelationModel other_pairs = train_relation_model(train, {}, options, log, synthetic_corpus(6, 50));
  EXPECT_EQ(other_pairs.weights(), plain.weights());
  EXPECT_EQ(other_pairs.relation_threshold, plain.relation_threshold);

  std::ostringstream aux_log;
  const RelationModel with_aux = train_relation_model(train, {}, options, aux_log, chemical_gene_corpus(12));
  EXPECT_NE(aux_log.str().find("12 auxiliary documents, 12 Chemical-Gene candidates (related or sharing a sentence), 12 related"),
            std::string::npos)
      << aux_log.str();
  EXPECT_EQ(with_aux.novelty_weights(), plain.novelty_weights());
  EXPECT_EQ(with_aux.novelty_threshold, plain.novelty_threshold);
  options.auxiliary_weight = 0.3;
  const RelationModel light = train_relation_model(train, {}, options, log, chemical_gene_corpus(12));
  EXPECT_NE(light.weights(), with_aux.weights());
  // An unrelated Chemical-Gene pair is a "none" example when it shares a sentence, and no
  // example when it does not (DrugProt only annotates relations within a sentence).
  DocBuilder apart("apart", "Zorbin was given.", "Levels of KX5 were measured. Zorbin and KX6 were compared.");
  apart.mention("Zorbin", "ChemicalEntity", "DrugProt:C:zorbin").mention("KX5", "GeneOrGeneProduct", "DrugProt:G:kx5")
      .mention("Zorbin", "ChemicalEntity", "DrugProt:C:zorbin", 1).mention("KX6", "GeneOrGeneProduct", "DrugProt:G:kx6");
  std::ostringstream apart_log;
  train_relation_model(train, {}, options, apart_log, {apart.doc});
  EXPECT_NE(apart_log.str().find("1 auxiliary documents, 1 Chemical-Gene candidates (related or sharing a sentence), 0 related"),
            std::string::npos)
      << apart_log.str();
  // Auxiliary documents whose id is that of a Train or Dev document are left out (Dev
  // must never be trained on) and counted: the model is the one trained without them.
  std::vector<Document> with_train = train, dev = synthetic_corpus(2, 60);
  const std::vector<Document> aux = chemical_gene_corpus(12);
  with_train.push_back(aux[0]);
  dev.push_back(aux[1]);
  std::ostringstream excluded_log;
  const RelationModel excluded = train_relation_model(with_train, dev, options, excluded_log, aux);
  EXPECT_NE(excluded_log.str().find("2 auxiliary documents left out (id of a training or dev document)"),
            std::string::npos)
      << excluded_log.str();
  EXPECT_NE(excluded_log.str().find("10 auxiliary documents, 10 Chemical-Gene candidates"), std::string::npos)
      << excluded_log.str();
  const RelationModel without = train_relation_model(with_train, dev, options, log, {aux.begin() + 2, aux.end()});
  EXPECT_EQ(excluded.weights(), without.weights());

  // A new Chemical-Gene sentence: inhibition, learned only from the auxiliary corpus.
  DocBuilder b("new", "Study of lopramin.", "We found that lopramin inhibits KX9 strongly.");
  b.mention("lopramin", "ChemicalEntity", "C9").mention("lopramin", "ChemicalEntity", "C9", 1)
      .mention("KX9", "GeneOrGeneProduct", "G9");
  const std::vector<RelationExample> ex = build_relation_examples({b.doc}, options.hash_bits);
  ASSERT_EQ(ex.size(), 1u);
  std::array<double, kRelationClassCount> p_plain{}, p_aux{};
  plain.class_probabilities(ex[0].features, ClassPair::kChemicalGene, p_plain);
  with_aux.class_probabilities(ex[0].features, ClassPair::kChemicalGene, p_aux);
  const int negative = *relation_type_index("Negative_Correlation") + 1;
  EXPECT_GT(p_aux[negative], p_plain[negative] + 0.2);
  EXPECT_EQ(std::max_element(p_aux.begin() + 1, p_aux.end()) - p_aux.begin(), negative);
}

TEST(RelationModel, PredictionsOnlyUseAllowedTypes) {
  RelationModel model(10);
  // Push every feature towards Bind, which Chemical-Disease does not allow.
  const int bind = *relation_type_index("Bind");
  for (size_t f = 0; f < model.feature_count(); ++f) model.weights()[f * kRelationClassCount + 1 + bind] = 5.0f;
  RelationCandidate c;
  c.class_pair = ClassPair::kChemicalDisease;
  c.features = {1, 2, 3};
  std::array<double, kRelationClassCount> probs;
  model.class_probabilities(c, probs);
  EXPECT_EQ(probs[1 + bind], 0.0);
  EXPECT_NEAR(probs[0] + probs[1] + probs[2] + probs[3], 1.0, 1e-12);
  c.class_pair = ClassPair::kGeneGene;
  const RelationPrediction p = model.predict(c);
  EXPECT_EQ(p.type, bind);
  EXPECT_GT(p.score, 0.99);
}

// The novelty-only features: after the type model's (type_feature_count), and they say
// where the pair is stated. Wording that only the novelty cues read ("previously
// reported" vs "we found") changes the novelty part and leaves the type part alone
// when the other words are the same.
TEST(RelationFeatures, NoveltyFeaturesFollowTheTypeFeatures) {
  const auto candidate_with = [](const std::string& first, const std::string& second) {
    DocBuilder b("1", "A title.", first + " Zorbin inhibits BRCA1 in cells. " + second);
    b.mention("Zorbin", "ChemicalEntity", "D1").mention("BRCA1", "GeneOrGeneProduct", "672");
    const DocumentCandidates c = candidates_of(b.doc);
    const RelationCandidate* r = find_candidate(c, "D1", "672");
    EXPECT_NE(r, nullptr);
    return r ? *r : RelationCandidate{};
  };
  // The same sentences in another order: the pair's sentence is background (before the
  // study's "we") or study (after it).
  const RelationCandidate background = candidate_with("Tissue was studied.", "We used mice.");
  const RelationCandidate study = candidate_with("We used mice.", "Tissue was studied.");
  ASSERT_LT(background.type_feature_count, background.features.size());
  ASSERT_LT(study.type_feature_count, study.features.size());
  EXPECT_EQ(background.type_features().size(), background.type_feature_count);
  const std::vector<uint32_t> bg_novelty(background.features.begin() + background.type_feature_count,
                                         background.features.end());
  const std::vector<uint32_t> st_novelty(study.features.begin() + study.type_feature_count, study.features.end());
  EXPECT_NE(bg_novelty, st_novelty);

  // Cue words of the pair's own sentence: "known" (background) and "found" (a finding)
  // show in the novelty features.
  DocBuilder known("2", "A title.", "It is known that Zorbin inhibits BRCA1. Other text here.");
  known.mention("Zorbin", "ChemicalEntity", "D1").mention("BRCA1", "GeneOrGeneProduct", "672");
  DocBuilder found("2", "A title.", "It is found that Zorbin inhibits BRCA1. Other text here.");
  found.mention("Zorbin", "ChemicalEntity", "D1").mention("BRCA1", "GeneOrGeneProduct", "672");
  const DocumentCandidates ck = candidates_of(known.doc), cf = candidates_of(found.doc);
  const RelationCandidate* rk = find_candidate(ck, "D1", "672");
  const RelationCandidate* rf = find_candidate(cf, "D1", "672");
  ASSERT_TRUE(rk && rf);
  const std::vector<uint32_t> nk(rk->features.begin() + rk->type_feature_count, rk->features.end());
  const std::vector<uint32_t> nf(rf->features.begin() + rf->type_feature_count, rf->features.end());
  EXPECT_NE(nk, nf);

  // The type model reads only the type part: weights on the novelty-only features move
  // P(Novel), not the class probabilities.
  RelationModel model(16);
  for (size_t k = study.type_feature_count; k < study.features.size(); ++k) {
    const uint32_t f = study.features[k];
    model.novelty_weights()[f] = 1.0f;
    for (int c = 0; c < kRelationClassCount; ++c) model.weights()[size_t{f} * kRelationClassCount + c] = c == 1 ? 9.0f : 0.0f;
  }
  std::array<double, kRelationClassCount> probs;
  model.class_probabilities(study, probs);
  EXPECT_NEAR(probs[0], probs[1], 1e-12);  // the weights on Association were not read
  EXPECT_GT(model.novelty_probability(study), 0.6);
}

// Novelty thresholds per class pair: predict() uses the class pair's own threshold where
// it has one, the global one elsewhere; they survive save and load; version 1 files
// (global thresholds only) still load.
TEST(RelationModel, NoveltyThresholdPerClassPair) {
  RelationModel model(10);
  const int association = *relation_type_index("Association");
  RelationCandidate c;
  c.features = {5};
  for (int k = 0; k < kRelationClassCount; ++k) model.weights()[5 * kRelationClassCount + k] = k == 1 + association ? 6.0f : 0.0f;
  model.novelty_weights()[5] = 0.0f;  // P(Novel) = 0.5
  model.relation_threshold = 0.5;
  model.novelty_threshold = 0.4;
  model.pair_novelty_threshold[static_cast<size_t>(ClassPair::kChemicalDisease)] = 0.6;
  c.class_pair = ClassPair::kChemicalDisease;
  RelationPrediction p = model.predict(c);
  ASSERT_EQ(p.type, association);
  EXPECT_DOUBLE_EQ(p.novelty_probability, 0.5);
  EXPECT_FALSE(p.novel);  // 0.5 < 0.6, the pair's own
  c.class_pair = ClassPair::kDiseaseGene;
  p = model.predict(c);
  ASSERT_EQ(p.type, association);
  EXPECT_TRUE(p.novel);  // 0.5 >= 0.4, the global one
  EXPECT_DOUBLE_EQ(model.novelty_threshold_for(ClassPair::kDiseaseGene), 0.4);

  const std::string path = testing::temp_path("relation_pair_thresholds.bt");
  model.save(path);
  const RelationModel loaded = RelationModel::load(path);
  EXPECT_EQ(loaded.pair_novelty_threshold, model.pair_novelty_threshold);
  EXPECT_FALSE(loaded.predict(c).novel == false);
  c.class_pair = ClassPair::kChemicalDisease;
  EXPECT_FALSE(loaded.predict(c).novel);

  // A version 1 body: version, hash bits, classes, the two global thresholds, one row.
  BodyWriter w;
  w.put<uint32_t>(1);
  w.put<uint32_t>(10);
  w.put<uint32_t>(kRelationClassCount);
  w.put<double>(0.3);
  w.put<double>(0.45);
  w.put_row_indices({5});
  std::array<float, kRelationClassCount> row{};
  row[1 + association] = 6.0f;
  w.put_array(row.data(), row.size());
  w.put<float>(0.0f);
  save_model_file(path, "BTREL001", w.str());
  const RelationModel v1 = RelationModel::load(path);
  EXPECT_DOUBLE_EQ(v1.relation_threshold, 0.3);
  EXPECT_DOUBLE_EQ(v1.novelty_threshold, 0.45);
  for (size_t cp = 0; cp < kClassPairCount; ++cp)
    EXPECT_DOUBLE_EQ(v1.novelty_threshold_for(static_cast<ClassPair>(cp)), 0.45);
  EXPECT_TRUE(v1.predict(c).novel);  // 0.5 >= 0.45
  std::filesystem::remove(path);
}

// The score's calibration is isotonic: out-of-fold lines sorted by raw score, runs that
// would make the share of right lines fall pooled, one knot per pool at its mean raw
// score; between knots the score is interpolated, beyond them flat.
TEST(RelationTrainer, ScoreCalibrationIsIsotonic) {
  const std::vector<std::pair<float, float>> knots =
      fit_score_calibration({{0.6, true}, {0.1, false}, {0.4, false}, {0.2, false}, {0.3, true}, {0.5, true}});
  // 0.1 and 0.2 both wrong: one pool (0.15, 0); 0.3 right then 0.4 wrong: pooled (0.35,
  // 0.5); 0.5 and 0.6 right: (0.55, 1).
  ASSERT_EQ(knots.size(), 3u);
  EXPECT_FLOAT_EQ(knots[0].first, 0.15f);
  EXPECT_FLOAT_EQ(knots[0].second, 0.0f);
  EXPECT_FLOAT_EQ(knots[1].first, 0.35f);
  EXPECT_FLOAT_EQ(knots[1].second, 0.5f);
  EXPECT_FLOAT_EQ(knots[2].first, 0.55f);
  EXPECT_FLOAT_EQ(knots[2].second, 1.0f);
  RelationModel model(8);
  EXPECT_DOUBLE_EQ(model.calibrated_score(0.37), 0.37);  // no calibration: the raw score
  model.score_calibration = knots;
  EXPECT_NEAR(model.calibrated_score(0.25), 0.25, 1e-6);  // halfway between 0 and 0.5
  EXPECT_NEAR(model.calibrated_score(0.45), 0.75, 1e-6);
  EXPECT_DOUBLE_EQ(model.calibrated_score(0.01), 0.0);
  EXPECT_DOUBLE_EQ(model.calibrated_score(0.99), 1.0);
  // One raw score, one calibrated value: the share of right lines among its lines.
  const auto tied = fit_score_calibration({{0.5, false}, {0.5, true}, {0.5, true}});
  ASSERT_EQ(tied.size(), 1u);
  EXPECT_FLOAT_EQ(tied[0].second, 2.0f / 3.0f);
  EXPECT_TRUE(fit_score_calibration({}).empty());

  // Only the BioRED examples predicted related count, right when typed right.
  std::vector<RelationExample> examples(4);
  examples[0].label = 1;  // predicted Association (type 0) at 0.9: right
  examples[1].label = 2;  // predicted Association at 0.8: wrong type
  examples[2].label = 1;  // under the relation threshold: not a line
  examples[3].label = 1;
  examples[3].auxiliary = true;  // DrugProt: never scored
  const std::vector<OutOfFoldPrediction> held = {{0.9, 0, 0.5, 0.9}, {0.8, 0, 0.5, 0.8}, {0.2, 0, 0.5, 0.2}, {0.9, 0, 0.5, 0.9}};
  RelationModel thresholds(8);
  thresholds.relation_threshold = 0.5;
  const auto fitted = score_calibration_of(examples, held, thresholds);
  ASSERT_EQ(fitted.size(), 2u);
  EXPECT_FLOAT_EQ(fitted[0].first, 0.8f);
  EXPECT_FLOAT_EQ(fitted[0].second, 0.0f);
  EXPECT_FLOAT_EQ(fitted[1].first, 0.9f);
  EXPECT_FLOAT_EQ(fitted[1].second, 1.0f);

  // Saved and loaded with the model; a calibration that falls is a corrupt file.
  const std::string path = testing::temp_path("relation_calibration.bt");
  model.save(path);
  EXPECT_EQ(RelationModel::load(path).score_calibration, knots);
  model.score_calibration = {{0.2f, 0.6f}, {0.4f, 0.3f}};
  model.save(path);
  EXPECT_THROW(RelationModel::load(path), std::runtime_error);
  std::filesystem::remove(path);
}

// choose_relation_thresholds: the novelty threshold of a class pair with enough related
// pairs is its own, chosen on the pairs predicted with their right type; a class pair
// with fewer keeps the global one.
TEST(RelationTrainer, NoveltyThresholdsByClassPairFromOutOfFold) {
  std::vector<RelationExample> examples;
  std::vector<OutOfFoldPrediction> held;
  const auto add = [&](ClassPair cp, int label, int novel, double p_relation, int predicted, double p_novel) {
    RelationExample ex;
    ex.class_pair = cp;
    ex.label = label;
    ex.novelty = novel;
    examples.push_back(ex);
    held.push_back({p_relation, predicted, p_novel});
  };
  const int association = *relation_type_index("Association");
  // Chemical-Disease: 40 related pairs; Novel ones score 0.8, "No" ones 0.7: its best
  // threshold lies in (0.7, 0.8].
  for (int i = 0; i < 40; ++i) add(ClassPair::kChemicalDisease, 1 + association, i % 2, 0.9, association, i % 2 ? 0.8 : 0.7);
  // Disease-Gene: 60 related; Novel 0.3, No 0.2: its best threshold lies in (0.2, 0.3].
  for (int i = 0; i < 60; ++i) add(ClassPair::kDiseaseGene, 1 + association, i % 2, 0.9, association, i % 2 ? 0.3 : 0.2);
  // Gene-Gene: 10 related, too few for a threshold of its own.
  for (int i = 0; i < 10; ++i) add(ClassPair::kGeneGene, 1 + association, 1, 0.9, association, 0.1);
  // A wrongly typed pair does not count for novelty, nor does one under the relation threshold.
  add(ClassPair::kDiseaseGene, 1 + association, 0, 0.9, *relation_type_index("Positive_Correlation"), 0.9);
  for (int i = 0; i < 50; ++i) add(ClassPair::kDiseaseGene, 0, -1, 0.05, association, 0.5);
  RelationModel model(8);
  choose_relation_thresholds(examples, held, 111, model);
  const double cd = model.novelty_threshold_for(ClassPair::kChemicalDisease);
  const double dg = model.novelty_threshold_for(ClassPair::kDiseaseGene);
  EXPECT_GT(cd, 0.7);
  EXPECT_LE(cd, 0.8);
  EXPECT_GT(dg, 0.2);
  EXPECT_LE(dg, 0.3);
  EXPECT_LT(model.pair_novelty_threshold[static_cast<size_t>(ClassPair::kGeneGene)], 0.0);
  EXPECT_DOUBLE_EQ(model.novelty_threshold_for(ClassPair::kGeneGene), model.novelty_threshold);
  // The relation threshold separates the related pairs (0.9) from the others (0.05).
  EXPECT_GT(model.relation_threshold, 0.05);
  EXPECT_LE(model.relation_threshold, 0.9);
}

// Trains on BioRED Train and reports Dev with gold entities.
TEST(RelationBioRED, DevScoresWithGoldEntities) {
  if (!testing::shared_available()) GTEST_SKIP() << "no ../shared";
  const std::string dir = testing::shared_dir() + "/corpora/biored/";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Document> train = load_documents({dir + "Train.PubTator"});
  const std::vector<Document> dev = load_documents({dir + "Dev.PubTator"});
  RelationTrainingOptions options;
  std::ostringstream log;
  const RelationModel model = train_relation_model(train, {}, options, log);
  const auto trained = std::chrono::steady_clock::now();
  const EvalReport r = evaluate_relations_with_gold_entities(model, dev);
  std::printf("%s", log.str().c_str());
  std::printf("training %.1f s\n", std::chrono::duration<double>(trained - start).count());
  const auto row = [](const char* name, const Counts& c) {
    std::printf("BioRED Dev, gold entities, %-18s P %.2f R %.2f F1 %.2f (tp %lld fp %lld fn %lld)\n", name,
                100 * c.precision(), 100 * c.recall(), 100 * c.f1(), static_cast<long long>(c.tp),
                static_cast<long long>(c.fp), static_cast<long long>(c.fn));
  };
  row("pair", r.relation_pair);
  row("pair+type", r.relation_type);
  row("pair+type+novelty", r.relation_novelty);
  // Floors a few points under what this model reaches (pair 67.3, +type 49.3, +novelty 37.3).
  EXPECT_GT(r.relation_pair.f1(), 0.63);
  EXPECT_GT(r.relation_type.f1(), 0.45);
  EXPECT_GT(r.relation_novelty.f1(), 0.33);
}

}  // namespace
}  // namespace biotator
