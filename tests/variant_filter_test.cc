// The learned variant filter: trained on a hand-written fixture corpus whose grammar
// candidates include look-alikes (cell names "T315A cells", "T98G cells", tags "E2A
// tag", haplotypes "H2K", panel labels "(S1A)"), it must drop those and keep the true
// protein changes; the model file round-trips and rejects truncation; training is
// deterministic.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "annotation_pipeline.h"
#include "corpus_reader.h"
#include "model_bundle.h"
#include "model_file.h"
#include "test_paths.h"
#include "variant_filter.h"
#include "variant_filter_trainer.h"
#include "variant_recognizer.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

std::vector<Document> fixture_documents() {
  return load_documents({testing::test_data("variant_filter/fixture.pubtator")});
}

VariantFilter train_fixture_filter(std::ostream& log) {
  VariantFilterTrainingOptions options;
  options.hash_bits = 12;
  options.folds = 0;  // seven documents are too few to cross-validate: threshold 0.5
  return train_variant_filter({{"fixture", fixture_documents()}}, {}, options, log);
}

std::vector<std::string> surfaces(std::string_view text, const std::vector<VariantMention>& mentions) {
  std::vector<std::string> out;
  for (const VariantMention& m : mentions) out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

TEST(VariantFilterTest, FixtureHasTrueVariantsAndLookAlikes) {
  // The premise of the other tests: the grammar alone proposes both kinds.
  std::ostringstream log;
  size_t gold = 0;
  const auto examples = build_variant_filter_examples(fixture_documents(), 12, &gold);
  size_t positives = 0;
  for (const auto& e : examples) positives += e.positive;
  EXPECT_EQ(gold, 16u);
  EXPECT_EQ(positives, 16u);
  EXPECT_GE(examples.size() - positives, 15u);
}

TEST(VariantFilterTest, DropsLookAlikesAndKeepsVariants) {
  std::ostringstream log;
  const VariantFilter filter = train_fixture_filter(log);
  EXPECT_NE(log.str().find("false hits"), std::string::npos);
  // A text the filter has not seen, in the contexts it has.
  const std::string text =
      "The K601E mutation was found in T315A cells and in T98G cells; the E2A tag and the H2K haplotype "
      "were controls (S1A), and the Q61R mutation too.";
  std::vector<VariantMention> candidates;
  find_variants(text, candidates);
  const std::vector<std::string> before = surfaces(text, candidates);
  ASSERT_EQ(before, (std::vector<std::string>{"K601E", "T315A", "T98G", "E2A", "H2K", "S1A", "Q61R"}));
  EXPECT_EQ(filter.filter(text, candidates), 5u);
  EXPECT_EQ(surfaces(text, candidates), (std::vector<std::string>{"K601E", "Q61R"}));
}

TEST(VariantFilterTest, ScoresSeparateTrainingCandidates) {
  std::ostringstream log;
  const VariantFilter filter = train_fixture_filter(log);
  const auto examples = build_variant_filter_examples(fixture_documents(), filter.hash_bits());
  for (const auto& e : examples) {
    const double p = filter.probability(e.features);
    if (e.positive) EXPECT_GT(p, filter.threshold);
    else EXPECT_LT(p, filter.threshold);
  }
}

TEST(VariantFilterTest, SaveLoadRoundTrip) {
  std::ostringstream log;
  VariantFilter filter = train_fixture_filter(log);
  filter.threshold = 0.375;
  const std::string path = testing::temp_path("variant_filter_roundtrip.bt");
  filter.save(path);
  const VariantFilter loaded = VariantFilter::load(path);
  EXPECT_EQ(loaded.hash_bits(), filter.hash_bits());
  EXPECT_EQ(loaded.threshold, 0.375);
  EXPECT_EQ(loaded.weights(), filter.weights());
  fs::remove(path);
}

TEST(VariantFilterTest, TruncatedOrForeignModelFileIsAnError) {
  std::ostringstream log;
  const VariantFilter filter = train_fixture_filter(log);
  const std::string path = testing::temp_path("variant_filter_truncated.bt");
  filter.save(path);
  // The compressed container cut short.
  const std::string bytes = testing::read_file(path);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  EXPECT_THROW(VariantFilter::load(path), std::runtime_error);
  // A well-formed container whose body is cut short.
  filter.save(path);
  const std::string body = load_model_file(path, "BTVFLT01");
  save_model_file(path, "BTVFLT01", std::string_view(body).substr(0, body.size() - 3));
  EXPECT_THROW(VariantFilter::load(path), std::runtime_error);
  // Another model kind.
  save_model_file(path, "BTREL001", body);
  EXPECT_THROW(VariantFilter::load(path), std::runtime_error);
  fs::remove(path);
}

TEST(VariantFilterTest, TrainingIsDeterministic) {
  std::ostringstream log1, log2;
  const std::string a = testing::temp_path("variant_filter_a.bt"), b = testing::temp_path("variant_filter_b.bt");
  train_fixture_filter(log1).save(a);
  train_fixture_filter(log2).save(b);
  EXPECT_EQ(testing::read_file(a), testing::read_file(b));
  EXPECT_EQ(log1.str(), log2.str());
  fs::remove(a);
  fs::remove(b);
}

TEST(VariantFilterTest, CrossValidationChoosesAThresholdAndReports) {
  VariantFilterTrainingOptions options;
  options.hash_bits = 12;
  options.folds = 3;
  std::ostringstream log;
  const VariantFilter filter = train_variant_filter({{"fixture", fixture_documents()}}, fixture_documents(), options, log);
  EXPECT_GE(filter.threshold, 0.0);
  EXPECT_LE(filter.threshold, 1.0);
  EXPECT_NE(log.str().find("grammar + filter, cv"), std::string::npos);
  EXPECT_NE(log.str().find("held-out documents"), std::string::npos);
}

TEST(VariantFilterTest, BundleLoadsTheFilterAndThePipelineApplies) {
  // The pipeline needs the entity recognizer: the committed models, linked beside the
  // filter in a temporary bundle directory.
  const fs::path models = fs::path(testing::source_dir()) / "models";
  if (!fs::exists(models / ModelBundle::kNerFile)) GTEST_SKIP() << "no committed models/ner.bt";
  const fs::path dir = testing::temp_path("variant_filter_bundle");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* name : {ModelBundle::kLexiconFile, ModelBundle::kNerFile, ModelBundle::kClustersFile})
    if (fs::exists(models / name)) fs::create_symlink(models / name, dir / name);
  Document doc;
  doc.id = "1";
  doc.passages.push_back({});
  doc.passages.back().type = "title";
  doc.passages.back().text = "The K601E mutation was found in mice with the H2K haplotype.";
  auto variants = [](const Document& d) {
    std::vector<std::string> out;
    for (const Annotation& a : d.annotations)
      if (a.type == "ProteinMutation" || a.type == "DNAMutation" || a.type == "SNP") out.push_back(a.text);
    return out;
  };

  {
    // Without variant_filter.bt the grammar is not filtered.
    const ModelBundle bundle = ModelBundle::load(dir.string());
    EXPECT_EQ(bundle.variant_filter, nullptr);
    AnnotationPipeline pipeline(bundle, PipelineOptions{});
    Document d = doc;
    pipeline.annotate(d);
    EXPECT_EQ(variants(d), (std::vector<std::string>{"K601E", "H2K"}));
  }
  std::ostringstream log;
  train_fixture_filter(log).save((dir / ModelBundle::kVariantFilterFile).string());
  const ModelBundle bundle = ModelBundle::load(dir.string());
  ASSERT_NE(bundle.variant_filter, nullptr);
  AnnotationPipeline pipeline(bundle, PipelineOptions{});
  Document d = doc;
  pipeline.annotate(d);
  EXPECT_EQ(variants(d), (std::vector<std::string>{"K601E"}));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace biotator
